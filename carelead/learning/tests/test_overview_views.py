import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from carelead.learning.models import Enrolment
from carelead.learning.tests.factories import EnrolmentFactory, NationalInductionFactory

URL = reverse("learning:overview")
CSV_URL = reverse("learning:overview_csv")


@pytest.fixture
def induction_world(world):
    """Six inductions at RR8 due before today, five of them completed on time; two at RXF."""
    induction = NationalInductionFactory()
    today = timezone.localdate()
    due = today - datetime.timedelta(days=10)
    for index in range(6):
        done = index < 5
        EnrolmentFactory(
            programme=induction,
            organisation=world.trust,
            source=Enrolment.Source.AUTOMATIC,
            enrolled_on=due - datetime.timedelta(weeks=12),
            due_on=due,
            status=Enrolment.Status.COMPLETED if done else Enrolment.Status.ENROLLED,
            completed_on=due if done else None,
        )
    for _ in range(2):
        EnrolmentFactory(
            programme=induction,
            organisation=world.sibling_trust,
            source=Enrolment.Source.AUTOMATIC,
            enrolled_on=due - datetime.timedelta(weeks=12),
            due_on=due,
        )
    return world


def test_regional_lead_sees_rates_with_small_numbers_hidden(client, induction_world):
    client.force_login(induction_world.user("regional_talent_lead"))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Learning overview: North East and Yorkshire" in html
    assert "Leeds Teaching Hospitals" in html
    assert "83%" in html  # 5 of 6 on time at RR8
    # RXF has two due: too few for a rate, so a dash and the note explaining it.
    assert "fewer than 5 people" in html
    assert "<caption" in html
    assert html.count("<h1") == 1


def test_other_region_is_not_found_for_a_regional_lead(client, induction_world):
    client.force_login(induction_world.user("regional_talent_lead"))
    assert client.get(URL, {"region": "Y56"}).status_code == 404
    assert client.get(CSV_URL, {"region": "Y56"}).status_code == 404


def test_national_user_sees_regions_linking_to_their_breakdown(client, induction_world):
    client.force_login(induction_world.user("implementation_office"))
    html = client.get(URL).content.decode()
    assert "Learning overview: England" in html
    assert f"{URL}?region=Y63" in html
    drilled = client.get(URL, {"region": "Y63"}).content.decode()
    assert "Mid Yorkshire Teaching" in drilled
    assert "All regions" in drilled


def test_csv_download_matches_the_induction_table(client, induction_world):
    client.force_login(induction_world.user("regional_talent_lead"))
    response = client.get(CSV_URL, {"table": "induction"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "learning-induction-y63-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Organisation",
        "Enrolled",
        "Due by today",
        "Completed on time",
        "Inducted on time",
        "Overdue",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Leeds Teaching Hospitals"][1:] == ["6", "6", "5", "83.3", "1"]
    # Too few due for a rate: left empty.
    assert by_name["Mid Yorkshire Teaching"][1:] == ["2", "2", "0", "", "2"]
    assert by_name["Total"][1:] == ["8", "8", "5", "62.5", "3"]


@pytest.mark.parametrize("table", ["places", "completions", "credentials"])
def test_every_table_downloads(client, induction_world, table):
    client.force_login(induction_world.user("implementation_office"))
    response = client.get(CSV_URL, {"table": table})
    assert response.status_code == 200
    assert response.content.decode().count("\n") >= 1


def test_unknown_table_is_not_found(client, induction_world):
    client.force_login(induction_world.user("implementation_office"))
    assert client.get(CSV_URL, {"table": "people"}).status_code == 404


def test_people_without_the_role_are_refused(client, induction_world):
    client.force_login(induction_world.user("people_lead"))
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403
