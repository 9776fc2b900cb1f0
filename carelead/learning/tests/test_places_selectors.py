"""The programme places figures count the people who work at the organisation today."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carelead.learning.selectors import places as selectors
from carelead.learning.selectors.places import CredentialRow, ProgrammeRow
from carelead.learning.tests.factories_places import places_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def pw(world, today):
    return places_world(world, today)


def test_programme_counts_are_exact_for_current_staff_only(world, pw, today):
    rows = selectors.programme_counts(world.trust, today=today)
    assert rows == [
        ProgrammeRow("leading-teams", "Leading teams", "development_bundle", "Stage 1", 2, 0, 1, 0),
        ProgrammeRow(
            "mid-career", "National mid-career programme", "mid_career", "Stage 2", 0, 2, 0, 1
        ),
    ]


def test_figures_are_one_grouped_query_each(world, pw, today):
    for read in (
        selectors.programme_counts,
        selectors.application_counts,
        selectors.credential_counts,
    ):
        with CaptureQueriesContext(connection) as queries:
            read(world.trust, today=today)
        assert len(queries) == 1, read.__name__


def test_application_counts_by_status(world, pw, today):
    assert selectors.application_counts(world.trust, today=today) == {
        "submitted": 1,
        "shortlisted": 1,
        "withdrawn": 1,
    }


def test_credentials_held_count_valid_ones_of_current_staff(world, pw, today):
    assert selectors.credential_counts(world.trust, today=today) == [
        CredentialRow("Management and Leadership Framework", "Stage 2", 2)
    ]


def test_a_leaver_counts_at_their_new_organisation(world, pw, today):
    """Carol left the trust for its sibling: her learning goes with her."""
    rows = selectors.programme_counts(world.sibling_trust, today=today)
    assert [(r.code, r.enrolled) for r in rows] == [("leading-teams", 1)]
    assert selectors.application_counts(world.sibling_trust, today=today) == {"submitted": 1}


def test_staff_on_programmes_lists_live_enrolments_with_job_titles(world, pw, today):
    rows = list(selectors.staff_on_programmes(world.trust, today=today))
    assert [(e.person.given_name, e.programme.code, e.job_title) for e in rows] == [
        ("Alice", "leading-teams", "Ward sister"),
        ("Bob", "leading-teams", "Charge nurse"),
    ]
    assert rows[0].cohort.code == "lt-autumn"
    assert rows[1].cohort is None


def test_twelve_months_start_on_the_same_day_a_year_ago():
    assert selectors.year_before(datetime.date(2026, 11, 26)) == datetime.date(2025, 11, 26)
    assert selectors.year_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)
