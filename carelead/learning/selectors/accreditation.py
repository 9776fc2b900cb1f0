"""Whether a provider is accredited, and so whether a programme may take new enrolments."""

import datetime

from django.db.models import Q
from django.utils import timezone

from carelead.core.periods import in_force_q
from carelead.learning.models import Accreditation, Programme


def accreditation_in_force_q(day: datetime.date | None = None, *, prefix: str = "") -> Q:
    """Accreditations that let a provider enrol on ``day``: accredited (or accredited with
    conditions) and within their dates."""
    return Q(**{f"{prefix}status__in": Accreditation.ENROLLING}) & in_force_q(
        day, start="valid_from", end="valid_to", prefix=prefix
    )


def provider_is_accredited(provider, *, on: datetime.date | None = None) -> bool:
    return provider.accreditations.filter(accreditation_in_force_q(on)).exists()


def current_accreditation(provider, *, on: datetime.date | None = None) -> Accreditation | None:
    """The accreditation that decides the provider's standing today: the latest one applied
    for (so a suspension after an accreditation shows as the suspension)."""
    on = on or timezone.localdate()
    return provider.accreditations.filter(applied_on__lte=on).order_by("-applied_on", "-pk").first()


def enrolment_block_reason(programme: Programme, *, on: datetime.date | None = None) -> str | None:
    """Why the programme cannot take new enrolments today, in words for the page; None when
    it can."""
    if programme.status != Programme.Status.OPEN:
        return f"{programme.title} is not open for enrolment."
    if provider_is_accredited(programme.provider, on=on):
        return None
    latest = current_accreditation(programme.provider, on=on)
    provider = programme.provider.name
    if latest is None:
        return f"{provider} is not accredited, so {programme.title} cannot take new enrolments."
    status = latest.get_status_display().lower()
    if latest.status in Accreditation.ENROLLING:
        # Accredited, but outside the accreditation's dates.
        status = "not accredited on this date (its accreditation has expired or not started)"
    return (
        f"{provider}'s accreditation by {latest.accrediting_body} is {status}, "
        f"so {programme.title} cannot take new enrolments."
    )
