"""The grid presets and potential criteria load from talent/data/grids.json."""

import json

import pytest

from carelead.core.models import AuditEvent
from carelead.talent.models import GridPreset, PotentialCriterion
from carelead.talent.presenters.grid import grid_of, level_label
from carelead.talent.services.reference import (
    GRIDS_FILE,
    ReferenceDataError,
    talent_reference_load,
)

pytestmark = pytest.mark.django_db


def test_loads_the_hee_nine_box_as_the_default_talent_grid_with_its_source():
    result = talent_reference_load()

    assert "hee-hcls-nine-box" in result["created"]
    preset = GridPreset.objects.get(kind=GridPreset.Kind.TALENT_GRID, is_default=True)
    assert preset.code == "hee-hcls-nine-box"
    assert "Health Education England" in preset.source
    assert preset.cells.get(x=3, y=3).label == "Very strong contributor / Ready for promotion now"
    assert preset.cells.get(x=1, y=3).label == "Strong early promise (4+ years)"
    assert preset.cells.count() == 9
    assert list(PotentialCriterion.objects.values_list("code", flat=True)) == [
        "aspiration",
        "engagement",
        "ability",
        "leadership-values",
    ]


def test_running_again_changes_nothing_and_audits_nothing():
    talent_reference_load()
    events = AuditEvent.objects.count()

    result = talent_reference_load()

    assert result["created"] == [] and result["updated"] == []
    assert AuditEvent.objects.count() == events


def test_a_changed_label_updates_the_preset(tmp_path):
    talent_reference_load()
    data = json.loads(GRIDS_FILE.read_text())
    data["presets"][0]["cells"][0]["label"] = "Renamed by the region"
    changed = tmp_path / "grids.json"
    changed.write_text(json.dumps(data))

    result = talent_reference_load(path=changed)

    assert result["updated"] == ["hee-hcls-nine-box"]
    assert (
        GridPreset.objects.get(code="hee-hcls-nine-box")
        .cells.filter(label="Renamed by the region")
        .exists()
    )


def test_a_preset_without_nine_cells_is_refused_and_nothing_is_written(tmp_path):
    data = json.loads(GRIDS_FILE.read_text())
    data["presets"][1]["cells"].pop()
    bad = tmp_path / "grids.json"
    bad.write_text(json.dumps(data))

    with pytest.raises(ReferenceDataError, match=r"presets\[1\] \(scope-for-growth\)"):
        talent_reference_load(path=bad)

    assert not GridPreset.objects.exists()


def test_grid_of_lays_items_out_top_row_first_with_data_labels():
    talent_reference_load()
    preset = GridPreset.objects.get(code="hee-hcls-nine-box")
    items = [(3, 3), (3, 3), (1, 1), (2, 2)]

    grid = grid_of(preset, items, place=lambda item: item)

    assert [cell.label for cell in grid.rows[0]][2] == (
        "Very strong contributor / Ready for promotion now"
    )
    assert grid.cell(3, 3).count == 2
    assert grid.cell(1, 1).count == 1
    assert grid.rows[2][0].y == 1
    assert level_label(preset, "y", 3) == "High potential"
    assert level_label(preset, "x", None) == "Not placed"
