"""Factories for the talent models. Each area may add its own ``factories_<area>.py`` for
richer set-ups; these are the shared building blocks."""

import datetime

import factory

from carelead.organisations.tests.factories import RegionFactory, TrustFactory
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.talent.models import (
    Approach,
    ApproachPreference,
    AspirationalPlanItem,
    CalibrationPlacement,
    CalibrationSession,
    CareerConversation,
    CriticalRole,
    DevelopmentOffer,
    GridCell,
    GridPreset,
    IncentivePackage,
    Pathway,
    PathwayStep,
    PoolMembership,
    PotentialCriterion,
    PotentialEvidence,
    Readiness,
    SuccessionCandidate,
    TalentAssessment,
    TalentPool,
    Vacancy,
    VacancyPlacement,
)


def nine_box() -> GridPreset:
    """The HEE nine-box preset as the reference file ships it (loaded once per test DB)."""
    from carelead.talent.services.reference import talent_reference_load

    preset = GridPreset.objects.filter(code="hee-hcls-nine-box").first()
    if preset is None:
        talent_reference_load()
        preset = GridPreset.objects.get(code="hee-hcls-nine-box")
    return preset


def scope_for_growth() -> GridPreset:
    nine_box()
    return GridPreset.objects.get(code="scope-for-growth")


def criteria() -> list[PotentialCriterion]:
    nine_box()
    return list(PotentialCriterion.objects.all())


class GridPresetFactory(factory.django.DjangoModelFactory):
    """A bare preset with nine numbered cells (for tests that change labels)."""

    class Meta:
        model = GridPreset
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"grid-{n}")
    kind = GridPreset.Kind.TALENT_GRID
    title = factory.Sequence(lambda n: f"Test grid {n}")
    source = "Test data"
    x_axis_label = "Performance"
    y_axis_label = "Potential"
    x_levels = ["Low", "Moderate", "High"]
    y_levels = ["Low", "Moderate", "High"]

    @factory.post_generation
    def cells(self, create, extracted, **kwargs):
        if create and not self.cells.exists():
            GridCell.objects.bulk_create(
                GridCell(preset=self, x=x, y=y, label=f"Cell {x},{y}")
                for x in (1, 2, 3)
                for y in (1, 2, 3)
            )


class CareerConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerConversation

    employment = factory.SubFactory(EmploymentFactory)
    person = factory.SelfAttribute("employment.person")
    organisation = factory.SelfAttribute("employment.organisation")
    held_with = factory.SubFactory(PersonFactory)
    held_with_role = CareerConversation.HeldWithRole.LINE_MANAGER
    grid = factory.LazyFunction(scope_for_growth)
    planned_on = datetime.date(2026, 12, 1)


class AspirationalPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AspirationalPlanItem

    conversation = factory.SubFactory(CareerConversationFactory)
    description = "Shadow the director of operations for a month"
    category = "stretch"


class TalentAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentAssessment

    employment = factory.SubFactory(EmploymentFactory)
    person = factory.SelfAttribute("employment.person")
    organisation = factory.SelfAttribute("employment.organisation")
    performance = 2
    potential = 2
    assessed_on = datetime.date(2026, 11, 1)
    status = TalentAssessment.Status.PROPOSED


class PotentialEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PotentialEvidence

    assessment = factory.SubFactory(TalentAssessmentFactory)
    criterion = factory.LazyFunction(lambda: criteria()[0])
    rating = 2
    evidence = "Led the winter escalation plan across two wards."


class CalibrationSessionFactory(factory.django.DjangoModelFactory):
    """Pass ``facilitator`` (a user) and usually ``organisation``."""

    class Meta:
        model = CalibrationSession

    title = factory.Sequence(lambda n: f"Talent review {n}")
    level = "organisation"
    organisation = factory.SubFactory(TrustFactory)
    grid = factory.LazyFunction(nine_box)
    scheduled_on = datetime.date(2026, 12, 3)


class CalibrationPlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalibrationPlacement

    session = factory.SubFactory(CalibrationSessionFactory)
    assessment = factory.SubFactory(
        TalentAssessmentFactory, organisation=factory.SelfAttribute("..session.organisation")
    )
    proposed_performance = factory.SelfAttribute("assessment.performance")
    proposed_potential = factory.SelfAttribute("assessment.potential")
    performance = factory.SelfAttribute("proposed_performance")
    potential = factory.SelfAttribute("proposed_potential")


class TalentPoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentPool

    name = factory.Sequence(lambda n: f"Aspiring directors {n}")
    description = "Senior managers preparing for director roles."
    level = "region"
    owner = factory.SubFactory(RegionFactory)
    min_management_level = 3
    requires_prerequisite = False
    status = TalentPool.Status.OPEN


class PoolMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoolMembership

    pool = factory.SubFactory(TalentPoolFactory)
    employment = factory.SubFactory(EmploymentFactory, management_level=3)
    person = factory.SelfAttribute("employment.person")
    organisation = factory.SelfAttribute("employment.organisation")
    route = PoolMembership.Route.LINE_MANAGER
    statement = "Consistently leads beyond their service."
    readiness = Readiness.ONE_TO_TWO_YEARS


class DevelopmentOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentOffer

    pool = factory.SubFactory(TalentPoolFactory)
    title = "Executive coaching"


class CriticalRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriticalRole

    organisation = factory.SubFactory(TrustFactory)
    title = factory.Sequence(lambda n: f"Director of operations {n}")
    kind = CriticalRole.Kind.EXECUTIVE_DIRECTOR


class SuccessionCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuccessionCandidate

    role = factory.SubFactory(CriticalRoleFactory)
    person = factory.SubFactory(PersonFactory)
    readiness = Readiness.READY_NOW


class ApproachPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApproachPreference
        django_get_or_create = ("person",)

    person = factory.SubFactory(PersonFactory)
    audience = ApproachPreference.Audience.ANY_REGION
    challenged_organisations = True


class IncentivePackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncentivePackage

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Challenged trust leadership package {n}")
    pay_premium_percent = 15
    pay_premium_cap = 45000
    pay_premium_months = 24
    mentoring = True
    peer_support_network = True
    guaranteed_return = True
    return_route = "A role at the same level in the region after 24 months"
    status = IncentivePackage.Status.PUBLISHED


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    reference = factory.Sequence(lambda n: f"V{n:05d}")
    organisation = factory.SubFactory(TrustFactory)
    title = "Chief operating officer"
    management_level = 4
    opened_on = datetime.date(2026, 10, 1)
    closes_on = datetime.date(2026, 12, 31)


class ApproachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approach

    vacancy = factory.SubFactory(VacancyFactory)
    person = factory.SubFactory(PersonFactory)
    message = "Would you consider this role? The package is attached."


class VacancyPlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyPlacement

    vacancy = factory.SubFactory(VacancyFactory, status=Vacancy.Status.FILLED)
    person = factory.SubFactory(PersonFactory)
    starts_on = datetime.date(2025, 11, 1)


class PathwayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pathway
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"pathway-{n}")
    title = factory.Sequence(lambda n: f"Pathway {n}")
    summary = "A route into leadership."
    audience = Pathway.Audience.MANAGEMENT
    status = Pathway.Status.PUBLISHED


class PathwayStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PathwayStep

    pathway = factory.SubFactory(PathwayFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Step {n}")
    job_titles = factory.LazyAttribute(lambda s: [s.title.lower()])
