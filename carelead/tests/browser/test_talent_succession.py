"""Succession in a real browser: the regional talent lead reads the risk map, drills into a
trust, records a critical role there, adds a candidate from another region and fixes the
plan's gap; then reads the regional overview (axe on every page)."""

import pytest
from playwright.sync_api import expect

from carelead.talent.models import SuccessionCandidate
from carelead.talent.tests.factories_succession import role_at
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_the_talent_lead_plans_succession_from_the_risk_map(page, world):
    role_at(world.trust, title="Chief executive")
    outsider = world.outsider_employment.person
    given_i_am_signed_in_as(page, "regional_talent_lead")
    when_i_visit(page, "/talent/succession/risk/")
    then_i_see_the_heading(page, "Succession risk by organisation")
    expect(page.get_by_text("High risk").first).to_be_visible()

    when_i_click_link(page, "Mid Yorkshire Teaching")
    then_i_see_the_heading(page, "Critical roles at Mid Yorkshire Teaching")
    when_i_press_the_button(page, "Record a critical role")
    then_i_see_the_heading(page, "Record a critical role at Mid Yorkshire Teaching")
    when_i_press_the_button(page, "Record the role")
    expect(page.get_by_role("link", name="Enter the title of the critical role")).to_be_visible()
    page.get_by_label("Title of the post").fill("Director of finance")
    page.get_by_label("Executive director").check()
    when_i_press_the_button(page, "Record the role")
    then_i_see_the_heading(page, "Director of finance")
    expect(page.get_by_text("No one is named as emergency cover.")).to_be_visible()

    when_i_press_the_button(page, "Add a candidate")
    then_i_see_the_heading(page, "Add a candidate for Director of finance")
    page.get_by_label("Candidate's person number or email address").fill(outsider.person_number)
    page.get_by_label("Ready now").check()
    page.get_by_label("Emergency cover").check()
    when_i_press_the_button(page, "Add to the plan")
    then_i_see_the_heading(page, "Director of finance")
    expect(page.get_by_text("Barts Health")).to_be_visible()
    expect(page.get_by_text("No one is named as emergency cover.")).to_have_count(0)
    assert SuccessionCandidate.objects.get().person == outsider

    when_i_visit(page, "/talent/overview/")
    then_i_see_the_heading(page, "Talent overview: North East and Yorkshire")
