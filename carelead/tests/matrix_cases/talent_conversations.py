"""Permission matrix lines for career conversations (talent area ``conversations``).

A conversation is open only to its person (the staff member here) and the person it is held
with (their line manager); everyone else, the people lead included, gets 404 so its existence
does not leak. The people lead sees counts for their organisation only. The superuser passes
every role check but has no staff record and leads no organisation, so they get empty lists
or 404.
"""

from carelead.tests.matrix import NOT_FOUND, SIGNED_IN, WITH_A_PERSON, of, page

BOTH = frozenset({"staff", "line_manager"})


def preparing(world):
    from carelead.talent.tests.factories_conversations import staff_conversation

    return staff_conversation(world)


def held(world):
    from carelead.talent.models import CareerConversation
    from carelead.talent.tests.factories_conversations import held_values, staff_conversation

    return staff_conversation(world, status=CareerConversation.Status.HELD, **held_values())


def plan_item(world):
    from carelead.talent.tests.factories import AspirationalPlanItemFactory

    return AspirationalPlanItemFactory(conversation=preparing(world))


def _one(name, pick=preparing, ok=BOTH):
    return page(of(name, pick), ok, otherwise=NOT_FOUND)


CASES = {
    "talent:conversations": page("talent:conversations", SIGNED_IN),
    "talent:conversations_held": page("talent:conversations_held", SIGNED_IN),
    "talent:conversation_start": page(
        "talent:conversation_start", WITH_A_PERSON, superuser=NOT_FOUND
    ),
    "talent:conversations_organisation": page(
        "talent:conversations_organisation", {"people_lead"}, superuser=NOT_FOUND
    ),
    "talent:conversation_detail": _one("talent:conversation_detail"),
    "talent:conversation_reflection": _one("talent:conversation_reflection", ok={"staff"}),
    "talent:conversation_preparation": _one("talent:conversation_preparation", ok={"line_manager"}),
    "talent:conversation_held": _one("talent:conversation_held"),
    "talent:conversation_outcome": _one("talent:conversation_outcome", held),
    "talent:conversation_cancel": _one("talent:conversation_cancel", ok={"staff"}),
    "talent:conversation_plan_add": _one("talent:conversation_plan_add"),
    "talent:conversation_plan_edit": _one("talent:conversation_plan_edit", plan_item),
    "talent:conversation_plan_remove": _one("talent:conversation_plan_remove", plan_item),
}
