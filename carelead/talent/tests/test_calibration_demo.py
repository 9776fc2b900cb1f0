"""The calibration demo seed: a closed session at RR8 and an open one for the region, made
from the proposed assessments already there; nothing at all when there are none, and nothing
new on a second run."""

import datetime

import pytest

from carelead.core.models import AuditEvent
from carelead.demo.talent_calibration import talent_calibration_demo_seed
from carelead.people.tests.factories import PersonFactory
from carelead.talent.models import CalibrationPlacement, CalibrationSession, TalentAssessment
from carelead.talent.tests.factories import nine_box
from carelead.talent.tests.factories_calibration import proposed_people

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def demo_world(world):
    """The persona world already has Y63 and RR8; the demo looks its personas up by name."""
    nine_box()
    for name in ("people_lead", "regional_talent_lead"):
        user = world.user(name)
        if not user.person_id:
            user.person = PersonFactory()
            user.save()
    return world


def test_nothing_is_written_without_proposed_assessments(demo_world):
    counts = talent_calibration_demo_seed(today=TODAY)
    assert counts["calibration_sessions"] == 0
    assert not CalibrationSession.objects.exists()
    assert not AuditEvent.objects.filter(action="talent_calibration_demo_seeded").exists()


def test_closed_trust_session_and_open_region_session(demo_world):
    proposed_people(demo_world.trust, [{}] * 30)
    proposed_people(demo_world.sibling_trust, [{"potential": 3}] * 20)
    counts = talent_calibration_demo_seed(today=TODAY)
    assert counts["calibration_sessions"] == 2
    assert counts["calibration_placements"] == 50
    closed = CalibrationSession.objects.get(status="closed")
    assert closed.organisation == demo_world.trust
    assert closed.facilitator == demo_world.user("people_lead")
    running = CalibrationSession.objects.get(status="in_progress")
    assert running.organisation == demo_world.region
    assert running.placements.count() == 20
    calibrated = TalentAssessment.objects.filter(status="calibrated")
    assert calibrated.count() == 30 == counts["assessments_calibrated"]
    moved = [p for p in CalibrationPlacement.objects.all() if p.moved]
    assert len(moved) == counts["calibration_moves"]
    assert all(p.reason for p in moved)
    assert AuditEvent.objects.filter(action="talent_calibration_demo_seeded").count() == 1
    again = talent_calibration_demo_seed(today=TODAY)
    assert again["calibration_sessions"] == 0
