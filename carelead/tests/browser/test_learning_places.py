"""Programme places in a real browser: the people lead sees their organisation's programmes,
applications, credentials and staff on programmes, and opens a person (axe on every page)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from carelead.learning.tests.factories_places import places_world
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_the_people_lead_sees_programme_places_and_opens_a_person(page, world):
    places_world(world, timezone.localdate())
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("learning:organisation_places"))
    then_i_see_the_heading(page, "Programme places at Leeds Teaching Hospitals")
    then_i_see_the_table(
        page,
        "Enrolments of current staff by programme",
        ("Development bundle", "Stage 1"),
        ("Mid-career programme", "Stage 2"),
    )
    then_i_see_the_table(page, "Valid credentials held by current staff", ("Stage 2", "2"))
    then_i_see_the_table(
        page,
        "2 enrolments in progress",
        ("Alice Adams", "Ward sister", "lt-autumn"),
        ("Bob Brown", "Charge nurse", "No cohort"),
    )
    expect(page.get_by_text("Shortlisted")).to_be_visible()
    expect(
        page.get_by_role("link", name="Download the list of staff on programmes (CSV)")
    ).to_be_visible()
    when_i_click_link(page, "Alice Adams")
    then_i_see_the_heading(page, "Alice Adams")
