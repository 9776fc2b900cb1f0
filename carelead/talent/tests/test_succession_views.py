"""Succession pages: recording and changing roles, the plan, removing a candidate, the risk
map and its CSV; errors say what and where; list pages cost the same queries for few and many
rows; scope answers 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import CriticalRole, Readiness, SuccessionCandidate
from carelead.talent.tests.factories_succession import candidate_for, role_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_client(client, world):
    client.force_login(world.user("people_lead"))
    return client


@pytest.fixture
def talent_client(client, world):
    client.force_login(world.user("regional_talent_lead"))
    return client


def test_a_people_lead_records_a_role_choosing_the_post_holder_from_the_list(lead_client, world):
    ceo = EmploymentFactory(
        organisation=world.trust, job_title="Chief executive", management_level=5
    )
    url = reverse("talent:critical_role_create")
    page = lead_client.get(url)
    assert "Chief executive (" in page.content.decode()  # the post holder list
    response = lead_client.post(
        url,
        {
            "organisation": "RR8",
            "title": "Chief executive",
            "kind": "chief_executive",
            "incumbent": str(ceo.pk),
            "expected_vacancy_on[day]": "1",
            "expected_vacancy_on[month]": "9",
            "expected_vacancy_on[year]": "2027",
        },
    )
    role = CriticalRole.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("talent:critical_role", kwargs={"pk": role.pk})
    assert role.incumbent == ceo


def test_a_talent_lead_chooses_the_organisation_first(talent_client, world):
    page = talent_client.get(reverse("talent:critical_role_create"))
    assert "Which organisation is the critical role at?" in page.content.decode()
    form = talent_client.get(reverse("talent:critical_role_create") + "?organisation=RXF")
    assert "Record a critical role at Mid Yorkshire Teaching" in form.content.decode()
    outside = talent_client.get(reverse("talent:critical_role_create") + "?organisation=R1H")
    assert outside.status_code == 404


def test_an_unknown_assignment_number_is_reported_on_its_field(lead_client, world):
    response = lead_client.post(
        reverse("talent:critical_role_create"),
        {
            "organisation": "RR8",
            "title": "Chief nurse",
            "kind": "executive_director",
            "assignment_number": "NOPE-1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "No one with assignment number NOPE-1 works at Leeds Teaching Hospitals today" in body
    assert 'href="#id_assignment_number"' in body
    assert not CriticalRole.objects.exists()


def test_editing_from_a_stale_page_says_someone_else_changed_it(lead_client, world):
    role = role_at(world.trust)
    role.version = 2
    role.save()
    response = lead_client.post(
        reverse("talent:critical_role_edit", kwargs={"pk": role.pk}),
        {
            "organisation": "RR8",
            "title": "Chief executive",
            "kind": "chief_executive",
            "notes": "Changed",
            "version": "1",
        },
    )
    assert "Someone else changed this critical role" in response.content.decode()
    role.refresh_from_db()
    assert role.notes == ""


def test_the_role_page_shows_the_plan_and_warns_about_missing_cover(talent_client, world):
    role = role_at(world.trust)
    candidate_for(role, organisation=world.other_trust, readiness=Readiness.ONE_TO_TWO_YEARS)
    body = talent_client.get(
        reverse("talent:critical_role", kwargs={"pk": role.pk})
    ).content.decode()
    assert "Barts Health" in body
    assert "No one on this plan is ready now." in body
    assert "No one is named as emergency cover." in body


def test_adding_a_candidate_by_email_from_another_region(talent_client, world):
    role = role_at(world.trust)
    person = world.outsider_employment.person
    person.email = "olu@example.org"
    person.save()
    response = talent_client.post(
        reverse("talent:succession_candidate_add", kwargs={"pk": role.pk}),
        {"person": "OLU@example.org", "readiness": "ready_now", "is_emergency_cover": "on"},
    )
    assert response.status_code == 302
    candidate = SuccessionCandidate.objects.get()
    assert (candidate.person, candidate.is_emergency_cover) == (person, True)
    missing = talent_client.post(
        reverse("talent:succession_candidate_add", kwargs={"pk": role.pk}),
        {"person": "99999999", "readiness": "ready_now"},
    )
    assert "No one has the person number or email address 99999999" in missing.content.decode()


def test_removing_a_candidate_needs_a_reason(lead_client, world):
    candidate = candidate_for(role_at(world.trust))
    url = reverse("talent:succession_candidate_remove", kwargs={"pk": candidate.pk})
    response = lead_client.post(url, {"reason": "", "version": "1"})
    assert "Enter the reason for removing the candidate" in response.content.decode()
    response = lead_client.post(url, {"reason": "Moved abroad", "version": "1"})
    assert response.status_code == 302
    assert not SuccessionCandidate.objects.exists()


def test_a_people_lead_gets_404_for_another_trusts_role(lead_client, world):
    role = role_at(world.sibling_trust)
    assert (
        lead_client.get(reverse("talent:critical_role", kwargs={"pk": role.pk})).status_code == 404
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_role_list_and_risk_map_cost_the_same_queries_for_few_and_many_roles(
    talent_client, world
):
    candidate_for(role_at(world.trust))
    urls = [reverse("talent:succession"), reverse("talent:succession_risk")]
    few = [_queries(talent_client, url) for url in urls]
    for n in range(6):
        role = role_at(world.sibling_trust, title=f"Director {n}")
        candidate_for(role, is_emergency_cover=True)
    assert [_queries(talent_client, url) for url in urls] == few


def test_the_role_page_costs_the_same_queries_for_few_and_many_candidates(talent_client, world):
    role = role_at(world.trust)
    candidate_for(role)
    url = reverse("talent:critical_role", kwargs={"pk": role.pk})
    few = _queries(talent_client, url)
    for _ in range(5):
        candidate_for(role)
    assert _queries(talent_client, url) == few


def test_the_risk_map_downloads_as_safe_csv(talent_client, world):
    role_at(world.trust)
    world.sibling_trust.name = "=HYPERLINK(1)"
    world.sibling_trust.save()
    response = talent_client.get(reverse("talent:succession_risk_csv"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Leeds Teaching Hospitals,RR8,1,1,1,0,0,High risk" in text
    assert "'=HYPERLINK(1)" in text


def test_suggested_roles_come_from_executive_jobs_not_yet_recorded(lead_client, world):
    ceo = EmploymentFactory(
        organisation=world.trust, job_title="Chief executive", management_level=5
    )
    EmploymentFactory(organisation=world.trust, job_title="Chair", management_level=5)
    nurse = EmploymentFactory(organisation=world.trust, job_title="Chief nurse", management_level=4)
    role_at(world.trust, title="Medical director")
    EmploymentFactory(organisation=world.trust, job_title="Medical director", management_level=4)
    url = reverse("talent:critical_role_suggest")
    body = lead_client.get(url).content.decode()
    assert "Chief executive: " in body and "Chief nurse: " in body
    assert "Chair: " not in body and "Medical director: " not in body
    empty = lead_client.post(url, {"organisation": "RR8"})
    assert "Choose at least one post to record" in empty.content.decode()
    response = lead_client.post(url, {"organisation": "RR8", "posts": [ceo.pk, nurse.pk]})
    assert response.status_code == 302
    recorded = dict(
        CriticalRole.objects.exclude(title="Medical director").values_list("title", "kind")
    )
    assert recorded == {"Chief executive": "chief_executive", "Chief nurse": "executive_director"}
