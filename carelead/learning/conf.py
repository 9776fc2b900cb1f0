"""The learning app's settings and their defaults. Read at call time (see
``core.conf``); ``CARELEAD_SITE_URL`` is common to every app."""

from carelead.core.conf import reader

DEFAULTS = {
    #: Weeks from a new starter's first day to their national induction's due date, used when
    #: the programme itself does not say (Programme.due_weeks).
    "CARELEAD_INDUCTION_DUE_WEEKS": 12,
    #: A reminder goes this many days (or fewer) before an induction is due ...
    "CARELEAD_INDUCTION_REMIND_DAYS_BEFORE": 14,
    #: ... and another once it is overdue by at least this many days.
    "CARELEAD_INDUCTION_REMIND_DAYS_AFTER": 7,
}

setting = reader(DEFAULTS)
