"""Career conversations in a real browser: the staff member starts one with their line
manager and writes their reflection; the line manager prepares, records it as held with the
agreed position on the Scope for Growth grid, adds a plan step working towards a pathway step
(and follows its link to the pathway) and records the outcome; the people lead sees counts
only. Every page is axe-checked."""

import pytest
from django.urls import reverse

from carelead.learning.tests.factories import ProgrammeFactory
from carelead.talent.models import CareerConversation
from carelead.talent.tests.factories import PathwayStepFactory, scope_for_growth
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_a_conversation_from_start_to_recorded_outcome(page, world):
    scope_for_growth()
    ProgrammeFactory(title="Leading teams")
    PathwayStepFactory(
        pathway__code="general-management",
        pathway__title="General management",
        order=1,
        title="Team leader",
    )

    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, reverse("talent:conversations"))
    then_i_see_the_heading(page, "My career conversations")
    when_i_press_the_button(page, "Start a career conversation")
    then_i_see_the_heading(page, "Start a career conversation")
    when_i_press_the_button(page, "Start the conversation")
    then_i_see_the_heading(page, "Career conversation: Sam Staff")
    when_i_click_link(page, "Write or change your reflection")
    page.get_by_label("Your reflection").fill("I want to lead a ward one day.")
    when_i_press_the_button(page, "Save your reflection")
    then_i_see_the_heading(page, "Career conversation: Sam Staff")
    conversation = CareerConversation.objects.get()

    page.context.clear_cookies()
    given_i_am_signed_in_as(page, "line_manager")
    when_i_visit(page, reverse("talent:conversations_held"))
    then_i_see_the_heading(page, "Career conversations you hold")
    when_i_click_link(page, "Sam Staff")
    when_i_click_link(page, "Write or change your preparation notes")
    page.get_by_label("Your preparation notes").fill("Ready for more stretch.")
    when_i_press_the_button(page, "Save your notes")
    when_i_press_the_button(page, "Record it as held")
    then_i_see_the_heading(page, "Record the conversation as held")
    page.get_by_role("group", name="Impact you agreed").get_by_label("Strong impact").check()
    page.get_by_role("group", name="Where their growth is now").get_by_label(
        "Depth", exact=False
    ).check()
    page.get_by_role("group", name="Where they want to grow").get_by_label(
        "Stretch", exact=False
    ).check()
    page.get_by_label("Where they want to move").fill("A ward manager role")
    when_i_press_the_button(page, "Record as held")
    assert page.get_by_role("cell", name="Now").first.is_visible()
    when_i_press_the_button(page, "Add a step to the plan")
    page.get_by_label("What the development is").fill("Act up as ward manager")
    page.get_by_role("group", name="What it grows").get_by_label("Stretch", exact=False).check()
    page.get_by_label("Programme (optional)").select_option(label="Leading teams")
    page.get_by_label("Pathway step it works towards (optional)").select_option(
        label="Team leader, step 1 of General management"
    )
    when_i_press_the_button(page, "Add to the plan")
    when_i_click_link(page, "Team leader, step 1 of General management")
    then_i_see_the_heading(page, "General management")
    assert page.url.endswith("#step-1")
    when_i_visit(page, reverse("talent:conversation_detail", kwargs={"pk": conversation.pk}))
    when_i_press_the_button(page, "Record the outcome")
    page.get_by_label("Outcome").fill("Agreed to act up in the spring.")
    when_i_press_the_button(page, "Record the outcome")
    then_i_see_the_heading(page, "Career conversation: Sam Staff")
    conversation.refresh_from_db()
    assert conversation.status == CareerConversation.Status.RECORDED

    page.context.clear_cookies()
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("talent:conversations_organisation"))
    then_i_see_the_heading(page, "Career conversations at Leeds Teaching Hospitals")
    assert "Sam Staff" not in page.content()
