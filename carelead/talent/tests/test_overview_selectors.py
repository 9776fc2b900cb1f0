"""The regional overview's figures: pools, succession and challenged vacancies per region,
retention at 12 and 24 months and the segment since, with a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carelead.organisations.models import OversightSegment
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.talent.models import MembershipTransition, PoolMembership, Readiness, Vacancy
from carelead.talent.selectors import overview as selectors
from carelead.talent.tests.factories import (
    PoolMembershipFactory,
    TalentPoolFactory,
    VacancyFactory,
    VacancyPlacementFactory,
)
from carelead.talent.tests.factories_succession import candidate_for, role_at

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)


def test_the_implementation_office_sees_every_region_and_a_talent_lead_only_theirs(world):
    assert selectors.overview_regions(world.user("implementation_office")) == [
        world.other_region,
        world.region,
    ]
    assert selectors.overview_regions(world.user("regional_talent_lead")) == [world.region]


def _placement(world, *, starts_on, stays_until=None, package=False, segment_at_start=5):
    vacancy = VacancyFactory(
        organisation=world.sibling_trust, is_challenged=True, status=Vacancy.Status.FILLED
    )
    person = PersonFactory()
    EmploymentFactory(
        person=person, organisation=world.sibling_trust, start_date=starts_on, end_date=stays_until
    )
    extra = {}
    if package:
        from carelead.talent.tests.factories import IncentivePackageFactory

        extra["package"] = IncentivePackageFactory(region=world.region)
    return VacancyPlacementFactory(
        vacancy=vacancy,
        person=person,
        starts_on=starts_on,
        segment_at_start=segment_at_start,
        **extra,
    )


def test_the_figures_for_a_region(world):
    pool = TalentPoolFactory(owner=world.icb, level="icb")
    PoolMembershipFactory(pool=pool, status=PoolMembership.Status.MEMBER)
    PoolMembershipFactory(pool=pool, status=PoolMembership.Status.NOMINATED)
    moved = PoolMembershipFactory(pool=pool, status=PoolMembership.Status.MOVED_ON)
    MembershipTransition.objects.create(
        membership=moved, from_status="member", to_status="moved_on", actor_label="test"
    )
    TalentPoolFactory(owner=world.other_region)
    covered = role_at(world.trust)
    candidate_for(covered, is_emergency_cover=True)
    role_at(world.sibling_trust)
    candidate_for(role_at(world.icb), readiness=Readiness.THREE_PLUS_YEARS)
    VacancyFactory(organisation=world.sibling_trust, is_challenged=True)
    OversightSegment.objects.create(
        organisation=world.sibling_trust, segment=4, effective_from=datetime.date(2025, 1, 1)
    )
    _placement(world, starts_on=datetime.date(2024, 6, 1), package=True)  # stayed 24 months
    _placement(
        world, starts_on=datetime.date(2025, 6, 1), stays_until=datetime.date(2026, 1, 31)
    )  # left before 12 months
    _placement(world, starts_on=datetime.date(2026, 6, 1), segment_at_start=4)  # not due

    (region,) = selectors.regional_overview([world.region], today=TODAY)
    assert (region.pools.pools, region.pools.members) == (1, 1)
    assert (region.pools.nominations_waiting, region.pools.moved_on) == (1, 1)
    assert (region.succession.roles, region.succession.with_ready_now) == (3, 1)
    assert region.succession.with_cover == 1
    v = region.vacancies
    assert (v.open, v.filled, v.filled_with_package) == (1, 3, 1)
    assert (v.due_12, v.in_post_12, v.due_24, v.in_post_24) == (2, 1, 1, 1)
    assert (v.segment_better, v.segment_same, v.segment_worse) == (2, 1, 0)


def test_the_overview_costs_the_same_queries_for_few_and_many_rows(world):
    role_at(world.trust)
    _placement(world, starts_on=datetime.date(2024, 6, 1))
    regions = [world.region, world.other_region]
    with CaptureQueriesContext(connection) as few:
        selectors.regional_overview(regions, today=TODAY)
    for n in range(4):
        candidate_for(role_at(world.trust, title=f"Director {n}"))
        _placement(world, starts_on=datetime.date(2025, 1, 1))
        PoolMembershipFactory(pool=TalentPoolFactory(owner=world.region))
    with CaptureQueriesContext(connection) as many:
        selectors.regional_overview(regions, today=TODAY)
    assert len(many) == len(few)
