"""Pool reads: which pools each persona reaches, which open pools cover an individual, the
team's nominations, and the make-up (aggregate and suppressed, never per person)."""

import pytest
from django.http import Http404

from carelead.people.models import EqualityMonitoring
from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import PoolMembership, TalentPool
from carelead.talent.selectors import pools as selectors
from carelead.talent.tests.factories import PoolMembershipFactory
from carelead.talent.tests.factories_pools import (
    grant_credential,
    icb_pool,
    national_pool,
    nomination,
    outside_pool,
    regional_pool,
    stages,
)

M = PoolMembership.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data(db):
    from carelead.people.services import reference_data_load

    return reference_data_load()


def test_a_talent_lead_reads_their_regions_pools_and_national_ones_only(world):
    mine, icb, national = regional_pool(world), icb_pool(world), national_pool()
    outside_pool(world)
    pools = selectors.pools_for_manager(world.user("regional_talent_lead"))
    assert {p.pk: p.can_manage for p in pools} == {
        mine.pk: True,
        icb.pk: True,
        national.pk: False,
    }


def test_a_pool_outside_the_region_answers_404(world):
    pool = outside_pool(world)
    with pytest.raises(Http404):
        selectors.pool_for_viewer(world.user("regional_talent_lead"), pool.pk)
    with pytest.raises(Http404):
        selectors.pool_for_manager(world.user("regional_talent_lead"), national_pool().pk)


def test_the_implementation_office_manages_national_pools_and_nothing_else(world):
    national = national_pool()
    regional = regional_pool(world)
    office = world.user("implementation_office")
    assert [p.pk for p in selectors.pools_for_manager(office)] == [national.pk]
    with pytest.raises(Http404):
        selectors.pool_for_viewer(office, regional.pk)


def test_open_pools_are_those_covering_the_employer_and_still_accepting(world):
    regional, icb, national = regional_pool(world), icb_pool(world), national_pool()
    outside_pool(world)
    regional_pool(world, status=TalentPool.Status.DRAFT)
    regional_pool(world, nominations_close_on="2020-01-01")
    found = {p.pk for p in selectors.open_pools_for(world.user("staff"))}
    assert found == {regional.pk, icb.pk, national.pk}


def test_criteria_show_what_is_met_and_what_is_not(world):
    by_code = stages()
    pool = regional_pool(world, target_stage=by_code["stage-2"], requires_prerequisite=True)
    person = world.user("line_manager").person
    before = selectors.criteria_for(pool, person)
    assert [c.met for c in before] == [True, True, False]
    grant_credential(person, by_code["stage-1"])
    assert all(c.met for c in selectors.criteria_for(pool, person))


def test_a_line_manager_and_people_lead_see_their_teams_nominations(world):
    pool = regional_pool(world)
    staff = PoolMembershipFactory(pool=pool, employment=world.employments["staff"])
    outsider = PoolMembershipFactory(pool=pool, employment=world.outsider_employment)
    assert [m.pk for m in selectors.team_memberships(world.user("line_manager"))] == [staff.pk]
    lead_sees = {m.pk for m in selectors.team_memberships(world.user("people_lead"))}
    assert staff.pk in lead_sees and outsider.pk not in lead_sees
    assert selectors.team_memberships(world.user("staff")) == []


def _answered(organisation, *, level=3, **answers):
    employment = EmploymentFactory(organisation=organisation, management_level=level)
    EqualityMonitoring.objects.create(person=employment.person, **answers)
    return employment


def test_makeup_compares_members_with_the_eligible_population_and_suppresses(
    world, reference_data, settings
):
    settings.CARELEAD_SUPPRESSION_MINIMUM = 2
    pool = regional_pool(world, min_management_level=3, max_management_level=3)
    women = [_answered(world.trust, sex="F") for _ in range(4)]
    men = [_answered(world.sibling_trust, sex="M") for _ in range(4)]
    unstated = [_answered(world.icb, sex="PNS") for _ in range(2)]
    _answered(world.other_trust, sex="F")  # another region: not eligible
    _answered(world.trust, level=1, sex="F")  # below the pool's levels: not eligible
    for employment in women[:2] + men[:2] + unstated:
        PoolMembershipFactory(pool=pool, employment=employment, status=M.MEMBER)
    makeup = {m.question: m for m in selectors.pool_makeup(pool)}
    sex = {g.label: g for g in makeup["sex"].groups}
    assert (sex["Female"].members, sex["Female"].eligible) == (2, 4)
    assert sex["Female"].member_share == pytest.approx(2 / 6)
    # Women: 2 of 4 eligible are members; everyone else: 4 of 6.
    assert sex["Female"].likelihood == pytest.approx(0.5 / (4 / 6))
    assert makeup["sex"].eligible_total == 10
    # Nobody answered the disability question: the empty groups are hidden, not shown as 0.
    disability = {g.label: g for g in makeup["disability"].groups}
    assert disability["Yes"].members is None and disability["Yes"].likelihood is None


def test_makeup_eligibility_follows_the_prerequisite(world, reference_data):
    by_code = stages()
    pool = regional_pool(world, target_stage=by_code["stage-3"], requires_prerequisite=True)
    holder = nomination(pool, organisation=world.trust)
    nomination(pool, organisation=world.trust)
    grant_credential(holder.person, by_code["stage-2"])
    assert list(selectors.eligible_person_ids(pool).values_list("pk", flat=True)) == [
        holder.person_id
    ]
