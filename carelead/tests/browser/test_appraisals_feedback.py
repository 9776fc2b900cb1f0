"""360 feedback in a real browser: the appraisee asks for feedback and invites a partner
from social care; the partner answers through the emailed link, signed out; once closed, the
report shows the small groups pooled. axe checks every page on the way."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from carelead.appraisals.models import FeedbackRequest, Relationship
from carelead.appraisals.selectors.feedback import questionnaire
from carelead.appraisals.tests.factories_feedback import add_response
from carelead.tests.browser.steps import (
    given_i_am_on,
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_press_the_button,
    when_i_visit,
)
from carelead.tests.matrix_cases.appraisals_feedback import staff_appraisal

pytestmark = pytest.mark.browser


def test_invite_an_outside_rater_who_answers_by_link_then_read_the_pooled_report(page, world):
    appraisal = staff_appraisal(world)
    manage = reverse("appraisals:feedback", kwargs={"pk": appraisal.pk})

    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, manage)
    then_i_see_the_heading(page, "360 feedback for Sam Staff")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2099")
    when_i_press_the_button(page, "Ask for feedback")
    page.get_by_label("Partner, including social care").check()
    page.get_by_label("Email address").fill("sue.worker@council.gov.uk")
    page.get_by_label("Full name").fill("Sue Worker")
    when_i_press_the_button(page, "Send invitation")
    expect(page.get_by_text("Invitation sent to Sue Worker")).to_be_visible()
    then_i_see_the_table(page, "People invited", ("Sue Worker", "Partner, including social care"))

    link = re.search(r"http\S+/appraisals/feedback/respond/\S+/", mail.outbox[-1].body).group(0)
    page.context.clear_cookies()
    given_i_am_on(page, link[link.index("/appraisals/") :])
    then_i_see_the_heading(page, "Feedback for Sam Staff")
    for group in page.locator("fieldset").all():
        group.get_by_label("3: Meets", exact=True).check()
    page.get_by_label("What do they do well?").fill("Brings partners together")
    when_i_press_the_button(page, "Send my feedback")
    then_i_see_the_heading(page, "Thank you for your feedback")

    # Others answered too: three peers (shown on their own) and two direct reports (pooled
    # with the partner into "Other raters").
    request = FeedbackRequest.objects.get(appraisal=appraisal)
    items = [q.item.pk for q in questionnaire(appraisal).questions]
    for _ in range(3):
        add_response(request, Relationship.PEER, dict.fromkeys(items, 4))
    for _ in range(2):
        add_response(request, Relationship.DIRECT_REPORT, dict.fromkeys(items, 2))

    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, manage)
    then_i_see_the_table(page, "Answers so far, by group", ("Partner, including social care", "1"))
    when_i_press_the_button(page, "Close feedback and see the report")
    then_i_see_the_heading(page, "360 feedback report for Sam Staff")
    responses = page.locator("table").filter(has=page.get_by_text("Responses by group"))
    expect(responses.get_by_role("rowheader", name="Peers")).to_be_visible()
    expect(responses.get_by_role("rowheader", name="Other raters")).to_be_visible()
    expect(responses.get_by_role("rowheader", name="Direct reports")).to_have_count(0)
    expect(page.get_by_text("Brings partners together")).to_be_visible()
