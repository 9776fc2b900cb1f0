"""The pathways API: public, read only, published pathways only, with each step's credential
stage and programme codes; a fixed number of queries however many pathways."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.learning.tests.factories import ProgrammeFactory
from carelead.standards.tests.factories import ml_version_with_stages
from carelead.talent.tests.factories_pathways import pathway_with_steps

pytestmark = pytest.mark.django_db


def test_anyone_reads_published_pathways_with_steps_credentials_and_programmes(client):
    version = ml_version_with_stages()
    stage = version.stages.get(code="stage-1")
    pathway = pathway_with_steps("Team leader", "Service manager", title="Managing services")
    step = pathway.steps.get(order=2)
    step.credential_stage = stage
    step.save()
    step.programmes.add(ProgrammeFactory(code="bundle-stage-1", framework_version=version))
    pathway_with_steps("Consultant", code="hidden", status="draft")

    response = client.get(reverse("api:pathways"))

    assert response.status_code == 200
    [body] = response.json()
    assert body["code"] == pathway.code
    assert body["title"] == "Managing services"
    assert body["audience"] == "management"
    assert [s["title"] for s in body["steps"]] == ["Team leader", "Service manager"]
    assert body["steps"][0]["credential_stage"] is None
    assert body["steps"][1]["credential_stage"] == "stage-1"
    assert body["steps"][1]["credential_stage_name"] == "Stage 1"
    assert body["steps"][1]["programmes"] == ["bundle-stage-1"]
    assert body["steps"][1]["job_titles"] == ["service manager"]


def test_one_pathway_by_code_and_404_for_drafts_and_unknown_codes(client):
    pathway = pathway_with_steps("Team leader")
    pathway_with_steps("Consultant", code="hidden", status="draft")
    detail = client.get(reverse("api:pathway", kwargs={"code": pathway.code}))
    assert detail.status_code == 200
    assert detail.json()["code"] == pathway.code
    assert client.get(reverse("api:pathway", kwargs={"code": "hidden"})).status_code == 404
    assert client.get(reverse("api:pathway", kwargs={"code": "nope"})).status_code == 404


def test_the_list_takes_the_same_number_of_queries_for_few_and_many(client):
    pathway_with_steps("Team leader", "Service manager", code="one")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("api:pathways"))
        return len(queries)

    few = count()
    for n in range(5):
        pathway_with_steps("Team leader", "Service manager", code=f"more-{n}")
    assert count() == few


def test_the_openapi_document_describes_both_routes(client):
    paths = client.get(reverse("api:docs"), HTTP_ACCEPT="application/json").json()["paths"]
    assert "/api/v1/pathways/" in paths
    assert "/api/v1/pathways/{code}/" in paths
