"""Set-ups for career conversation tests: the staff persona's conversation with their line
manager, and an appraisal with a career aspiration to start from."""

import datetime

from carelead.appraisals.models import Appraisal
from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory
from carelead.standards.tests.factories import StageFactory
from carelead.talent.models import CareerConversation
from carelead.talent.tests.factories import CareerConversationFactory, scope_for_growth


def staff_conversation(world, **kwargs) -> CareerConversation:
    """The staff persona's conversation with their line manager (preparing by default)."""
    employment = world.employments["staff"]
    kwargs.setdefault("held_with", world.employments["line_manager"].person)
    return CareerConversationFactory(employment=employment, grid=scope_for_growth(), **kwargs)


def held_values(**overrides) -> dict:
    values = {
        "held_on": datetime.date(2026, 11, 2),
        "impact": 2,
        "growth_now": "depth",
        "growth_wanted": "stretch",
        "where_next": "A ward manager role within two years",
        "how": "Act up while the ward manager is on leave",
    }
    values.update(overrides)
    return values


def aspiration_appraisal(employment, *, opens_on, aspiration="stretch", status=None, note=""):
    cycle = CycleFactory(organisation=employment.organisation, opens_on=opens_on)
    return AppraisalFactory(
        cycle=cycle,
        employment=employment,
        stage=StageFactory(version=cycle.framework_version),
        career_aspiration=aspiration,
        career_aspiration_note=note,
        status=status or Appraisal.Status.COMPLETED,
    )
