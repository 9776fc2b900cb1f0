"""Career pathways in a real browser: anyone browses the pathways and a pathway's evidence; a
signed-in staff member sees where they are; the implementation office retires a pathway
(with the "choose a status" error first). Every page passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.standards.tests.factories import ml_version_with_stages
from carelead.talent.models import Pathway
from carelead.talent.tests.factories_pathways import career, pathway_with_steps
from carelead.tests.browser.steps import (
    given_i_am_on,
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_press_the_button,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def pathway(world):
    stage = ml_version_with_stages().stages.get(code="stage-1")
    pathway = pathway_with_steps(
        "Staff nurse", "Ward manager", "Matron", title="Nursing: from the ward to matron"
    )
    pathway.steps.filter(order=2).update(credential_stage=stage)
    for _ in range(11):
        career("Staff nurse", "Ward manager", organisation=world.trust)
    return pathway


def test_anyone_browses_and_a_staff_member_sees_where_they_are(page, pathway):
    given_i_am_on(page, reverse("talent:pathways"))
    then_i_see_the_heading(page, "Career pathways")
    when_i_click_link(page, "Nursing: from the ward to matron")
    then_i_see_the_heading(page, "Nursing: from the ward to matron")
    # Staff nurse: held by 12 (the staff persona too), 11 moved to the next step.
    then_i_see_the_table(page, "Where people who held each step went next", ("12", "11"))
    expect(page.get_by_role("heading", name="Where you are")).to_have_count(0)

    given_i_am_signed_in_as(page, "staff")
    given_i_am_on(page, reverse("talent:pathway", kwargs={"code": pathway.code}))
    expect(page.get_by_role("heading", name="Where you are")).to_be_visible()
    expect(page.get_by_text("you do not hold it yet")).to_be_visible()


def test_the_implementation_office_retires_a_pathway(page, pathway):
    given_i_am_signed_in_as(page, "implementation_office")
    given_i_am_on(page, reverse("talent:pathway", kwargs={"code": pathway.code}))
    when_i_click_link(page, "Change the status of Nursing: from the ward to matron")
    then_i_see_the_heading(page, "Change the status of this pathway")
    page.get_by_label("Retired").check()
    when_i_press_the_button(page, "Save status")
    then_i_see_the_heading(page, "Nursing: from the ward to matron")
    expect(page.get_by_text("Nursing: from the ward to matron is retired.")).to_be_visible()
    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.RETIRED
