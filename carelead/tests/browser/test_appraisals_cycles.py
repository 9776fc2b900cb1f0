"""Appraisal cycles in a real browser: the people lead creates a cycle, opens it, and resolves
an exception by giving the person an appraiser (axe on every page)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.appraisals.models import Appraisal
from carelead.appraisals.tests.factories import TemplateFactory
from carelead.appraisals.tests.factories_cycles import ml_version_with_mappings
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


def test_the_people_lead_creates_and_opens_a_cycle_and_resolves_an_exception(page, world):
    version = ml_version_with_mappings()
    TemplateFactory(framework=version.framework)
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("appraisals:cycle_list"))
    then_i_see_the_heading(page, "Appraisal cycles")
    when_i_press_the_button(page, "Create a cycle")
    then_i_see_the_heading(page, "Create an appraisal cycle")
    page.get_by_label("Appraisal for NHS and social care staff").check()
    page.get_by_label("Title").fill("Appraisals 2026 to 2027")
    when_i_enter_the_date(page, "Opening date", "1", "4", "2026")
    when_i_enter_the_date(page, "Preparation deadline", "30", "6", "2026")
    when_i_enter_the_date(page, "Discussion deadline", "30", "9", "2026")
    when_i_enter_the_date(page, "Sign-off deadline", "31", "10", "2026")
    when_i_enter_the_date(page, "Closing date", "31", "3", "2027")
    when_i_press_the_button(page, "Create the cycle")
    then_i_see_the_heading(page, "Appraisals 2026 to 2027")

    when_i_press_the_button(page, "Open the cycle")
    then_i_see_the_heading(page, "Open Appraisals 2026 to 2027")
    when_i_press_the_button(page, "Open the cycle")
    then_i_see_the_heading(page, "Appraisals 2026 to 2027")
    expect(page.get_by_text("1 appraisal created")).to_be_visible()
    then_i_see_the_table(page, "1 appraisal, by name", ("Sam Staff", "Maria Manager"))

    when_i_click_link(page, "Resolve the exception for Maria Manager")
    then_i_see_the_heading(page, "Resolve the exception for Maria Manager")
    page.get_by_label("Assign an appraiser").check()
    page.get_by_label("Appraiser's assignment number").fill(
        world.employments["people_lead"].assignment_number
    )
    when_i_press_the_button(page, "Save")
    then_i_see_the_heading(page, "Appraisals 2026 to 2027")
    expect(page.get_by_text("Maria Manager now has an appraisal")).to_be_visible()
    assert Appraisal.objects.filter(person=world.employments["line_manager"].person).exists()
