"""The pathways demo on a mini world of demo-numbered people: the pathways are loaded, and
earlier jobs are written so that the pages have evidence, once (running again writes
nothing new), never for people with a login."""

import datetime

import pytest

from carelead.accounts.tests.factories import UserFactory
from carelead.core.models import AuditEvent
from carelead.demo.talent_pathways import talent_pathways_demo_seed
from carelead.organisations.tests.factories import RegionFactory, TrustFactory
from carelead.people.models import Employment
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.standards.tests.factories import ml_version_with_stages
from carelead.talent.models import Pathway
from carelead.talent.selectors.pathways import pathway_evidence

pytestmark = pytest.mark.django_db


def _demo_people(title: str, n: int, trust, start: int) -> list:
    people = []
    for i in range(n):
        person = PersonFactory(person_number=str(90_000_000 + start + i))
        EmploymentFactory(
            person=person,
            organisation=trust,
            job_title=title,
            start_date=datetime.date(2021, 1, 1) + datetime.timedelta(days=i),
        )
        people.append(person)
    return people


def test_nothing_but_nothing_when_the_framework_is_missing():
    assert talent_pathways_demo_seed() == {"pathways": 0, "pathway_steps": 0, "employments": 0}
    assert not Pathway.objects.exists()


def test_earlier_jobs_give_the_pathways_evidence_once_and_leave_logins_alone():
    ml_version_with_stages()
    RegionFactory(ods_code="Y63")
    trust = TrustFactory()
    TrustFactory()  # the earlier jobs were with another employer of the same kind
    service_managers = _demo_people("Service manager", 20, trust, start=1)
    _demo_people("Clinical director", 15, trust, start=100)
    with_login = service_managers[0]
    UserFactory(person=with_login)

    counts = talent_pathways_demo_seed()

    assert counts["pathways"] == 4
    assert counts["employments"] >= 20
    history = Employment.objects.filter(assignment_number__contains="-PW")
    assert history.count() == counts["employments"]
    assert not history.filter(person=with_login).exists()
    assert set(history.values_list("job_title", flat=True)) <= {
        "Team leader",
        "Consultant",
        "Clinical lead",
    }
    for person_id in set(history.values_list("person_id", flat=True)):
        jobs = list(Employment.objects.filter(person_id=person_id).order_by("start_date"))
        assert jobs[-1].end_date is None
        for job, after in zip(jobs, jobs[1:], strict=False):
            assert job.end_date < after.start_date
        assert jobs[0].organisation != jobs[-1].organisation
    general = Pathway.objects.get(code="general-management")
    team_leader = pathway_evidence(general)[0]
    assert team_leader.counts["next_step"] >= 10
    assert AuditEvent.objects.filter(action="talent_pathways_demo_seeded").count() == 1

    again = talent_pathways_demo_seed()

    assert again["employments"] == 0
    assert history.count() == counts["employments"]
