import datetime

import pytest
from django.core.exceptions import ValidationError

from carelead.core.models import AuditEvent
from carelead.standards import exchange, selectors
from carelead.standards.models import Descriptor, FrameworkVersion, Item, RatingLevel
from carelead.standards.services import (
    framework_import,
    framework_version_draft_from,
    framework_version_publish,
    framework_version_retire,
    frameworks_load,
)

pytestmark = pytest.mark.django_db

ML = "management-leadership"


def ml():
    return FrameworkVersion.objects.get(framework__slug=ML, version="1.0")


def test_load_ships_the_framework_published_with_every_descriptor(loaded):
    version = ml()
    assert version.status == FrameworkVersion.Status.PUBLISHED
    assert version.effective_from == datetime.date(2026, 4, 1)
    items = version.items
    assert items.filter(kind=Item.Kind.PRINCIPLE).count() == 6
    assert items.filter(kind=Item.Kind.FOCUS_AREA).count() == 3
    assert items.filter(kind=Item.Kind.STANDARD).count() == 9
    assert items.filter(kind=Item.Kind.COMPETENCY).count() == 27
    assert version.stages.count() == 5
    assert Descriptor.objects.filter(item__version=version).count() == 135
    assert not items.exclude(wording="carelead").exists()
    assert items.get(code="C2.2.2").title == "Manage and measure performance"
    levels = RatingLevel.objects.filter(scale__version=version, scale__is_default=True)
    assert [lvl.label for lvl in levels] == [
        "Insufficient",
        "Essential",
        "Proficient",
        "Strong",
        "Exemplary",
    ]


def test_load_ships_the_board_framework_with_a_no_score_point(loaded):
    version = FrameworkVersion.objects.get(framework__slug="board-lcf-2024")
    assert version.status == FrameworkVersion.Status.PUBLISHED
    assert version.items.filter(kind=Item.Kind.DOMAIN).count() == 6
    assert list(version.stages.values_list("code", flat=True)) == ["board"]
    last = RatingLevel.objects.filter(scale__version=version).order_by("sort_order").last()
    assert last.label == "No chance to demonstrate"
    assert last.value is None


def test_loading_twice_changes_nothing(loaded):
    events = AuditEvent.objects.count()
    result = frameworks_load()
    assert result["loaded"] == []
    assert len(result["skipped"]) == 2
    assert AuditEvent.objects.count() == events


def test_import_creates_a_draft_and_refuses_a_published_version(loaded):
    content = exchange.version_to_csv(ml()).encode()
    with pytest.raises(ValidationError, match="Version 1.0 is published and cannot change"):
        framework_import(actor=None, content=content, format="csv")
    draft = framework_import(actor=None, content=content, format="csv", as_version="1.1")
    assert draft.status == FrameworkVersion.Status.DRAFT
    assert draft.identifier != ml().identifier
    assert AuditEvent.objects.filter(action="standards.version_imported", object_id=draft.pk)


def test_a_bad_file_writes_nothing(loaded):
    before = Item.objects.count()
    content = exchange.version_to_csv(ml()).replace("Build engagement", "").encode()
    with pytest.raises(exchange.ExchangeError) as error:
        framework_import(actor=None, content=content, format="csv", as_version="1.1")
    assert any('(C2.1.1): "title" is missing' in m for m in error.value.messages)
    assert Item.objects.count() == before
    assert not FrameworkVersion.objects.filter(version="1.1").exists()


def test_draft_from_keeps_identifiers_and_publish_supersedes(loaded):
    old = ml()
    draft = framework_version_draft_from(actor=None, version=old, new_version="1.1")
    assert draft.title == "Management and Leadership Framework 1.1"
    assert set(draft.items.values_list("identifier", flat=True)) == set(
        old.items.values_list("identifier", flat=True)
    )
    assert selectors.version_diff(old, draft).is_empty
    published = framework_version_publish(actor=None, version=draft)
    old.refresh_from_db()
    assert published.status == FrameworkVersion.Status.PUBLISHED
    assert published.supersedes == old
    assert old.status == FrameworkVersion.Status.RETIRED
    assert old.retired_on is not None


def test_a_published_version_cannot_be_published_again(loaded):
    with pytest.raises(ValidationError, match="make a new draft"):
        framework_version_publish(actor=None, version=ml())


def test_publish_refuses_a_competency_without_every_descriptor(loaded):
    draft = framework_version_draft_from(actor=None, version=ml(), new_version="1.1")
    Descriptor.objects.filter(item__version=draft, item__code="C1.1.1", stage__rank=2).delete()
    with pytest.raises(ValidationError, match="C1.1.1 .* has no descriptor for Stage 2"):
        framework_version_publish(actor=None, version=draft)
    assert FrameworkVersion.objects.get(pk=draft.pk).status == FrameworkVersion.Status.DRAFT


def test_retire_only_a_published_version(loaded):
    version = framework_version_retire(actor=None, version=ml())
    assert version.status == FrameworkVersion.Status.RETIRED
    with pytest.raises(ValidationError, match="only a published version"):
        framework_version_retire(actor=None, version=version)


def test_draft_from_refuses_an_existing_version(loaded):
    with pytest.raises(ValidationError, match="already exists"):
        framework_version_draft_from(actor=None, version=ml(), new_version="1.0")
