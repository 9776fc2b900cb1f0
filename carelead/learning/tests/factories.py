import datetime

import factory
from django.utils import timezone

from carelead.learning.models import (
    Accreditation,
    Application,
    Cohort,
    Completion,
    Credential,
    Enrolment,
    Module,
    Programme,
)
from carelead.organisations.models import OrganisationKind
from carelead.organisations.tests.factories import OrganisationFactory, RegionFactory
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.standards.tests.factories import FrameworkVersionFactory, StageFactory


class ProviderFactory(OrganisationFactory):
    kind = OrganisationKind.TRAINING_PROVIDER
    ods_code = factory.Sequence(lambda n: f"TP{n:04d}")
    name = factory.Sequence(lambda n: f"Leadership Academy {n}")


class AccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accreditation

    provider = factory.SubFactory(ProviderFactory)
    accrediting_body = "Chartered Management Institute"
    status = Accreditation.Status.ACCREDITED
    applied_on = datetime.date(2025, 9, 1)
    valid_from = datetime.date(2025, 10, 1)
    valid_to = datetime.date(2028, 9, 30)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"programme-{n}")
    title = factory.Sequence(lambda n: f"Leading teams {n}")
    kind = Programme.Kind.DEVELOPMENT_BUNDLE
    status = Programme.Status.OPEN
    provider = factory.SubFactory(ProviderFactory)
    framework_version = factory.SubFactory(FrameworkVersionFactory)
    stage = factory.SubFactory(StageFactory, version=factory.SelfAttribute("..framework_version"))
    awards_credential = True


class NationalInductionFactory(ProgrammeFactory):
    kind = Programme.Kind.NATIONAL_INDUCTION
    code = "national-induction"
    title = "National induction to health and social care"
    stage = None
    awards_credential = False
    enrol_joiners_from = datetime.date(2024, 4, 1)
    due_weeks = 12


class MidCareerProgrammeFactory(ProgrammeFactory):
    kind = Programme.Kind.MID_CAREER
    code = factory.Sequence(lambda n: f"mid-career-{n}")
    title = "National mid-career programme for managers"
    min_management_level = 2
    min_months_in_management = 24
    applications_open_on = datetime.date(2026, 1, 1)
    applications_close_on = datetime.date(2027, 3, 31)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"module-{n}")
    title = factory.Sequence(lambda n: f"Module {n}")
    duration_hours = 3
    delivery_mode = Module.DeliveryMode.ONLINE
    sort_order = factory.Sequence(int)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    provider = factory.SelfAttribute("programme.provider")
    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"cohort-{n}")
    starts_on = datetime.date(2026, 9, 1)
    ends_on = datetime.date(2027, 3, 31)
    places = 20
    is_online = True


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    person = factory.SubFactory(PersonFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    source = Enrolment.Source.SELF
    enrolled_on = datetime.date(2026, 9, 1)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    programme = factory.SubFactory(MidCareerProgrammeFactory)
    employment = factory.SubFactory(EmploymentFactory, management_level=2)
    person = factory.SelfAttribute("employment.person")
    line_manager = factory.SelfAttribute("employment.line_manager")
    organisation = factory.SelfAttribute("employment.organisation")
    region = factory.LazyAttribute(lambda a: a.employment.organisation.region)
    statement = "I want to lead larger teams across the system."
    submitted_at = factory.LazyFunction(timezone.now)


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Completion

    person = factory.SubFactory(PersonFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    provider = factory.SelfAttribute("programme.provider")
    completed_on = datetime.date(2026, 6, 30)
    source = Completion.Source.PROVIDER_PAGE
    status = Completion.Status.VERIFIED


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential

    person = factory.SubFactory(PersonFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    stage = factory.SelfAttribute("programme.stage")
    framework_version = factory.SelfAttribute("programme.framework_version")
    issuer = factory.SelfAttribute("programme.provider")
    issued_on = datetime.date(2026, 6, 30)
