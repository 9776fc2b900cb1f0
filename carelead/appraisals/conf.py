"""The appraisals app's settings and their defaults. Read at call time, not import time, so
that a deployment (or a test) can change them with Django settings alone."""

from django.conf import settings

DEFAULTS = {
    #: A deadline reminder goes this many days (or fewer) before a cycle's deadline ...
    "CARELEAD_APPRAISAL_REMIND_DAYS_BEFORE": 14,
    #: ... and another once the deadline has passed by at least this many days.
    "CARELEAD_APPRAISAL_REMIND_DAYS_AFTER": 7,
    #: The address emails link back to (emails are sent outside any request).
    "CARELEAD_SITE_URL": "http://localhost:8000",
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
