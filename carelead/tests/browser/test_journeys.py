"""Journeys through the service in a real browser, as each persona, with an axe check on
every page visited."""

import pytest
from django.urls import reverse

from carelead.accounts.tests.factories import TEST_PASSWORD
from carelead.accounts.tests.personas import PERSONAS
from carelead.tests.browser.steps import (
    given_i_am_on,
    given_i_am_on_the_login_page,
    given_i_am_signed_in_as,
    then_i_am_on,
    then_i_see_my_section,
    then_i_see_the_heading,
    then_i_see_the_login_page,
    then_the_page_is_accessible,
    when_i_follow_each_link_in_my_sections,
    when_i_press_tab_until_focused,
    when_i_sign_in_with_the_form,
)

pytestmark = pytest.mark.browser

# Personas whose home page has a section of their own; the superuser (an admin account with
# no person and no role) gets the "no role yet" home page.
WITH_A_SECTION = [p for p in PERSONAS if p not in ("anonymous", "superuser")]


@pytest.mark.parametrize("persona", WITH_A_SECTION)
def test_each_persona_signs_in_and_reaches_their_home_page(page, world, persona):
    given_i_am_on_the_login_page(page)
    when_i_sign_in_with_the_form(page, persona)
    then_i_am_on(page, reverse("core:home"))
    then_i_see_the_heading(page, "Hello")
    then_i_see_my_section(page, persona)


@pytest.mark.parametrize("persona", WITH_A_SECTION)
def test_each_persona_can_open_every_page_linked_from_their_home_page(page, world, persona):
    given_i_am_signed_in_as(page, persona)
    when_i_follow_each_link_in_my_sections(page)


def test_superuser_signs_in_and_reaches_the_home_page(page, world):
    given_i_am_on_the_login_page(page)
    when_i_sign_in_with_the_form(page, "superuser")
    then_i_am_on(page, reverse("core:home"))
    then_i_see_the_heading(page, "Hello")


def test_anonymous_visitor_is_sent_to_the_login_page(page, world):
    given_i_am_on(page, reverse("core:home"))
    then_i_see_the_login_page(page)


def test_a_wrong_password_shows_an_accessible_error(page, world):
    given_i_am_on_the_login_page(page)
    when_i_sign_in_with_the_form(page, "staff", "not-the-password")
    then_i_see_the_login_page(page)
    assert page.get_by_role("alert").filter(has_text="There is a problem").is_visible()


def test_keyboard_only_sign_in(page, world):
    given_i_am_on_the_login_page(page)
    when_i_press_tab_until_focused(page, "Username")
    page.keyboard.type("line_manager")
    page.keyboard.press("Tab")
    assert page.get_by_label("Password").evaluate("el => el === document.activeElement")
    page.keyboard.type(TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    then_the_page_is_accessible(page)
    then_i_am_on(page, reverse("core:home"))
    then_i_see_my_section(page, "line_manager")
