"""Talent assessments in a real browser: a line manager proposes a report's assessment,
first leaving out evidence (the error summary says what and where), then in full; the
regional talent lead finds it on the organisation list (axe on every page)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.talent.models import TalentAssessment
from carelead.talent.tests.factories import (
    PotentialEvidenceFactory,
    TalentAssessmentFactory,
    nine_box,
)
from carelead.talent.tests.factories_assessments import GOOD_EVIDENCE
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser

CRITERIA = ("Aspiration", "Engagement", "Ability", "Leadership values")


def test_the_line_manager_proposes_an_assessment_on_evidence(page, world):
    nine_box()
    given_i_am_signed_in_as(page, "line_manager")
    when_i_visit(page, reverse("talent:assessments_team"))
    then_i_see_the_heading(page, "Talent assessments for your team")
    when_i_click_link(page, "Assess for Sam Staff")
    then_i_see_the_heading(page, "Assess Sam Staff")
    page.get_by_role("group", name="Performance", exact=True).get_by_label(
        "Moderate performance"
    ).check()
    page.get_by_label("Performance note").fill("No appraisal yet: from the ward audit.")
    for title in CRITERIA:
        page.get_by_role("group", name=title, exact=True).get_by_label("Strongly shown").check()
    for title in CRITERIA[:-1]:
        page.get_by_label(f"Evidence for {title}").fill(GOOD_EVIDENCE)
    page.get_by_role("group", name="Overall potential").get_by_label("High potential").check()
    when_i_press_the_button(page, "Propose for calibration")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter the evidence for Leadership values")
    page.get_by_label("Evidence for Leadership values").fill(GOOD_EVIDENCE)
    when_i_press_the_button(page, "Propose for calibration")
    then_i_see_the_heading(page, "Talent assessment for Sam Staff")
    expect(page.get_by_text("is proposed for calibration")).to_be_visible()
    then_i_see_the_table(page, "Placement on the grid")
    assert TalentAssessment.objects.get().status == TalentAssessment.Status.PROPOSED


def test_the_regional_talent_lead_reviews_a_trust_in_their_region(page, world):
    nine_box()
    assessment = TalentAssessmentFactory(employment=world.employments["staff"])
    PotentialEvidenceFactory(assessment=assessment)
    given_i_am_signed_in_as(page, "regional_talent_lead")
    when_i_visit(page, reverse("talent:assessments_organisation"))
    then_i_see_the_heading(page, "Talent assessments")
    page.get_by_label("Organisation").select_option(world.trust.ods_code)
    when_i_press_the_button(page, "Show assessments")
    then_i_see_the_table(page, "Assessments at Leeds Teaching Hospitals", ("Staff nurse",))
    when_i_click_link(page, "Sam Staff")
    then_i_see_the_heading(page, "Talent assessment for Sam Staff")
    expect(page.get_by_text("Led the winter escalation plan")).to_be_visible()
