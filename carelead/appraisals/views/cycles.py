"""The people lead's cycle pages (cycles, exceptions, priorities) and the delegation page
used by an appraiser or a people lead."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from carelead.appraisals.forms.cycles import (
    CycleForm,
    DelegateForm,
    ExceptionResolveForm,
    OrganisationChoiceForm,
    PriorityForm,
)
from carelead.appraisals.models import Cycle, Template
from carelead.appraisals.presenters import cycles as presenters
from carelead.appraisals.selectors import cycles as selectors
from carelead.appraisals.selectors.access import appraisal_for_viewer
from carelead.appraisals.services import cycles as services
from carelead.appraisals.workflow import APPRAISER, PEOPLE_LEAD
from carelead.core.wording import plural
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.standards.selectors import stage_for_employment, stages_of

APPRAISALS_PAGE_SIZE = 50


@permission_required("appraisals.manage_cycles", raise_exception=True)
def cycle_list(request):
    cycles = selectors.cycles_for_manager(request.user)
    return render(
        request,
        "appraisals/cycles/cycle_list.jinja",
        {
            "page_title": "Appraisal cycles",
            "rows": presenters.cycle_rows(cycles),
            "can_create": bool(selectors.manageable_organisations(request.user)),
        },
    )


@permission_required("appraisals.manage_cycles", raise_exception=True)
@require_http_methods(["GET", "POST"])
def cycle_create(request):
    organisations = selectors.manageable_organisations(request.user)
    templates = selectors.templates()
    form = CycleForm(
        request.POST or None,
        organisations=organisations,
        templates=templates,
    )
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{cycle.title} has been created. Open it when ready.")
            return redirect("appraisals:cycle_detail", pk=cycle.pk)
    return render(
        request,
        "appraisals/cycles/cycle_create.jinja",
        {
            "page_title": "Create an appraisal cycle",
            "form": form,
            "form_errors": error_list(form) if form.errors else None,
            "organisations": organisations,
            "templates": templates,
        },
    )


@permission_required("appraisals.manage_cycles", raise_exception=True)
def cycle_detail(request, pk):
    cycle = selectors.cycle_for_manager(request.user, pk)
    counts = selectors.status_counts_by_cycle([cycle.pk]).get(cycle.pk, {})
    page = Paginator(selectors.cycle_appraisals(cycle), APPRAISALS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    board = presenters.is_board(cycle)
    return render(
        request,
        "appraisals/cycles/cycle_detail.jinja",
        {
            "page_title": cycle.title,
            "cycle": cycle,
            "summary": presenters.cycle_summary(cycle),
            "counts": presenters.count_rows(counts),
            "exceptions": presenters.exception_rows(selectors.open_exceptions(cycle)),
            "resolved_exceptions": selectors.resolved_exception_count(cycle),
            "page": page,
            "appraisals": presenters.appraisal_rows(page.object_list),
            "is_draft": cycle.status == Cycle.Status.DRAFT,
            "board_members_href": presenters.url_for("appraisals:board_members", pk=cycle.pk)
            if board
            else None,
        },
    )


@permission_required("appraisals.manage_cycles", raise_exception=True)
@require_http_methods(["GET", "POST"])
def cycle_open(request, pk):
    cycle = selectors.cycle_for_manager(request.user, pk)
    error = None
    if request.method == "POST" and cycle.status == Cycle.Status.DRAFT:
        try:
            result = services.cycle_open(actor=request.user, cycle=cycle)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            if cycle.template.kind == Template.Kind.BOARD:
                text = f"{cycle.title} is open. Add the board members to appraise."
            else:
                text = (
                    f"{cycle.title} is open: {plural(result.created, 'appraisal')} created, "
                    f"{plural(result.exceptions, 'exception')} to resolve."
                )
            messages.success(request, text)
            return redirect("appraisals:cycle_detail", pk=cycle.pk)
    return render(
        request,
        "appraisals/cycles/cycle_open.jinja",
        {
            "page_title": f"Open {cycle.title}",
            "cycle": cycle,
            "is_draft": cycle.status == Cycle.Status.DRAFT,
            "is_board": presenters.is_board(cycle),
            "summary": presenters.cycle_summary(cycle),
            "error": error,
            "form_errors": [{"text": error, "href": "#open"}] if error else None,
        },
    )


@permission_required("appraisals.manage_cycles", raise_exception=True)
@require_http_methods(["GET", "POST"])
def exception_resolve(request, pk):
    exception = selectors.exception_for_manager(request.user, pk)
    cycle = exception.cycle
    needs_stage = (
        not exception.resolution
        and stage_for_employment(exception.employment, cycle.framework_version) is None
    )
    stages = stages_of(cycle.framework_version) if needs_stage else ()
    form = ExceptionResolveForm(request.POST or None, exception=exception, stages=stages)
    if request.method == "POST" and not exception.resolution and form.is_valid():
        try:
            appraisal = services.exception_resolve(
                actor=request.user, exception=exception, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if appraisal is None:
                text = f"{exception.person} is not appraised in this cycle."
            else:
                text = f"{exception.person} now has an appraisal with {appraisal.appraiser}."
            messages.success(request, text)
            return redirect("appraisals:cycle_detail", pk=cycle.pk)
    return render(
        request,
        "appraisals/cycles/exception_resolve.jinja",
        {
            "page_title": f"Resolve the exception for {exception.person}",
            "exception": exception,
            "cycle": cycle,
            "manager": exception.employment.line_manager,
            "form": form,
            "form_errors": error_list(form) if form.errors else None,
        },
    )


def _after_delegation(request, appraisal):
    if PEOPLE_LEAD in appraisal.viewer_roles:
        return redirect("appraisals:cycle_detail", pk=appraisal.cycle_id)
    # The appraiser has handed the appraisal on: back to their list (the workflow area's
    # page), or home until it exists.
    try:
        return redirect(reverse("appraisals:appraising"))
    except NoReverseMatch:
        return redirect("core:home")


@login_required
@require_http_methods(["GET", "POST"])
def delegate(request, pk):
    appraisal = appraisal_for_viewer(request.user, pk, roles={APPRAISER, PEOPLE_LEAD})
    form = DelegateForm(
        request.POST or None, appraisal=appraisal, initial={"version": appraisal.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.appraiser_delegate(
                actor=request.user, appraisal=appraisal, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{form.appraiser_employment.person} is now {appraisal.person}'s appraiser.",
            )
            return _after_delegation(request, appraisal)
    return render(
        request,
        "appraisals/cycles/delegate.jinja",
        {
            "page_title": f"Change {appraisal.person}'s appraiser",
            "appraisal": appraisal,
            "form": form,
            "form_errors": error_list(form) if form.errors else None,
            "back_href": reverse("appraisals:cycle_detail", kwargs={"pk": appraisal.cycle_id})
            if PEOPLE_LEAD in appraisal.viewer_roles
            else presenters.url_for("appraisals:detail", pk=appraisal.pk),
        },
    )


@permission_required("appraisals.manage_cycles", raise_exception=True)
@require_http_methods(["GET", "POST"])
def priority_list(request):
    organisations = selectors.manageable_organisations(request.user)
    ods = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = selectors.manageable_organisation(organisations, ods)
    form = PriorityForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST" and organisation is not None:
        action = request.POST.get("action")
        if action == "add" and form.is_valid():
            try:
                priority = services.priority_create(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Priority added: {priority.title}.")
                return redirect(_priority_url(organisation, organisations))
        elif action in ("deactivate", "activate"):
            priority = selectors.priority_for_manager(request.user, request.POST.get("priority"))
            if priority.organisation_id != organisation.pk:
                raise Http404("No such priority")
            services.priority_update(
                actor=request.user, priority=priority, is_active=action == "activate"
            )
            state = "active again" if action == "activate" else "no longer offered"
            messages.success(request, f"{priority.title} is {state}.")
            return redirect(_priority_url(organisation, organisations))
    return render(
        request,
        "appraisals/cycles/priority_list.jinja",
        {
            "page_title": f"Organisational priorities at {organisation.name}"
            if organisation
            else "Organisational priorities",
            "organisation": organisation,
            "choice": OrganisationChoiceForm(
                {"organisation": organisation.ods_code}, organisations=organisations
            )
            if organisation is not None and len(organisations) > 1
            else None,
            "priorities": selectors.priorities_for(organisation) if organisation else [],
            "form": form,
            "form_errors": error_list(form) if form.errors else None,
        },
    )


def _priority_url(organisation, organisations) -> str:
    url = reverse("appraisals:priority_list")
    if len(organisations) > 1:
        url += f"?organisation={organisation.ods_code}"
    return url
