import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from carelead.learning.tests.factories import CredentialFactory, ProgrammeFactory
from carelead.people.tests.factories import EmploymentFactory
from carelead.standards.tests.factories import ml_version_with_stages
from carelead.talent.models import ApproachPreference, PoolMembership, Readiness
from carelead.talent.selectors import matching as selectors
from carelead.talent.tests.factories import (
    ApproachFactory,
    TalentPoolFactory,
    VacancyPlacementFactory,
)
from carelead.talent.tests.factories_matching import challenged_vacancy, ready_member, region_pool

A = ApproachPreference.Audience


def lead(world):
    return world.user("regional_talent_lead")


@pytest.mark.parametrize(
    ("audience", "works_in", "matched"),
    [
        (A.NOBODY, "trust", False),
        (A.NOBODY, "other_trust", False),
        (A.OWN_REGION, "trust", True),
        (A.OWN_REGION, "other_trust", False),
        (A.ANY_REGION, "trust", True),
        (A.ANY_REGION, "other_trust", True),
    ],
)
def test_only_people_who_opted_in_for_the_vacancy_region_are_matched(
    world, audience, works_in, matched
):
    vacancy = challenged_vacancy(world.sibling_trust)
    person = ready_member(region_pool(world.region), getattr(world, works_in), audience=audience)
    result = selectors.match(lead(world), vacancy)
    assert (person in result.candidates) is matched
    assert result.not_opted_in == (0 if matched else 1)
    assert selectors.is_candidate(lead(world), vacancy, person.pk) is matched


def test_no_preference_row_means_nobody_may_approach(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    ready_member(region_pool(world.region), world.trust, audience=None)
    result = selectors.match(lead(world), vacancy)
    assert result.candidates == [] and result.not_opted_in == 1


def test_people_not_open_to_challenged_organisations_are_left_out(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    ready_member(region_pool(world.region), world.trust, challenged=False)
    assert selectors.match(lead(world), vacancy).not_opted_in == 1


def test_only_ready_now_members_of_pools_the_lead_can_see(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    pool = region_pool(world.region)
    ready_member(pool, world.trust, readiness=Readiness.ONE_TO_TWO_YEARS)
    ready_member(pool, world.trust, status=PoolMembership.Status.NOMINATED)
    ready_member(region_pool(world.other_region), world.trust)
    national = ready_member(TalentPoolFactory(level="national", owner=None), world.trust)
    result = selectors.match(lead(world), vacancy)
    assert result.ready_now == 1
    assert [p.pk for p in result.candidates] == [national.pk]


def test_prerequisite_filter_counts_who_lacks_the_credential(world):
    version = ml_version_with_stages()
    stage_3 = version.stages.get(rank=3)
    stage_2 = version.stages.get(rank=2)
    vacancy = challenged_vacancy(world.sibling_trust, stage=stage_3)
    pool = region_pool(world.region)
    holder = ready_member(pool, world.trust)
    ready_member(pool, world.trust)
    programme = ProgrammeFactory(framework_version=version, stage=stage_2)
    CredentialFactory(person=holder, programme=programme)
    result = selectors.match(lead(world), vacancy)
    assert [p.pk for p in result.candidates] == [holder.pk]
    assert result.without_prerequisite == 1


def test_already_approached_and_already_working_there_are_left_out(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    pool = region_pool(world.region)
    approached = ready_member(pool, world.trust)
    ApproachFactory(vacancy=vacancy, person=approached)
    ready_member(pool, world.sibling_trust)
    result = selectors.match(lead(world), vacancy)
    assert result.candidates == []
    assert (result.already_approached, result.already_there) == (1, 1)


def test_vacancies_outside_the_lead_region_answer_404(world):
    vacancy = challenged_vacancy(world.other_trust)
    with pytest.raises(Http404):
        selectors.vacancy_for_lead(lead(world), vacancy.pk)


def test_an_approach_to_someone_else_answers_404(world):
    approach = ApproachFactory(person=world.employments["line_manager"].person)
    with pytest.raises(Http404):
        selectors.approach_for_person(world.user("staff"), approach.pk)


def test_match_query_count_does_not_grow_with_members(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    pool = region_pool(world.region)
    ready_member(pool, world.trust)
    user = lead(world)
    selectors.match(user, vacancy)  # the user's role assignments are read once, then cached
    with CaptureQueriesContext(connection) as few:
        selectors.match(user, vacancy)
    for _ in range(6):
        ready_member(pool, world.trust)
    with CaptureQueriesContext(connection) as many:
        result = selectors.match(user, vacancy)
    assert len(result.candidates) == 7
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("ends", "in_12", "in_24"),
    [
        (None, True, True),
        (datetime.date(2025, 6, 1), True, False),
        (datetime.date(2024, 6, 1), False, False),
    ],
)
def test_placement_outcomes_at_12_and_24_months(world, ends, in_12, in_24):
    vacancy = challenged_vacancy(world.sibling_trust)
    employment = EmploymentFactory(
        organisation=world.sibling_trust, start_date=datetime.date(2023, 9, 1), end_date=ends
    )
    VacancyPlacementFactory(
        vacancy=vacancy, person=employment.person, starts_on=datetime.date(2023, 9, 1)
    )
    [row] = selectors.outcomes(selectors.placements_for_lead(lead(world)))
    assert (row.in_post_12, row.in_post_24) == (in_12, in_24)
    assert row.segment_now == 4


def test_outcomes_are_not_yet_due_before_the_anniversary(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    VacancyPlacementFactory(vacancy=vacancy, starts_on=datetime.date(2026, 1, 5))
    [row] = selectors.outcomes(
        selectors.placements_for_lead(lead(world)), today=datetime.date(2026, 11, 1)
    )
    assert (row.in_post_12, row.in_post_24) == (None, None)


def test_placements_page_query_count_is_constant(world, client):
    client.force_login(lead(world))
    VacancyPlacementFactory(vacancy=challenged_vacancy(world.sibling_trust))
    with CaptureQueriesContext(connection) as few:
        client.get("/talent/placements/")
    for _ in range(4):
        VacancyPlacementFactory(vacancy=challenged_vacancy(world.trust))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/talent/placements/")
    assert response.status_code == 200
    assert len(many) == len(few)


def test_placements_outside_the_region_are_not_listed(world):
    VacancyPlacementFactory(vacancy=challenged_vacancy(world.other_trust))
    assert list(selectors.placements_for_lead(lead(world))) == []
