"""Calibration writes: who may plan a session where, starting places every proposed
assessment in scope once, moves need a reason and the current version, closing writes the
calibrated placements back in one go. Every write is audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carelead.core.models import AuditEvent
from carelead.organisations.tests.factories import TrustFactory
from carelead.talent.models import CalibrationPlacement, CalibrationSession, TalentAssessment
from carelead.talent.services.calibration import (
    calibration_placement_move,
    calibration_session_close,
    calibration_session_create,
    calibration_session_start,
)
from carelead.talent.tests.factories import (
    CalibrationSessionFactory,
    TalentAssessmentFactory,
    nine_box,
)

pytestmark = pytest.mark.django_db


def _create(world, actor, level, organisation, **extra):
    return calibration_session_create(
        actor=actor,
        title=extra.get("title", "Spring talent review"),
        level=level,
        organisation=organisation,
        facilitator=extra.get("facilitator", actor),
        grid=nine_box(),
        scheduled_on=datetime.date(2026, 12, 3),
    )


def test_people_lead_plans_an_organisation_session_and_it_is_audited(world):
    lead = world.user("people_lead")
    session = _create(world, lead, "organisation", world.trust)
    assert session.status == CalibrationSession.Status.PLANNED
    assert session.created_by == lead
    assert AuditEvent.objects.filter(action="calibration_session_created").count() == 1


def test_people_lead_cannot_plan_for_the_icb_or_another_trust(world):
    lead = world.user("people_lead")
    with pytest.raises(PermissionDenied):
        _create(world, lead, "icb", world.icb)
    with pytest.raises(PermissionDenied):
        _create(world, lead, "organisation", world.sibling_trust)


def test_regional_talent_lead_plans_for_region_icb_or_organisation_in_it_only(world):
    talent = world.user("regional_talent_lead")
    assert _create(world, talent, "region", world.region).level == "region"
    assert _create(world, talent, "icb", world.icb).level == "icb"
    assert _create(world, talent, "organisation", world.sibling_trust).level == "organisation"
    with pytest.raises(PermissionDenied):
        _create(world, talent, "icb", world.other_icb)
    with pytest.raises(PermissionDenied):
        # The level must match the organisation: a trust is not an ICB.
        _create(world, talent, "icb", world.trust)


def test_facilitator_needs_a_staff_record(world):
    with pytest.raises(ValidationError) as error:
        _create(
            world,
            world.user("people_lead"),
            "organisation",
            world.trust,
            facilitator=world.user("superuser"),
        )
    assert "staff record" in error.value.message_dict["facilitator"][0]


def _planned(world, level="organisation", organisation=None):
    lead = world.user("regional_talent_lead")
    return CalibrationSessionFactory(
        level=level,
        organisation=organisation or world.trust,
        facilitator=world.user("people_lead"),
        created_by=lead,
    )


def test_start_places_proposed_assessments_in_scope_not_held_elsewhere(world):
    inside = TalentAssessmentFactory(employment__organisation=world.trust)
    sibling = TalentAssessmentFactory(employment__organisation=world.sibling_trust)
    TalentAssessmentFactory(employment__organisation=world.other_trust)
    TalentAssessmentFactory(
        employment__organisation=world.trust, status=TalentAssessment.Status.DRAFT
    )
    busy = TalentAssessmentFactory(employment__organisation=world.icb)
    other = _planned(world, "icb", world.icb)
    other.status = CalibrationSession.Status.IN_PROGRESS
    other.save()
    CalibrationPlacement.objects.create(
        session=other,
        assessment=busy,
        proposed_performance=2,
        proposed_potential=2,
        performance=2,
        potential=2,
    )
    session = _planned(world, "region", world.region)
    added = calibration_session_start(
        actor=world.user("people_lead"), session=session, expected_version=1
    )
    assert added == 2
    assert set(session.placements.values_list("assessment_id", flat=True)) == {
        inside.pk,
        sibling.pk,
    }
    session.refresh_from_db()
    assert session.status == CalibrationSession.Status.IN_PROGRESS
    assert AuditEvent.objects.filter(action="calibration_session_started").count() == 1


def test_icb_session_takes_the_icb_members_only(world):
    TalentAssessmentFactory(employment__organisation=world.trust)
    TalentAssessmentFactory(employment__organisation=world.other_trust)
    session = _planned(world, "icb", world.icb)
    assert calibration_session_start(actor=session.created_by, session=session) == 1


def test_only_the_facilitator_or_creator_may_start(world):
    session = _planned(world)
    with pytest.raises(PermissionDenied):
        calibration_session_start(actor=world.user("line_manager"), session=session)


def test_start_with_an_old_version_is_refused(world):
    session = _planned(world)
    with pytest.raises(ValidationError, match="Someone else changed"):
        calibration_session_start(actor=session.facilitator, session=session, expected_version=7)


def _running(world, n=2):
    session = _planned(world)
    for _ in range(n):
        TalentAssessmentFactory(employment__organisation=world.trust)
    calibration_session_start(actor=session.facilitator, session=session)
    session.refresh_from_db()
    return session


def test_move_needs_a_reason_and_a_real_change(world):
    session = _running(world, 1)
    placement = session.placements.get()
    with pytest.raises(ValidationError) as error:
        calibration_placement_move(
            actor=session.facilitator, placement=placement, performance=3, potential=3, reason=" "
        )
    assert error.value.message_dict["reason"] == ["Enter the reason for the move"]
    with pytest.raises(ValidationError, match="already in that place"):
        calibration_placement_move(
            actor=session.facilitator,
            placement=placement,
            performance=2,
            potential=2,
            reason="No change",
        )


def test_move_is_saved_with_its_reason_and_audited(world):
    session = _running(world, 1)
    placement = session.placements.get()
    moved = calibration_placement_move(
        actor=session.facilitator,
        placement=placement,
        performance=3,
        potential=3,
        reason="Led the winter plan",
        expected_version=1,
    )
    assert (moved.performance, moved.potential, moved.version) == (3, 3, 2)
    assert moved.moved and moved.changed_by == session.facilitator
    event = AuditEvent.objects.get(action="calibration_placement_moved")
    assert event.before["potential"] == 2 and event.after["potential"] == 3


def test_move_with_an_old_version_is_refused(world):
    session = _running(world, 1)
    placement = session.placements.get()
    calibration_placement_move(
        actor=session.facilitator, placement=placement, performance=3, potential=3, reason="A"
    )
    with pytest.raises(ValidationError, match="Someone else moved"):
        calibration_placement_move(
            actor=session.facilitator,
            placement=placement,
            performance=1,
            potential=1,
            reason="B",
            expected_version=1,
        )


def test_a_viewer_who_does_not_run_the_session_cannot_move(world):
    session = _running(world, 1)
    with pytest.raises(PermissionDenied):
        calibration_placement_move(
            actor=world.user("staff"),
            placement=session.placements.get(),
            performance=3,
            potential=3,
            reason="A",
        )


def test_close_writes_calibrated_values_back_and_stops_moves(world):
    session = _running(world, 3)
    first, *_ = session.placements.order_by("pk")
    calibration_placement_move(
        actor=session.facilitator, placement=first, performance=1, potential=3, reason="A"
    )
    assert calibration_session_close(actor=session.facilitator, session=session) == 3
    first_assessment = TalentAssessment.objects.get(pk=first.assessment_id)
    assert first_assessment.status == TalentAssessment.Status.CALIBRATED
    assert (first_assessment.calibrated_performance, first_assessment.calibrated_potential) == (
        1,
        3,
    )
    others = TalentAssessment.objects.exclude(pk=first.assessment_id)
    assert set(others.values_list("calibrated_performance", "calibrated_potential")) == {(2, 2)}
    event = AuditEvent.objects.get(action="calibration_session_closed")
    assert event.after["moved"] == 1
    with pytest.raises(ValidationError, match="cannot move"):
        calibration_placement_move(
            actor=session.facilitator, placement=first, performance=2, potential=2, reason="B"
        )


def test_close_leaves_an_assessment_withdrawn_meanwhile_alone(world):
    session = _running(world, 2)
    placement = session.placements.order_by("pk").first()
    TalentAssessment.objects.filter(pk=placement.assessment_id).update(
        status=TalentAssessment.Status.WITHDRAWN
    )
    assert calibration_session_close(actor=session.facilitator, session=session) == 1
    assert TalentAssessment.objects.get(pk=placement.assessment_id).calibrated_potential is None


def test_a_planned_session_cannot_close(world):
    session = _planned(world)
    with pytest.raises(ValidationError, match="not in progress"):
        calibration_session_close(actor=session.facilitator, session=session)


def test_other_trust_assessment_is_never_placed_by_a_trust_session(world):
    TalentAssessmentFactory(employment__organisation=TrustFactory())
    session = _planned(world)
    assert calibration_session_start(actor=session.facilitator, session=session) == 0
