"""The national induction in a real browser: a new starter sees their modules, their line
manager sees who is overdue, and the people lead sees the figures (axe on every page)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from carelead.learning.models import Enrolment
from carelead.learning.tests.factories import EnrolmentFactory
from carelead.learning.tests.factories_induction import open_induction
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_visit,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def overdue_staff(world):
    """Sam Staff's induction, enrolled through the trust and five days overdue."""
    staff = world.employments["staff"]
    return EnrolmentFactory(
        person=staff.person,
        programme=open_induction(),
        employment=staff,
        organisation=staff.organisation,
        source=Enrolment.Source.AUTOMATIC,
        due_on=timezone.localdate() - datetime.timedelta(days=5),
    )


def test_a_new_starter_sees_their_overdue_induction_and_its_modules(page, overdue_staff):
    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, reverse("learning:my_induction"))
    then_i_see_the_heading(page, "My induction")
    expect(page.get_by_text("Your induction is overdue")).to_be_visible()
    then_i_see_the_table(
        page,
        "Your induction modules",
        ("Working with social care", "Not done"),
        ("Our shared values", "Not done"),
    )


def test_the_line_manager_sees_who_in_their_team_is_overdue(page, overdue_staff):
    given_i_am_signed_in_as(page, "line_manager")
    when_i_visit(page, reverse("learning:team_induction"))
    then_i_see_the_heading(page, "My team's induction")
    then_i_see_the_table(
        page, "National induction of your direct reports", ("Sam Staff", "Overdue")
    )


def test_the_people_lead_sees_the_figures_and_the_overdue_list(page, overdue_staff):
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("learning:organisation_induction"))
    then_i_see_the_heading(page, "Induction at Leeds Teaching Hospitals")
    then_i_see_the_table(page, "1 overdue induction", ("Sam Staff", "Staff nurse", "5"))
