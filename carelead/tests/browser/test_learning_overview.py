"""The learning overview in a real browser: the regional talent lead's region by
organisation, and the implementation office drilling from England into a region."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carelead.learning.models import Enrolment
from carelead.learning.tests.factories import EnrolmentFactory, NationalInductionFactory
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_visit,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def inductions(world):
    """Six inductions due at Leeds, five completed on time."""
    induction = NationalInductionFactory()
    due = timezone.localdate() - datetime.timedelta(days=7)
    for index in range(6):
        done = index < 5
        EnrolmentFactory(
            programme=induction,
            organisation=world.trust,
            source=Enrolment.Source.AUTOMATIC,
            enrolled_on=due - datetime.timedelta(weeks=12),
            due_on=due,
            status=Enrolment.Status.COMPLETED if done else Enrolment.Status.ENROLLED,
            completed_on=due if done else None,
        )
    return world


def test_regional_talent_lead_sees_their_region_by_organisation(page, inductions):
    given_i_am_signed_in_as(page, "regional_talent_lead")
    when_i_visit(page, reverse("learning:overview"))
    then_i_see_the_heading(page, "Learning overview: North East and Yorkshire")
    then_i_see_the_table(
        page, "National induction by organisation", ("Leeds Teaching Hospitals", "83%")
    )


def test_implementation_office_drills_from_england_into_a_region(page, inductions):
    given_i_am_signed_in_as(page, "implementation_office")
    when_i_visit(page, reverse("learning:overview"))
    then_i_see_the_heading(page, "Learning overview: England")
    then_i_see_the_table(page, "National induction by region", ("North East and Yorkshire", "6"))
    when_i_click_link(page, "North East and Yorkshire")
    then_i_see_the_heading(page, "Learning overview: North East and Yorkshire")
    when_i_click_link(page, "All regions")
    then_i_see_the_heading(page, "Learning overview: England")
