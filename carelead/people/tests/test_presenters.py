import datetime

import pytest

from carelead.people.presenters import EmploymentPresenter, PersonPresenter, person_rows
from carelead.people.tests.factories import EmploymentFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def test_an_employment_reads_as_plain_english():
    manager = EmploymentFactory()
    employment = EmploymentFactory(
        organisation=manager.organisation,
        line_manager=manager,
        management_level=1,
        fte="0.60",
        start_date=datetime.date(2021, 4, 1),
    )
    e = EmploymentPresenter(employment, today=TODAY)
    assert e.management_level == "1 – first-line manager"
    assert e.line_manager == manager.person.full_name
    assert e.fte == "0.6"
    assert e.dates == "From 1 April 2021"
    assert e.status == ("Current", "nhsuk-tag--green")


@pytest.mark.parametrize(
    ("start", "end", "status"),
    [
        (datetime.date(2020, 1, 1), datetime.date(2026, 5, 31), "Ended"),
        (datetime.date(2026, 7, 1), None, "Starting"),
        (datetime.date(2020, 1, 1), TODAY, "Current"),
    ],
)
def test_employment_status(start, end, status):
    employment = EmploymentFactory(start_date=start, end_date=end)
    assert EmploymentPresenter(employment, today=TODAY).status[0] == status


def test_missing_values_say_so():
    employment = EmploymentFactory(pay_band=None, line_manager=None, fte=2)
    e = EmploymentPresenter(employment)
    assert e.band == "Not recorded"
    assert e.line_manager == "None recorded"
    assert e.management_level == "Not a manager"
    assert e.fte == "2"
    keys = [row["key"]["text"] for row in e.summary_rows()]
    assert "Full-time equivalent (FTE)" in keys


def test_person_summary_and_rows_link_to_the_person_page():
    employment = EmploymentFactory(person__email="")
    presenter = PersonPresenter(employment.person, [employment])
    assert {"key": {"text": "Email"}, "value": {"text": "Not recorded"}} in presenter.summary_rows()
    [row] = person_rows([employment])
    assert row.href == f"/people/{employment.person_id}/"
    assert row.report_count is None
