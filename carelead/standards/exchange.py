"""Framework files in and out: the carelead CSV exchange format and 1EdTech CASE 1.0 JSON.

Both formats are read into, and written from, one plain "bundle" (dicts and lists), so the
two can be checked against each other and an import never half-writes: a file is parsed and
validated in full before services.py touches the database. docs/standards.md describes both.
"""

import csv
import io
import json
import uuid
from dataclasses import dataclass, field
from datetime import date

from carelead.standards.models import Association, Descriptor, FrameworkVersion, Item

# --- the bundle -------------------------------------------------------------------------------

META_FIELDS = [
    "framework_slug",
    "framework_title",
    "framework_kind",
    "framework_publisher",
    "framework_summary",
    "identifier",
    "version",
    "title",
    "status",
    "effective_from",
    "published_on",
    "retired_on",
    "source",
    "source_url",
    "licence",
    "notes",
]
REQUIRED_META = ["framework_slug", "framework_title", "framework_kind", "version", "title"]
DATE_META = ["effective_from", "published_on", "retired_on"]
#: The fields that name a version rather than describe its content; a round trip into a new
#: version keeps everything else.
VERSION_META = ["identifier", "version", "title", "status", "published_on", "retired_on"]

# Fixed namespace so derived identifiers (tree links, rubrics) are the same on every export.
CARELEAD_NS = uuid.UUID("6f1c2f7e-9b7a-4d1e-8a51-2c0f4f3f9a10")


class ExchangeError(Exception):
    """A file that cannot be imported; ``messages`` names the item and field of each problem."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Problems:
    messages: list[str] = field(default_factory=list)

    def add(self, where: str, name: str, text: str = "is missing"):
        self.messages.append(f'{where}: "{name}" {text}')

    def raise_any(self):
        if self.messages:
            raise ExchangeError(self.messages)


def empty_bundle() -> dict:
    return {
        "meta": dict.fromkeys(META_FIELDS, ""),
        "stages": [],
        "items": [],
        "descriptors": [],
        "associations": [],
        "scales": [],
        "mappings": [],
    }


def bundle_from_version(version: FrameworkVersion) -> dict:
    """Everything a version holds, in a fixed order, as plain values (constant queries)."""
    bundle = empty_bundle()
    bundle["meta"] = _meta_of(version)
    stages = list(version.stages.order_by("rank"))
    stage_code = {s.pk: s.code for s in stages}
    bundle["stages"] = [
        {
            "identifier": str(s.identifier),
            "code": s.code,
            "name": s.name,
            "rank": s.rank,
            "summary": s.summary,
        }
        for s in stages
    ]
    items = list(version.items.order_by("sort_order", "code"))
    item_code = {i.pk: i.code for i in items}
    bundle["items"] = [
        {
            "identifier": str(i.identifier),
            "code": i.code,
            "kind": i.kind,
            "parent": item_code.get(i.parent_id, ""),
            "title": i.title,
            "description": i.description,
            "sort_order": i.sort_order,
            "wording": i.wording,
        }
        for i in items
    ]
    descriptors = Descriptor.objects.filter(item__version=version).order_by(
        "item__sort_order", "item__code", "stage__rank"
    )
    bundle["descriptors"] = [
        {
            "identifier": str(d.identifier),
            "item": item_code[d.item_id],
            "stage": stage_code[d.stage_id],
            "text": d.text,
            "wording": d.wording,
        }
        for d in descriptors
    ]
    associations = version.associations.select_related("origin", "destination").order_by(
        "origin__sort_order", "destination__sort_order", "type"
    )
    bundle["associations"] = [
        {
            "identifier": str(a.identifier),
            "type": a.type,
            "origin": a.origin.code,
            "destination": a.destination.code,
        }
        for a in associations
    ]
    for scale in version.rating_scales.prefetch_related("levels").order_by("code"):
        bundle["scales"].append(
            {
                "code": scale.code,
                "name": scale.name,
                "description": scale.description,
                "is_default": scale.is_default,
                "levels": [
                    {
                        "value": level.value,
                        "label": level.label,
                        "meaning": level.meaning,
                        "sort_order": level.sort_order,
                    }
                    for level in scale.levels.all()
                ],
            }
        )
    bundle["mappings"] = [
        {
            "stage": stage_code[m.stage_id],
            "management_level": m.management_level,
            "pay_band": m.pay_band_id or "",
            "is_board": m.is_board,
            "note": m.note,
        }
        for m in version.stage_mappings.order_by("stage__rank", "management_level", "pk")
    ]
    return bundle


def _meta_of(version: FrameworkVersion) -> dict:
    framework = version.framework
    return {
        "framework_slug": framework.slug,
        "framework_title": framework.title,
        "framework_kind": framework.kind,
        "framework_publisher": framework.publisher,
        "framework_summary": framework.summary,
        "identifier": str(version.identifier),
        "version": version.version,
        "title": version.title,
        "status": version.status,
        "effective_from": _iso(version.effective_from),
        "published_on": _iso(version.published_on),
        "retired_on": _iso(version.retired_on),
        "source": version.source,
        "source_url": version.source_url,
        "licence": version.licence,
        "notes": version.notes,
    }


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def validate_bundle(bundle: dict, where: dict | None = None) -> None:
    """Cross-checks that no single row can: unique codes, references that resolve, a
    parent that is not its own ancestor. ``where`` maps (section, index) to a label for
    messages (the row or CASE path the entry came from)."""
    problems = Problems()
    where = where or {}

    def label(section, index, code):
        base = where.get((section, index), f"{section}[{index}]")
        return f"{base} ({code})" if code else base

    meta = bundle["meta"]
    for name in REQUIRED_META:
        if not meta.get(name):
            problems.add(where.get(("meta", 0), "Version details"), name)
    for name in DATE_META:
        if meta.get(name):
            try:
                date.fromisoformat(meta[name])
            except ValueError:
                problems.add(
                    where.get(("meta", 0), "Version details"), name, "must be a date (YYYY-MM-DD)"
                )
    stage_codes = set()
    ranks = set()
    for i, stage in enumerate(bundle["stages"]):
        here = label("stages", i, stage.get("code"))
        for name in ("code", "name"):
            if not stage.get(name):
                problems.add(here, name)
        if stage.get("code") in stage_codes:
            problems.add(here, "code", "is used by another stage")
        if stage.get("rank") in ranks:
            problems.add(here, "rank", "is used by another stage")
        stage_codes.add(stage.get("code"))
        ranks.add(stage.get("rank"))
    item_codes = {}
    identifiers = set()
    kinds = set(Item.Kind.values)
    for i, item in enumerate(bundle["items"]):
        here = label("items", i, item.get("code") or item.get("identifier"))
        for name in ("code", "title", "kind"):
            if not item.get(name):
                problems.add(here, name)
        if item.get("kind") and item["kind"] not in kinds:
            problems.add(here, "kind", f"must be one of {', '.join(sorted(kinds))}")
        if item.get("code") in item_codes:
            problems.add(here, "code", "is used by another item")
        if item.get("identifier") in identifiers:
            problems.add(here, "identifier", "is used by another item")
        item_codes[item.get("code")] = item
        identifiers.add(item.get("identifier"))
    for i, item in enumerate(bundle["items"]):
        parent = item.get("parent")
        if parent and parent not in item_codes:
            problems.add(
                label("items", i, item.get("code")), "parent", f"names {parent}, which is not here"
            )
        seen = {item.get("code")}
        while parent and parent in item_codes:
            if parent in seen:
                problems.add(label("items", i, item.get("code")), "parent", "makes a loop")
                break
            seen.add(parent)
            parent = item_codes[parent].get("parent")
    pairs = set()
    for i, d in enumerate(bundle["descriptors"]):
        here = label("descriptors", i, f"{d.get('item')} at {d.get('stage')}")
        if not d.get("text"):
            problems.add(here, "text")
        if d.get("item") not in item_codes:
            problems.add(here, "item", f"names {d.get('item') or 'nothing'}, which is not here")
        if d.get("stage") not in stage_codes:
            problems.add(here, "stage", f"names {d.get('stage') or 'nothing'}, which is not here")
        if (d.get("item"), d.get("stage")) in pairs:
            problems.add(here, "stage", "has a second descriptor for this item")
        pairs.add((d.get("item"), d.get("stage")))
    types = set(Association.Type.values)
    for i, a in enumerate(bundle["associations"]):
        here = label("associations", i, a.get("identifier") or a.get("origin"))
        if a.get("type") not in types:
            problems.add(here, "type", f"must be one of {', '.join(sorted(types))}")
        for name in ("origin", "destination"):
            if a.get(name) not in item_codes:
                problems.add(here, name, f"names {a.get(name) or 'nothing'}, which is not here")
    scale_codes = set()
    for i, scale in enumerate(bundle["scales"]):
        here = label("scales", i, scale.get("code"))
        for name in ("code", "name"):
            if not scale.get(name):
                problems.add(here, name)
        if scale.get("code") in scale_codes:
            problems.add(here, "code", "is used by another scale")
        scale_codes.add(scale.get("code"))
        labels = set()
        for j, level in enumerate(scale.get("levels", [])):
            level_here = f"{here} level {j + 1}"
            if not level.get("label"):
                problems.add(level_here, "label")
            if level.get("label") in labels:
                problems.add(level_here, "label", "is used by another level")
            labels.add(level.get("label"))
    if sum(1 for s in bundle["scales"] if s.get("is_default")) > 1:
        problems.add("Rating scales", "is_default", "is set on more than one scale")
    for i, m in enumerate(bundle["mappings"]):
        if m.get("stage") not in stage_codes:
            problems.add(
                label("mappings", i, m.get("stage")),
                "stage",
                f"names {m.get('stage') or 'nothing'}, which is not here",
            )
    problems.raise_any()


# --- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "record",
    "identifier",
    "code",
    "kind",
    "parent",
    "stage",
    "title",
    "text",
    "rank",
    "value",
    "wording",
    "target",
]
RECORDS = ("meta", "stage", "item", "descriptor", "association", "scale", "level", "mapping")


def bundle_to_csv(bundle: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()

    def row(**values):
        writer.writerow({c: _csv_value(values.get(c, "")) for c in CSV_COLUMNS})

    for name in META_FIELDS:
        row(record="meta", code=name, text=bundle["meta"].get(name, ""))
    for s in bundle["stages"]:
        row(
            record="stage",
            identifier=s["identifier"],
            code=s["code"],
            title=s["name"],
            text=s["summary"],
            rank=s["rank"],
        )
    for i in bundle["items"]:
        row(
            record="item",
            identifier=i["identifier"],
            code=i["code"],
            kind=i["kind"],
            parent=i["parent"],
            title=i["title"],
            text=i["description"],
            rank=i["sort_order"],
            wording=i["wording"],
        )
    for d in bundle["descriptors"]:
        row(
            record="descriptor",
            identifier=d["identifier"],
            code=d["item"],
            stage=d["stage"],
            text=d["text"],
            wording=d["wording"],
        )
    for a in bundle["associations"]:
        row(
            record="association",
            identifier=a["identifier"],
            kind=a["type"],
            code=a["origin"],
            target=a["destination"],
        )
    for s in bundle["scales"]:
        row(
            record="scale",
            code=s["code"],
            title=s["name"],
            text=s["description"],
            value="default" if s["is_default"] else "",
        )
        for level in s["levels"]:
            row(
                record="level",
                code=s["code"],
                title=level["label"],
                text=level["meaning"],
                value=level["value"],
                rank=level["sort_order"],
            )
    for m in bundle["mappings"]:
        row(
            record="mapping",
            stage=m["stage"],
            value=m["management_level"],
            target=m["pay_band"],
            kind="board" if m["is_board"] else "",
            text=m["note"],
        )
    return out.getvalue()


def _csv_value(value) -> str:
    return "" if value is None else str(value)


def _decode(content: bytes, problems_where: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExchangeError([f"{problems_where}: the file is not UTF-8 text"]) from error


def _int(value: str, here: str, name: str, problems: Problems, *, blank=None):
    if value in ("", None):
        return blank
    try:
        number = int(value)
    except (TypeError, ValueError):
        problems.add(here, name, "must be a whole number")
        return blank
    if number < 0:
        problems.add(here, name, "must not be negative")
        return blank
    return number


def _uuid(value: str, here: str, problems: Problems) -> str:
    if not value:
        return str(uuid.uuid4())
    try:
        return str(uuid.UUID(value))
    except ValueError:
        problems.add(here, "identifier", "must be a UUID")
        return value


def bundle_from_csv(content: bytes) -> dict:
    text = _decode(content, "The file")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ExchangeError(
            [f'Header row: column "{c}" is missing' for c in missing]
            + ["The first row must name the columns listed in the standards documentation"]
        )
    bundle = empty_bundle()
    where: dict = {}
    problems = Problems()
    scales: dict[str, dict] = {}
    for number, raw in enumerate(reader, start=2):
        r = {k: (v or "").strip() for k, v in raw.items() if k}
        record = r["record"]
        here = f"Row {number}"
        coded = f"{here} ({r['code']})" if r["code"] else here
        if record not in RECORDS:
            problems.add(here, "record", f"must be one of {', '.join(RECORDS)}")
            continue
        if record == "meta":
            if r["code"] not in META_FIELDS:
                problems.add(here, "code", f"names an unknown version detail {r['code']!r}")
                continue
            bundle["meta"][r["code"]] = r["text"]
            where[("meta", 0)] = "Version details"
        elif record == "stage":
            where[("stages", len(bundle["stages"]))] = here
            bundle["stages"].append(
                {
                    "identifier": _uuid(r["identifier"], coded, problems),
                    "code": r["code"],
                    "name": r["title"],
                    "rank": _int(r["rank"], coded, "rank", problems, blank=0),
                    "summary": r["text"],
                }
            )
        elif record == "item":
            where[("items", len(bundle["items"]))] = here
            bundle["items"].append(
                {
                    "identifier": _uuid(r["identifier"], coded, problems),
                    "code": r["code"],
                    "kind": r["kind"],
                    "parent": r["parent"],
                    "title": r["title"],
                    "description": r["text"],
                    "sort_order": _int(r["rank"], coded, "rank", problems, blank=0),
                    "wording": _wording(r["wording"], coded, problems),
                }
            )
        elif record == "descriptor":
            where[("descriptors", len(bundle["descriptors"]))] = here
            bundle["descriptors"].append(
                {
                    "identifier": _uuid(r["identifier"], coded, problems),
                    "item": r["code"],
                    "stage": r["stage"],
                    "text": r["text"],
                    "wording": _wording(r["wording"], coded, problems),
                }
            )
        elif record == "association":
            where[("associations", len(bundle["associations"]))] = here
            bundle["associations"].append(
                {
                    "identifier": _uuid(r["identifier"], coded, problems),
                    "type": r["kind"],
                    "origin": r["code"],
                    "destination": r["target"],
                }
            )
        elif record == "scale":
            where[("scales", len(bundle["scales"]))] = here
            scale = {
                "code": r["code"],
                "name": r["title"],
                "description": r["text"],
                "is_default": r["value"].lower() == "default",
                "levels": [],
            }
            scales[r["code"]] = scale
            bundle["scales"].append(scale)
        elif record == "level":
            scale = scales.get(r["code"])
            if scale is None:
                problems.add(coded, "code", "names a scale that no earlier scale row defines")
                continue
            scale["levels"].append(
                {
                    "value": _int(r["value"], coded, "value", problems),
                    "label": r["title"],
                    "meaning": r["text"],
                    "sort_order": _int(r["rank"], coded, "rank", problems, blank=0),
                }
            )
        elif record == "mapping":
            where[("mappings", len(bundle["mappings"]))] = here
            bundle["mappings"].append(
                {
                    "stage": r["stage"],
                    "management_level": _int(r["value"], here, "value", problems),
                    "pay_band": r["target"],
                    "is_board": r["kind"] == "board",
                    "note": r["text"],
                }
            )
    problems.raise_any()
    validate_bundle(bundle, where)
    return bundle


def _wording(value: str, here: str, problems: Problems) -> str:
    if not value:
        return FrameworkVersion.Wording.CARELEAD
    if value not in FrameworkVersion.Wording.values:
        problems.add(here, "wording", "must be carelead or official")
    return value


# --- CASE 1.0 ---------------------------------------------------------------------------------

STAGE_TYPE = "Stage"
DESCRIPTOR_TYPE = "Descriptor"
ITEM_TYPES = {kind.value: kind.label for kind in Item.Kind}
TYPE_KINDS = {label: value for value, label in ITEM_TYPES.items()}
ADOPTION = {"draft": "Draft", "published": "Adopted", "retired": "Deprecated"}


def _derived(*parts) -> str:
    return str(uuid.uuid5(CARELEAD_NS, "/".join(str(p) for p in parts)))


def _uri(identifier: str) -> str:
    return f"urn:uuid:{identifier}"


def _link(title: str, identifier: str) -> dict:
    return {"title": title, "identifier": identifier, "uri": _uri(identifier)}


def bundle_to_case(bundle: dict, *, changed_at: str = "") -> dict:
    """A CASE 1.0 CFPackage. Stages and descriptors are CFItems (types "Stage" and
    "Descriptor"); a descriptor is isChildOf its competency and hasSkillLevel its stage.
    Rating scales are CFRubrics. What CASE has no field for (the framework's slug and kind,
    status, wording, stage mappings) travels in "extensions"."""
    meta = bundle["meta"]
    doc_id = meta["identifier"] or _derived(meta["framework_slug"], meta["version"])
    doc_link = _link(meta["title"], doc_id)
    stamp = {"lastChangeDateTime": changed_at} if changed_at else {}
    document = {
        "identifier": doc_id,
        "uri": _uri(doc_id),
        "creator": meta["framework_publisher"] or "carelead",
        "title": meta["title"],
        "version": meta["version"],
        "adoptionStatus": ADOPTION.get(meta["status"], "Draft"),
        "statusStartDate": meta["effective_from"] or None,
        "officialSourceURL": meta["source_url"] or None,
        "publisher": meta["framework_publisher"] or None,
        "description": meta["framework_summary"] or None,
        "notes": meta["notes"] or None,
        "language": "en",
        "frameworkType": meta["framework_kind"],
        "extensions": {
            "carelead": {
                "frameworkSlug": meta["framework_slug"],
                "frameworkTitle": meta["framework_title"],
                "frameworkKind": meta["framework_kind"],
                "status": meta["status"],
                "publishedOn": meta["published_on"],
                "retiredOn": meta["retired_on"],
                "source": meta["source"],
                "licence": meta["licence"],
                "stageMappings": [
                    {
                        "stage": m["stage"],
                        "managementLevel": m["management_level"],
                        "payBand": m["pay_band"],
                        "isBoard": m["is_board"],
                        "note": m["note"],
                    }
                    for m in bundle["mappings"]
                ],
            }
        },
        **stamp,
    }
    document = {k: v for k, v in document.items() if v is not None}
    type_ids = {
        name: _derived("item-type", name)
        for name in [*ITEM_TYPES.values(), STAGE_TYPE, DESCRIPTOR_TYPE]
    }

    def cf_item(identifier, statement, code, type_name, **extra):
        return {
            "identifier": identifier,
            "uri": _uri(identifier),
            "CFDocumentURI": doc_link,
            "fullStatement": statement,
            "humanCodingScheme": code,
            "CFItemType": type_name,
            "CFItemTypeURI": _link(type_name, type_ids[type_name]),
            "language": "en",
            **stamp,
            **extra,
        }

    def association(identifier, kind, origin, destination, sequence=None):
        entry = {
            "identifier": identifier,
            "uri": _uri(identifier),
            "CFDocumentURI": doc_link,
            "associationType": kind,
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            **stamp,
        }
        if sequence is not None:
            entry["sequenceNumber"] = sequence
        return entry

    items, associations = [], []
    by_code = {}
    for s in bundle["stages"]:
        items.append(
            cf_item(
                s["identifier"],
                s["name"],
                s["code"],
                STAGE_TYPE,
                notes=s["summary"],
                listEnumeration=str(s["rank"]),
            )
        )
    stage_links = {s["code"]: _link(s["name"], s["identifier"]) for s in bundle["stages"]}
    for i in bundle["items"]:
        by_code[i["code"]] = _link(i["title"], i["identifier"])
    for i in bundle["items"]:
        entry = cf_item(
            i["identifier"],
            i["title"],
            i["code"],
            ITEM_TYPES[i["kind"]],
            listEnumeration=str(i["sort_order"]),
            extensions={"carelead": {"wording": i["wording"]}},
        )
        if i["description"]:
            entry["notes"] = i["description"]
        items.append(entry)
        parent = by_code[i["parent"]] if i["parent"] else doc_link
        associations.append(
            association(
                _derived("isChildOf", i["identifier"], parent["identifier"]),
                "isChildOf",
                by_code[i["code"]],
                parent,
                i["sort_order"],
            )
        )
    for d in bundle["descriptors"]:
        items.append(
            cf_item(
                d["identifier"],
                d["text"],
                f"{d['item']}@{d['stage']}",
                DESCRIPTOR_TYPE,
                extensions={"carelead": {"wording": d["wording"]}},
            )
        )
        node = _link(d["text"][:60], d["identifier"])
        associations.append(
            association(
                _derived("isChildOf", d["identifier"]), "isChildOf", node, by_code[d["item"]]
            )
        )
        associations.append(
            association(
                _derived("hasSkillLevel", d["identifier"]),
                "hasSkillLevel",
                node,
                stage_links[d["stage"]],
            )
        )
    for a in bundle["associations"]:
        associations.append(
            association(a["identifier"], a["type"], by_code[a["origin"]], by_code[a["destination"]])
        )
    rubrics = []
    for s in bundle["scales"]:
        rubric_id = _derived(meta["framework_slug"], "scale", s["code"])
        criterion_id = _derived(rubric_id, "criterion")
        rubrics.append(
            {
                "identifier": rubric_id,
                "uri": _uri(rubric_id),
                "title": s["name"],
                "description": s["description"],
                **stamp,
                "extensions": {"carelead": {"code": s["code"], "isDefault": s["is_default"]}},
                "CFRubricCriteria": [
                    {
                        "identifier": criterion_id,
                        "uri": _uri(criterion_id),
                        "category": "rating",
                        "description": s["name"],
                        "position": 1,
                        "rubricId": rubric_id,
                        **stamp,
                        "CFRubricCriterionLevels": [
                            {
                                "identifier": _derived(criterion_id, level["label"]),
                                "uri": _uri(_derived(criterion_id, level["label"])),
                                "quality": level["label"],
                                "description": level["meaning"],
                                **({"score": level["value"]} if level["value"] is not None else {}),
                                "position": level["sort_order"],
                                "rubricCriterionId": criterion_id,
                                **stamp,
                            }
                            for level in s["levels"]
                        ],
                    }
                ],
            }
        )
    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {
            "CFItemTypes": [
                {
                    "identifier": type_ids[name],
                    "uri": _uri(type_ids[name]),
                    "title": name,
                    "description": name,
                    "hierarchyCode": name.lower().replace(" ", "-"),
                    **stamp,
                }
                for name in type_ids
            ]
        },
        "CFRubrics": rubrics,
    }


def bundle_from_case(content: bytes) -> dict:
    text = _decode(content, "The file")
    try:
        package = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExchangeError(
            [f"The file is not valid JSON (line {error.lineno}, column {error.colno})"]
        ) from error
    problems = Problems()
    if not isinstance(package, dict):
        raise ExchangeError(["The file must hold one CFPackage object"])
    document = package.get("CFDocument")
    if not isinstance(document, dict):
        raise ExchangeError(['CFPackage: "CFDocument" is missing'])
    ext = _ext(document)
    bundle = empty_bundle()
    where: dict = {("meta", 0): "CFDocument"}
    for name in ("identifier", "title", "version"):
        if not document.get(name):
            problems.add("CFDocument", name)
    if document.get("identifier"):
        document["identifier"] = _uuid(str(document["identifier"]), "CFDocument", problems)
    bundle["meta"] = {
        "framework_slug": ext.get("frameworkSlug", ""),
        "framework_title": ext.get("frameworkTitle", ""),
        "framework_kind": ext.get("frameworkKind") or document.get("frameworkType", ""),
        "framework_publisher": document.get("publisher") or "",
        "framework_summary": document.get("description") or "",
        "identifier": str(document.get("identifier") or ""),
        "version": str(document.get("version") or ""),
        "title": document.get("title") or "",
        "status": ext.get("status", ""),
        "effective_from": document.get("statusStartDate") or "",
        "published_on": ext.get("publishedOn") or "",
        "retired_on": ext.get("retiredOn") or "",
        "source": ext.get("source") or "",
        "source_url": document.get("officialSourceURL") or "",
        "licence": ext.get("licence") or "",
        "notes": document.get("notes") or "",
    }
    if not bundle["meta"]["framework_slug"]:
        problems.add("CFDocument", "extensions.carelead.frameworkSlug")
    cf_items = package.get("CFItems")
    if not isinstance(cf_items, list):
        problems.add("CFPackage", "CFItems")
        cf_items = []
    by_id: dict[str, dict] = {}
    for index, entry in enumerate(cf_items):
        here = f"CFItems[{index}]"
        if not isinstance(entry, dict):
            problems.add(here, "CFItem", "must be an object")
            continue
        code = entry.get("humanCodingScheme") or ""
        if code:
            here = f"{here} ({code})"
        for name in ("identifier", "fullStatement", "humanCodingScheme", "CFItemType"):
            if not entry.get(name):
                problems.add(here, name)
        if entry.get("identifier"):
            entry["identifier"] = _uuid(str(entry["identifier"]), here, problems)
        type_name = entry.get("CFItemType")
        if type_name and type_name not in (STAGE_TYPE, DESCRIPTOR_TYPE, *TYPE_KINDS):
            problems.add(here, "CFItemType", f"{type_name!r} is not a type carelead knows")
        by_id[str(entry.get("identifier"))] = {"entry": entry, "here": here, "index": index}
    associations = package.get("CFAssociations")
    if not isinstance(associations, list):
        problems.add("CFPackage", "CFAssociations")
        associations = []
    parent_of, stage_of, sequence = {}, {}, {}
    links = []
    for index, entry in enumerate(associations):
        here = f"CFAssociations[{index}]"
        if not isinstance(entry, dict):
            problems.add(here, "CFAssociation", "must be an object")
            continue
        if entry.get("identifier"):
            entry["identifier"] = _uuid(str(entry["identifier"]), here, problems)
        kind = entry.get("associationType")
        origin = _node_id(entry.get("originNodeURI"))
        destination = _node_id(entry.get("destinationNodeURI"))
        if not kind:
            problems.add(here, "associationType")
        if not origin:
            problems.add(here, "originNodeURI")
        if not destination:
            problems.add(here, "destinationNodeURI")
        if not (kind and origin and destination):
            continue
        if origin not in by_id:
            problems.add(here, "originNodeURI", f"names {origin}, which is not a CFItem here")
            continue
        if kind == "isChildOf":
            if destination != bundle["meta"]["identifier"] and destination not in by_id:
                problems.add(here, "destinationNodeURI", f"names {destination}, which is not here")
                continue
            parent_of[origin] = destination
            if entry.get("sequenceNumber") is not None:
                sequence[origin] = entry["sequenceNumber"]
        elif kind == "hasSkillLevel":
            stage_of[origin] = destination
        else:
            if destination not in by_id:
                problems.add(here, "destinationNodeURI", f"names {destination}, which is not here")
                continue
            links.append((index, entry.get("identifier"), kind, origin, destination))
    problems.raise_any()

    def code_of(identifier):
        return by_id[identifier]["entry"]["humanCodingScheme"]

    for identifier, found in by_id.items():
        entry = found["entry"]
        if entry["CFItemType"] == STAGE_TYPE:
            where[("stages", len(bundle["stages"]))] = f"CFItems[{found['index']}]"
            bundle["stages"].append(
                {
                    "identifier": identifier,
                    "code": entry["humanCodingScheme"],
                    "name": entry["fullStatement"],
                    "rank": _int(
                        entry.get("listEnumeration"),
                        found["here"],
                        "listEnumeration",
                        problems,
                        blank=0,
                    ),
                    "summary": entry.get("notes") or "",
                }
            )
    for identifier, found in by_id.items():
        entry = found["entry"]
        type_name = entry["CFItemType"]
        wording = _wording(_ext(entry).get("wording", ""), found["here"], problems)
        if type_name == DESCRIPTOR_TYPE:
            where[("descriptors", len(bundle["descriptors"]))] = f"CFItems[{found['index']}]"
            parent = parent_of.get(identifier)
            stage = stage_of.get(identifier)
            if parent not in by_id:
                problems.add(found["here"], "isChildOf", "association to its item is missing")
            if stage not in by_id:
                problems.add(found["here"], "hasSkillLevel", "association to its stage is missing")
            bundle["descriptors"].append(
                {
                    "identifier": identifier,
                    "item": code_of(parent) if parent in by_id else "",
                    "stage": code_of(stage) if stage in by_id else "",
                    "text": entry["fullStatement"],
                    "wording": wording,
                }
            )
        elif type_name in TYPE_KINDS:
            where[("items", len(bundle["items"]))] = f"CFItems[{found['index']}]"
            parent = parent_of.get(identifier)
            order = entry.get("listEnumeration", sequence.get(identifier, 0))
            bundle["items"].append(
                {
                    "identifier": identifier,
                    "code": entry["humanCodingScheme"],
                    "kind": TYPE_KINDS[type_name],
                    "parent": code_of(parent) if parent in by_id else "",
                    "title": entry["fullStatement"],
                    "description": entry.get("notes") or "",
                    "sort_order": _int(order, found["here"], "listEnumeration", problems, blank=0),
                    "wording": wording,
                }
            )
    bundle["items"].sort(key=lambda i: (i["sort_order"], i["code"]))
    for index, identifier, kind, origin, destination in links:
        where[("associations", len(bundle["associations"]))] = f"CFAssociations[{index}]"
        bundle["associations"].append(
            {
                "identifier": identifier or str(uuid.uuid4()),
                "type": kind,
                "origin": code_of(origin),
                "destination": code_of(destination),
            }
        )
    for index, rubric in enumerate(package.get("CFRubrics") or []):
        here = f"CFRubrics[{index}]"
        rubric_ext = _ext(rubric)
        levels = []
        for criterion in rubric.get("CFRubricCriteria") or []:
            for level in criterion.get("CFRubricCriterionLevels") or []:
                levels.append(
                    {
                        "value": level.get("score"),
                        "label": level.get("quality") or "",
                        "meaning": level.get("description") or "",
                        "sort_order": level.get("position") or 0,
                    }
                )
        where[("scales", len(bundle["scales"]))] = here
        bundle["scales"].append(
            {
                "code": rubric_ext.get("code") or "",
                "name": rubric.get("title") or "",
                "description": rubric.get("description") or "",
                "is_default": bool(rubric_ext.get("isDefault")),
                "levels": sorted(levels, key=lambda level: level["sort_order"]),
            }
        )
    for m in ext.get("stageMappings") or []:
        bundle["mappings"].append(
            {
                "stage": m.get("stage") or "",
                "management_level": m.get("managementLevel"),
                "pay_band": m.get("payBand") or "",
                "is_board": bool(m.get("isBoard")),
                "note": m.get("note") or "",
            }
        )
    problems.raise_any()
    _order_descriptors(bundle)
    validate_bundle(bundle, where)
    return bundle


def _order_descriptors(bundle: dict) -> None:
    item_order = {i["code"]: n for n, i in enumerate(bundle["items"])}
    stage_rank = {s["code"]: s["rank"] for s in bundle["stages"]}
    bundle["stages"].sort(key=lambda s: s["rank"])
    bundle["descriptors"].sort(
        key=lambda d: (item_order.get(d["item"], 0), stage_rank.get(d["stage"], 0))
    )


def _ext(entry) -> dict:
    if not isinstance(entry, dict):
        return {}
    ext = entry.get("extensions") or {}
    return ext.get("carelead") or {} if isinstance(ext, dict) else {}


def _node_id(node) -> str:
    if not isinstance(node, dict):
        return ""
    identifier = str(node.get("identifier") or "")
    try:
        return str(uuid.UUID(identifier))
    except ValueError:
        return identifier


def version_to_csv(version: FrameworkVersion) -> str:
    return bundle_to_csv(bundle_from_version(version))


def version_to_case(version: FrameworkVersion) -> dict:
    return bundle_to_case(
        bundle_from_version(version), changed_at=version.updated_at.isoformat(timespec="seconds")
    )


def version_to_case_document(version: FrameworkVersion) -> dict:
    """Only the CFDocument, without reading the version's items (for lists of versions)."""
    bundle = empty_bundle()
    bundle["meta"] = _meta_of(version)
    changed_at = version.updated_at.isoformat(timespec="seconds")
    return bundle_to_case(bundle, changed_at=changed_at)["CFDocument"]


def parse(content: bytes, format: str) -> dict:
    """Read a file in either format; raises ExchangeError naming every problem."""
    if format == "case":
        return bundle_from_case(content)
    if format == "csv":
        return bundle_from_csv(content)
    raise ExchangeError([f"Unknown format {format!r}: use case or csv"])
