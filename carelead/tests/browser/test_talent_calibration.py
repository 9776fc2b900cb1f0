"""Calibration in a real browser: the people lead plans a session for their trust, starts it,
moves one person with a reason while the fairness figures are shown, and closes it (axe on
every page)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.talent.models import TalentAssessment
from carelead.talent.tests.factories import nine_box
from carelead.talent.tests.factories_calibration import proposed_people
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def when_i_enter_the_date(page, legend: str, day: str, month: str, year: str):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_the_people_lead_runs_a_calibration_session(page, world):
    from carelead.people.services import reference_data_load

    reference_data_load()
    nine_box()
    proposed_people(
        world.trust,
        [{"ethnic_category": "A", "sex": "F", "disability": "N", "potential": 3}] * 12
        + [{"ethnic_category": "N", "sex": "M", "disability": "Y"}] * 12,
    )
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("talent:calibrations"))
    then_i_see_the_heading(page, "Calibration sessions")
    when_i_press_the_button(page, "Plan a calibration session")
    then_i_see_the_heading(page, "Plan a calibration session")
    page.get_by_label("Title").fill("Nursing talent review")
    page.get_by_label("Facilitator's email address").fill(
        world.employments["people_lead"].person.email
    )
    when_i_enter_the_date(page, "Date of the session", "3", "12", "2026")
    when_i_press_the_button(page, "Plan the session")
    then_i_see_the_heading(page, "Nursing talent review")

    when_i_press_the_button(page, "Start the session")
    then_i_see_the_heading(page, "Start Nursing talent review")
    when_i_press_the_button(page, "Start the session")
    expect(page.get_by_text("has started with 24 people to calibrate")).to_be_visible()
    then_i_see_the_table(page, "Ethnic group: share of the session", ("12 (50%)",))

    first = page.locator("table", has=page.locator("caption", has_text="by family name"))
    name = first.locator("tbody th").first.inner_text()
    when_i_click_link(page, f"Move {name}")
    then_i_see_the_heading(page, f"Move {name}")
    page.get_by_role("group", name="Potential").get_by_label("Low potential").check()
    page.get_by_label("Reason for the move").fill("Agreed: new in post, evidence still thin")
    when_i_press_the_button(page, "Move")
    expect(page.get_by_text("has been moved")).to_be_visible()

    when_i_press_the_button(page, "Close the session")
    then_i_see_the_heading(page, "Close Nursing talent review")
    when_i_press_the_button(page, "Close the session")
    expect(page.get_by_text("24 assessments calibrated")).to_be_visible()
    assert TalentAssessment.objects.filter(status="calibrated").count() == 24
