"""The assessments demo seed on a mini world: a Y63 region with two demo trusts."""

import datetime

import pytest

from carelead.accounts.tests.factories import UserFactory
from carelead.core.models import AuditEvent
from carelead.demo.talent_assessments import talent_assessments_demo_seed
from carelead.organisations.tests.factories import RegionFactory, TrustFactory
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.talent.models import PotentialEvidence, TalentAssessment
from carelead.talent.tests.factories import criteria
from carelead.talent.tests.factories_assessments import completed_appraisal

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 1)


def _employment(n, organisation, **kwargs):
    person = PersonFactory(person_number=f"9{n:07d}")
    return EmploymentFactory(
        person=person, organisation=organisation, start_date=datetime.date(2020, 1, 1), **kwargs
    )


@pytest.fixture
def mini_world():
    region = RegionFactory(ods_code="Y63")
    leeds = TrustFactory(ods_code="RR8", region=region)
    mid = TrustFactory(ods_code="RXF", region=region)
    manager = _employment(1, leeds, management_level=2)
    UserFactory(username="line_manager", person=manager.person)
    staff = _employment(2, leeds, line_manager=manager)
    UserFactory(username="staff", person=staff.person)
    reports = [_employment(3 + n, leeds, line_manager=manager) for n in range(2)]
    managers = [
        _employment(
            10 + n, leeds if n % 2 else mid, management_level=1 + n % 3, line_manager=manager
        )
        for n in range(8)
    ]
    _employment(30, leeds)  # not a manager, not on the persona's team: left out
    # Another trust in the region fills up to the target once the named trusts are done.
    managers.append(
        _employment(40, TrustFactory(ods_code="RHQ", region=region), management_level=3)
    )
    _employment(41, TrustFactory(ods_code="R1H"), management_level=3)  # another region
    completed_appraisal(managers[1], ratings=[3, 3, 3], objectives=["achieved"])
    criteria()
    return {
        "staff": staff,
        "reports": reports,
        "managers": [manager, *managers],
        "appraised": managers[1],
    }


def test_writes_assessments_with_evidence_for_managers_and_the_persona_team(mini_world):
    counts = talent_assessments_demo_seed(today=TODAY)
    assessed = set(TalentAssessment.objects.values_list("person_id", flat=True))
    expected = {e.person_id for e in mini_world["managers"] + mini_world["reports"]}
    assert assessed == expected
    assert mini_world["staff"].person_id not in assessed
    assert counts["talent_assessments"] == len(expected)
    assert counts["potential_evidence"] == PotentialEvidence.objects.count() == 4 * len(expected)
    assert counts["proposed"] + counts["draft"] == len(expected)
    assert AuditEvent.objects.filter(action="talent_assessments_demo_seeded").count() == 1


def test_performance_comes_from_the_appraisal_and_potential_follows_the_rule(mini_world):
    talent_assessments_demo_seed(today=TODAY)
    appraised = TalentAssessment.objects.get(person=mini_world["appraised"].person)
    assert appraised.appraisal_id is not None
    for assessment in TalentAssessment.objects.prefetch_related("evidence"):
        strong = sum(1 for e in assessment.evidence.all() if e.rating == 3)
        assert not (assessment.potential == 3 and strong < 2)
        assert not (assessment.potential == 1 and strong > 2)
        if assessment.appraisal_id is None:
            assert assessment.performance_note


def test_is_deterministic_and_a_second_run_writes_nothing_new(mini_world):
    talent_assessments_demo_seed(today=TODAY)
    first = list(
        TalentAssessment.objects.order_by("person_id").values_list(
            "person_id", "performance", "potential", "status"
        )
    )
    assert talent_assessments_demo_seed(today=TODAY)["talent_assessments"] == 0
    TalentAssessment.objects.all().delete()
    talent_assessments_demo_seed(today=TODAY)
    again = list(
        TalentAssessment.objects.order_by("person_id").values_list(
            "person_id", "performance", "potential", "status"
        )
    )
    assert first == again


@pytest.mark.django_db
def test_writes_nothing_without_the_region():
    assert talent_assessments_demo_seed(today=TODAY)["talent_assessments"] == 0
