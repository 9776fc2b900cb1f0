"""Dates: months added the way people count them."""

import datetime

from carelead.core.periods import add_months


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 11, 15), 24) == datetime.date(2026, 11, 15)
    assert add_months(datetime.date(2026, 1, 15), -13) == datetime.date(2024, 12, 15)
