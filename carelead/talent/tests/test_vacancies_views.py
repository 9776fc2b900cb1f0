"""The register, vacancy and package pages: scope (404 outside it), forms with error
messages, the challenged flag, placements, and query counts that do not grow with rows."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import IncentivePackage, Vacancy
from carelead.talent.tests.factories import (
    IncentivePackageFactory,
    VacancyFactory,
    VacancyPlacementFactory,
)
from carelead.talent.tests.factories_vacancies import segment_today

pytestmark = pytest.mark.django_db


def _client(client, world, persona):
    client.force_login(world.user(persona))
    return client


def _date(name, day):
    return {f"{name}[day]": day.day, f"{name}[month]": day.month, f"{name}[year]": day.year}


def test_people_lead_sees_only_their_organisation(client, world):
    mine = VacancyFactory(organisation=world.trust, title="Chief nurse")
    VacancyFactory(organisation=world.sibling_trust, title="Director of estates")
    response = _client(client, world, "people_lead").get(reverse("talent:vacancies"))
    assert response.status_code == 200
    assert mine.reference.encode() in response.content
    assert b"Director of estates" not in response.content


def test_regional_lead_sees_the_region_and_filters_challenged(client, world):
    VacancyFactory(organisation=world.trust, title="Chief nurse")
    VacancyFactory(
        organisation=world.sibling_trust,
        title="Director of estates",
        is_challenged=True,
        segment_when_flagged=4,
    )
    VacancyFactory(organisation=world.other_trust, title="Medical director")
    c = _client(client, world, "regional_talent_lead")
    body = c.get(reverse("talent:vacancies")).content
    assert b"Chief nurse" in body and b"Director of estates" in body
    assert b"Medical director" not in body
    body = c.get(reverse("talent:vacancies"), {"challenged": "on"}).content
    assert b"Chief nurse" not in body and b"Director of estates" in body


def test_register_searches_by_reference_or_title(client, world):
    nurse = VacancyFactory(organisation=world.trust, title="Chief nurse")
    VacancyFactory(organisation=world.trust, title="Director of estates")
    c = _client(client, world, "people_lead")
    body = c.get(reverse("talent:vacancies"), {"search": "NURSE"}).text
    assert "Chief nurse" in body and "Director of estates" not in body
    body = c.get(reverse("talent:vacancies"), {"search": nurse.reference.lower()}).text
    assert "Chief nurse" in body and "Director of estates" not in body
    too_long = c.get(reverse("talent:vacancies"), {"search": "x" * 101}).text
    assert "Enter 100 characters or fewer to search for" in too_long
    assert "There is a problem" in too_long


def test_register_downloads_as_csv_with_the_same_filters_and_scope(client, world):
    VacancyFactory(
        organisation=world.trust, title="=Chief nurse", is_challenged=True, segment_when_flagged=4
    )
    VacancyFactory(organisation=world.trust, title="Director of estates")
    VacancyFactory(organisation=world.other_trust, title="Medical director")
    c = _client(client, world, "regional_talent_lead")
    page = c.get(reverse("talent:vacancies"), {"challenged": "on", "page": "1"}).text
    assert f'{reverse("talent:vacancies_csv")}?challenged=on"' in page
    response = c.get(reverse("talent:vacancies_csv"), {"challenged": "on"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="senior-vacancies-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Reference", "Title"]
    assert [r[1] for r in rows[1:]] == ["'=Chief nurse"]  # spreadsheet safe
    assert rows[1][8:10] == ["Yes", "4"]
    everything = c.get(reverse("talent:vacancies_csv")).content.decode()
    assert "Director of estates" in everything and "Medical director" not in everything


def test_register_csv_query_count_does_not_grow_with_rows(client, world):
    c = _client(client, world, "regional_talent_lead")
    VacancyFactory(organisation=world.trust)
    with CaptureQueriesContext(connection) as few:
        c.get(reverse("talent:vacancies_csv"))
    for _ in range(5):
        VacancyFactory(organisation=world.sibling_trust)
    with CaptureQueriesContext(connection) as many:
        c.get(reverse("talent:vacancies_csv"))
    assert len(few) == len(many)


def test_register_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries):
    c = _client(client, world, "regional_talent_lead")
    package = IncentivePackageFactory(region=world.region)
    VacancyFactory(organisation=world.trust, package=package, is_challenged=True)
    with CaptureQueriesContext(connection) as few:
        assert c.get(reverse("talent:vacancies")).status_code == 200
    for _ in range(8):
        VacancyFactory(organisation=world.sibling_trust, package=package, is_challenged=True)
    with django_assert_num_queries(len(few.captured_queries)):
        c.get(reverse("talent:vacancies"))


def test_packages_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries):
    c = _client(client, world, "regional_talent_lead")
    IncentivePackageFactory(region=world.region)
    with CaptureQueriesContext(connection) as few:
        assert c.get(reverse("talent:packages")).status_code == 200
    for _ in range(6):
        IncentivePackageFactory(region=world.region)
    with django_assert_num_queries(len(few.captured_queries)):
        c.get(reverse("talent:packages"))


def test_vacancy_outside_the_region_answers_404(client, world):
    vacancy = VacancyFactory(organisation=world.other_trust)
    c = _client(client, world, "regional_talent_lead")
    assert c.get(reverse("talent:vacancy", kwargs={"pk": vacancy.pk})).status_code == 404


def test_people_lead_adds_a_vacancy(client, world):
    c = _client(client, world, "people_lead")
    response = c.post(
        reverse("talent:vacancy_create"),
        {
            "organisation": world.trust.ods_code,
            "title": "Chief operating officer",
            "management_level": "5",
            **_date("opened_on", datetime.date(2026, 11, 2)),
        },
    )
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("talent:vacancy", kwargs={"pk": vacancy.pk})
    assert vacancy.reference == "V2026-0001" and vacancy.management_level == 5


def test_vacancy_form_errors_say_what_and_where(client, world):
    c = _client(client, world, "people_lead")
    response = c.post(
        reverse("talent:vacancy_create"),
        {
            "organisation": world.trust.ods_code,
            "title": "",
            **_date("opened_on", datetime.date(2026, 11, 2)),
            **_date("closes_on", datetime.date(2026, 10, 2)),
        },
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Enter the job title of the vacancy" in response.content
    assert b"The closing date must be on or after the opening date" in response.content


def test_edit_with_a_stale_version_says_someone_else_changed_it(client, world):
    vacancy = VacancyFactory(organisation=world.trust, version=3)
    c = _client(client, world, "people_lead")
    response = c.post(
        reverse("talent:vacancy_edit", kwargs={"pk": vacancy.pk}),
        {"version": "2", "title": "New title", **_date("opened_on", vacancy.opened_on)},
    )
    assert response.status_code == 200
    assert b"Someone else changed this vacancy" in response.content


def test_regional_lead_cannot_edit_an_organisations_vacancy(client, world):
    vacancy = VacancyFactory(organisation=world.trust)
    c = _client(client, world, "regional_talent_lead")
    assert c.get(reverse("talent:vacancy_edit", kwargs={"pk": vacancy.pk})).status_code == 404


def test_flag_page_gives_the_reason_an_organisation_cannot_flag(client, world):
    segment_today(world.trust, 2)
    vacancy = VacancyFactory(organisation=world.trust)
    c = _client(client, world, "people_lead")
    response = c.get(reverse("talent:vacancy_flag", kwargs={"pk": vacancy.pk}))
    assert b"Leeds Teaching Hospitals is in segment 2; only organisations in segment 4" in (
        response.content
    )
    response = c.post(reverse("talent:vacancy_flag", kwargs={"pk": vacancy.pk}), {"version": "1"})
    assert response.status_code == 200
    vacancy.refresh_from_db()
    assert not vacancy.is_challenged


def test_a_withdrawn_vacancy_shows_why(client, world):
    vacancy = VacancyFactory(organisation=world.trust)
    c = _client(client, world, "people_lead")
    url = reverse("talent:vacancy_withdraw", kwargs={"pk": vacancy.pk})
    response = c.post(url, {"reason": "Post merged with another", "version": "1"})
    assert response.status_code == 302
    page = c.get(reverse("talent:vacancy", kwargs={"pk": vacancy.pk})).text
    assert "Why it was withdrawn" in page and "Post merged with another" in page


def test_flag_then_attach_a_package(client, world):
    segment_today(world.trust, 5)
    vacancy = VacancyFactory(organisation=world.trust)
    response = _client(client, world, "people_lead").post(
        reverse("talent:vacancy_flag", kwargs={"pk": vacancy.pk}), {"version": "1"}
    )
    assert response.status_code == 302
    package = IncentivePackageFactory(region=world.region)
    c = _client(client, world, "regional_talent_lead")
    response = c.post(
        reverse("talent:vacancy_package", kwargs={"pk": vacancy.pk}),
        {"version": "2", "package": str(package.pk)},
    )
    assert response.status_code == 302
    page = c.get(reverse("talent:vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    assert "15% pay premium for 24 months, up to £45,000 a year" in page
    assert "while in segment 5" in page
    assert reverse("talent:matching", kwargs={"pk": vacancy.pk}) in page


def test_vacancy_page_shows_the_placement_outcome(client, world):
    segment_today(world.trust, 4, since_days=900)
    vacancy = VacancyFactory(organisation=world.trust, status=Vacancy.Status.FILLED)
    start = timezone.localdate() - datetime.timedelta(days=400)
    placement = VacancyPlacementFactory(vacancy=vacancy, starts_on=start)
    EmploymentFactory(person=placement.person, organisation=world.trust, start_date=start)
    page = (
        _client(client, world, "people_lead")
        .get(reverse("talent:vacancy", kwargs={"pk": vacancy.pk}))
        .content.decode()
    )
    assert escape(placement.person.full_name) in page
    assert "Still in post at 12 months" in page
    assert "Not yet known" in page  # 24 months


def test_regional_lead_creates_a_package_and_errors_name_the_field(client, world):
    c = _client(client, world, "regional_talent_lead")
    data = {
        "title": "Y63 challenged trust package",
        "region": world.region.ods_code,
        "pay_premium_percent": "16",
        "pay_premium_cap": "45000",
        "pay_premium_months": "24",
        "mentoring": "on",
        "status": "published",
    }
    response = c.post(reverse("talent:package_create"), data)
    assert response.status_code == 200
    assert b"Pay premium must be more than 0% and at most 15%" in response.content
    response = c.post(reverse("talent:package_create"), {**data, "pay_premium_percent": "15"})
    package = IncentivePackage.objects.get()
    assert response.status_code == 302
    assert package.status == IncentivePackage.Status.PUBLISHED and package.mentoring
    edit = c.get(reverse("talent:package_edit", kwargs={"pk": package.pk}))
    assert edit.status_code == 200


def test_package_of_another_region_answers_404(client, world):
    package = IncentivePackageFactory(region=world.other_region)
    c = _client(client, world, "regional_talent_lead")
    assert c.get(reverse("talent:package", kwargs={"pk": package.pk})).status_code == 404
