"""GET /api/v1/vacancies/: the open register for any authenticated caller, its filters, 404
for anything not open, and 400 with a clear message for bad filter values."""

import pytest
from django.urls import reverse

from carelead.accounts.tests.factories import UserFactory
from carelead.talent.models import Vacancy
from carelead.talent.tests.factories import IncentivePackageFactory, VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    client.force_login(UserFactory())
    return client


def test_lists_open_vacancies_with_the_package_in_plain_words(api, world):
    package = IncentivePackageFactory(region=world.region)
    VacancyFactory(
        organisation=world.trust,
        reference="V2026-0001",
        is_challenged=True,
        segment_when_flagged=5,
        package=package,
    )
    VacancyFactory(organisation=world.trust, status=Vacancy.Status.WITHDRAWN)
    body = api.get(reverse("api:talent_vacancies")).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["reference"] == "V2026-0001"
    assert (row["organisation"], row["region"]) == ("RR8", "Y63")
    assert (row["challenged"], row["segment_when_flagged"]) == (True, 5)
    assert row["package"].startswith("15% pay premium for 24 months, up to £45,000 a year")


def test_filters_by_region_and_challenged(api, world):
    VacancyFactory(organisation=world.trust, reference="V1", is_challenged=True)
    VacancyFactory(organisation=world.sibling_trust, reference="V2")
    VacancyFactory(organisation=world.other_trust, reference="V3", is_challenged=True)
    url = reverse("api:talent_vacancies")

    def refs(**params):
        return sorted(r["reference"] for r in api.get(url, params).json()["results"])

    assert refs(region="y63") == ["V1", "V2"]
    assert refs(region="Y63", challenged="true") == ["V1"]
    assert refs(challenged="false") == ["V2"]


def test_bad_filters_answer_400_naming_the_parameter(api, world):
    url = reverse("api:talent_vacancies")
    response = api.get(url, {"region": "ZZZ"})
    assert response.status_code == 400
    assert response.json() == {"region": ["No NHS England region has the ODS code ZZZ."]}
    response = api.get(url, {"challenged": "maybe"})
    assert response.status_code == 400
    assert response.json() == {"challenged": ["challenged must be true or false."]}


def test_one_vacancy_by_reference_and_404_when_not_open(api, world):
    VacancyFactory(organisation=world.trust, reference="V2026-0009")
    VacancyFactory(organisation=world.trust, reference="V2026-0010", status="filled")
    assert api.get(reverse("api:talent_vacancy", args=["V2026-0009"])).json()["reference"] == (
        "V2026-0009"
    )
    assert api.get(reverse("api:talent_vacancy", args=["V2026-0010"])).status_code == 404
    assert api.get(reverse("api:talent_vacancy", args=["nope"])).status_code == 404


def test_anonymous_callers_get_401(client, world):
    assert client.get(reverse("api:talent_vacancies")).status_code == 401


def test_the_endpoints_are_in_the_openapi_document(api):
    paths = api.get(reverse("api:docs")).json()["paths"]
    assert "/api/v1/vacancies/" in paths and "/api/v1/vacancies/{reference}/" in paths
