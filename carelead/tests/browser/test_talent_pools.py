"""Talent pools in a real browser (axe on every page): a line manager finds an open pool and
nominates themself; the regional talent lead decides a nomination with a reason and reads the
pool's make-up."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from carelead.talent.models import PoolMembership
from carelead.talent.tests.factories import DevelopmentOfferFactory, PoolMembershipFactory
from carelead.talent.tests.factories_pools import regional_pool
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_press_the_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_a_line_manager_nominates_themself_for_an_open_pool(page, world):
    regional_pool(world, name="Aspiring directors")
    given_i_am_signed_in_as(page, "line_manager")
    when_i_visit(page, reverse("talent:pools_open"))
    then_i_see_the_heading(page, "Talent pools you can join")
    when_i_click_link(page, "Nominate yourself for Aspiring directors")
    then_i_see_the_heading(page, "Nominate yourself for Aspiring directors")
    page.get_by_label("Why this nomination").fill("I led the ward through winter.")
    page.get_by_label("Ready in 1 to 2 years").check()
    when_i_press_the_button(page, "Send nomination")
    then_i_see_the_heading(page, "My talent pools")
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()


def test_the_talent_lead_accepts_a_nomination_with_a_reason(page, world):
    pool = regional_pool(world, name="Aspiring directors")
    DevelopmentOfferFactory(pool=pool, title="Executive coaching")
    membership = PoolMembershipFactory(pool=pool, employment=world.employments["line_manager"])
    given_i_am_signed_in_as(page, "regional_talent_lead")
    when_i_visit(page, reverse("talent:pools"))
    then_i_see_the_heading(page, "Talent pools")
    when_i_click_link(page, "Aspiring directors")
    then_i_see_the_heading(page, "Aspiring directors")
    when_i_click_link(page, "Decide on Maria Manager")
    then_i_see_the_heading(page, "Decide on Maria Manager's nomination")
    page.get_by_label("Accept into the pool").check()
    page.get_by_label("Reason for the decision").fill("Strong evidence of leading change.")
    when_i_press_the_button(page, "Save decision")
    then_i_see_the_heading(page, "Aspiring directors")
    then_i_see_the_table(page, "Current members", ("Strong evidence of leading change.",))
    membership.refresh_from_db()
    assert membership.status == PoolMembership.Status.MEMBER
    when_i_click_link(page, "Make-up against the eligible population")
    then_i_see_the_heading(page, "Make-up of Aspiring directors")
