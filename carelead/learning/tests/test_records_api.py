import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from carelead.accounts.roles import Role, ScopeLevel
from carelead.api.services import service_account_create
from carelead.learning.models import Completion, Credential
from carelead.learning.tests.factories_records import a_course, enrol
from carelead.people.tests.factories import EmploymentFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/completions/"


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(world):
    return a_course(provider=world.provider, code="leading-teams")


def client_for(name, role, organisation):
    token = service_account_create(
        name=name,
        role=role,
        scope_level=ScopeLevel.ORGANISATION,
        organisation_ods_code=organisation.ods_code,
    ).token_key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def provider_client(world):
    return client_for("academy-lms", Role.TRAINING_PROVIDER, world.provider)


def body(person, **extra):
    data = {
        "person_number": person.person_number,
        "programme_code": "leading-teams",
        "completed_on": "2026-06-30",
    }
    data.update(extra)
    return data


def post(client, data, key="key-1"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(URL, data, format="json", **headers)


def test_the_route_is_named_completion_list():
    assert reverse("api:completion-list") == URL


def test_post_records_a_completion_and_a_repeat_answers_200_with_the_same_record(
    provider_client, course
):
    person = enrol(course).person

    first = post(provider_client, body(person))
    assert first.status_code == 201, first.content
    assert first.json()["person_number"] == person.person_number
    assert first.json()["credential_url"].startswith("http")

    again = post(provider_client, body(person))
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Completion.objects.count() == 1
    assert Credential.objects.count() == 1


def test_the_same_key_with_a_different_body_is_409(provider_client, course):
    person = enrol(course).person
    post(provider_client, body(person))
    response = post(provider_client, body(person, completed_on="2026-06-01"))
    assert response.status_code == 409
    assert "already used" in response.json()["detail"]


def test_the_idempotency_key_is_required(provider_client, course):
    person = enrol(course).person
    response = post(provider_client, body(person), key=None)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


def test_a_person_not_enrolled_is_400_on_person_number_without_naming_them(provider_client, course):
    # A fixed, unusual name: a short Faker one could turn up inside other text by chance.
    stranger = EmploymentFactory(person__family_name="Featherstonehaugh").person
    response = post(provider_client, body(stranger))
    assert response.status_code == 400
    assert list(response.json()) == ["person_number"]
    assert stranger.family_name not in json.dumps(response.json())
    unknown = post(provider_client, body(stranger, person_number="00000000"), key="key-2")
    assert unknown.json() == response.json()


def test_another_providers_programme_is_400_on_programme_code(provider_client, course):
    other = a_course(code="someone-elses")
    person = enrol(other).person
    response = post(provider_client, body(person, programme_code="someone-elses"))
    assert response.status_code == 400
    assert list(response.json()) == ["programme_code"]


def test_a_bad_date_is_400_naming_the_field(provider_client, course):
    person = enrol(course).person
    response = post(provider_client, body(person, completed_on="30/06/2026"))
    assert response.status_code == 400
    assert "completed_on" in response.json()


def test_get_lists_only_this_providers_completions_paginated(provider_client, course):
    person = enrol(course).person
    post(provider_client, body(person))
    other = a_course()
    other_person = enrol(other).person
    other_client = client_for("other-lms", Role.TRAINING_PROVIDER, other.provider)
    other_body = body(other_person, programme_code=other.programme.code)
    assert post(other_client, other_body).status_code == 201

    data = provider_client.get(URL).json()
    assert data["count"] == 1
    assert data["results"][0]["person_number"] == person.person_number


def test_other_service_accounts_and_people_are_refused(world, client):
    people_lead = client_for("hr-sync", Role.PEOPLE_LEAD, world.trust)
    assert people_lead.get(URL).status_code == 403
    client.force_login(world.user("training_provider"))
    assert client.get(URL).status_code == 403
    assert APIClient().get(URL).status_code == 401


def test_the_endpoint_is_in_the_openapi_document(client):
    document = json.loads(client.get(reverse("api:docs")).content)
    operations = document["paths"]["/api/v1/completions/"]
    assert {"get", "post"} <= set(operations)
    headers = [p["name"] for p in operations["post"]["parameters"] if p["in"] == "header"]
    assert headers == ["Idempotency-Key"]
