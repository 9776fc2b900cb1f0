"""Appraisal content in a real browser: the appraisee rates their behaviours, adds an EDI
objective and a development item linked to a suggested programme; after the discussion the
appraiser rates each behaviour and records the agreed rating. Every page is axe-checked."""

import pytest
from django.urls import reverse

from carelead.appraisals.models import Appraisal
from carelead.learning.models import ProgrammeOutcome
from carelead.learning.tests.factories import ProgrammeFactory
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    when_i_press_the_button,
    when_i_visit,
)
from carelead.tests.matrix_cases.appraisals_content import staff_appraisal

pytestmark = pytest.mark.browser


def when_i_rate(page, legend: str, label: str):
    page.get_by_role("group", name=legend).get_by_label(label, exact=True).check()


def when_i_enter_the_date(page, day: str, month: str, year: str):
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)


def test_appraisee_prepares_and_appraiser_rates_and_agrees(page, world):
    appraisal = staff_appraisal(world)
    first, second = [a.item for a in appraisal.behaviour_assessments.order_by("item__sort_order")]
    programme = ProgrammeFactory(
        framework_version=appraisal.cycle.framework_version, title="Leading change"
    )
    ProgrammeOutcome.objects.create(programme=programme, item=first, stage=appraisal.stage)
    behaviours = reverse("appraisals:behaviours", kwargs={"pk": appraisal.pk})

    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, behaviours)
    then_i_see_the_heading(page, "Behaviours")
    when_i_rate(page, f"Your rating for {first.title}", "Meeting")
    page.get_by_label("Your evidence").first.fill("I ran the daily safety huddle.")
    when_i_rate(page, f"Your rating for {second.title}", "No chance to demonstrate")
    when_i_press_the_button(page, "Save ratings")
    then_i_see_the_heading(page, "Behaviours")

    when_i_visit(page, reverse("appraisals:objectives", kwargs={"pk": appraisal.pk}))
    when_i_press_the_button(page, "Add an objective")
    page.get_by_label("Objective", exact=True).fill("Fairer shortlisting")
    page.get_by_label("What you will do").fill("Use diverse interview panels.")
    page.get_by_label("How success will be measured").fill("Every panel is diverse.")
    when_i_enter_the_date(page, "31", "3", "2027")
    page.get_by_label("This is an equality, diversity and inclusion (EDI) objective").check()
    when_i_press_the_button(page, "Save objective")
    then_i_see_the_heading(page, "Objectives")
    assert page.get_by_role("heading", name="Fairer shortlisting EDI").is_visible()

    when_i_visit(page, reverse("appraisals:development", kwargs={"pk": appraisal.pk}))
    when_i_press_the_button(page, "Add to the development plan")
    page.get_by_label("What you will develop, and how").fill("Lead a change project.")
    page.get_by_label("Competency it develops (optional)").select_option(
        label=f"{first.code} {first.title}"
    )
    when_i_press_the_button(page, "Show suggested programmes")
    page.get_by_label("Programme (optional)").select_option(label="Leading change")
    when_i_press_the_button(page, "Add to the plan")
    then_i_see_the_heading(page, "Development plan")
    assert page.get_by_role("link", name="Enrol on Leading change").is_visible()

    # The discussion itself is the workflow's job; here it has happened.
    Appraisal.objects.filter(pk=appraisal.pk).update(status=Appraisal.Status.DISCUSSED)
    page.context.clear_cookies()
    given_i_am_signed_in_as(page, "line_manager")
    when_i_visit(page, behaviours)
    assert page.get_by_text("I ran the daily safety huddle.").is_visible()
    for item in (first, second):
        when_i_rate(page, f"Your rating for {item.title}", "Meeting")
        when_i_rate(page, f"Agreed rating for {item.title}", "Meeting")
    when_i_press_the_button(page, "Save ratings")
    then_i_see_the_heading(page, "Behaviours")
    agreed = {a.agreed_rating.label for a in appraisal.behaviour_assessments.all()}
    assert agreed == {"Meeting"}
