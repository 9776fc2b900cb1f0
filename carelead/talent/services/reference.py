"""Reference data for talent: grid presets (their labels are data) and the criteria potential
is judged against, loaded from ``talent/data/grids.json``."""

import json
from pathlib import Path

from django.db import transaction

from carelead.core.services.audit import audit_record
from carelead.talent.models import GridCell, GridPreset, PotentialCriterion

GRIDS_FILE = Path(__file__).resolve().parent.parent / "data" / "grids.json"

PRESET_FIELDS = (
    "kind",
    "title",
    "source",
    "source_url",
    "x_axis_label",
    "y_axis_label",
    "x_levels",
    "y_levels",
    "is_default",
)


class ReferenceDataError(ValueError):
    """The reference file is not as expected; the message says where."""


def _check(data: dict) -> None:
    for index, preset in enumerate(data.get("presets", [])):
        where = f"presets[{index}] ({preset.get('code', '?')})"
        missing = [f for f in ("code", *PRESET_FIELDS) if f not in preset and f != "source_url"]
        if missing:
            raise ReferenceDataError(f"{where}: {', '.join(missing)} missing")
        if preset["kind"] not in GridPreset.Kind.values:
            raise ReferenceDataError(f"{where}: kind {preset['kind']!r} is not known")
        cells = {(c["x"], c["y"]) for c in preset.get("cells", [])}
        if cells != {(x, y) for x in (1, 2, 3) for y in (1, 2, 3)}:
            raise ReferenceDataError(f"{where}: needs exactly one cell for each of the 9 places")
        for axis in ("x_levels", "y_levels"):
            if len(preset[axis]) != 3:
                raise ReferenceDataError(f"{where}: {axis} needs 3 names, lowest first")
    for index, criterion in enumerate(data.get("potential_criteria", [])):
        if len(criterion.get("guidance", [])) != 3:
            raise ReferenceDataError(
                f"potential_criteria[{index}] ({criterion.get('code', '?')}): "
                "guidance needs 3 entries, lowest first"
            )


@transaction.atomic
def talent_reference_load(*, actor=None, path: Path | None = None) -> dict[str, list[str]]:
    """Create or update the grid presets and potential criteria from the file. Safe to run
    again: only what changed is written. Returns codes by outcome."""
    data = json.loads((path or GRIDS_FILE).read_text(encoding="utf-8"))
    _check(data)
    result: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    for preset_data in data["presets"]:
        values = {f: preset_data.get(f, "") for f in PRESET_FIELDS}
        preset = GridPreset.objects.filter(code=preset_data["code"]).first()
        cells = sorted(
            (c["x"], c["y"], c["label"], c.get("description", "")) for c in preset_data["cells"]
        )
        if preset is None:
            if values["is_default"]:
                GridPreset.objects.filter(kind=values["kind"], is_default=True).update(
                    is_default=False
                )
            preset = GridPreset.objects.create(code=preset_data["code"], **values)
            outcome = "created"
        else:
            existing = sorted(preset.cells.values_list("x", "y", "label", "description"))
            changed = any(getattr(preset, f) != v for f, v in values.items()) or existing != cells
            if not changed:
                result["unchanged"].append(preset.code)
                continue
            if values["is_default"]:
                GridPreset.objects.filter(kind=values["kind"], is_default=True).exclude(
                    pk=preset.pk
                ).update(is_default=False)
            for field, value in values.items():
                setattr(preset, field, value)
            preset.save()
            preset.cells.all().delete()
            outcome = "updated"
        GridCell.objects.bulk_create(
            GridCell(preset=preset, x=x, y=y, label=label, description=description)
            for x, y, label, description in cells
        )
        audit_record(actor=actor, action=f"grid_preset_{outcome}", obj=preset, after=values)
        result[outcome].append(preset.code)
    for order, criterion in enumerate(data.get("potential_criteria", [])):
        values = {
            "title": criterion["title"],
            "question": criterion["question"],
            "guidance": criterion["guidance"],
            "sort_order": order,
        }
        obj, created = PotentialCriterion.objects.get_or_create(
            code=criterion["code"], defaults=values
        )
        if created:
            result["created"].append(obj.code)
        elif any(getattr(obj, f) != v for f, v in values.items()):
            for field, value in values.items():
                setattr(obj, field, value)
            obj.save()
            result["updated"].append(obj.code)
        else:
            result["unchanged"].append(obj.code)
            continue
        audit_record(actor=actor, action="potential_criterion_loaded", obj=obj, after=values)
    return result
