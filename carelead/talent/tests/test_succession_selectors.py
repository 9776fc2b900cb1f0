"""Succession reads: scope (404 outside), what each candidate shows, the risk map's counts,
and query counts that do not grow with rows."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from carelead.learning.tests.factories import CredentialFactory, ProgrammeFactory
from carelead.organisations.tests.factories import TrustFactory
from carelead.standards.tests.factories import StageFactory
from carelead.talent.models import PoolMembership, Readiness
from carelead.talent.selectors import succession as selectors
from carelead.talent.tests.factories import PoolMembershipFactory
from carelead.talent.tests.factories_succession import candidate_for, role_at

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)


def test_people_leads_see_their_trust_and_talent_leads_their_region_only(world):
    here = role_at(world.trust)
    sibling = role_at(world.sibling_trust)
    role_at(world.other_trust)
    assert selectors.roles_for_user(world.user("people_lead")) == [here]
    assert set(selectors.roles_for_user(world.user("regional_talent_lead"))) == {here, sibling}
    with pytest.raises(Http404):
        selectors.role_for_user(world.user("people_lead"), sibling.pk)
    with pytest.raises(Http404):
        selectors.role_for_user(world.user("superuser"), here.pk)


def test_candidates_show_their_job_prerequisite_and_pool_membership_but_not_to_outsiders(world):
    stage3 = StageFactory(code="stage-3", name="Stage 3", rank=3)
    stage4 = StageFactory(code="stage-4", name="Stage 4", rank=4, version=stage3.version)
    role = role_at(world.trust, stage=stage4)
    qualified = candidate_for(role, organisation=world.other_trust)
    CredentialFactory(
        person=qualified.person,
        programme=ProgrammeFactory(framework_version=stage3.version, stage=stage3),
    )
    PoolMembershipFactory(person=qualified.person, status=PoolMembership.Status.MEMBER)
    other = candidate_for(role, readiness=Readiness.THREE_PLUS_YEARS)
    PoolMembershipFactory(person=other.person, status=PoolMembership.Status.NOMINATED)

    first, second = selectors.role_candidates(role)
    assert first.pk == qualified.pk
    assert first.current_employment.organisation == world.other_trust
    assert (first.meets_prerequisite, first.in_pool) == (True, True)
    assert (second.meets_prerequisite, second.in_pool) == (False, False)
    with pytest.raises(Http404):
        selectors.candidate_for_user(world.user("staff"), qualified.pk)


def test_a_role_without_a_stage_has_no_prerequisite_answer(world):
    role = role_at(world.trust)
    candidate_for(role)
    assert selectors.role_candidates(role)[0].meets_prerequisite is None


def _count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx)


def test_the_plan_costs_the_same_queries_for_one_or_many_candidates(world):
    stage = StageFactory(rank=2, code="stage-2", name="Stage 2")
    role = role_at(world.trust, stage=stage)
    candidate_for(role)
    few = _count_queries(lambda: selectors.role_candidates(role))
    for _ in range(5):
        candidate_for(role, readiness=Readiness.ONE_TO_TWO_YEARS)
    assert _count_queries(lambda: selectors.role_candidates(role)) == few


def test_the_risk_map_counts_gaps_and_rates_risk(world):
    lead = world.user("regional_talent_lead")
    covered = role_at(world.trust, title="Chief executive")
    candidate_for(covered, is_emergency_cover=True)
    role_at(world.trust, title="Chief nurse", expected_vacancy_on=TODAY + datetime.timedelta(90))
    role_at(world.sibling_trust, title="Chief executive")
    rows = {r.organisation.ods_code: r for r in selectors.risk_map(lead, today=TODAY)}
    assert "R1H" not in rows
    trust = rows["RR8"]
    assert (trust.roles, trust.no_ready_now, trust.no_cover, trust.vacant_soon) == (2, 1, 1, 1)
    assert trust.level == "high"
    assert rows["QWO"].level == "none"
    groups = selectors.risk_by_icb(list(rows.values()))
    assert [g.name for g in groups][0] == world.icb.name
    assert groups[0].rows[0].organisation == world.icb
    assert [r.organisation.ods_code for r in selectors.riskiest(list(rows.values()))] == [
        "RR8",
        "RXF",
    ]


def test_the_risk_map_costs_the_same_queries_for_few_and_many_organisations(world):
    lead = world.user("regional_talent_lead")
    role_at(world.trust)
    selectors.risk_map(lead, today=TODAY)  # the user's role assignments are read once, first
    few = _count_queries(lambda: selectors.risk_map(lead, today=TODAY))
    for _ in range(4):
        trust = TrustFactory(region=world.region, icb=world.icb)
        role = role_at(trust)
        candidate_for(role)
        role_at(trust, title="Chief nurse")
    assert _count_queries(lambda: selectors.risk_map(lead, today=TODAY)) == few
