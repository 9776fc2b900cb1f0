"""The appraisal workflow: the only code that changes an appraisal's status, and the edits of
the sections that belong to the conversation itself (reflection, wellbeing, career
aspiration, summary, the appraisee's comment and their consent to share).

``appraisal_transition`` follows ``appraisals.workflow.TRANSITIONS`` and nothing else. Every
write locks the appraisal row, checks the version the user's page was opened at (two people
edit one appraisal, so neither may silently overwrite the other), bumps it, and records an
audit event in the same transaction; a transition also writes its immutable
AppraisalTransition row.

The wellbeing note is private to the appraisee and appraiser: the audit trail records only
that it changed, never what it says.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carelead.appraisals import workflow
from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    BehaviourAssessment,
    Cycle,
    DevelopmentItem,
    Objective,
    Template,
)
from carelead.appraisals.policy import edi_objective_required
from carelead.appraisals.selectors.access import appraisal_roles
from carelead.core.services.audit import audit_record
from carelead.standards.models import Item

S = Appraisal.Status
APPRAISEE, APPRAISER, PEOPLE_LEAD = workflow.APPRAISEE, workflow.APPRAISER, workflow.PEOPLE_LEAD

ROLE_LABELS = {APPRAISEE: "appraisee", APPRAISER: "appraiser", PEOPLE_LEAD: "people lead"}
#: When someone holds several roles, the one they act as (the first that the step allows).
ROLE_PREFERENCE = (APPRAISEE, APPRAISER, PEOPLE_LEAD)

#: How each action reads after "The appraisal has been ...".
ACTION_PHRASES = {
    "start": "started",
    "ready": "marked ready to discuss",
    "back_to_preparing": "moved back to preparing",
    "record_discussion": "marked as discussed",
    "send_for_sign_off": "signed and sent to the appraisee",
    "sign_off": "signed off and completed",
    "return_to_appraiser": "returned to the appraiser",
    "cancel": "cancelled",
    "reopen": "reopened",
}

#: Actions a people lead may still take once the cycle has closed.
CLOSED_CYCLE_ACTIONS = ("reopen", "cancel")

REFLECTION_STATUSES = (S.PREPARING, S.READY_TO_DISCUSS)
ASPIRATION_STATUSES = (S.PREPARING, S.READY_TO_DISCUSS, S.DISCUSSED)
WELLBEING_STATUSES = workflow.LIVE
SUMMARY_STATUSES = (S.DISCUSSED,)
COMMENT_STATUSES = (S.AWAITING_SIGN_OFF,)


class AppraisalConflict(ValidationError):
    """The appraisal changed after the page being submitted was opened. Nothing was
    written; ``appraisal`` is the appraisal as it is now."""

    def __init__(self, appraisal: Appraisal):
        self.appraisal = appraisal
        super().__init__(
            "Someone else changed this appraisal after you opened this page (it is now "
            f"'{appraisal.get_status_display().lower()}'). Nothing has been saved. What you "
            "entered is still below: check the appraisal as it is now, then save again if you "
            "still need to.",
            code="stale",
        )


def _status_label(status: str) -> str:
    return dict(S.choices).get(status, status).lower()


def _actor_label(actor, role: str) -> str:
    name = getattr(actor, "display_name", None) or actor.get_username()
    return f"{name} ({ROLE_LABELS[role]})"


def _lock(appraisal: Appraisal, expected_version: int) -> Appraisal:
    locked = (
        # Lock only the appraisal row: PostgreSQL cannot lock the nullable side of an outer
        # join (the appraiser).
        Appraisal.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__template", "employment", "person", "stage")
        .get(pk=appraisal.pk)
    )
    if locked.version != expected_version:
        raise AppraisalConflict(locked)
    return locked


# --- guards ---------------------------------------------------------------------------------


def sign_off_problems(appraisal: Appraisal) -> list[str]:
    """What still stops the appraiser signing and sending the appraisal to the appraisee,
    in plain English; empty when nothing does."""
    problems = []
    if not appraisal.summary.strip():
        problems.append("Write a summary of the discussion.")
    unagreed = appraisal.behaviour_assessments.filter(agreed_rating__isnull=True).count()
    if unagreed:
        noun = "behaviour has" if unagreed == 1 else "behaviours have"
        problems.append(f"{unagreed} {noun} no agreed rating yet.")
    objectives = list(appraisal.objectives.values_list("is_edi", flat=True))
    if not objectives:
        problems.append("Agree at least one objective.")
    if edi_objective_required(appraisal) and not any(objectives):
        problems.append(
            "Agree an equality, diversity and inclusion (EDI) objective: managers and board "
            "members need one."
        )
    return problems


# --- transitions ----------------------------------------------------------------------------


def actions_for(user, appraisal: Appraisal, roles: set[str] | None = None) -> dict:
    """The actions ``user`` may take on ``appraisal`` now (guards aside: a blocked
    send_for_sign_off is offered, then refused with the reasons)."""
    roles = appraisal_roles(user, appraisal) if roles is None else roles
    cycle_open = appraisal.cycle.status == Cycle.Status.OPEN
    found = {}
    for action, step in workflow.actions_from(appraisal.status).items():
        allowed = step.by & roles
        if not cycle_open:
            if action not in CLOSED_CYCLE_ACTIONS:
                continue
            allowed = allowed & {PEOPLE_LEAD}
        if allowed:
            found[action] = step
    return found


def appraisal_transition(
    *, actor, appraisal: Appraisal, action: str, expected_version: int, reason: str = ""
) -> Appraisal:
    """Take ``action`` on ``appraisal`` as ``actor``, as TRANSITIONS allows.

    Raises AppraisalConflict when the appraisal changed since ``expected_version``;
    ValidationError when the action is not possible from its status, the cycle is closed, a
    needed reason is missing or a guard fails (each problem named); PermissionDenied when
    the actor holds none of the roles the table names.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = _lock(appraisal, expected_version)
        from_status = locked.status
        step = workflow.TRANSITIONS.get((from_status, action))
        if step is None:
            raise ValidationError(
                f"An appraisal that is '{_status_label(from_status)}' cannot be "
                f"{ACTION_PHRASES.get(action, action)}.",
                code="illegal_transition",
            )
        roles = appraisal_roles(actor, locked)
        allowed = step.by & roles
        if not allowed:
            who = " or ".join(ROLE_LABELS[r] for r in ROLE_PREFERENCE if r in step.by)
            raise PermissionDenied(f"Only the {who} can do this.")
        if locked.cycle.status != Cycle.Status.OPEN:
            if action not in CLOSED_CYCLE_ACTIONS or PEOPLE_LEAD not in allowed:
                cycle_status = locked.cycle.get_status_display().lower()
                raise ValidationError(
                    f"The cycle '{locked.cycle.title}' is {cycle_status}: only a people lead "
                    "can reopen or cancel its appraisals.",
                    code="cycle_closed",
                )
            allowed = {PEOPLE_LEAD}
        if step.needs_reason and not reason:
            raise ValidationError({"reason": "Enter the reason: it is kept in the history."})
        role = next(r for r in ROLE_PREFERENCE if r in allowed)

        fields = ["status", "version", "updated_at"]
        now = timezone.now()
        if action == "send_for_sign_off":
            problems = sign_off_problems(locked)
            if problems:
                raise ValidationError(problems, code="sign_off_guard")
            locked.appraiser_signed_at = now
            fields.append("appraiser_signed_at")
        elif action == "sign_off":
            locked.appraisee_signed_at = now
            locked.completed_on = timezone.localdate()
            fields += ["appraisee_signed_at", "completed_on"]
        elif action == "return_to_appraiser":
            # The appraiser signs again whatever they change.
            locked.appraiser_signed_at = None
            fields.append("appraiser_signed_at")
        elif action == "reopen":
            if from_status == S.CANCELLED and (
                Appraisal.objects.filter(cycle_id=locked.cycle_id, person_id=locked.person_id)
                .exclude(status=S.CANCELLED)
                .exists()
            ):
                raise ValidationError(
                    f"{locked.person.full_name} already has an appraisal in this cycle that is "
                    "not cancelled, so this one cannot be reopened.",
                    code="duplicate",
                )
            locked.appraiser_signed_at = None
            locked.appraisee_signed_at = None
            locked.completed_on = None
            fields += ["appraiser_signed_at", "appraisee_signed_at", "completed_on"]

        locked.status = step.to
        locked.version += 1
        locked.save(update_fields=fields)
        prefilled = _prefill(locked) if action == "start" else {}
        AppraisalTransition.objects.create(
            appraisal=locked,
            action=action,
            from_status=from_status,
            to_status=step.to,
            actor=actor,
            actor_label=_actor_label(actor, role),
            reason=reason,
        )
        audit_record(
            actor=actor,
            action=f"appraisal_{action}",
            obj=locked,
            before={"status": from_status},
            after={"status": step.to, "reason": reason, "as": role, **prefilled},
            organisation_id=locked.organisation_id,
        )
    return locked


# --- prefill on start -----------------------------------------------------------------------


def last_completed_appraisal(person_id: int, *, exclude_pk: int | None = None):
    """The person's most recently completed appraisal, in any cycle with any employer."""
    appraisals = Appraisal.objects.filter(person_id=person_id, status=S.COMPLETED)
    if exclude_pk is not None:
        appraisals = appraisals.exclude(pk=exclude_pk)
    return (
        appraisals.select_related("cycle", "organisation").order_by("-completed_on", "-pk").first()
    )


def may_carry_from(previous: Appraisal, appraisal: Appraisal) -> bool:
    """Last year's objectives and plan are copied only where the new appraiser could see them
    anyway: the same organisation, or the appraisee consented to share with a new manager."""
    return previous.organisation_id == appraisal.organisation_id or previous.share_with_new_manager


def behaviour_items(appraisal: Appraisal) -> list[Item]:
    """The behaviours an appraisal assesses: for staff the Code's principles and the
    competencies of the cycle's framework version (every competency has descriptors at
    every stage); for board members the board framework's domains."""
    version_id = appraisal.cycle.framework_version_id
    if appraisal.cycle.template.kind == Template.Kind.BOARD:
        domains = list(Item.objects.filter(version_id=version_id, kind=Item.Kind.DOMAIN))
        if domains:
            return domains
        # An organisation that moved its board to the new standards assesses them at the
        # board stage like everyone else.
    return list(
        Item.objects.filter(
            version_id=version_id, kind__in=(Item.Kind.PRINCIPLE, Item.Kind.COMPETENCY)
        )
    )


def _prefill(appraisal: Appraisal) -> dict:
    """Behaviour rows to assess, and last year's unfinished objectives and development items
    carried forward; set-based, and safe to run again (nothing is copied twice)."""
    BehaviourAssessment.objects.bulk_create(
        [
            BehaviourAssessment(appraisal=appraisal, item=item)
            for item in behaviour_items(appraisal)
        ],
        ignore_conflicts=True,
    )
    counts = {"objectives_carried": 0, "development_items_carried": 0}
    previous = last_completed_appraisal(appraisal.person_id, exclude_pk=appraisal.pk)
    if previous is None or not may_carry_from(previous, appraisal):
        return counts

    already = set(
        appraisal.objectives.filter(carried_from__isnull=False).values_list(
            "carried_from_id", flat=True
        )
    )
    objectives = [
        Objective(
            appraisal=appraisal,
            title=old.title,
            description=old.description,
            measure=old.measure,
            relevance=old.relevance,
            due_on=_carried_due_on(old.due_on, appraisal),
            # A priority belongs to one organisation; another employer's does not apply.
            priority_id=(
                old.priority_id
                if old.priority_id and old.priority.organisation_id == appraisal.organisation_id
                else None
            ),
            is_edi=old.is_edi,
            progress=Objective.Progress.NOT_STARTED,
            carried_from=old,
            sort_order=old.sort_order,
        )
        for old in previous.objectives.exclude(progress=Objective.Progress.ACHIEVED)
        .exclude(pk__in=already)
        .select_related("priority")
    ]
    Objective.objects.bulk_create(objectives)

    already = set(
        appraisal.development_items.filter(carried_from__isnull=False).values_list(
            "carried_from_id", flat=True
        )
    )
    old_items = list(
        previous.development_items.exclude(status=DevelopmentItem.Status.DONE)
        .exclude(pk__in=already)
        .select_related("item")
    )
    same_items = _items_in_version(
        {i.item.identifier for i in old_items if i.item_id}, appraisal.cycle.framework_version_id
    )
    DevelopmentItem.objects.bulk_create(
        [
            DevelopmentItem(
                appraisal=appraisal,
                description=old.description,
                # Standards move on between versions: keep the link only where the item
                # carries over into this cycle's version.
                item_id=same_items.get(old.item.identifier) if old.item_id else None,
                programme_id=old.programme_id,
                status=DevelopmentItem.Status.PLANNED,
                carried_from=old,
                sort_order=old.sort_order,
            )
            for old in old_items
        ]
    )
    counts.update(objectives_carried=len(objectives), development_items_carried=len(old_items))
    return counts


def _carried_due_on(due_on: datetime.date, appraisal: Appraisal) -> datetime.date:
    return max(due_on, appraisal.cycle.closes_on)


def _items_in_version(identifiers: set, version_id: int) -> dict:
    if not identifiers:
        return {}
    return dict(
        Item.objects.filter(version_id=version_id, identifier__in=identifiers).values_list(
            "identifier", "pk"
        )
    )


# --- section edits --------------------------------------------------------------------------


def _edit(
    *,
    actor,
    appraisal: Appraisal,
    expected_version: int,
    roles: set[str],
    statuses,
    section: str,
    audit_action: str,
    changes: dict | Callable,
    audit_after: dict | Callable,
    needs_open_cycle: bool = True,
) -> Appraisal:
    """Write ``changes`` to the appraisal if the actor holds one of ``roles`` and the
    appraisal is in one of ``statuses``; bump the version and audit ``audit_after``. Either
    may be a function of (locked appraisal, actor's roles), for edits whose rules depend on
    what is saved now."""
    with transaction.atomic():
        locked = _lock(appraisal, expected_version)
        held = appraisal_roles(actor, locked)
        if not roles & held:
            who = " or ".join(ROLE_LABELS[r] for r in ROLE_PREFERENCE if r in roles)
            raise PermissionDenied(f"Only the {who} can change the {section}.")
        if needs_open_cycle and locked.cycle.status != Cycle.Status.OPEN:
            raise ValidationError(
                f"The {section} cannot be changed: the cycle '{locked.cycle.title}' is "
                f"{locked.cycle.get_status_display().lower()}.",
                code="cycle_closed",
            )
        if statuses is not None and locked.status not in statuses:
            allowed = " or ".join(f"'{_status_label(s)}'" for s in statuses)
            raise ValidationError(
                f"The {section} can only be changed while the appraisal is {allowed}; it is "
                f"now '{_status_label(locked.status)}'.",
                code="wrong_status",
            )
        if callable(changes):
            changes = changes(locked, held)
        before = {name: getattr(locked, name) for name in changes}
        if callable(audit_after):
            audit_after = audit_after(locked, before)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.save(update_fields=[*changes, "version", "updated_at"])
        audit_record(
            actor=actor,
            action=audit_action,
            obj=locked,
            before={k: v for k, v in before.items() if k in audit_after},
            after=audit_after,
            organisation_id=locked.organisation_id,
        )
    return locked


def appraisal_reflection_update(
    *, actor, appraisal: Appraisal, expected_version: int, reflection: str
) -> Appraisal:
    """The appraisee's reflection on the year, while preparing or ready to discuss."""
    reflection = (reflection or "").strip()
    return _edit(
        actor=actor,
        appraisal=appraisal,
        expected_version=expected_version,
        roles={APPRAISEE},
        statuses=REFLECTION_STATUSES,
        section="reflection",
        audit_action="appraisal_reflection_update",
        changes={"reflection": reflection},
        audit_after={"reflection": reflection},
    )


def appraisal_wellbeing_update(
    *,
    actor,
    appraisal: Appraisal,
    expected_version: int,
    offered_on: datetime.date | None = None,
    held_on: datetime.date | None = None,
    note: str | None = None,
    dates: bool = True,
) -> Appraisal:
    """The wellbeing conversation: the appraiser records when it was offered and held
    (``dates=False`` leaves them as they are, for the appraisee's form); either of the two
    may write the private note (``None`` leaves it unchanged). The audit trail says only
    whether the note changed, never what it says."""
    if dates:
        today = timezone.localdate()
        errors = {}
        if offered_on and offered_on > today:
            errors["offered_on"] = "The date the conversation was offered must be today or before"
        if held_on and held_on > today:
            errors["held_on"] = "The date the conversation was held must be today or before"
        elif held_on and offered_on and held_on < offered_on:
            errors["held_on"] = "The date it was held must be on or after the date it was offered"
        if errors:
            raise ValidationError(errors)
    if note is not None:
        note = note.strip()

    def changes(locked: Appraisal, held: set[str]) -> dict:
        found = {}
        if dates and (offered_on, held_on) != (
            locked.wellbeing_offered_on,
            locked.wellbeing_held_on,
        ):
            if APPRAISER not in held:
                raise PermissionDenied(
                    "Only the appraiser records when the conversation took place."
                )
            found.update(wellbeing_offered_on=offered_on, wellbeing_held_on=held_on)
        if note is not None:
            found["wellbeing_note"] = note
        return found

    def audit_after(locked: Appraisal, before: dict) -> dict:
        return {
            "wellbeing_offered_on": offered_on if dates else locked.wellbeing_offered_on,
            "wellbeing_held_on": held_on if dates else locked.wellbeing_held_on,
            "wellbeing_note_changed": note is not None and note != locked.wellbeing_note,
        }

    return _edit(
        actor=actor,
        appraisal=appraisal,
        expected_version=expected_version,
        roles={APPRAISEE, APPRAISER},
        statuses=WELLBEING_STATUSES,
        section="wellbeing conversation",
        audit_action="appraisal_wellbeing_update",
        changes=changes,
        audit_after=audit_after,
    )


def appraisal_aspiration_update(
    *, actor, appraisal: Appraisal, expected_version: int, aspiration: str, note: str = ""
) -> Appraisal:
    """The appraisee's career aspiration (depth, breadth or stretch) and a note."""
    if aspiration not in Appraisal.Aspiration.values:
        raise ValidationError({"aspiration": "Choose depth, breadth, stretch or not said"})
    note = (note or "").strip()
    return _edit(
        actor=actor,
        appraisal=appraisal,
        expected_version=expected_version,
        roles={APPRAISEE},
        statuses=ASPIRATION_STATUSES,
        section="career aspiration",
        audit_action="appraisal_aspiration_update",
        changes={"career_aspiration": aspiration, "career_aspiration_note": note},
        audit_after={"career_aspiration": aspiration, "career_aspiration_note": note},
    )


def appraisal_summary_update(
    *, actor, appraisal: Appraisal, expected_version: int, summary: str
) -> Appraisal:
    """The appraiser's summary of the discussion, while the appraisal is discussed."""
    summary = (summary or "").strip()
    return _edit(
        actor=actor,
        appraisal=appraisal,
        expected_version=expected_version,
        roles={APPRAISER},
        statuses=SUMMARY_STATUSES,
        section="summary",
        audit_action="appraisal_summary_update",
        changes={"summary": summary},
        audit_after={"summary": summary},
    )


def appraisal_comment_update(
    *, actor, appraisal: Appraisal, expected_version: int, comment: str
) -> Appraisal:
    """The appraisee's comment on the summary, before they sign off."""
    comment = (comment or "").strip()
    return _edit(
        actor=actor,
        appraisal=appraisal,
        expected_version=expected_version,
        roles={APPRAISEE},
        statuses=COMMENT_STATUSES,
        section="appraisee's comment",
        audit_action="appraisal_comment_update",
        changes={"appraisee_comment": comment},
        audit_after={"appraisee_comment": comment},
    )


def appraisal_consent_update(
    *, actor, appraisal: Appraisal, expected_version: int, share: bool
) -> Appraisal:
    """The appraisee's consent for a future line manager to see this appraisal's summary,
    objectives and development plan; given or withdrawn at any time, even after the cycle."""
    return _edit(
        actor=actor,
        appraisal=appraisal,
        expected_version=expected_version,
        roles={APPRAISEE},
        statuses=None,
        section="consent to share",
        audit_action="appraisal_consent_update",
        changes={"share_with_new_manager": bool(share)},
        audit_after={"share_with_new_manager": bool(share)},
        needs_open_cycle=False,
    )
