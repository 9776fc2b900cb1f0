"""Permission matrix line for the "Career and talent" page (talent area hub)."""

from carelead.tests.matrix import page

CASES = {
    # Every signed-in user: the page shows only the sections their roles allow.
    "talent:hub": page("talent:hub"),
}
