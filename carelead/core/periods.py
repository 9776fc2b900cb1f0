"""Effective-dated rows: one definition of "in force on a day" for every period in carelead
(employments, organisations' open and close dates, oversight segments)."""

import datetime

from django.db.models import Q
from django.utils import timezone


def in_force_q(
    day: datetime.date | None = None,
    *,
    start: str,
    end: str,
    prefix: str = "",
    open_start: bool = False,
) -> Q:
    """Rows whose period from ``start`` to ``end`` (both inclusive) contains ``day`` (today
    by default). A null ``end`` is open-ended; so is a null ``start`` when ``open_start``."""
    day = day or timezone.localdate()
    started = Q(**{f"{prefix}{start}__lte": day})
    if open_start:
        started |= Q(**{f"{prefix}{start}__isnull": True})
    return started & (Q(**{f"{prefix}{end}__isnull": True}) | Q(**{f"{prefix}{end}__gte": day}))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (earlier when negative); the month's last day when it is
    shorter (31 January plus one month is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
