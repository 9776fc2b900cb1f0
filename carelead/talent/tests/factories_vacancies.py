"""Helpers for the vacancy tests: a segment in force today, a people lead's vacancy."""

import datetime

from django.utils import timezone

from carelead.organisations.models import OversightSegment


def segment_today(organisation, segment: int, *, since_days: int = 30) -> OversightSegment:
    """Put ``organisation`` in ``segment`` from ``since_days`` ago, open-ended."""
    return OversightSegment.objects.create(
        organisation=organisation,
        segment=segment,
        effective_from=timezone.localdate() - datetime.timedelta(days=since_days),
    )
