"""Writes for calibration sessions: creating one, starting it (which places every proposed
assessment in its scope, set-based), moving a placement with a reason, and closing it (which
writes the calibrated placements back onto the assessments, set-based, in one transaction).

Every function checks that its actor may act and raises ``PermissionDenied`` otherwise; the
views have already answered 404 for sessions outside the user's sight, so this is a second
line. Bad input raises ``ValidationError``, keyed by form field name where there is one.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record, snapshot
from carelead.organisations.models import Organisation
from carelead.talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    GridPreset,
    ScopeLevel,
    TalentAssessment,
)
from carelead.talent.presenters.grid import LEVELS
from carelead.talent.selectors import calibration as selectors

SESSION_FIELDS = (
    "title",
    "level",
    "organisation",
    "facilitator",
    "grid",
    "scheduled_on",
    "status",
)
OUT_OF_DATE = (
    "Someone else changed this session while you were looking at it. Check it and try again."
)


def _require_runner(actor, session: CalibrationSession) -> None:
    if not selectors.can_run(actor, session):
        raise PermissionDenied("Only the session's facilitator or creator can do this.")


def _check_version(expected_version: int | None, current: int, message: str) -> None:
    if expected_version is not None and expected_version != current:
        raise ValidationError(message)


def calibration_session_create(
    *,
    actor,
    title: str,
    level: str,
    organisation: Organisation,
    facilitator,
    grid: GridPreset,
    scheduled_on: datetime.date,
) -> CalibrationSession:
    """Plan a session. People leads hold organisation-level sessions for their organisation;
    regional talent leads ICB- or region-level ones in their region (or one organisation's)."""
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter a title for the session"
    elif len(title) > 200:
        errors["title"] = "Title must be 200 characters or fewer"
    if level not in (ScopeLevel.ORGANISATION, ScopeLevel.ICB, ScopeLevel.REGION):
        errors["scope"] = "Choose who the session is for"
    if facilitator is None or not getattr(facilitator, "person_id", None):
        errors["facilitator"] = "The facilitator must have a staff record in carelead"
    if grid is None or grid.kind != GridPreset.Kind.TALENT_GRID:
        errors["grid"] = "Choose a talent grid"
    if errors:
        raise ValidationError(errors)
    if not selectors.may_create(actor, level, organisation):
        raise PermissionDenied("You cannot hold a calibration session for that organisation.")
    with transaction.atomic():
        session = CalibrationSession.objects.create(
            title=title,
            level=level,
            organisation=organisation,
            facilitator=facilitator,
            grid=grid,
            scheduled_on=scheduled_on,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="calibration_session_created",
            obj=session,
            after=snapshot(session, SESSION_FIELDS),
            organisation_id=organisation.pk,
        )
    return session


def calibration_session_start(
    *, actor, session: CalibrationSession, expected_version: int | None = None
) -> int:
    """Start a planned session: every proposed assessment in its scope that no other open
    session holds becomes a placement, proposed and calibrated alike. Returns how many."""
    _require_runner(actor, session)
    with transaction.atomic():
        session = CalibrationSession.objects.select_for_update().get(pk=session.pk)
        _check_version(expected_version, session.version, OUT_OF_DATE)
        if session.status != CalibrationSession.Status.PLANNED:
            raise ValidationError(f"{session.title} has already started.")
        # Locked so that two sessions starting at once cannot both take an assessment.
        rows = list(
            selectors.assessments_to_place(session)
            .select_for_update(of=("self",))
            .order_by("pk")
            .values_list("pk", "performance", "potential")
        )
        bulk_insert(
            CalibrationPlacement,
            [
                {
                    "session_id": session.pk,
                    "assessment_id": pk,
                    "proposed_performance": performance,
                    "proposed_potential": potential,
                    "performance": performance,
                    "potential": potential,
                    "reason": "",
                    "changed_by_id": None,
                    "changed_at": None,
                    "version": 1,
                }
                for pk, performance, potential in rows
            ],
        )
        session.status = CalibrationSession.Status.IN_PROGRESS
        session.started_at = timezone.now()
        session.version += 1
        session.save(update_fields=["status", "started_at", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="calibration_session_started",
            obj=session,
            before={"status": CalibrationSession.Status.PLANNED},
            after={"status": session.status, "placements": len(rows)},
            organisation_id=session.organisation_id,
        )
    return len(rows)


def calibration_placement_move(
    *,
    actor,
    placement: CalibrationPlacement,
    performance: int,
    potential: int,
    reason: str,
    expected_version: int | None = None,
) -> CalibrationPlacement:
    """Move a placement to another cell, with the reason; by the facilitator or creator
    while the session is in progress."""
    reason = (reason or "").strip()
    errors = {}
    if performance not in LEVELS:
        errors["performance"] = "Choose low, moderate or high performance"
    if potential not in LEVELS:
        errors["potential"] = "Choose low, moderate or high potential"
    if not reason:
        errors["reason"] = "Enter the reason for the move"
    elif len(reason) > 1000:
        errors["reason"] = "Reason must be 1000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        placement = (
            CalibrationPlacement.objects.select_for_update(of=("self",))
            .select_related("session", "assessment__person")
            .get(pk=placement.pk)
        )
        session = placement.session
        _require_runner(actor, session)
        if session.status != CalibrationSession.Status.IN_PROGRESS:
            raise ValidationError(
                f"{session.title} is {session.get_status_display().lower()}, so placements "
                "cannot move."
            )
        _check_version(
            expected_version,
            placement.version,
            f"Someone else moved {placement.assessment.person} while you were choosing. "
            "Check where they are now and try again.",
        )
        if (performance, potential) == (placement.performance, placement.potential):
            raise ValidationError(
                {"potential": f"{placement.assessment.person} is already in that place"}
            )
        before = snapshot(placement, ("performance", "potential", "reason"))
        placement.performance = performance
        placement.potential = potential
        placement.reason = reason
        placement.changed_by = actor
        placement.changed_at = timezone.now()
        placement.version += 1
        placement.save(
            update_fields=[
                "performance",
                "potential",
                "reason",
                "changed_by",
                "changed_at",
                "version",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="calibration_placement_moved",
            obj=placement,
            before=before,
            after=snapshot(placement, ("performance", "potential", "reason")),
            organisation_id=placement.assessment.organisation_id,
        )
    return placement


def calibration_session_close(
    *, actor, session: CalibrationSession, expected_version: int | None = None
) -> int:
    """Close a session in progress: each assessment it holds that is still proposed takes
    its calibrated placement and becomes calibrated, all in one statement and one
    transaction. Returns how many assessments were calibrated."""
    _require_runner(actor, session)
    with transaction.atomic():
        session = CalibrationSession.objects.select_for_update().get(pk=session.pk)
        _check_version(expected_version, session.version, OUT_OF_DATE)
        if session.status != CalibrationSession.Status.IN_PROGRESS:
            raise ValidationError(f"{session.title} is not in progress, so it cannot close.")
        placed = CalibrationPlacement.objects.filter(session=session, assessment=OuterRef("pk"))
        summary = selectors.move_summary(session)
        calibrated = TalentAssessment.objects.filter(
            placements__session=session, status=TalentAssessment.Status.PROPOSED
        ).update(
            calibrated_performance=Subquery(placed.values("performance")[:1]),
            calibrated_potential=Subquery(placed.values("potential")[:1]),
            status=TalentAssessment.Status.CALIBRATED,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        session.status = CalibrationSession.Status.CLOSED
        session.closed_at = timezone.now()
        session.version += 1
        session.save(update_fields=["status", "closed_at", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="calibration_session_closed",
            obj=session,
            before={"status": CalibrationSession.Status.IN_PROGRESS},
            after={
                "status": session.status,
                "placements": summary["total"],
                "moved": summary["moved"],
                "assessments_calibrated": calibrated,
            },
            organisation_id=session.organisation_id,
        )
    return calibrated
