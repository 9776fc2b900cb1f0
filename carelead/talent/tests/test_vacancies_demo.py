"""The vacancy demo on a mini region: challenged vacancies only where the segment today is 4
or 5, two packages, two placements whose outcomes read yes at 12 months and no at 24."""

import datetime

import pytest

from carelead.demo.talent_vacancies import talent_vacancies_demo_seed
from carelead.organisations.tests.factories import IcbFactory, RegionFactory, TrustFactory
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.talent.models import IncentivePackage, Vacancy, VacancyPlacement
from carelead.talent.selectors.vacancies import placement_outcome
from carelead.talent.tests.factories_vacancies import segment_today

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def mini_region():
    region = RegionFactory(ods_code="Y63")
    icb = IcbFactory(region=region)
    trusts = {
        code: TrustFactory(ods_code=code, icb=icb, region=region)
        for code in ("RR8", "RXF", "RAE", "RHQ", "RWA", "RCB", "RFF")
    }
    segment_today(trusts["RCB"], 4, since_days=200)
    segment_today(trusts["RFF"], 5, since_days=200)
    segment_today(trusts["RR8"], 2, since_days=200)
    # The people placed: senior managers at RHQ and RWA, each with a manager and a report.
    for n, code in enumerate(("RHQ", "RWA")):
        top = EmploymentFactory(organisation=trusts[code], management_level=5)
        mover = EmploymentFactory(
            organisation=trusts[code],
            person=PersonFactory(person_number=f"9000000{n}"),
            management_level=3,
            line_manager=top,
            start_date=datetime.date(2018, 4, 1),
        )
        EmploymentFactory(organisation=trusts[code], line_manager=mover)
    return trusts


def test_seeds_challenged_vacancies_packages_and_placements(mini_region):
    counts = talent_vacancies_demo_seed(today=TODAY)
    assert counts["packages"] == 2 and counts["placements"] == 2
    assert IncentivePackage.objects.filter(status="published", pay_premium_percent=15).count() == 1
    challenged = Vacancy.objects.filter(is_challenged=True)
    assert {v.organisation.ods_code for v in challenged} == {"RCB", "RFF"}
    assert {v.segment_when_flagged for v in challenged} == {4, 5}
    assert all(v.package_id for v in challenged)
    outcomes = {
        p.vacancy.organisation.ods_code: placement_outcome(p, today=TODAY)
        for p in VacancyPlacement.objects.select_related("vacancy__organisation")
    }
    assert outcomes["RCB"] == {"at_12": True, "at_24": None}
    assert outcomes["RFF"] == {"at_12": True, "at_24": False}
    # Each placed person's old job ended the day before the placement started.
    # and their team moved to their own manager.
    for placement in VacancyPlacement.objects.all():
        old = placement.person.employments.get(assignment_number__endswith="-1")
        assert old.end_date == placement.starts_on - datetime.timedelta(days=1)
        assert not old.reports.exists()


def test_running_again_writes_nothing(mini_region):
    talent_vacancies_demo_seed(today=TODAY)
    again = talent_vacancies_demo_seed(today=TODAY)
    assert set(again.values()) == {0}


def test_without_the_region_it_writes_nothing():
    assert set(talent_vacancies_demo_seed(today=TODAY).values()) == {0}
