"""The talent app's settings and their defaults. Read at call time (see
``core.conf``); ``CARELEAD_SITE_URL`` is common to every app."""

from carelead.core.conf import reader

DEFAULTS = {
    #: Both people are reminded of a career conversation this many days (or fewer) before
    #: its planned date ...
    "CARELEAD_CONVERSATION_REMIND_DAYS_BEFORE": 7,
    #: ... and again once the planned date has passed by at least this many days without it
    #: being recorded as held.
    "CARELEAD_CONVERSATION_REMIND_DAYS_AFTER": 7,
    #: A conversation held at least this many days ago without an outcome recorded.
    "CARELEAD_CONVERSATION_OUTCOME_REMIND_DAYS": 14,
}

setting = reader(DEFAULTS)
