import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carelead.people.models import Employment
from carelead.standards import selectors
from carelead.standards.models import Descriptor, FrameworkVersion, Item
from carelead.standards.services import (
    framework_version_draft_from,
    framework_version_publish,
)
from carelead.standards.tests.factories import (
    DescriptorFactory,
    FrameworkFactory,
    ItemFactory,
    ml_version_with_stages,
)

pytestmark = pytest.mark.django_db
ML = "management-leadership"


def ml():
    return FrameworkVersion.objects.get(framework__slug=ML, version="1.0")


def test_published_version_now_and_on_a_day(loaded):
    old = ml()
    new = framework_version_draft_from(actor=None, version=old, new_version="1.1")
    FrameworkVersion.objects.filter(pk=new.pk).update(effective_from=datetime.date(2027, 4, 1))
    framework_version_publish(actor=None, version=new)
    assert selectors.published_version(ML) == new
    assert selectors.published_version(ML, on=datetime.date(2026, 6, 1)) == old
    assert selectors.published_version(ML, on=datetime.date(2027, 6, 1)) == new
    assert selectors.published_version(ML, on=datetime.date(2020, 1, 1)) is None
    assert selectors.published_version("no-such-framework") is None


def test_version_by_identifier_skips_drafts_and_bad_ids(loaded):
    version = ml()
    assert selectors.version_by_identifier(version.identifier) == version
    assert selectors.version_by_identifier(str(version.identifier)) == version
    assert selectors.version_by_identifier("not-a-uuid") is None
    draft = framework_version_draft_from(actor=None, version=version, new_version="1.1")
    assert selectors.version_by_identifier(draft.identifier) is None
    assert selectors.version_by_identifier(draft.identifier, include_drafts=True) == draft


def test_stage_below(loaded):
    stages = {s.code: s for s in ml().stages.all()}
    assert selectors.stage_below(stages["stage-2"]) == stages["stage-1"]
    assert selectors.stage_below(stages["fundamental"]) is None


@pytest.mark.parametrize(
    ("level", "board", "expected"),
    [
        (None, False, "fundamental"),
        (1, False, "stage-1"),
        (3, False, "stage-3"),
        (5, False, "stage-4"),
        (None, True, "stage-4"),
    ],
)
def test_stage_for_employment_follows_the_mapping(loaded, level, board, expected):
    employment = Employment(management_level=level)
    assert selectors.stage_for_employment(employment, ml(), board=board).code == expected


def test_competencies_for_stage_carry_their_descriptor_in_constant_queries(loaded):
    version = ml()
    stage = version.stages.get(code="stage-3")
    with CaptureQueriesContext(connection) as many:
        items = selectors.competencies_for_stage(version, stage)
    assert len(items) == 27
    assert all(i.descriptor.stage_id == stage.pk for i in items)
    small = ml_version_with_stages(framework=FrameworkFactory(slug="tiny"))
    small_stage = small.stages.get(rank=1)
    DescriptorFactory(item=ItemFactory(version=small), stage=small_stage)
    with CaptureQueriesContext(connection) as few:
        selectors.competencies_for_stage(small, small_stage)
    assert len(few) == len(many)


def test_version_diff_names_added_removed_and_changed(loaded):
    old = ml()
    new = framework_version_draft_from(actor=None, version=old, new_version="1.1")
    Item.objects.filter(version=new, code="C1.1.1").update(title="Plan my work")
    Item.objects.filter(version=new, code="P1.B4").delete()
    ItemFactory(version=new, code="C9.9.9")
    Descriptor.objects.filter(item__version=new, item__code="C2.2.2", stage__rank=3).update(
        text="I embed quality appraisals for all staff.", wording="official"
    )
    diff = selectors.version_diff(old, new)
    assert [i.code for i in diff.added] == ["C9.9.9"]
    assert [i.code for i in diff.removed] == ["P1.B4"]
    changes = {c.code: c.changes for c in diff.changed}
    assert [(f.field, f.new) for f in changes["C1.1.1"]] == [("title", "Plan my work")]
    assert changes["C2.2.2"][0].field == "descriptor at Stage 3"


def test_search_matches_titles_and_descriptors(loaded):
    version = ml()
    codes = [i.code for i in selectors.search(version, "meaningful appraisals")]
    assert codes == ["C2.2.2"]
    assert "C3.1.1" in [i.code for i in selectors.search(version, "patient")]
    assert selectors.search(version, "   ") == []
