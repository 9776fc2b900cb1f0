"""Writes to frameworks: load the shipped files, import a file as a draft, copy a version into
a new draft, publish and retire. A published or retired version never changes (ADR-0006)."""

import datetime
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from carelead.core.services.audit import audit_record, snapshot
from carelead.standards import exchange
from carelead.standards.models import (
    Association,
    Descriptor,
    Framework,
    FrameworkVersion,
    Item,
    RatingLevel,
    RatingScale,
    Stage,
    StageMapping,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
#: Items that are described at every stage and rated in appraisals.
ASSESSED_KINDS = (Item.Kind.COMPETENCY, Item.Kind.DOMAIN)
VERSION_FIELDS = ["status", "published_on", "retired_on", "supersedes"]


def _ensure_editable(version: FrameworkVersion) -> None:
    if not version.is_editable:
        raise ValidationError(
            f"Version {version.version} is {version.status} and cannot change; make a new draft"
        )


def frameworks_load(*, actor=None) -> dict:
    """Load every shipped file in standards/data as a published version. A version that is
    already there (whatever its status) is left alone, so a second run changes nothing and an
    official import that superseded the shipped text is never undone."""
    loaded, skipped = [], []
    for path in sorted(DATA_DIR.glob("*.csv")):
        bundle = exchange.parse(path.read_bytes(), "csv")
        meta = bundle["meta"]
        label = f"{meta['framework_slug']} {meta['version']}"
        exists = FrameworkVersion.objects.filter(
            framework__slug=meta["framework_slug"], version=meta["version"]
        ).exists()
        if exists:
            skipped.append(label)
            continue
        with transaction.atomic():
            version = _write_bundle(actor=actor, bundle=bundle)
            if meta.get("status") == FrameworkVersion.Status.PUBLISHED:
                published_on = (
                    datetime.date.fromisoformat(meta["published_on"])
                    if meta.get("published_on")
                    else None
                )
                framework_version_publish(actor=actor, version=version, published_on=published_on)
        loaded.append(label)
    return {"loaded": loaded, "skipped": skipped}


def framework_import(
    *, actor, content: bytes, format: str, as_version: str | None = None
) -> FrameworkVersion:
    """Import a CASE JSON or carelead CSV file as a DRAFT version (``as_version`` renames the
    version the file describes). An existing draft of that version is replaced; a published
    or retired one is refused. A bad file raises exchange.ExchangeError and writes nothing."""
    bundle = exchange.parse(content, format)
    if as_version:
        bundle["meta"]["version"] = as_version
        bundle["meta"]["identifier"] = ""
    bundle["meta"]["status"] = FrameworkVersion.Status.DRAFT
    with transaction.atomic():
        return _write_bundle(actor=actor, bundle=bundle)


def framework_version_draft_from(
    *, actor, version: FrameworkVersion, new_version: str
) -> FrameworkVersion:
    """A new draft holding a copy of ``version``: the same item, stage and descriptor
    identifiers, so the two can be compared item by item."""
    if FrameworkVersion.objects.filter(framework=version.framework, version=new_version).exists():
        raise ValidationError(f"Version {new_version} of {version.framework.title} already exists")
    bundle = exchange.bundle_from_version(version)
    meta = bundle["meta"]
    meta.update(
        identifier="",
        version=new_version,
        title=version.title.replace(version.version, new_version)
        if version.version in version.title
        else f"{version.title} ({new_version})",
        status=FrameworkVersion.Status.DRAFT,
        published_on="",
        retired_on="",
    )
    with transaction.atomic():
        return _write_bundle(actor=actor, bundle=bundle)


def framework_version_publish(
    *, actor, version: FrameworkVersion, published_on: datetime.date | None = None
) -> FrameworkVersion:
    """Publish a complete draft. The framework's current published version is retired and the
    new one supersedes it."""
    with transaction.atomic():
        version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
        _ensure_editable(version)
        problems = publish_problems(version)
        if problems:
            raise ValidationError(problems)
        today = published_on or timezone.localdate()
        current = (
            FrameworkVersion.objects.select_for_update()
            .filter(framework=version.framework, status=FrameworkVersion.Status.PUBLISHED)
            .first()
        )
        if current is not None:
            _retire(actor=actor, version=current, on=today)
        before = snapshot(version, VERSION_FIELDS)
        version.status = FrameworkVersion.Status.PUBLISHED
        version.published_on = today
        if current is not None and not _is_superseded(current):
            version.supersedes = current
        version.save()
        audit_record(
            actor=actor,
            action="standards.version_published",
            obj=version,
            before=before,
            after=snapshot(version, VERSION_FIELDS),
        )
        return version


def _is_superseded(version: FrameworkVersion) -> bool:
    return FrameworkVersion.objects.filter(supersedes=version).exists()


def framework_version_retire(*, actor, version: FrameworkVersion) -> FrameworkVersion:
    """Retire a published version; it stays readable for history."""
    with transaction.atomic():
        version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != FrameworkVersion.Status.PUBLISHED:
            raise ValidationError(
                f"Version {version.version} is {version.status}: only a published version "
                "can be retired"
            )
        return _retire(actor=actor, version=version, on=timezone.localdate())


def _retire(*, actor, version: FrameworkVersion, on: datetime.date) -> FrameworkVersion:
    before = snapshot(version, VERSION_FIELDS)
    version.status = FrameworkVersion.Status.RETIRED
    version.retired_on = on
    version.save()
    audit_record(
        actor=actor,
        action="standards.version_retired",
        obj=version,
        before=before,
        after=snapshot(version, VERSION_FIELDS),
    )
    return version


def publish_problems(version: FrameworkVersion) -> list[str]:
    """Why a version cannot be published yet: every competency (or board domain) needs a
    descriptor at every stage."""
    stages = list(version.stages.all())
    if not stages:
        return [f"Version {version.version} has no stages"]
    stage_count = len(stages)
    incomplete = (
        version.items.filter(kind__in=ASSESSED_KINDS)
        .annotate(described=Count("descriptors"))
        .filter(described__lt=stage_count)
        .order_by("sort_order", "code")
    )
    stage_names = {s.pk: s.name for s in stages}
    problems = []
    described = {}
    for pair in Descriptor.objects.filter(item__in=incomplete).values_list("item_id", "stage_id"):
        described.setdefault(pair[0], set()).add(pair[1])
    for item in incomplete:
        missing = [stage_names[pk] for pk in stage_names if pk not in described.get(item.pk, set())]
        problems.append(f"{item.code} {item.title} has no descriptor for {', '.join(missing)}")
    return problems


def _write_bundle(*, actor, bundle: dict) -> FrameworkVersion:
    """Create (or refill a draft of) the version a validated bundle describes. Called inside
    a transaction."""
    meta = bundle["meta"]
    framework, _ = Framework.objects.get_or_create(
        slug=meta["framework_slug"],
        defaults={
            "title": meta["framework_title"],
            "kind": meta["framework_kind"],
            "publisher": meta["framework_publisher"],
            "summary": meta["framework_summary"],
        },
    )
    version = (
        FrameworkVersion.objects.select_for_update()
        .filter(framework=framework, version=meta["version"])
        .first()
    )
    if version is not None:
        _ensure_editable(version)
        # A re-imported draft starts again from the file.
        version.items.all().delete()
        version.stages.all().delete()
        version.rating_scales.all().delete()
        version.stage_mappings.all().delete()
        version.associations.all().delete()
        action = "standards.version_reimported"
    else:
        version = FrameworkVersion(framework=framework, version=meta["version"])
        action = "standards.version_imported"
    identifier = meta["identifier"]
    if (
        not identifier
        or FrameworkVersion.objects.filter(identifier=identifier).exclude(pk=version.pk).exists()
    ):
        identifier = str(uuid.uuid4()) if version.pk is None else str(version.identifier)
    version.identifier = identifier
    version.title = meta["title"]
    version.status = FrameworkVersion.Status.DRAFT
    version.effective_from = _date(meta["effective_from"])
    version.published_on = None
    version.retired_on = None
    version.source = meta["source"]
    version.source_url = meta["source_url"]
    version.licence = meta["licence"]
    version.notes = meta["notes"]
    version.save()

    stages = Stage.objects.bulk_create(
        Stage(
            version=version,
            code=s["code"],
            name=s["name"],
            rank=s["rank"],
            summary=s["summary"],
            identifier=s["identifier"],
        )
        for s in bundle["stages"]
    )
    stage_by_code = {s.code: s for s in stages}
    items = Item.objects.bulk_create(
        Item(
            version=version,
            identifier=i["identifier"],
            kind=i["kind"],
            code=i["code"],
            title=i["title"],
            description=i["description"],
            sort_order=i["sort_order"],
            wording=i["wording"],
        )
        for i in bundle["items"]
    )
    item_by_code = {i.code: i for i in items}
    with_parent = []
    for data in bundle["items"]:
        if data["parent"]:
            item = item_by_code[data["code"]]
            item.parent = item_by_code[data["parent"]]
            with_parent.append(item)
    Item.objects.bulk_update(with_parent, ["parent"])
    Descriptor.objects.bulk_create(
        Descriptor(
            item=item_by_code[d["item"]],
            stage=stage_by_code[d["stage"]],
            text=d["text"],
            identifier=d["identifier"],
            wording=d["wording"],
        )
        for d in bundle["descriptors"]
    )
    Association.objects.bulk_create(
        Association(
            version=version,
            identifier=a["identifier"],
            type=a["type"],
            origin=item_by_code[a["origin"]],
            destination=item_by_code[a["destination"]],
        )
        for a in bundle["associations"]
    )
    for s in bundle["scales"]:
        scale = RatingScale.objects.create(
            version=version,
            code=s["code"],
            name=s["name"],
            description=s["description"],
            is_default=s["is_default"],
        )
        RatingLevel.objects.bulk_create(
            RatingLevel(
                scale=scale,
                value=level["value"],
                label=level["label"],
                meaning=level["meaning"],
                sort_order=level["sort_order"],
            )
            for level in s["levels"]
        )
    _write_mappings(version, bundle["mappings"], stage_by_code)
    audit_record(
        actor=actor,
        action=action,
        obj=version,
        after={
            "version": version.version,
            "identifier": str(version.identifier),
            "stages": len(stages),
            "items": len(items),
            "descriptors": len(bundle["descriptors"]),
        },
    )
    return version


def _write_mappings(version, mappings: list[dict], stage_by_code: dict) -> None:
    from carelead.people.models import PayBand

    codes = {m["pay_band"] for m in mappings if m["pay_band"]}
    known = set(PayBand.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = sorted(codes - known)
    if unknown:
        raise exchange.ExchangeError(
            [
                f'Stage mappings: "pay_band" {code} is not a pay band carelead knows'
                for code in unknown
            ]
        )
    StageMapping.objects.bulk_create(
        StageMapping(
            version=version,
            stage=stage_by_code[m["stage"]],
            management_level=m["management_level"],
            pay_band_id=m["pay_band"] or None,
            is_board=m["is_board"],
            note=m["note"],
        )
        for m in mappings
    )


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
