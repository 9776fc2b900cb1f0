import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from markupsafe import escape

from carelead.talent.models import Approach, ApproachPreference, Vacancy
from carelead.talent.tests.factories import ApproachFactory
from carelead.talent.tests.factories_matching import challenged_vacancy, ready_member, region_pool

A = ApproachPreference.Audience


@pytest.fixture
def lead_client(client, world):
    client.force_login(world.user("regional_talent_lead"))
    return client


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.user("staff"))
    return client


def test_preferences_default_to_nobody_and_save(staff_client, world):
    url = reverse("talent:preferences")
    page = staff_client.get(url).content.decode()
    assert "nobody may approach you" in page
    response = staff_client.post(
        url,
        {
            "audience": A.OWN_REGION,
            "challenged_organisations": "yes",
            "willing_to_relocate": "no",
            "interests": "Operations",
            "version": "0",
        },
    )
    assert response.status_code == 302
    preference = ApproachPreference.objects.get(person=world.user("staff").person)
    assert (preference.audience, preference.challenged_organisations) == (A.OWN_REGION, True)


def test_preferences_form_says_what_is_missing(staff_client):
    response = staff_client.post(reverse("talent:preferences"), {"version": "0"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose who may approach you about roles" in page


def test_stale_preference_form_is_refused(staff_client, world):
    ApproachPreference.objects.create(person=world.user("staff").person, version=3)
    response = staff_client.post(
        reverse("talent:preferences"),
        {
            "audience": A.ANY_REGION,
            "challenged_organisations": "yes",
            "willing_to_relocate": "no",
            "version": "1",
        },
    )
    assert "changed in another window" in response.content.decode()


def test_matching_page_lists_candidates_and_left_out_counts(lead_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    pool = region_pool(world.region, name="Aspiring chief operating officers")
    person = ready_member(pool, world.trust)
    ready_member(pool, world.trust, audience=A.NOBODY)
    page = lead_client.get(reverse("talent:matching", kwargs={"pk": vacancy.pk})).content.decode()
    assert escape(person.full_name) in page
    assert "2 ready-now pool members" in page
    assert "1 has not opted in" in page
    assert "Aspiring chief operating officers" in page


def test_matching_page_query_count_is_constant(lead_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    pool = region_pool(world.region)
    ready_member(pool, world.trust)
    url = reverse("talent:matching", kwargs={"pk": vacancy.pk})
    with CaptureQueriesContext(connection) as few:
        lead_client.get(url)
    for _ in range(5):
        ready_member(pool, world.trust)
    with CaptureQueriesContext(connection) as many:
        lead_client.get(url)
    assert len(many) == len(few)


def test_lead_sends_an_approach(lead_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    person = ready_member(region_pool(world.region), world.trust)
    url = reverse("talent:approach_create", kwargs={"pk": vacancy.pk, "person_id": person.pk})
    response = lead_client.post(url, {"message": "Would you consider it?"})
    assert response.status_code == 302
    assert Approach.objects.get().person == person


def test_forged_approach_to_someone_not_opted_in_answers_404(lead_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    person = ready_member(region_pool(world.region), world.other_trust, audience=A.OWN_REGION)
    url = reverse("talent:approach_create", kwargs={"pk": vacancy.pk, "person_id": person.pk})
    assert lead_client.post(url, {"message": "Hello"}).status_code == 404
    assert not Approach.objects.exists()


def test_empty_approach_message_is_explained(lead_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    person = ready_member(region_pool(world.region), world.trust)
    url = reverse("talent:approach_create", kwargs={"pk": vacancy.pk, "person_id": person.pk})
    assert "Enter a message to the person" in lead_client.post(url, {}).content.decode()


def test_person_sees_the_approach_in_plain_words_and_replies(staff_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    approach = ApproachFactory(vacancy=vacancy, person=world.user("staff").person)
    page = staff_client.get(reverse("talent:approaches_mine")).content.decode()
    assert "Segment 4: significant issues" in page
    assert "A pay premium of 15%, up to £45,000 a year, for 24 months" in page
    response = staff_client.post(
        reverse("talent:approach_respond", kwargs={"pk": approach.pk}),
        {"response": "interested", "note": "Mornings", "version": "1"},
    )
    assert response.status_code == 302
    approach.refresh_from_db()
    assert approach.status == Approach.Status.INTERESTED


def test_lead_approaches_list_and_withdraw(lead_client, world):
    approach = ApproachFactory(vacancy=challenged_vacancy(world.sibling_trust))
    page = lead_client.get(reverse("talent:approaches")).content.decode()
    assert escape(approach.person.full_name) in page
    url = reverse("talent:approach_withdraw", kwargs={"pk": approach.pk})
    assert lead_client.post(url, {"version": "1"}).status_code == 302
    approach.refresh_from_db()
    assert approach.status == Approach.Status.WITHDRAWN


def test_approaches_list_query_count_is_constant(lead_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    ApproachFactory(vacancy=vacancy)
    url = reverse("talent:approaches")
    with CaptureQueriesContext(connection) as few:
        lead_client.get(url)
    for _ in range(4):
        ApproachFactory(vacancy=vacancy)
    with CaptureQueriesContext(connection) as many:
        lead_client.get(url)
    assert len(many) == len(few)


def test_lead_records_a_placement_from_an_interested_approach(lead_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    approach = ApproachFactory(vacancy=vacancy, status=Approach.Status.INTERESTED)
    response = lead_client.post(
        reverse("talent:placement_create", kwargs={"pk": vacancy.pk}),
        {
            "approach": str(approach.pk),
            "starts_on[day]": "1",
            "starts_on[month]": "2",
            "starts_on[year]": "2027",
            "version": "1",
        },
    )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    assert vacancy.placement.starts_on == datetime.date(2027, 2, 1)


def test_placement_for_someone_else_needs_a_known_person_number(lead_client, world):
    vacancy = challenged_vacancy(world.sibling_trust)
    response = lead_client.post(
        reverse("talent:placement_create", kwargs={"pk": vacancy.pk}),
        {
            "approach": "other",
            "person_number": "NOPE",
            "starts_on[day]": "1",
            "starts_on[month]": "2",
            "starts_on[year]": "2027",
            "version": "1",
        },
    )
    assert "No one has person number NOPE" in response.content.decode()


@pytest.mark.parametrize("name", ["talent:matching", "talent:placement_create"])
def test_vacancy_pages_outside_the_lead_region_answer_404(lead_client, world, name):
    vacancy = challenged_vacancy(world.other_trust)
    assert lead_client.get(reverse(name, kwargs={"pk": vacancy.pk})).status_code == 404


def test_approach_pages_outside_the_lead_region_answer_404(lead_client, world):
    vacancy = challenged_vacancy(world.other_trust)
    person = ready_member(region_pool(world.other_region), world.other_trust)
    approach = ApproachFactory(vacancy=vacancy)
    create = reverse("talent:approach_create", kwargs={"pk": vacancy.pk, "person_id": person.pk})
    assert lead_client.get(create).status_code == 404
    withdraw = reverse("talent:approach_withdraw", kwargs={"pk": approach.pk})
    assert lead_client.get(withdraw).status_code == 404


def test_someone_else_approach_answers_404(staff_client, world):
    approach = ApproachFactory(person=world.employments["line_manager"].person)
    url = reverse("talent:approach_respond", kwargs={"pk": approach.pk})
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url, {"response": "interested", "version": "1"}).status_code == 404


def test_matching_page_names_the_credential_people_lack(lead_client, world):
    from carelead.standards.tests.factories import ml_version_with_stages

    version = ml_version_with_stages()
    vacancy = challenged_vacancy(world.sibling_trust, stage=version.stages.get(rank=3))
    ready_member(region_pool(world.region), world.trust)
    page = lead_client.get(reverse("talent:matching", kwargs={"pk": vacancy.pk})).content.decode()
    assert "1 does not hold the Stage 2 credential the role needs" in page


def test_approaches_to_you_query_count_is_constant(staff_client, world):
    person = world.user("staff").person
    ApproachFactory(vacancy=challenged_vacancy(world.sibling_trust), person=person)
    url = reverse("talent:approaches_mine")
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for _ in range(3):
        ApproachFactory(vacancy=challenged_vacancy(world.trust), person=person)
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(url)
    assert response.content.decode().count("Reply about") == 4
    assert len(many) == len(few)


def test_challenged_vacancies_list_query_count_is_constant(lead_client, world):
    challenged_vacancy(world.sibling_trust)
    url = reverse("talent:matching_vacancies")
    with CaptureQueriesContext(connection) as few:
        lead_client.get(url)
    for _ in range(3):
        challenged_vacancy(world.trust)
    challenged_vacancy(world.other_trust, title="Out of region")
    with CaptureQueriesContext(connection) as many:
        page = lead_client.get(url).content.decode()
    assert "Out of region" not in page
    assert len(many) == len(few)
