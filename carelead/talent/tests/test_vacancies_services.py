"""The vacancy register's writes: references, the challenged flag and its segment rule,
packages within the premium limits, attaching packages, optimistic locking and audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carelead.core.models import AuditEvent
from carelead.talent.models import IncentivePackage, Vacancy
from carelead.talent.services import vacancies as services
from carelead.talent.tests.factories import (
    CriticalRoleFactory,
    IncentivePackageFactory,
    VacancyFactory,
)
from carelead.talent.tests.factories_vacancies import segment_today

pytestmark = pytest.mark.django_db

OPENED = datetime.date(2026, 10, 1)


def _create(world, **kwargs):
    values = {"organisation": world.trust, "title": "Chief nurse", "opened_on": OPENED}
    values.update(kwargs)
    return services.vacancy_create(actor=world.user("people_lead"), **values)


def test_create_generates_yearly_sequence_references_and_audits(world):
    first = _create(world)
    second = _create(world, title="Director of finance")
    assert (first.reference, second.reference) == ("V2026-0001", "V2026-0002")
    assert first.status == Vacancy.Status.OPEN
    assert AuditEvent.objects.filter(action="vacancy_created", object_id=str(first.pk)).exists()


def test_create_refuses_bad_input_naming_each_field(world):
    other_role = CriticalRoleFactory(organisation=world.sibling_trust)
    with pytest.raises(ValidationError) as caught:
        _create(
            world,
            title=" ",
            critical_role=other_role,
            closes_on=OPENED - datetime.timedelta(days=1),
        )
    errors = caught.value.message_dict
    assert errors["title"] == ["Enter the job title of the vacancy"]
    assert errors["critical_role"] == ["Choose a critical role of Leeds Teaching Hospitals"]
    assert errors["closes_on"] == ["The closing date must be on or after the opening date"]


def test_only_a_people_lead_of_the_organisation_may_create(world):
    with pytest.raises(PermissionDenied):
        services.vacancy_create(
            actor=world.user("regional_talent_lead"),
            organisation=world.trust,
            title="Chief nurse",
            opened_on=OPENED,
        )


def test_update_refuses_a_stale_version(world):
    vacancy = _create(world)
    services.vacancy_update(
        actor=world.user("people_lead"),
        vacancy=vacancy,
        expected_version=1,
        title="Chief nurse and deputy CEO",
        opened_on=OPENED,
    )
    with pytest.raises(ValidationError, match="Someone else changed this vacancy"):
        services.vacancy_update(
            actor=world.user("people_lead"),
            vacancy=vacancy,
            expected_version=1,
            title="Chief nurse",
            opened_on=OPENED,
        )


def test_withdraw_needs_a_reason_and_records_it(world):
    vacancy = _create(world)
    with pytest.raises(ValidationError):
        services.vacancy_withdraw(actor=world.user("people_lead"), vacancy=vacancy, reason="")
    services.vacancy_withdraw(
        actor=world.user("people_lead"), vacancy=vacancy, reason="Post merged with another"
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.WITHDRAWN
    assert vacancy.withdrawn_reason == "Post merged with another"
    event = AuditEvent.objects.get(action="vacancy_withdrawn")
    assert event.after["reason"] == "Post merged with another"


def test_flag_refused_outside_segments_4_and_5_with_the_reason(world):
    world.trust.name = "Mid Yorkshire Teaching NHS Trust"
    world.trust.save()
    segment_today(world.trust, 2)
    vacancy = _create(world)
    with pytest.raises(ValidationError) as caught:
        services.vacancy_flag(actor=world.user("people_lead"), vacancy=vacancy)
    assert caught.value.messages == [
        "Mid Yorkshire Teaching NHS Trust is in segment 2; only organisations in segment 4 "
        "or 5 can flag a vacancy as challenged"
    ]


def test_flag_uses_the_segment_in_force_today_not_an_old_one(world):
    segment_today(world.trust, 5, since_days=400)
    segment_today(world.trust, 3, since_days=10)
    vacancy = _create(world)
    with pytest.raises(ValidationError, match="is in segment 3"):
        services.vacancy_flag(actor=world.user("people_lead"), vacancy=vacancy)


def test_flag_records_the_segment_and_unflag_detaches_the_package(world):
    segment_today(world.trust, 4)
    vacancy = _create(world)
    vacancy = services.vacancy_flag(actor=world.user("people_lead"), vacancy=vacancy)
    assert (vacancy.is_challenged, vacancy.segment_when_flagged) == (True, 4)
    assert vacancy.flagged_at is not None
    package = IncentivePackageFactory(region=world.region)
    vacancy = services.vacancy_package_set(
        actor=world.user("regional_talent_lead"), vacancy=vacancy, package=package
    )
    assert vacancy.package == package
    with pytest.raises(ValidationError):
        services.vacancy_unflag(actor=world.user("people_lead"), vacancy=vacancy, reason="")
    vacancy = services.vacancy_unflag(
        actor=world.user("people_lead"), vacancy=vacancy, reason="Segment improved"
    )
    assert (vacancy.is_challenged, vacancy.package, vacancy.segment_when_flagged) == (
        False,
        None,
        None,
    )
    assert AuditEvent.objects.filter(action="vacancy_unflagged_challenged").count() == 1


def test_only_challenged_vacancies_carry_a_published_package_of_their_region(world):
    vacancy = VacancyFactory(organisation=world.trust)
    package = IncentivePackageFactory(region=world.region)
    lead = world.user("regional_talent_lead")
    with pytest.raises(ValidationError, match="only challenged vacancies"):
        services.vacancy_package_set(actor=lead, vacancy=vacancy, package=package)
    vacancy.is_challenged, vacancy.segment_when_flagged = True, 4
    vacancy.save()
    draft = IncentivePackageFactory(region=world.region, status=IncentivePackage.Status.DRAFT)
    with pytest.raises(ValidationError, match="is not published"):
        services.vacancy_package_set(actor=lead, vacancy=vacancy, package=draft)
    elsewhere = IncentivePackageFactory(region=world.other_region)
    with pytest.raises(ValidationError, match="region"):
        services.vacancy_package_set(actor=lead, vacancy=vacancy, package=elsewhere)


def test_a_talent_lead_of_another_region_cannot_attach(world):
    vacancy = VacancyFactory(organisation=world.other_trust, is_challenged=True)
    package = IncentivePackageFactory(region=world.other_region)
    with pytest.raises(PermissionDenied):
        services.vacancy_package_set(
            actor=world.user("regional_talent_lead"), vacancy=vacancy, package=package
        )


PACKAGE = {
    "title": "Challenged trust package",
    "pay_premium_percent": Decimal("15"),
    "pay_premium_cap": 45000,
    "pay_premium_months": 24,
    "guaranteed_return": True,
    "return_route": "Back to a role at the same level",
    "status": IncentivePackage.Status.PUBLISHED,
}


def test_package_create_at_the_limits_is_accepted_and_audited(world):
    package = services.package_create(
        actor=world.user("regional_talent_lead"), region=world.region, **PACKAGE
    )
    assert package.pay_premium_percent == Decimal("15")
    assert AuditEvent.objects.filter(action="incentive_package_created").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"pay_premium_percent": Decimal("0")}, "pay_premium_percent", "more than 0%"),
        ({"pay_premium_percent": Decimal("15.5")}, "pay_premium_percent", "at most 15%"),
        ({"pay_premium_cap": 45001}, "pay_premium_cap", "£45,000"),
        ({"pay_premium_cap": None}, "pay_premium_cap", "yearly cap"),
        ({"pay_premium_months": None}, "pay_premium_months", "how many months"),
        ({"return_route": ""}, "return_route", "return route"),
    ],
)
def test_package_outside_the_limits_is_refused_naming_the_field(world, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        services.package_create(
            actor=world.user("regional_talent_lead"),
            region=world.region,
            **{**PACKAGE, **changes},
        )
    assert message in caught.value.message_dict[field][0]


def test_package_update_is_version_checked(world):
    lead = world.user("regional_talent_lead")
    package = services.package_create(actor=lead, region=world.region, **PACKAGE)
    services.package_update(
        actor=lead, package=package, expected_version=1, **PACKAGE | {"title": "Renamed"}
    )
    with pytest.raises(ValidationError, match="Someone else changed this package"):
        services.package_update(actor=lead, package=package, expected_version=1, **PACKAGE)


def test_only_a_talent_lead_of_the_region_defines_packages(world):
    with pytest.raises(PermissionDenied):
        services.package_create(actor=world.user("people_lead"), region=world.region, **PACKAGE)
