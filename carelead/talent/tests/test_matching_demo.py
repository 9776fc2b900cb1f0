"""The matching demo seed on the small two-region world (its region is the demo's Y63)."""

import datetime

from carelead.demo.talent_matching import talent_matching_demo_seed
from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import (
    Approach,
    ApproachPreference,
    PoolMembership,
    Readiness,
    Vacancy,
    VacancyPlacement,
)
from carelead.talent.selectors import matching as selectors
from carelead.talent.tests.factories import PoolMembershipFactory, VacancyPlacementFactory
from carelead.talent.tests.factories_matching import challenged_vacancy, region_pool

TODAY = datetime.date(2026, 11, 26)


def members(world, n):
    pool = region_pool(world.region)
    for _ in range(n):
        PoolMembershipFactory(
            pool=pool,
            employment=EmploymentFactory(organisation=world.trust, management_level=3),
            readiness=Readiness.READY_NOW,
            status=PoolMembership.Status.MEMBER,
        )


def test_with_nothing_before_it_writes_only_the_staff_preference(world):
    counts = talent_matching_demo_seed(today=TODAY)
    assert counts == {"preferences": 1, "approaches": 0, "placements": 0}
    assert ApproachPreference.objects.get().person == world.user("staff").person


def test_approaches_go_only_to_opted_in_candidates_and_a_filled_vacancy_gets_a_placement(world):
    members(world, 30)
    open_vacancy = challenged_vacancy(world.sibling_trust)
    filled = challenged_vacancy(world.sibling_trust, status=Vacancy.Status.FILLED)
    already = challenged_vacancy(world.sibling_trust, status=Vacancy.Status.FILLED)
    VacancyPlacementFactory(vacancy=already)
    counts = talent_matching_demo_seed(today=TODAY)
    assert counts["preferences"] == 31
    statuses = set(open_vacancy.approaches.values_list("status", flat=True))
    assert {"sent", "interested", "declined", "withdrawn"} <= statuses
    lead = world.user("regional_talent_lead")
    for approach in Approach.objects.filter(vacancy=open_vacancy):
        # The demo never approaches anyone the opt-in rule would hide.
        assert ApproachPreference.objects.get(person=approach.person).challenged_organisations
    assert filled.placement.approach.status == Approach.Status.APPOINTED
    assert VacancyPlacement.objects.filter(vacancy=already).count() == 1
    assert not already.approaches.exists()
    assert selectors.match(lead, open_vacancy).already_approached == counts["approaches"] - 1


def test_a_second_run_writes_nothing_new(world):
    members(world, 10)
    challenged_vacancy(world.sibling_trust)
    talent_matching_demo_seed(today=TODAY)
    again = talent_matching_demo_seed(today=TODAY)
    assert again == {"preferences": 0, "approaches": 0, "placements": 0}
