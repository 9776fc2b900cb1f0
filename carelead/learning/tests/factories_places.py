"""Test data for the programme places page (learning area ``places``).

``places_world`` builds a small, hand-counted world on top of the ``world`` fixture: the
expected figures for ``world.trust`` are in its docstring.
"""

import datetime
from dataclasses import dataclass, field

from carelead.learning.models import Application, Credential, Enrolment, Programme
from carelead.learning.tests.factories import (
    ApplicationFactory,
    CohortFactory,
    CredentialFactory,
    EnrolmentFactory,
    MidCareerProgrammeFactory,
    ProgrammeFactory,
)
from carelead.learning.tests.factories_induction import open_induction
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.standards.models import Stage
from carelead.standards.tests.factories import ml_version_with_stages


def year_ago(today: datetime.date, days: int = 0) -> datetime.date:
    return today - datetime.timedelta(days=365 + days)


@dataclass
class PlacesWorld:
    bundle: Programme
    mid_career: Programme
    people: dict = field(default_factory=dict)
    employments: dict = field(default_factory=dict)


def current_staff(world, given, family, job_title="Ward sister", **kwargs):
    return EmploymentFactory(
        organisation=world.trust,
        job_title=job_title,
        person=PersonFactory(given_name=given, family_name=family),
        **kwargs,
    )


def places_world(world, today: datetime.date) -> PlacesWorld:
    """At ``world.trust`` today (only people working there now count):

    - "Leading teams" (development bundle, Stage 1): enrolled now 2 (Alice, Bob), completed
      0, withdrawn 1 (Bob's first go), completed in the last 12 months 0. Carol (who left the
      trust but enrolled through it) and Dave (at another trust) are not counted.
    - "National mid-career programme" (Stage 2): enrolled 0, completed 2 (Alice 30 days ago,
      Bob two years ago), withdrawn 0, completed in the last 12 months 1.
    - the national induction is left out (Erin).
    - mid-career applications: 1 waiting for line manager (Alice), 1 shortlisted and 1
      withdrawn (Bob); Carol's does not count.
    - credentials held: 2 at Stage 2 (Alice, Bob); Bob's revoked Stage 1 one and Carol's do
      not count.
    - staff on programmes now: Alice Adams (Leading teams, cohort "lt-autumn") and Bob Brown
      (Leading teams, no cohort).
    """
    version = ml_version_with_stages()
    stage = {s.rank: s for s in Stage.objects.filter(version=version)}
    bundle = ProgrammeFactory(
        code="leading-teams", title="Leading teams", framework_version=version, stage=stage[1]
    )
    mid_career = MidCareerProgrammeFactory(
        code="mid-career",
        title="National mid-career programme",
        framework_version=version,
        stage=stage[2],
    )
    cohort = CohortFactory(
        programme=bundle,
        code="lt-autumn",
        region=world.region,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 3, 31),
    )
    pw = PlacesWorld(bundle, mid_career)
    alice = current_staff(world, "Alice", "Adams", management_level=2)
    bob = current_staff(world, "Bob", "Brown", job_title="Charge nurse", management_level=2)
    carol_old = current_staff(
        world,
        "Carol",
        "Clark",
        start_date=datetime.date(2020, 1, 1),
        end_date=today - datetime.timedelta(days=10),
    )
    EmploymentFactory(
        person=carol_old.person,
        organisation=world.sibling_trust,
        assignment_number=f"{carol_old.person.person_number}-2",
    )
    dave = EmploymentFactory(
        organisation=world.other_trust, person=PersonFactory(given_name="Dave", family_name="Day")
    )
    erin = current_staff(world, "Erin", "Evans")
    pw.employments = {"alice": alice, "bob": bob, "carol": carol_old, "dave": dave, "erin": erin}
    pw.people = {k: e.person for k, e in pw.employments.items()}

    def enrol(key, programme, **kwargs):
        employment = pw.employments[key]
        kwargs.setdefault("organisation", employment.organisation)
        return EnrolmentFactory(
            person=employment.person, programme=programme, employment=employment, **kwargs
        )

    completed = Enrolment.Status.COMPLETED
    enrol("alice", bundle, cohort=cohort, enrolled_on=datetime.date(2026, 8, 1))
    enrol("alice", mid_career, status=completed, completed_on=today - datetime.timedelta(30))
    enrol("bob", bundle, status=Enrolment.Status.WITHDRAWN)
    enrol("bob", bundle, enrolled_on=datetime.date(2026, 8, 2))
    enrol("bob", mid_career, status=completed, completed_on=year_ago(today, 365))
    enrol("carol", bundle)
    enrol("dave", bundle, organisation=world.trust)
    enrol("erin", open_induction())

    ApplicationFactory(employment=alice, programme=mid_career)
    ApplicationFactory(employment=bob, programme=mid_career, status=Application.Status.WITHDRAWN)
    ApplicationFactory(employment=bob, programme=mid_career, status=Application.Status.SHORTLISTED)
    ApplicationFactory(employment=carol_old, programme=mid_career)

    CredentialFactory(person=alice.person, programme=mid_career)
    CredentialFactory(person=bob.person, programme=mid_career)
    CredentialFactory(
        person=bob.person,
        programme=bundle,
        status=Credential.Status.REVOKED,
        revoked_on=today,
    )
    CredentialFactory(person=carol_old.person, programme=mid_career)
    return pw
