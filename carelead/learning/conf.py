"""The learning app's settings and their defaults. Read at call time, not import time, so
that a deployment (or a test) can change them with Django settings alone."""

from django.conf import settings

DEFAULTS = {
    #: Weeks from a new starter's first day to their national induction's due date, used when
    #: the programme itself does not say (Programme.due_weeks).
    "CARELEAD_INDUCTION_DUE_WEEKS": 12,
    #: A reminder goes this many days (or fewer) before an induction is due ...
    "CARELEAD_INDUCTION_REMIND_DAYS_BEFORE": 14,
    #: ... and another once it is overdue by at least this many days.
    "CARELEAD_INDUCTION_REMIND_DAYS_AFTER": 7,
    #: The address emails link back to (emails are sent outside any request).
    "CARELEAD_SITE_URL": "http://localhost:8000",
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
