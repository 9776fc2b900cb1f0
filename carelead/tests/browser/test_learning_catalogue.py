"""The catalogue in a real browser: staff browse programmes and enrol themselves, the
implementation office changes an accreditation (meeting an error first), and a training
provider adds a cohort. Every page is checked with axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_the_page_is_accessible,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(world):
    from carelead.learning.tests.factories import (
        AccreditationFactory,
        CohortFactory,
        ModuleFactory,
        ProgrammeFactory,
    )

    accreditation = AccreditationFactory(provider=world.provider)
    programme = ProgrammeFactory(provider=world.provider, title="Leading teams well")
    ModuleFactory(programme=programme, title="Leading yourself")
    CohortFactory(programme=programme, code="ltw-2026-09", places=10)
    return {"programme": programme, "accreditation": accreditation}


def _fill_date(page, name, day, month, year):
    for part, value in (("day", day), ("month", month), ("year", year)):
        page.locator(f'input[name="{name}[{part}]"]').fill(value)


def test_staff_browse_programmes_and_enrol_themselves(page, world, catalogue):
    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, reverse("learning:programme_list"))
    then_i_see_the_heading(page, "Programmes")
    when_i_click_link(page, "Leading teams well")
    then_i_see_the_heading(page, "Leading teams well")
    page.get_by_label("ltw-2026-09", exact=False).check()
    when_i_press_the_button(page, "Enrol")
    expect(
        page.get_by_text("You are enrolled on this programme in cohort ltw-2026-09")
    ).to_be_visible()


def test_implementation_office_changes_an_accreditation_after_an_error(page, world, catalogue):
    given_i_am_signed_in_as(page, "implementation_office")
    when_i_visit(page, reverse("learning:accreditation_list"))
    when_i_click_link(page, "Change status of Northern Leadership Academy")
    page.get_by_label("Suspended").check()
    when_i_press_the_button(page, "Save status")
    expect(page.get_by_role("alert")).to_contain_text("Enter why the accreditation is suspended")
    then_the_page_is_accessible(page)
    page.get_by_label("Reason").fill("Complaints upheld by the accrediting body")
    when_i_press_the_button(page, "Save status")
    then_i_see_the_heading(page, "Accreditation of training providers")
    expect(page.locator("table")).to_contain_text("Suspended")


def test_training_provider_adds_a_cohort(page, world, catalogue):
    given_i_am_signed_in_as(page, "training_provider")
    when_i_visit(page, reverse("learning:provider_cohorts"))
    when_i_press_the_button(page, "Add a cohort")
    page.get_by_label("Programme").select_option(
        label="Leading teams well (Northern Leadership Academy)"
    )
    page.get_by_label("Cohort code").fill("ltw-2027-01")
    _fill_date(page, "starts_on", "11", "1", "2027")
    _fill_date(page, "ends_on", "30", "6", "2027")
    page.get_by_label("Places", exact=True).fill("15")
    page.get_by_label("The cohort meets online").check()
    when_i_press_the_button(page, "Add cohort")
    then_i_see_the_heading(page, "Cohort ltw-2027-01")
    expect(page.locator("body")).to_contain_text("No one is enrolled on this cohort yet.")
