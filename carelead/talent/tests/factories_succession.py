"""Set-ups for the succession tests: a role at the world's trust with a plan."""

from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import Readiness
from carelead.talent.tests.factories import CriticalRoleFactory, SuccessionCandidateFactory


def role_at(organisation, **kwargs):
    kwargs.setdefault("title", "Chief executive")
    return CriticalRoleFactory(organisation=organisation, **kwargs)


def candidate_for(role, *, organisation=None, readiness=Readiness.READY_NOW, **kwargs):
    """A candidate with a current job (at ``organisation``, or a new trust)."""
    job_kwargs = {"organisation": organisation} if organisation is not None else {}
    employment = EmploymentFactory(job_title="Chief operating officer", **job_kwargs)
    return SuccessionCandidateFactory(
        role=role, person=employment.person, readiness=readiness, **kwargs
    )
