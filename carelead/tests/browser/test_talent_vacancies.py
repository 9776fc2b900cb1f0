"""The vacancy register in a real browser: a people lead in a segment 4 trust adds a senior
vacancy and flags it as challenged; the regional talent lead creates a package and attaches
it, after finding it by searching the register and downloading it as CSV (axe on every
page)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.talent.models import IncentivePackage, Vacancy
from carelead.talent.tests.factories import VacancyFactory
from carelead.talent.tests.factories_vacancies import segment_today
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_the_people_lead_adds_a_vacancy_and_flags_it_as_challenged(page, world):
    segment_today(world.trust, 4)
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("talent:vacancies"))
    then_i_see_the_heading(page, "Senior vacancy register")
    when_i_press_the_button(page, "Add a vacancy")
    then_i_see_the_heading(page, "Add a senior vacancy")
    page.get_by_label("Job title").fill("Chief operating officer")
    page.get_by_label("Management level").select_option("5")
    closing = page.get_by_role("group", name="Closing date")
    closing.get_by_label("Day").fill("31")
    closing.get_by_label("Month").fill("1")
    closing.get_by_label("Year").fill("2030")
    when_i_press_the_button(page, "Save the vacancy")
    vacancy = Vacancy.objects.get()
    then_i_see_the_heading(page, f"{vacancy.reference} Chief operating officer")
    when_i_click_link(page, "Flag as challenged")
    then_i_see_the_heading(page, f"Flag {vacancy.reference} as challenged")
    when_i_press_the_button(page, "Flag as challenged")
    expect(page.get_by_text("is flagged as challenged.")).to_be_visible()
    expect(page.get_by_text("while in segment 4")).to_be_visible()


def test_the_regional_talent_lead_creates_a_package_and_attaches_it(page, world):
    estates = VacancyFactory(
        organisation=world.sibling_trust,
        title="Director of estates",
        is_challenged=True,
        segment_when_flagged=5,
    )
    given_i_am_signed_in_as(page, "regional_talent_lead")
    when_i_visit(page, reverse("talent:packages"))
    then_i_see_the_heading(page, "Incentive packages")
    when_i_press_the_button(page, "Create a package")
    page.get_by_label("Title").fill("Challenged trust package")
    page.get_by_label("Pay premium, % of salary (optional)").fill("15")
    page.get_by_label("Pay premium cap a year, in pounds (optional)").fill("45000")
    page.get_by_label("Months the pay premium lasts (optional)").fill("24")
    page.get_by_label("Mentoring").check()
    page.get_by_label("Published").check()
    when_i_press_the_button(page, "Save the package")
    then_i_see_the_heading(page, "Challenged trust package")
    expect(page.get_by_text("15% pay premium for 24 months, up to £45,000 a year")).to_be_visible()
    VacancyFactory(organisation=world.trust, title="Chief nurse")
    when_i_visit(page, reverse("talent:vacancies"))
    then_i_see_the_table(page, "2 vacancies")
    page.get_by_label("Reference or title").fill("estates")
    when_i_press_the_button(page, "Apply filters")
    then_i_see_the_table(page, "1 vacancy", (world.sibling_trust.name,))
    # Fetched with the page's session rather than clicked: a download aborts the navigation.
    href = page.get_by_role("link", name="Download this vacancy (CSV)").get_attribute("href")
    download = page.request.get(href)
    assert download.ok and "search=estates" in href
    assert "Director of estates" in download.text() and "Chief nurse" not in download.text()
    when_i_click_link(page, f"{estates.reference} Director of estates")
    when_i_click_link(page, "Attach a package")
    then_i_see_the_heading(page, "Incentive package for")
    page.get_by_label("Challenged trust package").check()
    when_i_press_the_button(page, "Save")
    expect(page.get_by_text("is attached to")).to_be_visible()
    estates.refresh_from_db()
    assert estates.package == IncentivePackage.objects.get()
