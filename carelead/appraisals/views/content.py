"""Pages for the content of an appraisal: behaviours, objectives, the development plan and
evidence. Every page about one appraisal reaches it through ``appraisal_for_viewer`` (404
without a role on it); writes go through ``services.content``."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.appraisals.forms import content as forms
from carelead.appraisals.policy import edi_objective_required
from carelead.appraisals.presenters import content as presenters
from carelead.appraisals.selectors import content as selectors
from carelead.appraisals.selectors.access import appraisal_for_viewer
from carelead.appraisals.services import content as services
from carelead.appraisals.workflow import APPRAISEE, APPRAISER
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.people.selectors import own_person

EDITORS = {APPRAISEE, APPRAISER}


def _posted_version(request, appraisal) -> int:
    """The appraisal version the submitted form was built from (the page's hidden field)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return appraisal.version


def _try(form, call) -> tuple[object, bool]:
    """Run a service call; on a ValidationError show it on the form. Returns (result,
    stale): a stale form is shown again with the current version, so saving once more
    applies the user's input on top of the other change they have now been told about."""
    try:
        return call(), False
    except ValidationError as error:
        add_service_errors(form, error)
        return None, getattr(error, "code", None) == "stale"


def _render(request, template, context, form=None, *, version=None):
    appraisal = context.get("appraisal")
    if appraisal is not None:
        context.setdefault("home_url", presenters.appraisal_home_url(appraisal))
        context["form_version"] = version if version is not None else appraisal.version
    if form is not None:
        context["form"] = form
        context["form_errors"] = error_list(form) if form.is_bound else []
    return render(request, template, context)


def _version_after_error(request, appraisal, stale: bool) -> int:
    return appraisal.version if stale else _posted_version(request, appraisal)


# --- behaviours -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def behaviours(request, pk: int):
    appraisal = appraisal_for_viewer(request.user, pk)
    roles = appraisal.viewer_roles
    assessments = selectors.behaviour_assessments(appraisal)
    levels = selectors.rating_levels(appraisal)
    party, with_agreed = presenters.behaviour_party(appraisal, roles)
    form = None
    if party and assessments:
        form = forms.BehavioursForm(
            request.POST if request.method == "POST" else None,
            assessments=assessments,
            levels=levels,
            party=party,
            with_agreed=with_agreed,
        )
    version = None
    if request.method == "POST":
        if form is None:
            messages.error(request, "You cannot change the ratings at this stage.")
            return redirect("appraisals:behaviours", pk=appraisal.pk)
        if form.is_valid():
            save = (
                services.behaviours_self_assess
                if party == "self"
                else services.behaviours_appraiser_assess
            )
            _, stale = _try(
                form,
                lambda: save(
                    actor=request.user,
                    appraisal=appraisal,
                    expected_version=_posted_version(request, appraisal),
                    entries=form.entries(),
                ),
            )
            if not form.errors:
                messages.success(request, "Your ratings have been saved.")
                return redirect("appraisals:behaviours", pk=appraisal.pk)
            version = _version_after_error(request, appraisal, stale)
        else:
            version = _posted_version(request, appraisal)
    return _render(
        request,
        "appraisals/content/behaviours.jinja",
        {
            "page_title": "Behaviours",
            "appraisal": appraisal,
            "rows": presenters.behaviour_rows(appraisal, assessments, roles),
            "levels": levels,
            "party": party,
            "shared": appraisal.status in selectors.SHARED_RATING_STATUSES,
            "started": bool(assessments),
        },
        form,
        version=version,
    )


# --- objectives -------------------------------------------------------------------------------


def objectives(request, pk: int):
    appraisal = appraisal_for_viewer(request.user, pk)
    rows = selectors.objectives_of(appraisal)
    return _render(
        request,
        "appraisals/content/objectives.jinja",
        {
            "page_title": "Objectives",
            "appraisal": appraisal,
            "objectives": presenters.objective_rows(rows),
            "edi": presenters.edi_status(appraisal, rows),
            "may_add": bool(appraisal.viewer_roles & EDITORS)
            and appraisal.status in selectors.PLAN_EDIT_STATUSES,
            "may_update": bool(appraisal.viewer_roles & EDITORS)
            and appraisal.status in selectors.PROGRESS_STATUSES,
        },
    )


@require_http_methods(["GET", "POST"])
def objective_add(request, pk: int):
    appraisal = appraisal_for_viewer(request.user, pk, roles=EDITORS)
    if appraisal.status not in selectors.PLAN_EDIT_STATUSES:
        messages.error(request, "Objectives cannot be added at this stage of the appraisal.")
        return redirect("appraisals:objectives", pk=appraisal.pk)
    form = forms.ObjectiveForm(
        request.POST or None, priorities=list(selectors.active_priorities(appraisal))
    )
    version = None
    if request.method == "POST" and form.is_valid():
        _, stale = _try(
            form,
            lambda: services.objective_create(
                actor=request.user,
                appraisal=appraisal,
                expected_version=_posted_version(request, appraisal),
                **form.cleaned_data,
            ),
        )
        if not form.errors:
            messages.success(request, "The objective has been added.")
            return redirect("appraisals:objectives", pk=appraisal.pk)
        version = _version_after_error(request, appraisal, stale)
    elif request.method == "POST":
        version = _posted_version(request, appraisal)
    return _render(
        request,
        "appraisals/content/objective_form.jinja",
        {
            "page_title": "Add an objective",
            "appraisal": appraisal,
            "full": True,
            "edi_required": edi_objective_required(appraisal),
        },
        form,
        version=version,
    )


@require_http_methods(["GET", "POST"])
def objective_edit(request, pk: int):
    objective = selectors.objective_for_viewer(request.user, pk, roles=EDITORS)
    appraisal = objective.appraisal
    full = appraisal.status in selectors.PLAN_EDIT_STATUSES
    if not full and appraisal.status not in selectors.PROGRESS_STATUSES:
        messages.error(request, "This objective can no longer be changed.")
        return redirect("appraisals:objectives", pk=appraisal.pk)
    data = request.POST if request.method == "POST" else None
    if full:
        initial = {name: getattr(objective, name) for name in services.OBJECTIVE_FIELDS}
        initial["priority"] = str(objective.priority_id or "")
        priorities = list(selectors.active_priorities(appraisal))
        if objective.priority and objective.priority not in priorities:
            # A priority retired since keeps showing on the objectives that link to it.
            priorities.append(objective.priority)
        form = forms.ObjectiveForm(data, initial=initial, priorities=priorities)
    else:
        form = forms.ProgressForm(
            data,
            initial={"progress": objective.progress, "progress_note": objective.progress_note},
        )
    version = None
    if request.method == "POST" and form.is_valid():
        expected = _posted_version(request, appraisal)
        if full:

            def call():
                return services.objective_update(
                    actor=request.user,
                    objective=objective,
                    expected_version=expected,
                    **form.cleaned_data,
                )

        else:

            def call():
                return services.objective_progress_update(
                    actor=request.user,
                    objective=objective,
                    expected_version=expected,
                    **form.cleaned_data,
                )

        _, stale = _try(form, call)
        if not form.errors:
            messages.success(request, "The objective has been updated.")
            return redirect("appraisals:objectives", pk=appraisal.pk)
        version = _version_after_error(request, appraisal, stale)
    elif request.method == "POST":
        version = _posted_version(request, appraisal)
    return _render(
        request,
        "appraisals/content/objective_form.jinja",
        {
            "page_title": "Change an objective" if full else "Update progress",
            "appraisal": appraisal,
            "objective": objective,
            "carried_from": presenters.carried_from_text(objective),
            "full": full,
            "edi_required": edi_objective_required(appraisal),
        },
        form,
        version=version,
    )


# --- development plan -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def development(request, pk: int):
    appraisal = appraisal_for_viewer(request.user, pk)
    items = selectors.development_items_of(appraisal)
    may_update = (
        bool(appraisal.viewer_roles & EDITORS) and appraisal.status in selectors.PROGRESS_STATUSES
    )
    if request.method == "POST":
        # One small form per plan item moves its status on.
        by_pk = {str(d.pk): d for d in items}
        target = by_pk.get(request.POST.get("development", ""))
        form = forms.DevelopmentStatusForm(request.POST)
        if not may_update or target is None:
            messages.error(request, "You cannot change the development plan at this stage.")
        elif not form.is_valid():
            messages.error(request, "Choose a status for the development item.")
        else:
            try:
                target.appraisal = appraisal
                services.development_item_set_status(
                    actor=request.user,
                    development=target,
                    expected_version=_posted_version(request, appraisal),
                    status=form.cleaned_data["status"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "The development plan has been updated.")
        return redirect("appraisals:development", pk=appraisal.pk)
    suggestions = selectors.suggested_programmes(appraisal, [d.item_id for d in items])
    return _render(
        request,
        "appraisals/content/development.jinja",
        {
            "page_title": "Development plan",
            "appraisal": appraisal,
            "items": presenters.development_rows(items, suggestions),
            "statuses": forms.DevelopmentStatusForm.base_fields["status"].choices,
            "may_add": bool(appraisal.viewer_roles & EDITORS)
            and appraisal.status in selectors.PLAN_EDIT_STATUSES,
            "may_update": may_update,
        },
    )


@require_http_methods(["GET", "POST"])
def development_add(request, pk: int):
    appraisal = appraisal_for_viewer(request.user, pk, roles=EDITORS)
    if appraisal.status not in selectors.PLAN_EDIT_STATUSES:
        messages.error(request, "The development plan cannot be changed at this stage.")
        return redirect("appraisals:development", pk=appraisal.pk)
    form = forms.DevelopmentItemForm(
        request.POST or None,
        competencies=list(selectors.plan_competencies(appraisal)),
        programmes=list(selectors.open_programmes()),
    )
    version = None
    suggestions, chosen = [], None
    if request.method == "POST":
        version = _posted_version(request, appraisal)
        chosen = form.competencies.get(request.POST.get("item", ""))
        if "suggest" in request.POST:
            # "Show suggested programmes" re-shows the form with suggestions for the chosen
            # competency, without saving and without JavaScript.
            initial = request.POST.dict()
            initial["due_on"] = tuple(
                request.POST.get(f"due_on[{part}]", "") for part in ("day", "month", "year")
            )
            form = forms.DevelopmentItemForm(
                initial=initial,
                competencies=list(form.competencies.values()),
                programmes=list(form.programmes.values()),
            )
        elif form.is_valid():
            _, stale = _try(
                form,
                lambda: services.development_item_create(
                    actor=request.user,
                    appraisal=appraisal,
                    expected_version=version,
                    **form.cleaned_data,
                ),
            )
            if not form.errors:
                messages.success(request, "The development item has been added.")
                return redirect("appraisals:development", pk=appraisal.pk)
            version = _version_after_error(request, appraisal, stale)
    if chosen is not None:
        found = selectors.suggested_programmes(appraisal, [chosen.pk]).get(chosen.pk, [])
        suggestions = [(p.title, *presenters.programme_link(p)) for p in found]
    return _render(
        request,
        "appraisals/content/development_add.jinja",
        {
            "page_title": "Add to the development plan",
            "appraisal": appraisal,
            "chosen": chosen,
            "suggestions": suggestions,
        },
        form,
        version=version,
    )


# --- evidence ---------------------------------------------------------------------------------


@permission_required("appraisals.view_own", raise_exception=True)
@require_http_methods(["GET", "POST"])
def my_evidence(request):
    person = own_person(request.user)
    form = forms.EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _try(form, lambda: services.evidence_create(actor=request.user, **form.cleaned_data))
        if not form.errors:
            messages.success(request, "Your evidence has been added to your library.")
            return redirect("appraisals:my_evidence")
    return _render(
        request,
        "appraisals/content/my_evidence.jinja",
        {"page_title": "My evidence", "library": selectors.evidence_library(person.pk)},
        form,
    )


@require_http_methods(["GET", "POST"])
def evidence(request, pk: int):
    appraisal = appraisal_for_viewer(request.user, pk)
    may_attach = (
        APPRAISEE in appraisal.viewer_roles and appraisal.status in selectors.EVIDENCE_STATUSES
    )
    form = None
    if may_attach:
        behaviours = [a.item for a in selectors.behaviour_assessments(appraisal)]
        form = forms.AttachEvidenceForm(
            request.POST if request.method == "POST" else None,
            library=selectors.evidence_library(appraisal.person_id),
            behaviours=behaviours,
        )
    version = None
    if request.method == "POST":
        if form is None:
            messages.error(request, "You cannot attach evidence to this appraisal now.")
            return redirect("appraisals:evidence", pk=appraisal.pk)
        if form.is_valid():
            _, stale = _try(
                form,
                lambda: services.evidence_attach(
                    actor=request.user,
                    appraisal=appraisal,
                    expected_version=_posted_version(request, appraisal),
                    **form.cleaned_data,
                ),
            )
            if not form.errors:
                messages.success(request, "The evidence has been attached.")
                return redirect("appraisals:evidence", pk=appraisal.pk)
            version = _version_after_error(request, appraisal, stale)
        else:
            version = _posted_version(request, appraisal)
    return _render(
        request,
        "appraisals/content/evidence.jinja",
        {
            "page_title": "Evidence",
            "appraisal": appraisal,
            "attached": selectors.attached_evidence(appraisal),
        },
        form,
        version=version,
    )
