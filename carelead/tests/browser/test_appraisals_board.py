"""Board member appraisals in a real browser: the people lead adds a chair and a NED to a board
cycle, the regional talent lead sees where the submissions stand, and once the NED's appraisal
is completed the chair sends it to the region (axe on every page)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.appraisals.models import Appraisal
from carelead.appraisals.tests.factories_board import board_cycle, board_employment, complete
from carelead.people.models import Employment
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_board_members_are_added_appraised_and_submitted_to_the_region(page, world):
    cycle = board_cycle(world.trust)
    chair_employment = world.employments["board_member"]
    Employment.objects.filter(pk=chair_employment.pk).update(management_level=5)
    chair = chair_employment.person.full_name
    board_employment(world.trust, "Sid", "Senior", "Senior independent director")

    # The people lead adds the chair (appraised by the senior independent director), then a NED.
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("appraisals:board_members", kwargs={"pk": cycle.pk}))
    then_i_see_the_heading(page, "Board members: Board appraisals 2026/27")
    page.get_by_label("Board member", exact=True).select_option(label=f"{chair}, Board member")
    page.get_by_label("Chair", exact=True).check()
    page.get_by_label("Who appraises the chair").select_option(label="Sid Senior")
    when_i_press_the_button(page, "Save board role")
    expect(page.get_by_text(f"{chair} added to the board as chair.")).to_be_visible()
    page.get_by_label("Board member", exact=True).select_option(
        label="Sid Senior, Senior independent director"
    )
    page.get_by_label("Non-executive director").check()
    when_i_press_the_button(page, "Save board role")
    then_i_see_the_table(
        page,
        "Board members and people at management level 5",
        ("Non-executive director", chair, "30 September 2026", "Not started"),
    )

    # The regional talent lead sees the status of both, and no content.
    page.context.clear_cookies()
    given_i_am_signed_in_as(page, "regional_talent_lead")
    when_i_visit(page, reverse("appraisals:board_submissions"))
    then_i_see_the_heading(page, "Board appraisal submissions")
    then_i_see_the_table(
        page,
        "2 board member appraisals",
        ("Leeds Teaching Hospitals", chair, "Chair", "30 June 2026", "Not started"),
        ("Sid Senior", "Non-executive director", "Not started"),
    )

    # The NED's appraisal is completed (the workflow's pages are tested in their own area);
    # the chair sends it to the region.
    ned = Appraisal.objects.get(board_role=Appraisal.BoardRole.NED)
    complete(ned)
    page.context.clear_cookies()
    given_i_am_signed_in_as(page, "board_member")
    when_i_visit(page, reverse("appraisals:board_submit", kwargs={"pk": ned.pk}))
    then_i_see_the_heading(page, "Send Sid Senior's appraisal to the region")
    when_i_press_the_button(page, "Send to the region")
    expect(page.get_by_text("Sid Senior's appraisal has been sent to the region.")).to_be_visible()
    expect(page.get_by_text("This appraisal has been sent to the region.")).to_be_visible()
