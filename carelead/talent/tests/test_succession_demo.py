"""The succession demo seed on a small region built with factories: critical roles held by
the level 5 and 4 jobs, candidates from other trusts, thin plans at the challenged trusts,
one summary audit event, and nothing written (and no failure) when there is nothing to use."""

import datetime

import pytest

from carelead.core.models import AuditEvent
from carelead.demo.talent_succession import TRUSTS, talent_succession_demo_seed
from carelead.organisations.tests.factories import IcbFactory, RegionFactory, TrustFactory
from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import CriticalRole, Readiness, SuccessionCandidate

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)
DIRECTORS = ["Chief nurse", "Medical director", "Chief operating officer", "Chief people officer"]


def _region():
    region = RegionFactory(ods_code="Y63")
    icb = IcbFactory(region=region)
    for code in ("RR8", "RXF", "RCB"):
        trust = TrustFactory(ods_code=code, region=region, icb=icb)
        start = datetime.date(2020, 1, 1)
        EmploymentFactory(
            organisation=trust, job_title="Chief executive", management_level=5, start_date=start
        )
        for title in DIRECTORS:
            EmploymentFactory(
                organisation=trust, job_title=title, management_level=4, start_date=start
            )
        for _ in range(3):
            EmploymentFactory(
                organisation=trust,
                job_title="Head of nursing",
                management_level=3,
                start_date=start,
            )
    return region


def test_the_seed_writes_roles_with_plans_from_other_trusts():
    _region()
    counts = talent_succession_demo_seed(today=TODAY)
    roles = CriticalRole.objects.select_related("organisation", "incumbent")
    assert counts["critical_roles"] == roles.count() >= 12
    assert counts["succession_candidates"] == SuccessionCandidate.objects.count() > 0
    for role in roles:
        assert role.incumbent.organisation == role.organisation
        assert role.incumbent.management_level == (5 if role.kind == "chief_executive" else 4)
    for candidate in SuccessionCandidate.objects.select_related("role"):
        jobs = candidate.person.employments.values_list("organisation_id", flat=True)
        assert candidate.role.organisation_id not in set(jobs)
    assert not SuccessionCandidate.objects.filter(
        role__organisation__ods_code="RCB", readiness=Readiness.READY_NOW
    ).exists()
    assert counts["roles_without_ready_now"] > 0
    assert AuditEvent.objects.filter(action="talent_succession_demo_seeded").count() == 1


def test_the_seed_is_deterministic_and_a_second_run_adds_nothing():
    _region()
    talent_succession_demo_seed(today=TODAY)
    again = talent_succession_demo_seed(today=TODAY)
    assert again["critical_roles"] == 0


def test_the_seed_writes_nothing_without_the_demo_region():
    assert talent_succession_demo_seed(today=TODAY) == {
        "critical_roles": 0,
        "succession_candidates": 0,
    }


def test_the_seed_on_the_small_demo_leaves_risk_on_the_map():
    """Through the whole demo seed, which runs this one after the pools seed."""
    from carelead.demo.services import demo_seed

    counts = demo_seed(people=300, seed=42).talent["succession"]
    assert counts["critical_roles"] >= len(TRUSTS), counts
    assert 0 < counts["roles_without_ready_now"] < counts["critical_roles"]
    assert CriticalRole.objects.filter(organisation__ods_code="RR8").exists()
