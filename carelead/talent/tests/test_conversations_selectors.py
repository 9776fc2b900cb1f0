"""Career conversation reads: who opens one, the aspiration it starts from, and the people
lead's counts (status this year, coverage of managers, positions on the grid)."""

import datetime

import pytest
from django.http import Http404

from carelead.appraisals.models import Appraisal
from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import CareerConversation
from carelead.talent.selectors import conversations as selectors
from carelead.talent.tests.factories import CareerConversationFactory
from carelead.talent.tests.factories_conversations import (
    aspiration_appraisal,
    held_values,
    staff_conversation,
)

pytestmark = pytest.mark.django_db

Status = CareerConversation.Status
TODAY = datetime.date(2026, 11, 26)


@pytest.mark.parametrize(
    "persona", ["people_lead", "regional_talent_lead", "implementation_office", "board_member"]
)
def test_only_the_two_of_them_open_it(world, persona):
    conversation = staff_conversation(world)
    assert selectors.conversation_for_viewer(world.user("staff"), conversation.pk)
    assert selectors.conversation_for_viewer(world.user("line_manager"), conversation.pk)
    with pytest.raises(Http404):
        selectors.conversation_for_viewer(world.user(persona), conversation.pk)


def test_latest_aspiration_skips_cancelled_and_blank(world):
    employment = world.employments["staff"]
    wanted = aspiration_appraisal(employment, opens_on=datetime.date(2025, 4, 1))
    aspiration_appraisal(
        employment, opens_on=datetime.date(2026, 4, 1), status=Appraisal.Status.CANCELLED
    )
    aspiration_appraisal(employment, opens_on=datetime.date(2026, 5, 1), aspiration="")
    assert selectors.latest_aspiration(employment.person) == wanted


def test_people_lead_organisation_outside_scope_is_404(world):
    lead = world.user("people_lead")
    assert selectors.organisation_for_counts(lead) == world.trust
    for other in (world.other_trust.pk, "not-a-number"):
        with pytest.raises(Http404):
            selectors.organisation_for_counts(lead, other)
    with pytest.raises(Http404):
        selectors.organisation_for_counts(world.user("regional_talent_lead"))


def test_coverage_counts_managers_with_an_outcome_in_the_last_year(world):
    recent = EmploymentFactory(organisation=world.trust, management_level=1)
    stale = EmploymentFactory(organisation=world.trust, management_level=3)
    EmploymentFactory(organisation=world.trust, management_level=None)
    CareerConversationFactory(
        employment=recent, status=Status.RECORDED, **held_values(held_on=TODAY)
    )
    CareerConversationFactory(
        employment=stale,
        status=Status.RECORDED,
        **held_values(held_on=TODAY - datetime.timedelta(days=400)),
    )
    # The line manager persona (level 2) and the two above.
    assert selectors.coverage(world.trust, today=TODAY) == (1, 3)


def test_positions_count_now_and_wanted(world):
    for _ in range(2):
        CareerConversationFactory(
            employment=EmploymentFactory(organisation=world.trust),
            status=Status.HELD,
            **held_values(held_on=TODAY, impact=3, growth_now="depth", growth_wanted="breadth"),
        )
    counts = selectors.position_counts(world.trust, today=TODAY)
    assert counts["now"][(3, 1)] == 2
    assert counts["wanted"][(3, 2)] == 2
    assert sum(counts["now"].values()) == 2


def test_status_counts_this_year(world):
    staff_conversation(world)
    staff_conversation(world, status=Status.CANCELLED)
    counts = selectors.status_counts(world.trust, year=datetime.date.today().year)
    assert counts == {"preparing": 1, "held": 0, "recorded": 0, "cancelled": 1}
