"""Matching in a real browser: the staff member says who may approach them and replies to an
approach; the regional talent lead matches a challenged vacancy and approaches someone (axe
on every page)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.talent.models import Approach, ApproachPreference, PoolMembership, Readiness
from carelead.talent.tests.factories import (
    ApproachFactory,
    ApproachPreferenceFactory,
    PoolMembershipFactory,
)
from carelead.talent.tests.factories_matching import challenged_vacancy, region_pool
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_the_staff_member_opts_in_and_replies_to_an_approach(page, world):
    vacancy = challenged_vacancy(world.sibling_trust, title="Director of operations")
    ApproachFactory(vacancy=vacancy, person=world.employments["staff"].person)
    given_i_am_signed_in_as(page, "staff")
    when_i_visit(page, reverse("talent:preferences"))
    then_i_see_the_heading(page, "Who may approach you about roles")
    page.get_by_label("Talent teams in any region").check()
    page.get_by_role(
        "group", name="Are you open to roles in challenged organisations?"
    ).get_by_label("Yes").check()
    page.get_by_role("group", name="Would you move home for the right role?").get_by_label(
        "No"
    ).check()
    when_i_press_the_button(page, "Save preferences")
    expect(page.get_by_text("Your approach preferences have been saved.")).to_be_visible()

    when_i_click_link(page, "Approaches to you")
    then_i_see_the_heading(page, "Approaches to you")
    expect(page.get_by_text("Segment 4: significant issues").first).to_be_visible()
    when_i_click_link(page, f"Reply about Director of operations at {world.sibling_trust.name}")
    page.get_by_label("Yes, I am interested").check()
    when_i_press_the_button(page, "Send reply")
    then_i_see_the_heading(page, "Approaches to you")
    assert ApproachPreference.objects.get(person=world.employments["staff"].person).audience == (
        "any_region"
    )
    assert Approach.objects.get().status == Approach.Status.INTERESTED


def test_the_regional_talent_lead_matches_and_approaches(page, world):
    vacancy = challenged_vacancy(world.sibling_trust, title="Director of operations")
    staff = world.employments["staff"]
    PoolMembershipFactory(
        pool=region_pool(world.region),
        employment=staff,
        readiness=Readiness.READY_NOW,
        status=PoolMembership.Status.MEMBER,
    )
    ApproachPreferenceFactory(person=staff.person)
    given_i_am_signed_in_as(page, "regional_talent_lead")
    when_i_visit(page, reverse("talent:matching_vacancies"))
    then_i_see_the_heading(page, "Match people to challenged vacancies")
    when_i_click_link(page, "Director of operations")
    then_i_see_the_heading(page, "Matches for Director of operations")
    then_i_see_the_table(
        page, "People you may approach about Director of operations", (staff.organisation.name,)
    )
    when_i_click_link(page, "Approach Sam Staff")
    page.get_by_label("Message").fill("Would you consider this role?")
    when_i_press_the_button(page, "Send approach")
    then_i_see_the_heading(page, "Matches for Director of operations")
    expect(page.get_by_text("1 has already been approached", exact=False)).to_be_visible()
    when_i_visit(page, reverse("talent:approaches"))
    then_i_see_the_table(page, "Approaches and their replies", ("Waiting for a reply",))
    when_i_visit(page, reverse("talent:placements"))
    then_i_see_the_heading(page, "Placements and outcomes")
    assert Approach.objects.filter(vacancy=vacancy, person=staff.person).exists()
