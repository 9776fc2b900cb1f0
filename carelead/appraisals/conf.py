"""The appraisals app's settings and their defaults. Read at call time (see
``core.conf``); ``CARELEAD_SITE_URL`` is common to every app."""

from carelead.core.conf import reader

DEFAULTS = {
    #: A deadline reminder goes this many days (or fewer) before a cycle's deadline ...
    "CARELEAD_APPRAISAL_REMIND_DAYS_BEFORE": 14,
    #: ... and another once the deadline has passed by at least this many days.
    "CARELEAD_APPRAISAL_REMIND_DAYS_AFTER": 7,
}

setting = reader(DEFAULTS)
