"""Packages in plain words, and placement outcomes read from employments."""

import datetime
from decimal import Decimal

import pytest

from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import IncentivePackage
from carelead.talent.presenters.vacancies import package_lines, package_summary
from carelead.talent.selectors.vacancies import placement_outcome
from carelead.talent.tests.factories import VacancyFactory, VacancyPlacementFactory


def test_package_reads_as_plain_words_with_a_yearly_cap():
    package = IncentivePackage(
        title="P",
        pay_premium_percent=Decimal("15.0"),
        pay_premium_cap=45000,
        pay_premium_months=24,
        relocation_support="Removal costs",
        relocation_cap=8000,
        mentoring=True,
        peer_support_network=True,
        guaranteed_return=True,
        return_route="A role at the same level after two years",
    )
    assert package_lines(package) == [
        "15% pay premium for 24 months, up to £45,000 a year",
        "Relocation support up to £8,000: Removal costs",
        "Mentoring",
        "A peer support network",
        "A guaranteed return route: A role at the same level after two years",
    ]


def test_an_empty_package_says_so():
    assert package_summary(IncentivePackage(title="P")) == "No incentives set yet"


@pytest.mark.django_db
def test_outcome_is_read_from_employments_at_the_organisation():
    today = datetime.date(2026, 11, 26)
    vacancy = VacancyFactory()
    start = datetime.date(2024, 10, 1)
    placement = VacancyPlacementFactory(vacancy=vacancy, starts_on=start)
    EmploymentFactory(
        person=placement.person,
        organisation=vacancy.organisation,
        start_date=start,
        end_date=datetime.date(2026, 4, 1),
    )
    assert placement_outcome(placement, today=today) == {"at_12": True, "at_24": False}


@pytest.mark.django_db
def test_outcome_not_known_before_the_day_comes():
    vacancy = VacancyFactory()
    start = datetime.date(2025, 10, 1)
    placement = VacancyPlacementFactory(vacancy=vacancy, starts_on=start)
    EmploymentFactory(person=placement.person, organisation=vacancy.organisation, start_date=start)
    outcome = placement_outcome(placement, today=datetime.date(2026, 11, 26))
    assert outcome == {"at_12": True, "at_24": None}
