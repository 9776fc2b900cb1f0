"""Every page of the service, as the persona it is for, passes axe (WCAG 2.2 AA) in a real
browser; forms are also checked with their errors showing, and one form is completed by
keyboard alone."""

import pytest
from django.urls import reverse

from carelead.tests.browser.steps import (
    given_i_am_on,
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_the_page_is_accessible,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def _pages(world):
    staff_person = world.employments["staff"].person
    return [
        ("staff", reverse("people:my_profile")),
        ("staff", reverse("people:my_equality")),
        ("staff", reverse("people:person_detail", args=[staff_person.pk])),
        ("line_manager", reverse("people:my_team")),
        ("line_manager", reverse("people:person_detail", args=[staff_person.pk])),
        ("people_lead", reverse("people:people_list")),
        ("people_lead", reverse("people:people_list") + "?q=Staff"),
        ("people_lead", reverse("people:import_list")),
        ("people_lead", reverse("people:new_starter")),
        ("people_lead", reverse("core:audit")),
        ("regional_talent_lead", reverse("organisations:directory")),
        ("regional_talent_lead", reverse("organisations:directory") + "?region=Y63&kind=nhs_trust"),
        ("regional_talent_lead", reverse("organisations:detail", args=[world.trust.ods_code])),
        ("regional_talent_lead", reverse("organisations:detail", args=[world.icb.ods_code])),
        ("staff", reverse("talent:hub")),
        ("regional_talent_lead", reverse("talent:hub")),
        ("staff", reverse("core:accessibility")),
        ("staff", reverse("core:privacy")),
        ("staff", reverse("api:docs_page")),
        ("staff", reverse("accounts:logout")),
        ("staff", "/no-such-page/"),
        ("staff", reverse("core:audit")),  # the 403 page
    ]


def test_every_page_is_accessible_for_the_persona_it_is_for(page, world):
    current = None
    for persona, path in _pages(world):
        if persona != current:
            page.context.clear_cookies()
            given_i_am_signed_in_as(page, persona)
            current = persona
        when_i_visit(page, path)


def test_public_pages_are_accessible_signed_out(page, world):
    for path in [
        reverse("accounts:login"),
        reverse("core:accessibility"),
        reverse("api:docs_page"),
        reverse("demo:logins"),
    ]:
        given_i_am_on(page, path)


def _tab_until(page, predicate_js: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"
        ):
            return
    raise AssertionError(f"{limit} presses of Tab never reached an element where {predicate_js}")


def test_the_equality_form_works_by_keyboard_alone(page, world):
    from carelead.people.services import reference_data_load

    reference_data_load()
    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, reverse("people:my_equality"))
    # Tab to the first question, choose its first answer with Space, Tab on to the save
    # button and press Enter: no mouse at any point.
    _tab_until(page, "el.type === 'radio'")
    page.keyboard.press("Space")
    chosen = page.evaluate("document.activeElement.value")
    _tab_until(page, "el.tagName === 'BUTTON' && el.textContent.includes('Save')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    then_the_page_is_accessible(page)
    then_i_see_the_heading(page, "equality monitoring")
    assert "saved" in page.inner_text("main")
    assert page.locator(f"input[type=radio][value='{chosen}']").first.is_checked()


def test_form_errors_are_accessible_and_linked_to_their_fields(page, world):
    given_i_am_on(page, reverse("accounts:login"))
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    then_the_page_is_accessible(page)
    page.get_by_role("link", name="This field is required.").first.click()
    assert page.get_by_label("Username").evaluate("el => el === document.activeElement")


def test_a_people_lead_adds_a_new_starter_after_fixing_errors(page, world):
    from carelead.people.tests.factories import StaffGroupFactory

    StaffGroupFactory()
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("people:new_starter"))
    with page.expect_navigation():
        page.get_by_role("button", name="Add new starter").click()
    then_the_page_is_accessible(page)
    assert "Enter a person number" in page.inner_text(".nhsuk-error-summary")

    page.get_by_label("Person number").fill("77700001")
    page.get_by_label("Given name").fill("Kai")
    page.get_by_label("Family name").fill("Keyboard")
    page.get_by_label("Assignment number", exact=True).fill("77700001-1")
    page.get_by_label("Job title").fill("Ward clerk")
    page.get_by_label("Staff group").select_option("admin_clerical")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Full-time equivalent (FTE)").fill("1")
    page.get_by_role("button", name="Add new starter").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    then_the_page_is_accessible(page)
    then_i_see_the_heading(page, "Kai Keyboard")
    assert "has been added as Ward clerk" in page.inner_text("main")
