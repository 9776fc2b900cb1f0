"""Pages for career conversations. Each page about one conversation reaches it through
``conversation_for_viewer`` (404 unless the user is its person or the person it is held
with); writes go through ``services.conversations``."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.people.selectors import own_person, suppress
from carelead.talent.forms import conversations as forms
from carelead.talent.presenters import conversations as presenters
from carelead.talent.selectors import conversations as selectors
from carelead.talent.selectors.conversations import HELD_WITH, INDIVIDUAL
from carelead.talent.services import conversations as services

EITHER = {INDIVIDUAL, HELD_WITH}
OWN = "talent.view_own"


def _posted_version(request, conversation) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return conversation.version


def _try(form, call) -> bool:
    """Run a service call, showing a ValidationError on the form. Returns whether it was
    stale: the page then carries the current version, so saving again applies the user's
    input on top of the change they have now been told about."""
    try:
        call()
    except ValidationError as error:
        add_service_errors(form, error)
        return getattr(error, "code", None) == "stale"
    return False


def _form_page(request, conversation, form, *, title, intro="", submit, version=None):
    return render(
        request,
        "talent/conversations/form.jinja",
        {
            "page_title": title,
            "conversation": conversation,
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
            "form_version": version if version is not None else conversation.version,
            "intro": intro,
            "submit": submit,
        },
    )


def _edit(request, conversation, form, save, *, success, title, submit, intro="", allowed=True):
    """The shared GET/POST flow of a conversation form. A form the conversation's status no
    longer allows sends the user back to the conversation with a message, not a dead end."""
    if not allowed:
        messages.error(request, f"{title}: not possible at this stage of the conversation.")
        return redirect("talent:conversation_detail", pk=conversation.pk)
    version = None
    if request.method == "POST":
        version = _posted_version(request, conversation)
        if form.is_valid():
            stale = _try(form, lambda: save(version))
            if not form.errors:
                messages.success(request, success)
                return redirect("talent:conversation_detail", pk=conversation.pk)
            if stale:
                version = conversation.version
    return _form_page(
        request, conversation, form, title=title, intro=intro, submit=submit, version=version
    )


# --- Lists ------------------------------------------------------------------------------------


@permission_required(OWN, raise_exception=True)
def my_list(request):
    return render(
        request,
        "talent/conversations/mine.jinja",
        {
            "page_title": "My career conversations",
            "rows": presenters.my_rows(selectors.my_conversations(request.user)),
        },
    )


@permission_required(OWN, raise_exception=True)
def held_list(request):
    return render(
        request,
        "talent/conversations/held.jinja",
        {
            "page_title": "Career conversations you hold",
            "rows": presenters.held_rows(selectors.conversations_held_by(request.user)),
        },
    )


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def start(request):
    person = own_person(request.user)
    form = forms.StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = []
        _try(
            form,
            lambda: created.append(
                services.conversation_start(
                    actor=request.user,
                    held_with_role=form.cleaned_data["held_with_role"],
                    held_with_email=form.cleaned_data["held_with_email"] or "",
                    planned_on=form.cleaned_data["planned_on"],
                )
            ),
        )
        if created:
            messages.success(request, "Your career conversation has been started.")
            return redirect("talent:conversation_detail", pk=created[0].pk)
    manager = selectors.line_manager_of(person)
    return render(
        request,
        "talent/conversations/start.jinja",
        {
            "page_title": "Start a career conversation",
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
            "line_manager": manager,
            "aspiration": presenters.aspiration(selectors.latest_aspiration(person)),
        },
    )


# --- One conversation -------------------------------------------------------------------------


@permission_required(OWN, raise_exception=True)
def detail(request, pk: int):
    conversation = selectors.conversation_for_viewer(request.user, pk)
    preset = selectors.grid_preset(conversation)
    conversation.grid = preset
    items = selectors.plan_items(conversation)
    return render(
        request,
        "talent/conversations/detail.jinja",
        {
            "page_title": f"Career conversation: {conversation.person.full_name}",
            "conversation": conversation,
            "is_individual": INDIVIDUAL in conversation.viewer_roles,
            "status": presenters.status_tag(conversation),
            "aspiration": presenters.aspiration(conversation.appraisal),
            "actions": presenters.actions(conversation),
            "show_preparation": presenters.preparation_visible(conversation),
            "position": presenters.position(conversation),
            "grid": presenters.conversation_grid(conversation, preset),
            "items": presenters.plan_rows(items, conversation),
        },
    )


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def reflection(request, pk: int):
    conversation = selectors.conversation_for_viewer(request.user, pk, roles={INDIVIDUAL})
    form = forms.ReflectionForm(
        request.POST or None,
        initial={
            "individual_reflection": conversation.individual_reflection,
            "planned_on": conversation.planned_on,
        },
    )
    return _edit(
        request,
        conversation,
        form,
        lambda version: services.conversation_reflection_update(
            actor=request.user,
            conversation=conversation,
            expected_version=version,
            **form.cleaned_data,
        ),
        success="Your reflection has been saved.",
        allowed=presenters.actions(conversation).reflection,
        title="Your reflection",
        submit="Save your reflection",
    )


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def preparation(request, pk: int):
    conversation = selectors.conversation_for_viewer(request.user, pk, roles={HELD_WITH})
    form = forms.PreparationForm(
        request.POST or None, initial={"preparation_notes": conversation.preparation_notes}
    )
    return _edit(
        request,
        conversation,
        form,
        lambda version: services.conversation_preparation_update(
            actor=request.user,
            conversation=conversation,
            expected_version=version,
            **form.cleaned_data,
        ),
        success="Your preparation notes have been saved.",
        allowed=presenters.actions(conversation).preparation,
        title="Prepare for the conversation",
        submit="Save your notes",
    )


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def held(request, pk: int):
    conversation = selectors.conversation_for_viewer(request.user, pk)
    preset = selectors.grid_preset(conversation)
    form = forms.HeldForm(
        request.POST or None, preset=preset, initial={"held_on": timezone.localdate()}
    )
    return _edit(
        request,
        conversation,
        form,
        lambda version: services.conversation_hold(
            actor=request.user,
            conversation=conversation,
            expected_version=version,
            **form.cleaned_data,
        ),
        success="The conversation has been recorded as held.",
        allowed=presenters.actions(conversation).hold,
        title="Record the conversation as held",
        intro=f"Agree the position on the {preset.title} grid: {preset.x_axis_label.lower()} "
        f"across, {preset.y_axis_label.lower()} up.",
        submit="Record as held",
    )


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def outcome(request, pk: int):
    conversation = selectors.conversation_for_viewer(request.user, pk)
    form = forms.OutcomeForm(request.POST or None)
    return _edit(
        request,
        conversation,
        form,
        lambda version: services.conversation_record(
            actor=request.user,
            conversation=conversation,
            expected_version=version,
            **form.cleaned_data,
        ),
        success="The outcome has been recorded.",
        allowed=presenters.actions(conversation).record,
        title="Record the outcome",
        submit="Record the outcome",
    )


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def cancel(request, pk: int):
    conversation = selectors.conversation_for_viewer(request.user, pk, roles={INDIVIDUAL})
    form = forms.forms.Form(request.POST or None)
    return _edit(
        request,
        conversation,
        form,
        lambda version: services.conversation_cancel(
            actor=request.user, conversation=conversation, expected_version=version
        ),
        success="The conversation has been cancelled.",
        allowed=presenters.actions(conversation).cancel,
        title="Cancel this career conversation",
        intro="It stays in your list as cancelled. You can start another at any time.",
        submit="Cancel the conversation",
    )


# --- The aspirational development plan --------------------------------------------------------


def _programmes(item=None):
    programmes = list(selectors.open_programmes())
    if item is not None and item.programme and item.programme not in programmes:
        # A programme closed since stays on the steps that name it.
        programmes.append(item.programme)
    return programmes


def _pathway_steps(item=None):
    steps = list(selectors.plan_pathway_steps())
    if item is not None and item.pathway_step and item.pathway_step not in steps:
        # A pathway retired since stays on the plan steps that aim at it.
        steps.append(item.pathway_step)
    return steps


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def plan_add(request, pk: int):
    conversation = selectors.conversation_for_viewer(request.user, pk, roles=EITHER)
    form = forms.PlanItemForm(
        request.POST or None, programmes=_programmes(), pathway_steps=_pathway_steps()
    )
    return _edit(
        request,
        conversation,
        form,
        lambda version: services.plan_item_add(
            actor=request.user,
            conversation=conversation,
            expected_version=version,
            **form.cleaned_data,
        ),
        success="The step has been added to the plan.",
        allowed=presenters.actions(conversation).plan_edit,
        title="Add to the aspirational development plan",
        submit="Add to the plan",
    )


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    item = selectors.plan_item_for_viewer(request.user, pk)
    conversation = item.conversation
    data = request.POST or None
    if conversation.status in services.PLAN_EDIT_STATUSES:
        form = forms.PlanItemForm(
            data,
            programmes=_programmes(item),
            pathway_steps=_pathway_steps(item),
            with_status=True,
            initial={
                "description": item.description,
                "category": item.category,
                "programme": str(item.programme_id or ""),
                "pathway_step": str(item.pathway_step_id or ""),
                "due_on": item.due_on,
                "status": item.status,
            },
        )

        def save(version):
            services.plan_item_update(
                actor=request.user, item=item, expected_version=version, **form.cleaned_data
            )

        title = "Change a step of the plan"
    else:
        form = forms.StatusForm(data, initial={"status": item.status})

        def save(version):
            services.plan_item_status_set(
                actor=request.user, item=item, expected_version=version, **form.cleaned_data
            )

        title = "Update the status of a step"
    return _edit(
        request,
        conversation,
        form,
        save,
        success="The plan has been updated.",
        allowed=presenters.actions(conversation).plan_status,
        title=title,
        intro=item.description,
        submit="Save",
    )


@permission_required(OWN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def plan_remove(request, pk: int):
    item = selectors.plan_item_for_viewer(request.user, pk)
    form = forms.forms.Form(request.POST or None)
    return _edit(
        request,
        item.conversation,
        form,
        lambda version: services.plan_item_remove(
            actor=request.user, item=item, expected_version=version
        ),
        success="The step has been removed from the plan.",
        allowed=presenters.actions(item.conversation).plan_edit,
        title="Remove a step from the plan",
        intro=item.description,
        submit="Remove the step",
    )


# --- People lead counts -----------------------------------------------------------------------


@permission_required("people.view_people", raise_exception=True)
def organisation(request):
    chosen = selectors.organisation_for_counts(request.user, request.GET.get("organisation"))
    today = timezone.localdate()
    preset = selectors.default_grid()
    positions = selectors.position_counts(chosen, today=today)
    covered, managers = selectors.coverage(chosen, today=today)
    grids = []
    if preset is not None:
        for key, caption in (
            ("now", "Agreed position now"),
            ("wanted", "Where people want to grow"),
        ):
            grids.append((caption, presenters.count_grid(preset, suppress(positions[key]))))
    return render(
        request,
        "talent/conversations/organisation.jinja",
        {
            "page_title": f"Career conversations at {chosen.name}",
            "organisation": chosen,
            "organisations": list(selectors.organisations_for_counts(request.user)),
            "year": today.year,
            "status_rows": presenters.status_rows(selectors.status_counts(chosen, year=today.year)),
            "coverage": presenters.coverage_text(covered, managers),
            "grids": grids,
        },
    )
