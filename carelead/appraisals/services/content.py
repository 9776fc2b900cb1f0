"""Writes to the content of an appraisal: behaviour ratings, objectives, the development
plan and evidence.

Each function checks the actor's role on the appraisal (``selectors.access.appraisal_roles``)
and the statuses in which that part may change, then takes the optimistic lock: the caller
passes the ``Appraisal.version`` its form was built from, and a stale version is refused
with a clear message instead of overwriting the other person's change. Every change bumps the
version and writes audit rows in the same transaction.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from carelead.appraisals.models import (
    Appraisal,
    AppraisalEvidence,
    BehaviourAssessment,
    DevelopmentItem,
    Evidence,
    Objective,
)
from carelead.appraisals.selectors import content as selectors
from carelead.appraisals.selectors.access import appraisal_roles
from carelead.appraisals.workflow import APPRAISEE, APPRAISER
from carelead.core.services.audit import AuditEntry, audit_record, audit_record_many, snapshot
from carelead.learning.models import Programme

STALE_MESSAGE = (
    "Someone else changed this appraisal while you were editing it. Your answers are "
    "still here: check the page shows what you want, then save again."
)

OBJECTIVE_FIELDS = (
    "title",
    "description",
    "measure",
    "relevance",
    "due_on",
    "priority",
    "is_edi",
    "progress",
    "progress_note",
)
DEVELOPMENT_FIELDS = ("description", "item", "programme", "status", "due_on")
SELF_FIELDS = ("self_rating", "self_evidence")
APPRAISER_FIELDS = ("appraiser_rating", "appraiser_comment", "agreed_rating")


def _require_role(actor, appraisal: Appraisal, allowed: set[str], what: str) -> set[str]:
    roles = appraisal_roles(actor, appraisal)
    if not roles & allowed:
        raise ValidationError(f"You cannot {what} on this appraisal.", code="role")
    return roles


def _require_status(appraisal: Appraisal, statuses, what: str) -> None:
    if appraisal.status not in statuses:
        raise ValidationError(
            f"You cannot {what} while the appraisal is {appraisal.get_status_display().lower()}.",
            code="status",
        )


def _lock(appraisal: Appraisal, expected_version: int) -> None:
    """Refuse a stale form, then bump the version (one conditional UPDATE, so two saves
    racing on the same version cannot both pass)."""
    bumped = Appraisal.objects.filter(pk=appraisal.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise ValidationError(STALE_MESSAGE, code="stale")
    appraisal.version = expected_version + 1


@contextmanager
def _editing(appraisal: Appraisal):
    """One transaction; if it fails, the in-memory version goes back to what it was, so the
    page re-shown with the user's input still carries the version their form was built on."""
    version = appraisal.version
    try:
        with transaction.atomic():
            yield
    except Exception:
        appraisal.version = version
        raise


def _fresh(appraisal: Appraisal) -> Appraisal:
    """The appraisal's current status, read inside the transaction (the page may be old)."""
    appraisal.status = (
        Appraisal.objects.filter(pk=appraisal.pk).values_list("status", flat=True).get()
    )
    return appraisal


# --- behaviours -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BehaviourEntry:
    """One row of a behaviours form: the assessment and the values entered for it (rating
    level ids or None, and text)."""

    assessment_id: int
    rating_id: int | None = None
    text: str = ""
    agreed_id: int | None = None


def _levels_by_id(appraisal: Appraisal) -> dict[int, object]:
    return {level.pk: level for level in selectors.rating_levels(appraisal)}


def _check_entries(appraisal, entries, assessments, levels) -> None:
    unknown = [e.assessment_id for e in entries if e.assessment_id not in assessments]
    if unknown:
        raise ValidationError("Some behaviours are not part of this appraisal.", code="item")
    for entry in entries:
        for level_id in (entry.rating_id, entry.agreed_id):
            if level_id is not None and level_id not in levels:
                title = assessments[entry.assessment_id].item.title
                raise ValidationError(
                    f"{title}: choose a rating from the appraisal's scale.", code="level"
                )


def _save_assessments(*, actor, appraisal, entries, fields, apply) -> int:
    assessments = {
        a.pk: a
        for a in BehaviourAssessment.objects.filter(appraisal=appraisal).select_related("item")
    }
    levels = _levels_by_id(appraisal)
    _check_entries(appraisal, entries, assessments, levels)
    changed, audit = [], []
    for entry in entries:
        assessment = assessments[entry.assessment_id]
        before = snapshot(assessment, fields)
        apply(assessment, entry)
        after = snapshot(assessment, fields)
        if before != after:
            changed.append(assessment)
            audit.append(
                AuditEntry(
                    "appraisal.behaviour_rated",
                    assessment,
                    before,
                    after,
                    appraisal.organisation_id,
                )
            )
    if changed:
        BehaviourAssessment.objects.bulk_update(changed, fields)
        audit_record_many(actor=actor, entries=audit)
    return len(changed)


def behaviours_self_assess(
    *, actor, appraisal: Appraisal, expected_version: int, entries: list[BehaviourEntry]
) -> int:
    """The appraisee's self ratings and evidence, all behaviours in one transaction.
    Returns how many behaviours changed."""
    with _editing(appraisal):
        _fresh(appraisal)
        _require_role(actor, appraisal, {APPRAISEE}, "give self ratings")
        _require_status(appraisal, selectors.SELF_RATING_STATUSES, "change your self ratings")
        _lock(appraisal, expected_version)

        def apply(assessment, entry):
            assessment.self_rating_id = entry.rating_id
            assessment.self_evidence = entry.text.strip()

        return _save_assessments(
            actor=actor, appraisal=appraisal, entries=entries, fields=SELF_FIELDS, apply=apply
        )


def behaviours_appraiser_assess(
    *, actor, appraisal: Appraisal, expected_version: int, entries: list[BehaviourEntry]
) -> int:
    """The appraiser's ratings and comments, and (once discussed) the agreed ratings, all
    behaviours in one transaction. Returns how many behaviours changed."""
    with _editing(appraisal):
        _fresh(appraisal)
        _require_role(actor, appraisal, {APPRAISER}, "give appraiser ratings")
        _require_status(appraisal, selectors.APPRAISER_RATING_STATUSES, "rate behaviours")
        may_agree = appraisal.status in selectors.AGREED_RATING_STATUSES
        if not may_agree and any(e.agreed_id for e in entries):
            raise ValidationError("Record the agreed ratings after the discussion.", code="status")
        _lock(appraisal, expected_version)

        def apply(assessment, entry):
            assessment.appraiser_rating_id = entry.rating_id
            assessment.appraiser_comment = entry.text.strip()
            if may_agree:
                assessment.agreed_rating_id = entry.agreed_id

        return _save_assessments(
            actor=actor,
            appraisal=appraisal,
            entries=entries,
            fields=APPRAISER_FIELDS,
            apply=apply,
        )


# --- objectives -------------------------------------------------------------------------------


def _check_priority(appraisal: Appraisal, priority) -> None:
    if priority is None:
        return
    if priority.organisation_id != appraisal.organisation_id or not priority.is_active:
        raise ValidationError({"priority": "Choose one of your organisation's current priorities."})


def objective_create(
    *,
    actor,
    appraisal: Appraisal,
    expected_version: int,
    title: str,
    description: str,
    measure: str,
    due_on,
    relevance: str = "",
    priority=None,
    is_edi: bool = False,
    progress: str = Objective.Progress.NOT_STARTED,
    progress_note: str = "",
) -> Objective:
    with _editing(appraisal):
        _fresh(appraisal)
        _require_role(actor, appraisal, {APPRAISEE, APPRAISER}, "add objectives")
        _require_status(appraisal, selectors.PLAN_EDIT_STATUSES, "add objectives")
        _check_priority(appraisal, priority)
        _lock(appraisal, expected_version)
        last = appraisal.objectives.order_by("-sort_order").values_list("sort_order", flat=True)
        objective = Objective.objects.create(
            appraisal=appraisal,
            title=title.strip(),
            description=description.strip(),
            measure=measure.strip(),
            relevance=relevance.strip(),
            due_on=due_on,
            priority=priority,
            is_edi=is_edi,
            progress=progress,
            progress_note=progress_note.strip(),
            sort_order=(last.first() or 0) + 1,
        )
        audit_record(
            actor=actor,
            action="appraisal.objective_added",
            obj=objective,
            after=snapshot(objective, OBJECTIVE_FIELDS),
            organisation_id=appraisal.organisation_id,
        )
        return objective


def objective_update(*, actor, objective: Objective, expected_version: int, **values) -> Objective:
    """Change an objective's SMART fields, priority, EDI flag and progress (any of
    ``OBJECTIVE_FIELDS``), while the plan may change."""
    unknown = set(values) - set(OBJECTIVE_FIELDS)
    if unknown:
        raise TypeError(f"objective_update: unknown fields {sorted(unknown)}")
    appraisal = objective.appraisal
    with _editing(appraisal):
        _fresh(appraisal)
        _require_role(actor, appraisal, {APPRAISEE, APPRAISER}, "change objectives")
        _require_status(appraisal, selectors.PLAN_EDIT_STATUSES, "change objectives")
        if "priority" in values:
            _check_priority(appraisal, values["priority"])
        _lock(appraisal, expected_version)
        return _update_objective(actor, objective, values)


def objective_progress_update(
    *, actor, objective: Objective, expected_version: int, progress: str, progress_note: str = ""
) -> Objective:
    """Progress may be updated by either party at any time until the appraisal is completed."""
    appraisal = objective.appraisal
    with _editing(appraisal):
        _fresh(appraisal)
        _require_role(actor, appraisal, {APPRAISEE, APPRAISER}, "update progress")
        _require_status(appraisal, selectors.PROGRESS_STATUSES, "update progress")
        _lock(appraisal, expected_version)
        return _update_objective(
            actor, objective, {"progress": progress, "progress_note": progress_note}
        )


def _update_objective(actor, objective: Objective, values: dict) -> Objective:
    before = snapshot(objective, OBJECTIVE_FIELDS)
    for name, value in values.items():
        setattr(objective, name, value.strip() if isinstance(value, str) else value)
    objective.full_clean(exclude=["appraisal", "carried_from"])
    objective.save()
    audit_record(
        actor=actor,
        action="appraisal.objective_changed",
        obj=objective,
        before=before,
        after=snapshot(objective, OBJECTIVE_FIELDS),
        organisation_id=objective.appraisal.organisation_id,
    )
    return objective


# --- development plan -------------------------------------------------------------------------


def development_item_create(
    *,
    actor,
    appraisal: Appraisal,
    expected_version: int,
    description: str,
    item=None,
    programme=None,
    due_on=None,
) -> DevelopmentItem:
    """A development plan item, optionally developing a competency of the cycle's framework
    version and through an open programme."""
    with _editing(appraisal):
        _fresh(appraisal)
        _require_role(actor, appraisal, {APPRAISEE, APPRAISER}, "add to the development plan")
        _require_status(appraisal, selectors.PLAN_EDIT_STATUSES, "add to the development plan")
        if item is not None and (
            item.version_id != appraisal.cycle.framework_version_id
            or item.kind not in selectors.COMPETENCY_KINDS
        ):
            raise ValidationError({"item": "Choose a competency from this appraisal's framework."})
        if programme is not None and programme.status != Programme.Status.OPEN:
            raise ValidationError({"programme": "Choose a programme that is open."})
        _lock(appraisal, expected_version)
        last = appraisal.development_items.order_by("-sort_order").values_list(
            "sort_order", flat=True
        )
        development = DevelopmentItem.objects.create(
            appraisal=appraisal,
            description=description.strip(),
            item=item,
            programme=programme,
            due_on=due_on,
            sort_order=(last.first() or 0) + 1,
        )
        audit_record(
            actor=actor,
            action="appraisal.development_item_added",
            obj=development,
            after=snapshot(development, DEVELOPMENT_FIELDS),
            organisation_id=appraisal.organisation_id,
        )
        return development


def development_item_set_status(
    *, actor, development: DevelopmentItem, expected_version: int, status: str
) -> DevelopmentItem:
    """Move a plan item on (planned, in progress, done) until the appraisal is completed."""
    appraisal = development.appraisal
    if status not in DevelopmentItem.Status.values:
        raise ValidationError({"status": "Choose a status for the development item."})
    with _editing(appraisal):
        _fresh(appraisal)
        _require_role(actor, appraisal, {APPRAISEE, APPRAISER}, "update the development plan")
        _require_status(appraisal, selectors.PROGRESS_STATUSES, "update the development plan")
        _lock(appraisal, expected_version)
        before = snapshot(development, DEVELOPMENT_FIELDS)
        development.status = status
        development.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="appraisal.development_item_changed",
            obj=development,
            before=before,
            after=snapshot(development, DEVELOPMENT_FIELDS),
            organisation_id=appraisal.organisation_id,
        )
        return development


# --- evidence ---------------------------------------------------------------------------------

EVIDENCE_FIELDS = ("title", "description", "url", "occurred_on")


def evidence_create(
    *, actor, title: str, description: str = "", url: str = "", occurred_on=None
) -> Evidence:
    """Add to the actor's own evidence library (it belongs to the person, not a job)."""
    if not getattr(actor, "person_id", None):
        raise ValidationError("Only people with a staff record keep evidence.", code="role")
    with transaction.atomic():
        evidence = Evidence.objects.create(
            person_id=actor.person_id,
            title=title.strip(),
            description=description.strip(),
            url=url.strip(),
            occurred_on=occurred_on,
        )
        audit_record(
            actor=actor,
            action="appraisal.evidence_added",
            obj=evidence,
            after=snapshot(evidence, EVIDENCE_FIELDS),
        )
        return evidence


def evidence_attach(
    *, actor, appraisal: Appraisal, expected_version: int, evidence: Evidence, item=None
) -> AppraisalEvidence:
    """Attach a piece of the appraisee's own evidence to their appraisal, optionally to one
    of its behaviours."""
    with _editing(appraisal):
        _fresh(appraisal)
        _require_role(actor, appraisal, {APPRAISEE}, "attach evidence")
        _require_status(appraisal, selectors.EVIDENCE_STATUSES, "attach evidence")
        if evidence.person_id != appraisal.person_id:
            raise ValidationError({"evidence": "Choose evidence from your own library."})
        if item is not None and not appraisal.behaviour_assessments.filter(item=item).exists():
            raise ValidationError({"item": "Choose one of this appraisal's behaviours."})
        if appraisal.evidence.filter(evidence=evidence).exists():
            raise ValidationError({"evidence": "This evidence is already attached."})
        _lock(appraisal, expected_version)
        link = AppraisalEvidence.objects.create(appraisal=appraisal, evidence=evidence, item=item)
        audit_record(
            actor=actor,
            action="appraisal.evidence_attached",
            obj=link,
            after={"evidence": evidence.pk, "item": item.pk if item else None},
            organisation_id=appraisal.organisation_id,
        )
        return link
