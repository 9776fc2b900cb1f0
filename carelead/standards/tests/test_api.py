import uuid

import pytest
from django.urls import reverse

from carelead.standards.models import FrameworkVersion
from carelead.standards.services import framework_version_draft_from

pytestmark = pytest.mark.django_db


def test_framework_list_is_public_and_lists_published_and_retired(client, loaded):
    ml = FrameworkVersion.objects.get(framework__slug="management-leadership")
    framework_version_draft_from(actor=None, version=ml, new_version="2.0")
    response = client.get(reverse("api:framework-list"))
    assert response.status_code == 200
    documents = response.json()
    assert {d["version"] for d in documents} == {"1.0", "2024"}
    first = next(d for d in documents if d["version"] == "1.0")
    assert first["identifier"] == str(ml.identifier)
    assert first["adoptionStatus"] == "Adopted"
    assert first["packageURI"].endswith(f"/api/v1/frameworks/{ml.identifier}/")


def test_framework_case_serves_the_package_and_hides_drafts(client, loaded):
    ml = FrameworkVersion.objects.get(framework__slug="management-leadership")
    response = client.get(reverse("api:framework-case", kwargs={"identifier": ml.identifier}))
    assert response.status_code == 200
    assert len(response.json()["CFItems"]) == 5 + 6 + 20 + 3 + 9 + 27 + 135
    draft = framework_version_draft_from(actor=None, version=ml, new_version="2.0")
    hidden = reverse("api:framework-case", kwargs={"identifier": draft.identifier})
    assert client.get(hidden).status_code == 404
    unknown = reverse("api:framework-case", kwargs={"identifier": uuid.uuid4()})
    assert client.get(unknown).status_code == 404


def test_openapi_document_describes_the_framework_endpoints(client):
    paths = client.get(reverse("api:docs")).json()["paths"]
    assert "/api/v1/frameworks/" in paths
    assert "/api/v1/frameworks/{identifier}/" in paths
