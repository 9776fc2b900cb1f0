"""Factories for the content area: an appraisal with behaviours to rate, a rating scale with
a "no chance to demonstrate" level, evidence and development items."""

import datetime

import factory

from carelead.appraisals.models import (
    Appraisal,
    BehaviourAssessment,
    DevelopmentItem,
    Evidence,
)
from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.standards.models import Item
from carelead.standards.tests.factories import (
    DescriptorFactory,
    ItemFactory,
    RatingLevelFactory,
    RatingScaleFactory,
    ml_version_with_stages,
)

LEVELS = [
    (1, "Developing", "Shows this behaviour some of the time"),
    (2, "Meeting", "Shows this behaviour consistently"),
    (3, "Exceeding", "Role models this behaviour for others"),
    (None, "No chance to demonstrate", "Had no opportunity this year"),
]


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    person = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Evidence {n}")
    occurred_on = datetime.date(2026, 5, 1)


class DevelopmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentItem

    appraisal = factory.SubFactory(AppraisalFactory)
    description = factory.Sequence(lambda n: f"Development {n}")


def scale_for(version):
    """The version's default rating scale with the four LEVELS (created once per version)."""
    scale = version.rating_scales.filter(is_default=True).first()
    if scale is None:
        scale = RatingScaleFactory(version=version)
        for sort_order, (value, label, meaning) in enumerate(LEVELS):
            RatingLevelFactory(
                scale=scale, value=value, label=label, meaning=meaning, sort_order=sort_order
            )
    return scale


def appraisal_with_behaviours(
    *,
    items: int = 3,
    status: str = Appraisal.Status.PREPARING,
    employment=None,
    organisation=None,
    management_level=None,
    template=None,
) -> Appraisal:
    """An appraisal at Stage 1 with ``items`` competencies (each with a Stage 1 descriptor),
    their BehaviourAssessment rows and the default rating scale. The appraisee has a line
    manager, who is the appraiser."""
    version = ml_version_with_stages()
    stage = version.stages.get(rank=1)
    scale_for(version)
    cycle_kwargs = {"framework_version": version}
    if organisation is not None:
        cycle_kwargs["organisation"] = organisation
    if template is not None:
        cycle_kwargs["template"] = template
    cycle = CycleFactory(**cycle_kwargs)
    if employment is None:
        manager = EmploymentFactory(organisation=cycle.organisation, management_level=2)
        employment = EmploymentFactory(
            organisation=cycle.organisation,
            line_manager=manager,
            management_level=management_level,
        )
    appraisal = AppraisalFactory(cycle=cycle, employment=employment, stage=stage, status=status)
    add_behaviours(appraisal, items)
    return appraisal


def add_behaviours(appraisal: Appraisal, count: int) -> list[BehaviourAssessment]:
    version = appraisal.cycle.framework_version
    rows = []
    for _ in range(count):
        item = ItemFactory(version=version, kind=Item.Kind.COMPETENCY)
        DescriptorFactory(item=item, stage=appraisal.stage, text=f"I show {item.title} well.")
        rows.append(BehaviourAssessment.objects.create(appraisal=appraisal, item=item))
    return rows


def level(appraisal: Appraisal, label: str):
    return appraisal.cycle.framework_version.rating_scales.get(is_default=True).levels.get(
        label=label
    )


def user_for(person):
    """The login of ``person`` (made on first use)."""
    from carelead.accounts.models import User
    from carelead.accounts.tests.factories import UserFactory

    return User.objects.filter(person=person).first() or UserFactory(person=person)
