"""Permission matrix lines for the learning overview (regional and national figures)."""

from carelead.tests.matrix import page

#: The regional talent function and the implementation office; superusers pass every gate.
OVERVIEW = frozenset({"regional_talent_lead", "implementation_office", "superuser"})

CASES: dict = {
    "learning:overview": page("learning:overview", OVERVIEW),
    "learning:overview_csv": page("learning:overview_csv", OVERVIEW),
}
