"""The programme places page and its CSV: people leads only, their organisations only."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from carelead.accounts.tests.personas import PERSONAS
from carelead.learning.models import Enrolment
from carelead.learning.tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory
from carelead.learning.tests.factories_places import current_staff, places_world
from carelead.people.models import Employment

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def page_url():
    return reverse("learning:organisation_places")


def csv_url():
    return reverse("learning:organisation_places_csv")


@pytest.fixture
def pw(world):
    return places_world(world, timezone.localdate())


@pytest.fixture
def lead(client, world):
    client.force_login(world.user("people_lead"))
    return client


def test_the_people_lead_sees_the_figures_and_the_staff_list(lead, world, pw):
    response = lead.get(page_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Programme places at Leeds Teaching Hospitals</h1>" in html
    assert reverse("learning:programme_detail", kwargs={"code": "leading-teams"}) in html
    text = _text(html)
    assert "Leading teams Development bundle Stage 1 2 0 1 0" in text
    assert "National mid-career programme Mid-career programme Stage 2 0 2 0 1" in text
    assert "Waiting for line manager 1 Shortlisted 1 Withdrawn 1 Total 3" in text
    assert "Management and Leadership Framework Stage 2 2" in text
    assert "2 enrolments in progress, by name" in text
    assert (
        "Alice Adams Ward sister Leading teams lt-autumn 1 September 2026 to 31 March 2027 "
        "1 August 2026"
    ) in text
    assert "Bob Brown Charge nurse Leading teams No cohort 2 August 2026" in text
    alice = reverse("people:person_detail", args=[pw.people["alice"].pk])
    assert f'<a href="{alice}">Alice Adams</a>' in html
    # Counts only: the people lead may not open applications.
    assert "/mid-career/applications/" not in html
    for outsider in ("Carol", "Dave", "Erin"):
        assert outsider not in html


def test_another_organisation_answers_404(lead, world, pw):
    for url in (page_url(), csv_url()):
        response = lead.get(url, {"organisation": world.other_trust.ods_code})
        assert response.status_code == 404, url
        response = lead.get(url, {"organisation": world.sibling_trust.ods_code})
        assert response.status_code == 404, url


@pytest.mark.parametrize(
    "persona", sorted(set(PERSONAS) - {"people_lead", "superuser", "anonymous"})
)
def test_anyone_but_a_people_lead_gets_403(client, world, persona):
    client.force_login(world.user(persona))
    assert client.get(page_url()).status_code == 403
    assert client.get(csv_url()).status_code == 403


def test_a_superuser_with_no_organisation_sees_an_explanation(client, world):
    client.force_login(world.user("superuser"))
    response = client.get(page_url())
    assert response.status_code == 200
    assert "You are not a people lead for any organisation" in response.content.decode()
    assert client.get(csv_url()).status_code == 200


def _enrol_many(world, count):
    programme = ProgrammeFactory()
    cohort = CohortFactory(programme=programme)
    for n in range(count):
        employment = current_staff(world, f"Person{n}", f"Family{n}")
        EnrolmentFactory(
            person=employment.person,
            programme=programme,
            cohort=cohort if n % 2 else None,
            employment=employment,
            organisation=world.trust,
            status=Enrolment.Status.ENROLLED,
        )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page_url())
    assert response.status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_2_or_20_enrolments(lead, world):
    _enrol_many(world, 2)
    few = _queries(lead)
    _enrol_many(world, 18)
    assert "20 enrolments in progress" in lead.get(page_url()).content.decode()
    assert _queries(lead) == few


def test_csv_lists_everyone_on_a_programme_and_escapes_formulas(lead, world, pw):
    Employment.objects.filter(pk=pw.employments["bob"].pk).update(
        job_title='=HYPERLINK("http://evil")'
    )
    response = lead.get(csv_url())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        f'filename="programme-places-rr8-{timezone.localdate().isoformat()}.csv"'
        in (response["Content-Disposition"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Name", "Person number", "Job title"]
    assert rows[1] == [
        "Alice Adams",
        pw.people["alice"].person_number,
        "Ward sister",
        "Leading teams",
        "lt-autumn",
        "2026-09-01",
        "2027-03-31",
        "2026-08-01",
    ]
    assert rows[2][0] == "Bob Brown"
    assert rows[2][2] == '\'=HYPERLINK("http://evil")'
    assert rows[2][4:8] == ["No cohort", "", "", "2026-08-02"]
    assert len(rows) == 3
