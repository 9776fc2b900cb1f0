"""Writes for career conversations (Scope for Growth) and their aspirational development plans.

The individual owns a conversation: only they start it, cancel it and write their reflection.
The person it is held with writes preparation notes. Either of them records it as held, with
the agreed position, and then records the outcome. Statuses move only through ``TRANSITIONS``.

Every change takes the optimistic lock: the caller passes the ``CareerConversation.version``
its form was built from and a stale one is refused with a clear message, rather than
overwriting the other person's change. Plan items share their conversation's version. Bad
input raises ``ValidationError`` keyed by form field name; every write is audited in the same
transaction.
"""

import datetime
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from carelead.core.services.audit import audit_record, snapshot
from carelead.talent.models import (
    AspirationalPlanItem,
    CareerConversation,
    GrowthCategory,
    Pathway,
)
from carelead.talent.selectors import conversations as selectors
from carelead.talent.selectors.access import current_employment
from carelead.talent.selectors.conversations import HELD_WITH, INDIVIDUAL, conversation_roles

Status = CareerConversation.Status
HeldWithRole = CareerConversation.HeldWithRole

STALE_MESSAGE = (
    "Someone else changed this career conversation while you were editing it. Your answers "
    "are still here: check the page shows what you want, then save again."
)

#: action -> (statuses it may start from, status it leads to)
TRANSITIONS = {
    "hold": ({Status.PREPARING}, Status.HELD),
    "record": ({Status.HELD}, Status.RECORDED),
    "cancel": ({Status.PREPARING}, Status.CANCELLED),
}
#: Who may take each action.
ACTORS = {
    "hold": {INDIVIDUAL, HELD_WITH},
    "record": {INDIVIDUAL, HELD_WITH},
    "cancel": {INDIVIDUAL},
}
WHAT = {"hold": "record it as held", "record": "record the outcome", "cancel": "cancel it"}

#: While the plan may be added to and edited; after it is recorded only item statuses change.
PLAN_EDIT_STATUSES = {Status.PREPARING, Status.HELD}
PLAN_STATUS_STATUSES = {Status.PREPARING, Status.HELD, Status.RECORDED}

CONVERSATION_FIELDS = (
    "status",
    "held_with",
    "held_with_role",
    "planned_on",
    "held_on",
    "impact",
    "growth_now",
    "growth_wanted",
    "recorded_at",
)
ITEM_FIELDS = ("description", "category", "programme", "pathway_step", "due_on", "status")


def may(action: str, roles: set[str], status: str) -> bool:
    """Whether someone with ``roles`` may take ``action`` on a conversation in ``status``."""
    sources, _ = TRANSITIONS[action]
    return bool(roles & ACTORS[action]) and status in sources


def _require(actor, conversation: CareerConversation, allowed: set[str], what: str) -> set[str]:
    roles = conversation_roles(actor, conversation)
    if not roles & allowed:
        raise ValidationError(f"You cannot {what} for this career conversation.", code="role")
    return roles


def _lock(conversation: CareerConversation, expected_version: int) -> None:
    """Refuse a stale form, then bump the version (one conditional UPDATE, so two saves
    racing on the same version cannot both pass). Reads the status afresh: the page may be
    older than the last change."""
    bumped = CareerConversation.objects.filter(pk=conversation.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not bumped:
        raise ValidationError(STALE_MESSAGE, code="stale")
    conversation.version = expected_version + 1
    conversation.status = (
        CareerConversation.objects.filter(pk=conversation.pk).values_list("status", flat=True).get()
    )


@contextmanager
def _editing(conversation: CareerConversation):
    """One transaction; on failure the in-memory version goes back to what the form had, so
    the page shown again carries the version the user's form was built on."""
    version, status = conversation.version, conversation.status
    try:
        with transaction.atomic():
            yield
    except Exception:
        conversation.version, conversation.status = version, status
        raise


def _require_status(conversation, statuses, what: str) -> None:
    if conversation.status not in statuses:
        raise ValidationError(
            f"You cannot {what} once the conversation is "
            f"{conversation.get_status_display().lower()}.",
            code="status",
        )


# --- Starting ---------------------------------------------------------------------------------


@transaction.atomic
def conversation_start(
    *,
    actor,
    held_with_role: str = HeldWithRole.LINE_MANAGER,
    held_with_email: str = "",
    planned_on: datetime.date | None = None,
) -> CareerConversation:
    """Start a career conversation for the actor's own person, with their current line
    manager or (for any other role) the person with ``held_with_email``. It starts from the
    career aspiration of their latest appraisal that has one."""
    person_id = getattr(actor, "person_id", None)
    if not person_id:
        raise ValidationError("Only someone with a staff record can start a career conversation.")
    employment = current_employment(person_id)
    if employment is None:
        raise ValidationError(
            "You need a current employment in carelead to start a career conversation."
        )
    if held_with_role not in HeldWithRole.values:
        raise ValidationError({"held_with_role": "Select who the conversation is with"})
    if held_with_role == HeldWithRole.LINE_MANAGER:
        held_with = selectors.line_manager_of(person_id)
        if held_with is None:
            raise ValidationError(
                {
                    "held_with_role": "Your employment record names no line manager: choose "
                    "someone else and give their email address"
                }
            )
    else:
        if not held_with_email.strip():
            raise ValidationError(
                {"held_with_email": "Enter the email address of the person it is with"}
            )
        found = selectors.person_by_email(held_with_email)
        if not found:
            raise ValidationError(
                {"held_with_email": "Nobody in carelead has that email address: check it"}
            )
        if len(found) > 1:
            raise ValidationError(
                {
                    "held_with_email": "More than one person in carelead has that email "
                    "address: ask them for their work address"
                }
            )
        held_with = found[0]
    if held_with.pk == person_id:
        raise ValidationError({"held_with_email": "The conversation must be with someone else"})
    grid = selectors.default_grid()
    if grid is None:
        raise ValidationError(
            "The Scope for Growth grid is not loaded: ask an administrator to run "
            "`manage.py load_talent_reference`."
        )
    conversation = CareerConversation.objects.create(
        person_id=person_id,
        employment=employment,
        organisation=employment.organisation,
        held_with=held_with,
        held_with_role=held_with_role,
        grid=grid,
        appraisal=selectors.latest_aspiration(person_id),
        planned_on=planned_on,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="career_conversation_started",
        obj=conversation,
        after=snapshot(conversation, (*CONVERSATION_FIELDS, "appraisal")),
        organisation_id=conversation.organisation_id,
    )
    return conversation


# --- Preparing --------------------------------------------------------------------------------


def conversation_reflection_update(
    *,
    actor,
    conversation: CareerConversation,
    expected_version: int,
    individual_reflection: str,
    planned_on: datetime.date | None = None,
) -> None:
    """The individual's reflection (and the planned date), until the outcome is recorded."""
    _require(actor, conversation, {INDIVIDUAL}, "write the reflection")
    with _editing(conversation):
        _lock(conversation, expected_version)
        _require_status(conversation, PLAN_EDIT_STATUSES, "change your reflection")
        before = {"planned_on": conversation.planned_on}
        conversation.individual_reflection = individual_reflection
        conversation.planned_on = planned_on
        conversation.save(update_fields=["individual_reflection", "planned_on", "updated_at"])
        # The text is the individual's own: the audit notes that it changed, not what it says.
        audit_record(
            actor=actor,
            action="career_conversation_reflection_updated",
            obj=conversation,
            before=before,
            after={"planned_on": planned_on, "reflection_changed": True},
            organisation_id=conversation.organisation_id,
        )


def conversation_preparation_update(
    *, actor, conversation: CareerConversation, expected_version: int, preparation_notes: str
) -> None:
    """The other person's preparation notes, while the conversation is being prepared."""
    _require(actor, conversation, {HELD_WITH}, "write preparation notes")
    with _editing(conversation):
        _lock(conversation, expected_version)
        _require_status(conversation, {Status.PREPARING}, "change the preparation notes")
        conversation.preparation_notes = preparation_notes
        conversation.save(update_fields=["preparation_notes", "updated_at"])
        audit_record(
            actor=actor,
            action="career_conversation_preparation_updated",
            obj=conversation,
            after={"preparation_changed": True},
            organisation_id=conversation.organisation_id,
        )


# --- Status changes ---------------------------------------------------------------------------


def _transition(actor, conversation, action: str, expected_version: int, **values) -> None:
    roles = _require(actor, conversation, ACTORS[action], WHAT[action])
    sources, target = TRANSITIONS[action]
    with _editing(conversation):
        _lock(conversation, expected_version)
        if not may(action, roles, conversation.status):
            raise ValidationError(
                f"This conversation is {conversation.get_status_display().lower()}, so it "
                "cannot change that way.",
                code="status",
            )
        before = snapshot(conversation, CONVERSATION_FIELDS)
        for name, value in values.items():
            setattr(conversation, name, value)
        conversation.status = target
        conversation.save(update_fields=[*values, "status", "updated_at"])
        audit_record(
            actor=actor,
            action=f"career_conversation_{target}",
            obj=conversation,
            before=before,
            after=snapshot(conversation, CONVERSATION_FIELDS),
            organisation_id=conversation.organisation_id,
        )


def conversation_hold(
    *,
    actor,
    conversation: CareerConversation,
    expected_version: int,
    held_on: datetime.date,
    impact: int,
    growth_now: str,
    growth_wanted: str,
    where_next: str,
    how: str,
) -> None:
    """Record the conversation as held, with the position both agreed on the grid."""
    errors = {}
    if held_on is None:
        errors["held_on"] = "Enter the date the conversation was held"
    elif held_on > timezone.localdate():
        errors["held_on"] = "The date it was held must be today or in the past"
    if impact not in (1, 2, 3):
        errors["impact"] = "Select the impact you agreed"
    if growth_now not in GrowthCategory.values:
        errors["growth_now"] = "Select where their growth is now"
    if growth_wanted not in GrowthCategory.values:
        errors["growth_wanted"] = "Select where they want to grow"
    if not where_next.strip():
        errors["where_next"] = "Enter where they want to move"
    if errors:
        raise ValidationError(errors)
    _transition(
        actor,
        conversation,
        "hold",
        expected_version,
        held_on=held_on,
        impact=impact,
        growth_now=growth_now,
        growth_wanted=growth_wanted,
        where_next=where_next.strip(),
        how=how.strip(),
    )


def conversation_record(
    *, actor, conversation: CareerConversation, expected_version: int, outcome: str
) -> None:
    """Record the outcome: Scope for Growth records the outcome of every conversation."""
    if not outcome.strip():
        raise ValidationError({"outcome": "Enter the outcome of the conversation"})
    _transition(
        actor,
        conversation,
        "record",
        expected_version,
        outcome=outcome.strip(),
        recorded_at=timezone.now(),
    )


def conversation_cancel(*, actor, conversation: CareerConversation, expected_version: int) -> None:
    _transition(actor, conversation, "cancel", expected_version)


# --- The aspirational development plan --------------------------------------------------------


def _check_item(description: str, category: str) -> None:
    errors = {}
    if not description.strip():
        errors["description"] = "Enter what the development is"
    if category not in GrowthCategory.values:
        errors["category"] = "Select whether it grows depth, breadth or stretch"
    if errors:
        raise ValidationError(errors)


def _check_pathway_step(step, current=None) -> None:
    """A step can aim only at a published pathway. One already on the plan stays when its
    pathway is retired later, so saving the step again does not lose it."""
    if step is None or step == current:
        return
    if step.pathway.status != Pathway.Status.PUBLISHED:
        raise ValidationError(
            {"pathway_step": f"{step.pathway.title} is not published: choose another pathway step"}
        )


def plan_item_add(
    *,
    actor,
    conversation: CareerConversation,
    expected_version: int,
    description: str,
    category: str,
    programme=None,
    pathway_step=None,
    due_on: datetime.date | None = None,
) -> AspirationalPlanItem:
    _require(actor, conversation, {INDIVIDUAL, HELD_WITH}, "add to the plan")
    _check_item(description, category)
    _check_pathway_step(pathway_step)
    with _editing(conversation):
        _lock(conversation, expected_version)
        _require_status(conversation, PLAN_EDIT_STATUSES, "add to the plan")
        last = conversation.plan_items.order_by("-sort_order").values_list("sort_order", flat=True)
        item = AspirationalPlanItem.objects.create(
            conversation=conversation,
            description=description.strip(),
            category=category,
            programme=programme,
            pathway_step=pathway_step,
            due_on=due_on,
            sort_order=(last.first() or 0) + 1,
        )
        audit_record(
            actor=actor,
            action="aspirational_plan_item_added",
            obj=item,
            after=snapshot(item, ITEM_FIELDS),
            organisation_id=conversation.organisation_id,
        )
    return item


def plan_item_update(
    *,
    actor,
    item: AspirationalPlanItem,
    expected_version: int,
    description: str,
    category: str,
    programme=None,
    pathway_step=None,
    due_on: datetime.date | None = None,
    status: str = AspirationalPlanItem.Status.PLANNED,
) -> None:
    conversation = item.conversation
    _require(actor, conversation, {INDIVIDUAL, HELD_WITH}, "change the plan")
    _check_item(description, category)
    _check_pathway_step(pathway_step, current=item.pathway_step)
    if status not in AspirationalPlanItem.Status.values:
        raise ValidationError({"status": "Select the status of this step"})
    with _editing(conversation):
        _lock(conversation, expected_version)
        _require_status(conversation, PLAN_EDIT_STATUSES, "change the plan")
        before = snapshot(item, ITEM_FIELDS)
        item.description, item.category = description.strip(), category
        item.programme, item.due_on, item.status = programme, due_on, status
        item.pathway_step = pathway_step
        item.save()
        audit_record(
            actor=actor,
            action="aspirational_plan_item_updated",
            obj=item,
            before=before,
            after=snapshot(item, ITEM_FIELDS),
            organisation_id=conversation.organisation_id,
        )


def plan_item_status_set(
    *, actor, item: AspirationalPlanItem, expected_version: int, status: str
) -> None:
    """Only the status, which keeps changing after the outcome is recorded."""
    conversation = item.conversation
    _require(actor, conversation, {INDIVIDUAL, HELD_WITH}, "update the plan")
    if status not in AspirationalPlanItem.Status.values:
        raise ValidationError({"status": "Select the status of this step"})
    with _editing(conversation):
        _lock(conversation, expected_version)
        _require_status(conversation, PLAN_STATUS_STATUSES, "update the plan")
        before = {"status": item.status}
        item.status = status
        item.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="aspirational_plan_item_status_changed",
            obj=item,
            before=before,
            after={"status": status},
            organisation_id=conversation.organisation_id,
        )


def plan_item_remove(*, actor, item: AspirationalPlanItem, expected_version: int) -> None:
    conversation = item.conversation
    _require(actor, conversation, {INDIVIDUAL, HELD_WITH}, "remove from the plan")
    with _editing(conversation):
        _lock(conversation, expected_version)
        _require_status(conversation, PLAN_EDIT_STATUSES, "remove from the plan")
        audit_record(
            actor=actor,
            action="aspirational_plan_item_removed",
            obj=item,
            before=snapshot(item, ITEM_FIELDS),
            organisation_id=conversation.organisation_id,
        )
        # Kept, marked removed: talent records are never deleted.
        item.removed_at = timezone.now()
        item.save(update_fields=["removed_at", "updated_at"])
