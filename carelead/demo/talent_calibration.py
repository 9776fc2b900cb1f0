"""The calibration demo: a CLOSED organisation-level session at Leeds Teaching Hospitals (RR8),
facilitated by the people lead persona, and an IN PROGRESS region-level session for North
East and Yorkshire (Y63), facilitated by the regional talent lead persona, each made from the
proposed assessments the assessments demo wrote, with a few moves and their reasons.

Runs after the assessments seed and reads its proposed assessments; when there are none (or
the personas, the region or the default talent grid are missing) it writes nothing. Like the
other demo seeds it writes set-based, outside the services, with one summary audit event.
Deterministic: a seeded random generator walking the assessments in id order, dates relative
to ``today``. Closing the RR8 session writes its calibrated placements back onto the
assessments exactly as ``calibration_session_close`` does. A second run without clearing
finds the RR8 assessments calibrated and the rest held by the open session, so writes nothing.
"""

import datetime
import random

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from carelead.accounts.models import User
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.organisations.models import Organisation
from carelead.talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    GridPreset,
    ScopeLevel,
    TalentAssessment,
)
from carelead.talent.selectors.calibration import assessments_to_place

SEED = 5704
TRUST = "RR8"
#: About one placement in this many is moved, never more than MAX_MOVES per session.
MOVE_EVERY = 12
MAX_MOVES = 8
REASONS = {
    "up": [
        "Panel agreed: led the trust's flow programme across three divisions this year.",
        "Evidence from the ICB discharge workstream shows more scope than the proposal.",
        "Two directors gave examples of stepping up during the winter escalation.",
    ],
    "down": [
        "New in post this year: the panel wants another cycle of evidence first.",
        "Proposal rested on one project; other evidence does not yet support it.",
        "Aligned with peers at the same level after comparing evidence across trusts.",
    ],
}


def _moves(rng: random.Random, rows: list[tuple[int, int, int]]) -> dict[int, tuple]:
    """A few deterministic moves by one step on one axis: (performance, potential, reason)."""
    moves: dict[int, tuple] = {}
    for pk, performance, potential in rows:
        if len(moves) >= MAX_MOVES or rng.randrange(MOVE_EVERY):
            continue
        axis = rng.choice(("performance", "potential"))
        value = performance if axis == "performance" else potential
        step = rng.choice((-1, 1)) if value == 2 else (1 if value == 1 else -1)
        reason = rng.choice(REASONS["up" if step > 0 else "down"])
        if axis == "performance":
            moves[pk] = (performance + step, potential, reason)
        else:
            moves[pk] = (performance, potential + step, reason)
    return moves


def _place(session, rows, moves, actor_id, when) -> int:
    placements = []
    for pk, performance, potential in rows:
        moved = moves.get(pk)
        placements.append(
            {
                "session_id": session.pk,
                "assessment_id": pk,
                "proposed_performance": performance,
                "proposed_potential": potential,
                "performance": moved[0] if moved else performance,
                "potential": moved[1] if moved else potential,
                "reason": moved[2] if moved else "",
                "changed_by_id": actor_id if moved else None,
                "changed_at": when if moved else None,
                "version": 2 if moved else 1,
            }
        )
    bulk_insert(CalibrationPlacement, placements)
    return len(placements)


def _rows(session) -> list[tuple[int, int, int]]:
    return list(
        assessments_to_place(session).order_by("pk").values_list("pk", "performance", "potential")
    )


def talent_calibration_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict:
    """Seed the calibration demo; returns counts of what it wrote (zeros when there is
    nothing to calibrate)."""
    today = today or cat.REFERENCE_DATE
    rng = random.Random(f"carelead-talent-calibration-{SEED}-{today.isoformat()}")
    counts = {
        "calibration_sessions": 0,
        "calibration_placements": 0,
        "calibration_moves": 0,
        "assessments_calibrated": 0,
    }
    region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
    trust = Organisation.objects.filter(ods_code=TRUST).first()
    grid = GridPreset.objects.filter(kind=GridPreset.Kind.TALENT_GRID, is_default=True).first()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=("people_lead", "regional_talent_lead"), person__isnull=False
        )
    }
    if region is None or trust is None or grid is None or len(users) < 2:
        return counts
    lead, talent = users["people_lead"], users["regional_talent_lead"]
    now = timezone.now()
    with transaction.atomic():
        closed = CalibrationSession(
            title="Leeds Teaching Hospitals talent review",
            level=ScopeLevel.ORGANISATION,
            organisation=trust,
            facilitator=lead,
            grid=grid,
            scheduled_on=today - datetime.timedelta(days=14),
            status=CalibrationSession.Status.CLOSED,
            started_at=now - datetime.timedelta(days=14),
            closed_at=now - datetime.timedelta(days=14),
            created_by=lead,
            version=3,
        )
        rows = _rows(closed)
        if rows:
            closed.save()
            moves = _moves(rng, rows)
            counts["calibration_placements"] += _place(
                closed, rows, moves, lead.pk, closed.closed_at
            )
            counts["calibration_moves"] += len(moves)
            counts["calibration_sessions"] += 1
            placed = CalibrationPlacement.objects.filter(session=closed, assessment=OuterRef("pk"))
            counts["assessments_calibrated"] = TalentAssessment.objects.filter(
                placements__session=closed, status=TalentAssessment.Status.PROPOSED
            ).update(
                calibrated_performance=Subquery(placed.values("performance")[:1]),
                calibrated_potential=Subquery(placed.values("potential")[:1]),
                status=TalentAssessment.Status.CALIBRATED,
                version=F("version") + 1,
                updated_at=now,
            )
        running = CalibrationSession(
            title="North East and Yorkshire senior talent review",
            level=ScopeLevel.REGION,
            organisation=region,
            facilitator=talent,
            grid=grid,
            scheduled_on=today,
            status=CalibrationSession.Status.IN_PROGRESS,
            started_at=now,
            created_by=talent,
            version=2,
        )
        rows = _rows(running)
        if rows:
            running.save()
            moves = _moves(rng, rows)
            counts["calibration_placements"] += _place(running, rows, moves, talent.pk, now)
            counts["calibration_moves"] += len(moves)
            counts["calibration_sessions"] += 1
        if counts["calibration_sessions"]:
            audit_record(
                actor=actor,
                action="talent_calibration_demo_seeded",
                obj=region,
                after={**counts, "today": today},
                organisation_id=region.pk,
            )
    return counts
