"""Permission matrix lines for the programme places pages (learning area ``places``)."""

from carelead.tests.matrix import PEOPLE_LEADS, page

CASES = {
    "learning:organisation_places": page("learning:organisation_places", PEOPLE_LEADS),
    "learning:organisation_places_csv": page("learning:organisation_places_csv", PEOPLE_LEADS),
}
