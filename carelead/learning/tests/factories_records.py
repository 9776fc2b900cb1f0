"""Set-ups for the records tests: a provider with an accredited programme for a stage, and
people enrolled on its cohort."""

from dataclasses import dataclass

from carelead.learning.models import Cohort, Enrolment, Programme
from carelead.learning.tests.factories import (
    AccreditationFactory,
    CohortFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    ProviderFactory,
)
from carelead.people.tests.factories import EmploymentFactory
from carelead.standards.models import Stage
from carelead.standards.tests.factories import ml_version_with_stages


@dataclass
class Course:
    provider: object
    programme: Programme
    cohort: Cohort
    stages: dict


def stages_by_rank(version) -> dict[int, Stage]:
    return {s.rank: s for s in Stage.objects.filter(version=version)}


def a_course(*, provider=None, rank: int = 2, code: str | None = None, **programme) -> Course:
    """An accredited provider's open programme for the stage of ``rank`` (awarding its
    credential), with one cohort."""
    version = ml_version_with_stages()
    stages = stages_by_rank(version)
    provider = provider or ProviderFactory()
    AccreditationFactory(provider=provider)
    extra = {"code": code} if code else {}
    programme = ProgrammeFactory(
        provider=provider,
        framework_version=version,
        stage=stages[rank],
        **extra,
        **programme,
    )
    cohort = CohortFactory(programme=programme, provider=provider)
    return Course(provider, programme, cohort, stages)


def enrol(course: Course, person=None, **kwargs) -> Enrolment:
    """An enrolment on the course's cohort (for a new person with a current job, by default)."""
    if person is None:
        person = EmploymentFactory().person
    return EnrolmentFactory(
        person=person, programme=course.programme, cohort=course.cohort, **kwargs
    )
