"""The career conversations demo seed, on a small world: every status, Sam's two
conversations with Maria, plan items, one summary audit event, and nothing when the grid is
missing."""

import pytest

from carelead.core.models import AuditEvent
from carelead.demo.talent_conversations import talent_conversations_demo_seed
from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import AspirationalPlanItem, CareerConversation
from carelead.talent.tests.factories import PathwayStepFactory, scope_for_growth

pytestmark = pytest.mark.django_db

Status = CareerConversation.Status


def _team(world, size=30):
    manager = world.employments["line_manager"]
    for n in range(size):
        EmploymentFactory(
            organisation=world.sibling_trust if n % 2 else world.trust,
            line_manager=manager,
            management_level=1 if n % 3 == 0 else None,
        )


def test_writes_every_status_and_the_staff_personas_two(world):
    scope_for_growth()
    _team(world)
    counts = talent_conversations_demo_seed()
    assert counts["conversations"] == CareerConversation.objects.count() == 32
    assert counts["plan_items"] == AspirationalPlanItem.objects.count() > 0
    assert set(CareerConversation.objects.values_list("status", flat=True)) == set(Status.values)
    sam = world.employments["staff"].person
    maria = world.employments["line_manager"].person
    mine = CareerConversation.objects.filter(person=sam, held_with=maria)
    assert sorted(mine.values_list("status", flat=True)) == ["preparing", "recorded"]
    recorded = mine.get(status=Status.RECORDED)
    assert recorded.plan_items.count() == 3
    assert recorded.impact and recorded.growth_now and recorded.outcome
    assert AuditEvent.objects.filter(action="talent_conversations_demo_seeded").count() == 1
    # Recorded and held ones have an agreed position; nobody holds one with themself.
    assert not CareerConversation.objects.filter(
        status__in=[Status.HELD, Status.RECORDED], impact__isnull=True
    ).exists()
    for person_id, held_with_id in CareerConversation.objects.values_list(
        "person_id", "held_with_id"
    ):
        assert person_id != held_with_id


def test_stretch_steps_work_towards_the_general_management_pathway(world):
    scope_for_growth()
    _team(world)
    team_leader = PathwayStepFactory(pathway__code="general-management", order=1)
    talent_conversations_demo_seed()
    sam = world.employments["staff"].person
    stretch = AspirationalPlanItem.objects.get(
        conversation__person=sam, conversation__status=Status.RECORDED, category="stretch"
    )
    assert stretch.pathway_step == team_leader
    linked = AspirationalPlanItem.objects.filter(pathway_step__isnull=False)
    assert set(linked.values_list("category", flat=True)) == {"stretch"}


def test_deterministic(world):
    scope_for_growth()
    _team(world)
    talent_conversations_demo_seed()
    first = list(CareerConversation.objects.order_by("pk").values_list("status", "impact"))
    AspirationalPlanItem.objects.all().delete()
    CareerConversation.objects.all().delete()
    talent_conversations_demo_seed()
    assert list(CareerConversation.objects.order_by("pk").values_list("status", "impact")) == first


def test_writes_nothing_without_the_grid(world):
    assert talent_conversations_demo_seed() == {"conversations": 0, "plan_items": 0}
    assert not CareerConversation.objects.exists()
