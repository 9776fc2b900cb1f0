import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from carelead.accounts.roles import Role, ScopeLevel
from carelead.api.services import service_account_create
from carelead.learning.models import Enrolment, Programme
from carelead.learning.tests.factories import (
    AccreditationFactory,
    CohortFactory,
    EnrolmentFactory,
    ModuleFactory,
    ProgrammeFactory,
)
from carelead.standards.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    """A service account for the world's training provider."""
    token = service_account_create(
        name="lms",
        role=Role.TRAINING_PROVIDER,
        scope_level=ScopeLevel.ORGANISATION,
        organisation_ods_code=world.provider.ods_code,
    ).token_key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def programme(world):
    AccreditationFactory(provider=world.provider)
    programme = ProgrammeFactory(provider=world.provider, code="leading-teams")
    ModuleFactory(programme=programme, code="m1", duration_hours="1.5")
    item = ItemFactory(version=programme.framework_version, code="S2.3")
    programme.outcomes.create(item=item, stage=programme.stage)
    cohort = CohortFactory(programme=programme, code="lt-1", places=3)
    EnrolmentFactory(programme=programme, cohort=cohort)
    EnrolmentFactory(programme=programme, cohort=cohort, status=Enrolment.Status.WITHDRAWN)
    return programme


def test_anonymous_callers_get_401():
    assert APIClient().get("/api/v1/programmes/").status_code == 401


def test_programme_list_gives_provider_ods_code_and_accreditation(api, programme):
    ProgrammeFactory(status=Programme.Status.DRAFT)  # another provider's draft: hidden
    body = api.get(reverse("api:programme-list")).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["code"] == "leading-teams"
    assert (row["provider"], row["accredited"]) == ("TP001", True)
    assert row["stage"] == programme.stage.code


def test_programme_list_filters_by_kind_and_rejects_an_unknown_kind(api, programme):
    assert api.get("/api/v1/programmes/?kind=mid_career").json()["count"] == 0
    response = api.get("/api/v1/programmes/?kind=nonsense")
    assert response.status_code == 400 and "kind" in response.json()


def test_programme_detail_has_modules_and_outcomes_as_codes(api, programme):
    body = api.get(reverse("api:programme-detail", kwargs={"code": "leading-teams"})).json()
    assert body["modules"][0]["code"] == "m1"
    assert body["modules"][0]["duration_hours"] == "1.5"
    assert body["outcomes"] == [
        {
            "competency": "S2.3",
            "competency_title": body["outcomes"][0]["competency_title"],
            "stage": programme.stage.code,
        }
    ]


def test_programme_detail_of_another_providers_draft_is_404(api):
    draft = ProgrammeFactory(status=Programme.Status.DRAFT)
    response = api.get(reverse("api:programme-detail", kwargs={"code": draft.code}))
    assert response.status_code == 404


def test_cohort_list_gives_places_left_and_filters_by_programme(api, programme):
    CohortFactory(code="other")
    body = api.get("/api/v1/cohorts/?programme=leading-teams").json()
    assert [(c["code"], c["places"], c["places_left"]) for c in body["results"]] == [("lt-1", 3, 2)]
    assert api.get("/api/v1/cohorts/").json()["count"] == 2


def test_programme_list_costs_the_same_queries_for_few_or_many(api, programme):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/programmes/").status_code == 200
        return len(queries)

    few = count()
    for _ in range(4):
        p = ProgrammeFactory()
        ModuleFactory(programme=p)
        CohortFactory(programme=p)
    assert count() == few


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = json.loads(client.get(reverse("api:docs")).content)["paths"]
    assert {"/api/v1/programmes/", "/api/v1/programmes/{code}/", "/api/v1/cohorts/"} <= set(paths)
