"""Factories for the cycles area: a framework version whose roles map to stages, and a draft
staff cycle on it."""

import datetime

import factory

from carelead.appraisals.models import Cycle, CycleException
from carelead.appraisals.tests.factories import CycleFactory, TemplateFactory
from carelead.people.tests.factories import EmploymentFactory
from carelead.standards.models import StageMapping
from carelead.standards.tests.factories import ml_version_with_stages

#: Management level -> stage code, as the shipped framework maps them (None: no level).
LEVEL_STAGES = {None: "fundamental", 1: "stage-1", 2: "stage-2", 3: "stage-3", 4: "stage-4"}


def ml_version_with_mappings(**kwargs):
    """A published Management and Leadership Framework version with its five stages and a
    mapping from each management level to a stage (level 5 maps to none)."""
    version = ml_version_with_stages(**kwargs)
    stages = {s.code: s for s in version.stages.all()}
    for level, code in LEVEL_STAGES.items():
        StageMapping.objects.create(version=version, stage=stages[code], management_level=level)
    return version


def draft_cycle(organisation, **kwargs) -> Cycle:
    """A draft staff cycle at ``organisation`` on a version with stage mappings."""
    version = ml_version_with_mappings()
    template = TemplateFactory(framework=version.framework)
    return CycleFactory(
        organisation=organisation,
        template=template,
        framework_version=version,
        status=Cycle.Status.DRAFT,
        **kwargs,
    )


class CycleExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleException

    cycle = factory.SubFactory(CycleFactory)
    employment = factory.SubFactory(
        EmploymentFactory,
        organisation=factory.SelfAttribute("..cycle.organisation"),
        start_date=datetime.date(2020, 4, 1),
    )
    person = factory.SelfAttribute("employment.person")
    reason = CycleException.Reason.NO_LINE_MANAGER
