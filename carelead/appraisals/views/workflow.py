"""Pages for the appraisal workflow: my appraisals, the appraiser's list, an appraisal's task
list with the actions the viewer may take, the section pages that belong to the conversation
(reflection, wellbeing, career aspiration, summary and sign-off) and a new line manager's
consented view of a report's last appraisal.

Every page about one appraisal asks ``appraisal_for_viewer`` first: no role on it is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from carelead.appraisals import workflow
from carelead.appraisals.forms.workflow import (
    ActionForm,
    AspirationForm,
    CommentForm,
    ConsentForm,
    ReflectionForm,
    SummaryForm,
    WellbeingForm,
)
from carelead.appraisals.presenters import workflow as presenters
from carelead.appraisals.presenters.board import board_panel
from carelead.appraisals.selectors import workflow as selectors
from carelead.appraisals.selectors.access import appraisal_for_viewer
from carelead.appraisals.services import workflow as services
from carelead.nhsuk_forms.forms import add_service_errors, error_list

APPRAISEE, APPRAISER = workflow.APPRAISEE, workflow.APPRAISER
#: Pages a transition may return to (the button says where it was pressed).
RETURN_TO = {"detail": "appraisals:detail", "summary": "appraisals:summary"}


def _keep_input(form_class, request, current, conflict, **kwargs):
    """The posted form again, at the appraisal's current version, with the conflict said at
    the top: the user's input survives, and saving again is a deliberate choice."""
    data = request.POST.copy()
    prefix = kwargs.get("prefix")
    data[f"{prefix}-version" if prefix else "version"] = str(current.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, conflict.messages[0])
    return form


def _action_forms(user, appraisal, *, bound: ActionForm | None = None) -> list[ActionForm]:
    forms = []
    for action, step in services.actions_for(user, appraisal, appraisal.viewer_roles).items():
        if bound is not None and bound.action == action:
            forms.append(bound)
            continue
        forms.append(
            ActionForm(action=action, transition=step, initial={"version": appraisal.version})
        )
    return forms


def _action_forms_for(forms, *actions) -> list[ActionForm]:
    return [f for f in forms if f.action in actions]


# --- lists ----------------------------------------------------------------------------------


@permission_required("appraisals.view_own", raise_exception=True)
def my_appraisals(request):
    rows = presenters.list_rows(selectors.own_appraisals(request.user), show_person=False)
    return render(
        request,
        "appraisals/workflow/my_appraisals.jinja",
        {
            "page_title": "My appraisals",
            "current": [r for r in rows if r["live"]],
            "history": [r for r in rows if not r["live"]],
        },
    )


@permission_required("appraisals.appraise", raise_exception=True)
def appraising(request):
    rows = presenters.list_rows(selectors.appraisals_to_appraise(request.user), show_person=True)
    return render(
        request,
        "appraisals/workflow/appraising.jinja",
        {
            "page_title": "Appraisals you carry out",
            "current": [r for r in rows if r["live"]],
            "finished": [r for r in rows if not r["live"]],
        },
    )


# --- one appraisal --------------------------------------------------------------------------


def _detail_context(request, appraisal, *, forms=None) -> dict:
    roles = appraisal.viewer_roles
    participant = bool(roles & {APPRAISEE, APPRAISER})
    counts = selectors.task_counts(appraisal)
    tasks = presenters.task_items(appraisal, counts)
    if not participant:
        # The wellbeing conversation is the two people's own: others see only its status.
        for task in tasks:
            if task["title"]["text"] == "Wellbeing conversation":
                task["href"] = None
    forms = forms if forms is not None else _action_forms(request.user, appraisal)
    since = selectors.since_last_appraisal(appraisal) if participant else None
    feedback_href = None
    if since and since.feedback_request and APPRAISEE in roles:
        feedback_href = presenters.link("appraisals:feedback_report", since.previous.pk)
    return {
        "page_title": f"Appraisal for {appraisal.person.full_name}",
        "appraisal": appraisal,
        "status": presenters.status_tag(appraisal),
        "deadline": presenters.deadline_text(appraisal),
        "summary_rows": presenters.summary_rows(appraisal),
        "tasks": tasks,
        "action_forms": forms,
        "history": presenters.history_rows(selectors.transition_history(appraisal)),
        "since": since,
        "since_completions": presenters.completion_rows(since.completions) if since else [],
        "since_previous_completed": presenters.format_date(
            since.previous.completed_on if since and since.previous else None
        ),
        "feedback_href": feedback_href,
        "pdf_href": presenters.link("appraisals:record_pdf", appraisal.pk),
        "board": board_panel(appraisal, viewer=request.user),
        "form_errors": [item for f in forms if f.is_bound for item in error_list(f)],
    }


def detail(request, pk):
    appraisal = appraisal_for_viewer(request.user, pk)
    return render(request, "appraisals/workflow/detail.jinja", _detail_context(request, appraisal))


@require_POST
def transition(request, pk):
    appraisal = appraisal_for_viewer(request.user, pk)
    action = request.POST.get("action", "")
    back = request.POST.get("return_to")
    back = back if back in RETURN_TO else "detail"
    available = services.actions_for(request.user, appraisal, appraisal.viewer_roles)
    if action not in available:
        if (appraisal.status, action) in workflow.TRANSITIONS:
            # Possible from this status, but not for this viewer (or not in a closed cycle).
            raise PermissionDenied
        # A page opened before someone else moved the appraisal on (or a forged action).
        messages.error(
            request,
            f"Nothing was saved: this appraisal is now '{appraisal.get_status_display().lower()}'.",
        )
        return redirect(RETURN_TO[back], pk=appraisal.pk)
    form = ActionForm(request.POST, action=action, transition=available[action])
    if form.is_valid():
        try:
            services.appraisal_transition(
                actor=request.user,
                appraisal=appraisal,
                action=action,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data.get("reason", ""),
            )
        except services.AppraisalConflict as conflict:
            appraisal = appraisal_for_viewer(request.user, pk)
            step = services.actions_for(request.user, appraisal, appraisal.viewer_roles).get(action)
            form = (
                _keep_input(
                    ActionForm, request, appraisal, conflict, action=action, transition=step
                )
                if step
                else None
            )
            if form is None:
                messages.error(request, conflict.messages[0])
                return redirect(RETURN_TO[back], pk=appraisal.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The appraisal has been {services.ACTION_PHRASES[action]}.")
            return redirect(RETURN_TO[back], pk=appraisal.pk)
    forms = _action_forms(request.user, appraisal, bound=form)
    if back == "summary":
        return render(
            request,
            "appraisals/workflow/summary.jinja",
            _summary_context(request, appraisal, action_forms=forms),
        )
    return render(
        request,
        "appraisals/workflow/detail.jinja",
        _detail_context(request, appraisal, forms=forms),
    )


# --- sections -------------------------------------------------------------------------------


def _section_page(request, appraisal, template: str, context: dict):
    form = context.get("form")
    context["form_errors"] = error_list(form) if form is not None and form.is_bound else []
    context["appraisal"] = appraisal
    context["status"] = presenters.status_tag(appraisal)
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def reflection(request, pk):
    appraisal = appraisal_for_viewer(request.user, pk)
    can_edit = (
        APPRAISEE in appraisal.viewer_roles and appraisal.status in services.REFLECTION_STATUSES
    )
    form = None
    if can_edit:
        initial = {"version": appraisal.version, "reflection": appraisal.reflection}
        form = ReflectionForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.appraisal_reflection_update(
                    actor=request.user,
                    appraisal=appraisal,
                    expected_version=form.cleaned_data["version"],
                    reflection=form.cleaned_data["reflection"],
                )
            except services.AppraisalConflict as conflict:
                appraisal = conflict.appraisal
                form = _keep_input(ReflectionForm, request, appraisal, conflict)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your reflection has been saved.")
                return redirect("appraisals:detail", pk=appraisal.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return _section_page(
        request,
        appraisal,
        "appraisals/workflow/reflection.jinja",
        {"page_title": "Reflection on the year", "form": form},
    )


@require_http_methods(["GET", "POST"])
def wellbeing(request, pk):
    # Only the two people in the conversation: a people lead gets the same 404 as anyone.
    appraisal = appraisal_for_viewer(request.user, pk, roles={APPRAISEE, APPRAISER})
    is_appraiser = APPRAISER in appraisal.viewer_roles
    can_edit = appraisal.status in services.WELLBEING_STATUSES and (
        appraisal.cycle.status == "open"
    )
    form = None
    if can_edit:
        initial = {
            "version": appraisal.version,
            "offered_on": appraisal.wellbeing_offered_on,
            "held_on": appraisal.wellbeing_held_on,
            "note": appraisal.wellbeing_note,
        }
        form = WellbeingForm(request.POST or None, initial=initial, with_dates=is_appraiser)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.appraisal_wellbeing_update(
                    actor=request.user,
                    appraisal=appraisal,
                    expected_version=data["version"],
                    offered_on=data.get("offered_on"),
                    held_on=data.get("held_on"),
                    note=data["note"],
                    dates=is_appraiser,
                )
            except services.AppraisalConflict as conflict:
                appraisal = appraisal_for_viewer(request.user, pk, roles={APPRAISEE, APPRAISER})
                form = _keep_input(
                    WellbeingForm, request, appraisal, conflict, with_dates=is_appraiser
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The wellbeing conversation has been saved.")
                return redirect("appraisals:detail", pk=appraisal.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return _section_page(
        request,
        appraisal,
        "appraisals/workflow/wellbeing.jinja",
        {
            "page_title": "Wellbeing conversation",
            "form": form,
            "offered_on": presenters.format_date(appraisal.wellbeing_offered_on),
            "held_on": presenters.format_date(appraisal.wellbeing_held_on),
            "note": appraisal.wellbeing_note,
            "is_appraiser": is_appraiser,
        },
    )


@require_http_methods(["GET", "POST"])
def aspiration(request, pk):
    appraisal = appraisal_for_viewer(request.user, pk)
    can_edit = (
        APPRAISEE in appraisal.viewer_roles
        and appraisal.status in services.ASPIRATION_STATUSES
        and appraisal.cycle.status == "open"
    )
    form = None
    if can_edit:
        initial = {
            "version": appraisal.version,
            "aspiration": appraisal.career_aspiration or None,
            "note": appraisal.career_aspiration_note,
        }
        form = AspirationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.appraisal_aspiration_update(
                    actor=request.user,
                    appraisal=appraisal,
                    expected_version=form.cleaned_data["version"],
                    aspiration=form.cleaned_data["aspiration"],
                    note=form.cleaned_data["note"],
                )
            except services.AppraisalConflict as conflict:
                appraisal = appraisal_for_viewer(request.user, pk)
                form = _keep_input(AspirationForm, request, appraisal, conflict)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your career aspiration has been saved.")
                return redirect("appraisals:detail", pk=appraisal.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return _section_page(
        request,
        appraisal,
        "appraisals/workflow/aspiration.jinja",
        {
            "page_title": "Career aspiration",
            "form": form,
            "aspiration": appraisal.get_career_aspiration_display()
            if appraisal.career_aspiration
            else "Not said",
            "note": appraisal.career_aspiration_note,
        },
    )


def _summary_context(request, appraisal, *, action_forms=None, forms=None) -> dict:
    roles = appraisal.viewer_roles
    open_cycle = appraisal.cycle.status == "open"
    forms = forms or {}
    may_summarise = APPRAISER in roles and appraisal.status in services.SUMMARY_STATUSES
    may_comment = APPRAISEE in roles and appraisal.status in services.COMMENT_STATUSES
    if "summary" not in forms and may_summarise and open_cycle:
        forms["summary"] = SummaryForm(
            prefix="summary",
            initial={"version": appraisal.version, "summary": appraisal.summary},
        )
    if "comment" not in forms and may_comment and open_cycle:
        forms["comment"] = CommentForm(
            prefix="comment",
            initial={"version": appraisal.version, "comment": appraisal.appraisee_comment},
        )
    if "consent" not in forms and APPRAISEE in roles:
        forms["consent"] = ConsentForm(
            prefix="consent",
            initial={"version": appraisal.version, "share": appraisal.share_with_new_manager},
        )
    all_actions = (
        action_forms if action_forms is not None else _action_forms(request.user, appraisal)
    )
    actions = _action_forms_for(all_actions, "send_for_sign_off", "sign_off", "return_to_appraiser")
    problems = (
        services.sign_off_problems(appraisal)
        if any(f.action == "send_for_sign_off" for f in actions)
        else []
    )
    bound = [f for f in [*forms.values(), *actions] if f.is_bound]
    return {
        "page_title": "Summary and sign-off",
        "appraisal": appraisal,
        "status": presenters.status_tag(appraisal),
        "summary_form": forms.get("summary"),
        "comment_form": forms.get("comment"),
        "consent_form": forms.get("consent"),
        "action_forms": actions,
        "problems": problems,
        "signatures": presenters.signature_rows(appraisal),
        "form_errors": [item for f in bound for item in error_list(f)],
    }


SUMMARY_FORMS = {
    "summary": (SummaryForm, "appraisal_summary_update", "summary", "The summary has been saved."),
    "comment": (CommentForm, "appraisal_comment_update", "comment", "Your comment has been saved."),
    "consent": (ConsentForm, "appraisal_consent_update", "share", "Your choice has been saved."),
}


@require_http_methods(["GET", "POST"])
def summary(request, pk):
    appraisal = appraisal_for_viewer(request.user, pk)
    forms = {}
    if request.method == "POST":
        which = request.POST.get("section")
        if which not in SUMMARY_FORMS:
            raise PermissionDenied
        form_class, service_name, field, done = SUMMARY_FORMS[which]
        form = form_class(request.POST, prefix=which)
        if form.is_valid():
            try:
                getattr(services, service_name)(
                    actor=request.user,
                    appraisal=appraisal,
                    expected_version=form.cleaned_data["version"],
                    **{field: form.cleaned_data[field]},
                )
            except services.AppraisalConflict as conflict:
                appraisal = appraisal_for_viewer(request.user, pk)
                form = _keep_input(form_class, request, appraisal, conflict, prefix=which)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("appraisals:summary", pk=appraisal.pk)
        forms[which] = form
    return render(
        request,
        "appraisals/workflow/summary.jinja",
        _summary_context(request, appraisal, forms=forms),
    )


# --- a new line manager's view --------------------------------------------------------------


def previous(request, pk):
    found = selectors.previous_appraisal_for_manager(request.user, pk)
    return render(
        request,
        "appraisals/workflow/previous.jinja",
        {
            "page_title": f"{found.employment.person.full_name}'s last appraisal",
            "found": found,
            "person": found.employment.person,
            "completed": presenters.format_date(
                found.appraisal.completed_on if found.appraisal else None
            ),
        },
    )
