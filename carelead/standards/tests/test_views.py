import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.standards import exchange
from carelead.standards.models import Descriptor, FrameworkVersion, Item
from carelead.standards.services import framework_version_draft_from
from carelead.standards.tests.factories import (
    DescriptorFactory,
    FrameworkFactory,
    ItemFactory,
    RatingLevelFactory,
    RatingScaleFactory,
    ml_version_with_stages,
)

pytestmark = pytest.mark.django_db

ML = {"slug": "management-leadership", "version": "1.0"}


def ml():
    return FrameworkVersion.objects.get(framework__slug="management-leadership", version="1.0")


def test_framework_list_is_public_and_lists_versions(client, loaded):
    response = client.get(reverse("standards:framework_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Management and Leadership Framework 1.0" in body
    assert "Leadership competency framework for board members 2024" in body
    assert "Import a framework file" not in body


def test_version_detail_shows_the_chosen_stage(client, loaded):
    url = reverse("standards:version_detail", kwargs=ML)
    body = client.get(url, {"stage": "stage-3"}).content.decode()
    assert "Descriptors at Stage 3" in body
    assert "I put in place the policies, systems and culture" in body
    assert "Principles of the Code" in body
    assert "Insufficient" in body
    assert "carelead&#39;s wording" in body


def test_version_detail_ignores_an_unknown_stage(client, loaded):
    url = reverse("standards:version_detail", kwargs=ML)
    assert "Descriptors at Fundamental" in client.get(url, {"stage": "nope"}).content.decode()


def _count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def _small_version(n):
    version = ml_version_with_stages(
        framework=FrameworkFactory(slug="tiny", title="Tiny"), version="3.0"
    )
    stage = version.stages.get(rank=1)
    RatingLevelFactory(scale=RatingScaleFactory(version=version))
    for _ in range(n):
        item = ItemFactory(version=version)
        DescriptorFactory(item=item, stage=stage)
    return version


def test_version_detail_and_search_query_counts_do_not_grow_with_rows(client, loaded):
    """No N+1: the full shipped framework costs the same queries as a tiny one."""
    _small_version(2)
    detail = reverse("standards:version_detail", kwargs={"slug": "tiny", "version": "3.0"})
    few = _count_queries(client, detail, stage="stage-1")
    many_url = reverse("standards:version_detail", kwargs=ML)
    many = _count_queries(client, many_url, stage="stage-1")
    assert few == many

    search = reverse("standards:search")
    one = _count_queries(client, search, q="Competency 1")  # the factory's titles
    lots = _count_queries(client, search, q="I")
    assert one == lots


def test_drafts_are_hidden_from_the_public(client, loaded):
    framework_version_draft_from(actor=None, version=ml(), new_version="1.1")
    url = reverse("standards:version_detail", kwargs={**ML, "version": "1.1"})
    assert client.get(url).status_code == 404
    office = implementation_office()
    client.force_login(office)
    assert client.get(url).status_code == 200


def test_competency_detail_shows_every_stage(client, loaded):
    url = reverse("standards:competency_detail", kwargs={**ML, "code": "C2.2.2"})
    body = client.get(url).content.decode()
    assert "Manage and measure performance" in body
    for stage in ["Fundamental", "Stage 1", "Stage 2", "Stage 3", "Stage 4"]:
        assert f"<h3>{stage}</h3>" in body
    missing = reverse("standards:competency_detail", kwargs={**ML, "code": "C9.9.9"})
    assert client.get(missing).status_code == 404


def test_search_finds_competencies_and_descriptors(client, loaded):
    body = client.get(reverse("standards:search"), {"q": "appraisals"}).content.decode()
    assert "C2.2.2 Manage and measure performance" in body


def test_print_is_one_stage_without_navigation(client, loaded):
    url = reverse("standards:version_print", kwargs=ML)
    body = client.get(url, {"stage": "stage-4"}).content.decode()
    assert "Management and Leadership Framework 1.0: Stage 4" in body
    assert "@media print" in body
    assert 'class="nhsuk-footer' not in body


def test_downloads(client, loaded):
    case = client.get(reverse("standards:version_case", kwargs=ML))
    assert case["Content-Disposition"] == 'attachment; filename="management-leadership-1.0.json"'
    assert json.loads(case.content)["CFDocument"]["version"] == "1.0"
    csv = client.get(reverse("standards:version_csv", kwargs=ML))
    assert csv.content.decode().startswith(",".join(exchange.CSV_COLUMNS))


def test_diff_shows_field_and_descriptor_changes(client, loaded):
    draft = framework_version_draft_from(actor=None, version=ml(), new_version="1.1")
    Item.objects.filter(version=draft, code="C1.1.1").update(title="Prioritise well")
    Descriptor.objects.filter(item__version=draft, item__code="C1.1.1", stage__rank=0).update(
        text="New text", wording="official"
    )
    office = implementation_office()
    client.force_login(office)
    url = reverse("standards:version_diff", kwargs={"slug": "management-leadership"})
    body = client.get(url, {"old": "1.0", "new": "1.1"}).content.decode()
    assert "Prioritise well" in body
    assert "Descriptor at Fundamental" in body
    assert "New text" in body


def implementation_office():
    return RoleAssignmentFactory(
        role=Role.IMPLEMENTATION_OFFICE, scope_level=ScopeLevel.NATIONAL, organisation=None
    ).user


def office_client(client):
    client.force_login(implementation_office())
    return client


def test_import_lists_problems_by_item_and_field(client, loaded):
    text = exchange.version_to_csv(ml()).replace("Build engagement", "")
    upload = SimpleUploadedFile("ml.csv", text.encode(), content_type="text/csv")
    response = office_client(client).post(reverse("standards:import"), {"file": upload})
    assert response.status_code == 200
    assert "Row 64 (C2.1.1): &#34;title&#34; is missing" in response.content.decode()


def test_import_then_publish_then_retire(client, loaded):
    office_client(client)
    bundle = exchange.bundle_from_version(ml())
    bundle["meta"].update(version="1.1", identifier="", title="ML 1.1")
    text = exchange.bundle_to_csv(bundle)
    upload = SimpleUploadedFile("ml.csv", text.encode(), content_type="text/csv")
    response = client.post(reverse("standards:import"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = FrameworkVersion.objects.get(version="1.1")
    assert draft.status == "draft"
    kwargs = {**ML, "version": "1.1"}
    assert client.get(reverse("standards:version_publish", kwargs=kwargs)).status_code == 200
    client.post(reverse("standards:version_publish", kwargs=kwargs))
    draft.refresh_from_db()
    assert draft.status == "published"
    assert ml().status == "retired"
    client.post(reverse("standards:version_retire", kwargs=kwargs))
    draft.refresh_from_db()
    assert draft.status == "retired"


def test_publish_of_a_published_version_shows_the_reason(client, loaded):
    response = office_client(client).post(reverse("standards:version_publish", kwargs=ML))
    assert response.status_code == 200
    assert "is published and cannot change" in response.content.decode()


def test_management_pages_need_the_permission(client, loaded):
    client.force_login(UserFactory())
    assert client.get(reverse("standards:import")).status_code == 403
    assert client.post(reverse("standards:version_retire", kwargs=ML)).status_code == 403
