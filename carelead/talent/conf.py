"""The talent app's settings and their defaults. Read at call time, not import time, so that
a deployment (or a test) can change them with Django settings alone."""

from django.conf import settings

DEFAULTS = {
    #: Both people are reminded of a career conversation this many days (or fewer) before
    #: its planned date ...
    "CARELEAD_CONVERSATION_REMIND_DAYS_BEFORE": 7,
    #: ... and again once the planned date has passed by at least this many days without it
    #: being recorded as held.
    "CARELEAD_CONVERSATION_REMIND_DAYS_AFTER": 7,
    #: A conversation held at least this many days ago without an outcome recorded.
    "CARELEAD_CONVERSATION_OUTCOME_REMIND_DAYS": 14,
    #: The address emails link back to (emails are sent outside any request).
    "CARELEAD_SITE_URL": "http://localhost:8000",
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
