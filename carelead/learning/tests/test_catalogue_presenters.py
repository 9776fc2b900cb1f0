import datetime
from decimal import Decimal

import pytest

from carelead.learning.models import Cohort
from carelead.learning.presenters.catalogue import CohortPresenter, date_range, format_hours


@pytest.mark.parametrize(
    ("hours", "text"), [(Decimal("1.0"), "1 hour"), (Decimal("1.5"), "1.5 hours"), (10, "10 hours")]
)
def test_durations_read_naturally(hours, text):
    assert format_hours(hours) == text


def test_date_ranges_in_nhs_style():
    start, end = datetime.date(2026, 9, 1), datetime.date(2027, 3, 31)
    assert date_range(start, end) == "1 September 2026 to 31 March 2027"
    assert date_range(start, None) == "From 1 September 2026"


@pytest.mark.parametrize(
    ("is_online", "location", "where"),
    [(True, "", "Online"), (False, "Leeds", "Leeds"), (True, "Leeds", "Online and at Leeds")],
)
def test_where_a_cohort_meets(is_online, location, where):
    assert CohortPresenter(Cohort(is_online=is_online, location=location)).where == where


def test_an_overfull_cohort_shows_as_full_not_negative():
    cohort = Cohort(places=2)
    cohort.taken, cohort.places_left = 3, -1
    presenter = CohortPresenter(cohort)
    assert (presenter.places_left, presenter.places_left_text) == (0, "Full")
