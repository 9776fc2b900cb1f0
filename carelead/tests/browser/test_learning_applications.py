"""The mid-career programme in a real browser: a manager applies, their own manager supports
the application, the regional panel shortlists and offers a place, and the applicant
accepts it; axe checks every page on the way."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.accounts.tests.factories import UserFactory
from carelead.learning.tests.factories import (
    AccreditationFactory,
    CohortFactory,
    MidCareerProgrammeFactory,
)
from carelead.people.tests.factories import EmploymentFactory
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def programme(world):
    """An open programme with an accredited provider and a cohort for the world's region;
    the line manager persona (a middle manager since 2020) gets a director as their own
    line manager, who signs in as "director"."""
    programme = MidCareerProgrammeFactory(
        applications_open_on=datetime.date(2020, 1, 1),
        applications_close_on=datetime.date(2099, 12, 31),
    )
    AccreditationFactory(
        provider=programme.provider,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2099, 12, 31),
    )
    CohortFactory(programme=programme, region=world.region, code="ne-2026-autumn")
    director = EmploymentFactory(organisation=world.trust, job_title="Director", management_level=4)
    UserFactory(username="director", person=director.person)
    applicant = world.employments["line_manager"]
    applicant.line_manager = director
    applicant.save()
    return programme


def _switch_to(page, username):
    page.context.clear_cookies()
    given_i_am_signed_in_as(page, username)


def test_apply_support_select_and_accept(page, world, programme):
    given_i_am_signed_in_as(page, "line_manager")
    when_i_visit(page, reverse("learning:mid_career_apply"))
    then_i_see_the_heading(page, "Apply for the mid-career programme")
    expect(page.get_by_text("Not met")).to_have_count(0)
    page.get_by_label("Matron, Leeds Teaching Hospitals").check()
    page.get_by_label("Why do you want to join the programme?").fill(
        "I want to lead change across our wards and the wider system."
    )
    when_i_press_the_button(page, "Submit application")
    then_i_see_the_heading(page, "Application from Maria Manager")
    expect(page.get_by_text("Waiting for line manager").first).to_be_visible()

    _switch_to(page, "director")
    when_i_visit(page, reverse("learning:team_applications"))
    when_i_click_link(page, "Maria Manager")
    when_i_press_the_button(page, "Support application")
    expect(page.get_by_text("Supported by line manager").first).to_be_visible()

    _switch_to(page, "regional_talent_lead")
    when_i_visit(page, reverse("learning:panel_applications"))
    expect(page.get_by_role("cell", name="ne-2026-autumn")).to_be_visible()
    when_i_click_link(page, "Maria Manager")
    when_i_press_the_button(page, "Add to shortlist")
    when_i_press_the_button(page, "Offer a place")
    expect(page.get_by_text("Place offered").first).to_be_visible()

    _switch_to(page, "line_manager")
    when_i_visit(page, reverse("learning:my_applications"))
    when_i_click_link(page, programme.title)
    when_i_press_the_button(page, "Accept the place")
    expect(page.get_by_text("Place accepted").first).to_be_visible()


def test_a_missing_reason_shows_an_accessible_error(page, world, programme):
    from carelead.learning.services.applications import application_submit

    application = application_submit(
        actor=world.user("line_manager"),
        programme=programme,
        employment=world.employments["line_manager"],
        statement="I want to grow.",
    )
    given_i_am_signed_in_as(page, "director")
    when_i_visit(page, reverse("learning:application_detail", args=[application.pk]))
    when_i_press_the_button(page, "Decline to support")
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
