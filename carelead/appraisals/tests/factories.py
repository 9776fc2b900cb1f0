import datetime

import factory

from carelead.appraisals import workflow
from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    Cycle,
    Objective,
    OrganisationalPriority,
    Template,
)
from carelead.organisations.tests.factories import TrustFactory
from carelead.people.tests.factories import EmploymentFactory
from carelead.standards.tests.factories import FrameworkFactory, FrameworkVersionFactory


class TemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Template
        django_get_or_create = ("code",)

    code = "staff"
    title = "Appraisal for NHS and social care staff"
    kind = Template.Kind.STAFF
    framework = factory.SubFactory(FrameworkFactory)
    edi_objective_from_management_level = 1


class BoardTemplateFactory(TemplateFactory):
    code = "board"
    title = "Board member appraisal"
    kind = Template.Kind.BOARD
    edi_objective_from_management_level = None


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    organisation = factory.SubFactory(TrustFactory)
    template = factory.SubFactory(TemplateFactory)
    framework_version = factory.SubFactory(
        FrameworkVersionFactory, framework=factory.SelfAttribute("..template.framework")
    )
    title = factory.Sequence(lambda n: f"Appraisals 2026/27 ({n})")
    status = Cycle.Status.OPEN
    opens_on = datetime.date(2026, 4, 1)
    closes_on = datetime.date(2027, 3, 31)
    preparation_due_on = datetime.date(2026, 6, 30)
    discussion_due_on = datetime.date(2026, 9, 30)
    sign_off_due_on = datetime.date(2026, 10, 31)


class AppraisalFactory(factory.django.DjangoModelFactory):
    """An appraisal with its creation transition row. Pass ``stage`` (a standards Stage of
    the cycle's framework version) — e.g. from ``ml_version_with_stages()``."""

    class Meta:
        model = Appraisal
        skip_postgeneration_save = True

    cycle = factory.SubFactory(CycleFactory)
    employment = factory.SubFactory(
        EmploymentFactory, organisation=factory.SelfAttribute("..cycle.organisation")
    )
    person = factory.SelfAttribute("employment.person")
    organisation = factory.SelfAttribute("cycle.organisation")
    appraiser = factory.LazyAttribute(
        lambda a: a.employment.line_manager.person if a.employment.line_manager else None
    )
    status = Appraisal.Status.NOT_STARTED

    @factory.post_generation
    def created_row(self, create, extracted, **kwargs):
        if create:
            AppraisalTransition.objects.create(
                appraisal=self,
                action=workflow.CREATE,
                from_status="",
                to_status=Appraisal.Status.NOT_STARTED,
                actor_label="system",
            )


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationalPriority

    organisation = factory.SubFactory(TrustFactory)
    title = factory.Sequence(lambda n: f"Priority {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    appraisal = factory.SubFactory(AppraisalFactory)
    title = factory.Sequence(lambda n: f"Objective {n}")
    description = "Cut the waiting list for first appointments."
    measure = "Median wait under 6 weeks by March."
    due_on = datetime.date(2027, 3, 31)
