"""Counts with the word that fits them."""

from carelead.core.wording import plural


def test_one_takes_the_singular_and_others_the_plural():
    assert plural(1, "session") == "1 session"
    assert plural(0, "session") == "0 sessions"
    assert plural(3, "person", "people") == "3 people"
    assert plural(1, "person", "people") == "1 person"
    assert plural(12000, "placement") == "12,000 placements"
