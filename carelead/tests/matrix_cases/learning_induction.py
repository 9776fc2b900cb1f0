"""Permission matrix lines for the national induction pages (learning area ``induction``)."""

from carelead.tests.matrix import LINE_MANAGERS, NOT_FOUND, PEOPLE_LEADS, WITH_A_PERSON, page

CASES: dict = {
    # Everyone with a person record has a page (it explains when they are not enrolled);
    # a login without one (the superuser) has nothing to show.
    "learning:my_induction": page("learning:my_induction", WITH_A_PERSON, superuser=NOT_FOUND),
    "learning:team_induction": page("learning:team_induction", LINE_MANAGERS),
    "learning:organisation_induction": page("learning:organisation_induction", PEOPLE_LEADS),
}
