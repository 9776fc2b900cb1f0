"""Reads of frameworks, for the standards pages and API and for other apps (learning,
appraisals). Published and retired versions are public; drafts only reach the people who
manage frameworks (the views decide that with ``visible_versions``)."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from carelead.standards.models import (
    Association,
    Descriptor,
    Framework,
    FrameworkVersion,
    Item,
    RatingScale,
    Stage,
    StageMapping,
)

PUBLIC_STATUSES = (FrameworkVersion.Status.PUBLISHED, FrameworkVersion.Status.RETIRED)


def visible_versions(user=None) -> QuerySet[FrameworkVersion]:
    """Published and retired versions for everyone; drafts too for framework managers."""
    versions = FrameworkVersion.objects.select_related("framework")
    if user is not None and user.has_perm("standards.manage_frameworks"):
        return versions
    return versions.filter(status__in=PUBLIC_STATUSES)


def frameworks_with_versions(user=None) -> list[Framework]:
    """Every framework with its visible versions (as ``shown_versions``), newest first."""
    return list(
        Framework.objects.prefetch_related(
            Prefetch(
                "versions",
                queryset=visible_versions(user).order_by("-effective_from", "-version"),
                to_attr="shown_versions",
            )
        ).order_by("title")
    )


def version_for(user, slug: str, version: str) -> FrameworkVersion | None:
    return visible_versions(user).filter(framework__slug=slug, version=version).first()


def published_version(slug: str, on: datetime.date | None = None) -> FrameworkVersion | None:
    """The published version of a framework; with ``on``, the version that was in force that
    day (published or since retired, the latest effective on or before it)."""
    versions = FrameworkVersion.objects.select_related("framework").filter(framework__slug=slug)
    if on is None:
        return versions.filter(status=FrameworkVersion.Status.PUBLISHED).first()
    return (
        versions.filter(status__in=PUBLIC_STATUSES, effective_from__lte=on)
        .order_by("-effective_from", "-published_on")
        .first()
    )


def version_by_identifier(identifier, *, include_drafts: bool = False) -> FrameworkVersion | None:
    """A version by its CASE CFDocument identifier (a UUID or its text)."""
    versions = FrameworkVersion.objects.select_related("framework")
    if not include_drafts:
        versions = versions.filter(status__in=PUBLIC_STATUSES)
    try:
        identifier = uuid.UUID(str(identifier))
    except ValueError:
        return None
    return versions.filter(identifier=identifier).first()


def stages_of(version: FrameworkVersion) -> list[Stage]:
    return list(version.stages.order_by("rank"))


def stage_by_code(version: FrameworkVersion, code: str | None) -> Stage | None:
    if not code:
        return None
    return version.stages.filter(code=code).first()


def stage_below(stage: Stage) -> Stage | None:
    """The next lower stage of the same version, or None at the bottom."""
    return stage.version.stages.filter(rank__lt=stage.rank).order_by("-rank").first()


def stage_for_employment(employment, version: FrameworkVersion, *, board: bool = False):
    """The stage an employment sits at in a version, from the version's StageMapping rows.
    A pay-band rule beats a management-level rule; a board rule applies only when the caller
    says the person is being considered as a board member (``board=True``). None when no
    rule matches."""
    mappings = list(version.stage_mappings.select_related("stage"))
    if board:
        for mapping in mappings:
            if mapping.is_board:
                return mapping.stage
    level = employment.management_level
    band = employment.pay_band_id
    by_band = [m for m in mappings if not m.is_board and band and m.pay_band_id == band]
    if by_band:
        return by_band[0].stage
    for mapping in mappings:
        if mapping.is_board or mapping.pay_band_id:
            continue
        if mapping.management_level == level:
            return mapping.stage
    return None


def competencies_for_stage(version: FrameworkVersion, stage: Stage) -> list[Item]:
    """The version's competencies (or board domains) in order, each with ``descriptor``: its
    Descriptor at ``stage`` or None. Three queries whatever the size."""
    items = (
        version.items.filter(kind__in=(Item.Kind.COMPETENCY, Item.Kind.DOMAIN))
        .select_related("parent__parent")
        .prefetch_related(
            Prefetch(
                "descriptors",
                queryset=Descriptor.objects.filter(stage=stage),
                to_attr="stage_descriptors",
            )
        )
        .order_by("sort_order", "code")
    )
    result = list(items)
    for item in result:
        item.descriptor = item.stage_descriptors[0] if item.stage_descriptors else None
    return result


def version_tree(version: FrameworkVersion) -> list[Item]:
    """All items of a version, each with ``child_items`` (in order) and ``stage_descriptors``
    left for the caller; the roots are returned. Two queries."""
    items = list(version.items.order_by("sort_order", "code"))
    by_pk = {i.pk: i for i in items}
    for item in items:
        item.child_items = []
    roots = []
    for item in items:
        parent = by_pk.get(item.parent_id)
        (parent.child_items if parent else roots).append(item)
    return roots


def descriptors_by_item(version: FrameworkVersion, stage: Stage | None = None) -> dict:
    """item pk -> list of descriptors (stage order); only ``stage`` when given."""
    descriptors = Descriptor.objects.filter(item__version=version).select_related("stage")
    if stage is not None:
        descriptors = descriptors.filter(stage=stage)
    grouped: dict[int, list[Descriptor]] = {}
    for d in descriptors.order_by("stage__rank"):
        grouped.setdefault(d.item_id, []).append(d)
    return grouped


def rating_scales(version: FrameworkVersion) -> list[RatingScale]:
    return list(version.rating_scales.prefetch_related("levels").order_by("-is_default", "code"))


def default_rating_scale(version: FrameworkVersion) -> RatingScale | None:
    return version.rating_scales.filter(is_default=True).prefetch_related("levels").first()


def stage_mappings(version: FrameworkVersion) -> list[StageMapping]:
    return list(version.stage_mappings.select_related("stage", "pay_band"))


def related_items(version: FrameworkVersion) -> dict[int, list[Item]]:
    """origin item pk -> the items it is related to (isRelatedTo)."""
    related: dict[int, list[Item]] = {}
    for a in (
        version.associations.filter(type=Association.Type.RELATED)
        .select_related("destination")
        .order_by("destination__sort_order")
    ):
        related.setdefault(a.origin_id, []).append(a.destination)
    return related


def items_related_to(item: Item) -> list[Item]:
    """Items (e.g. principles of the Code) that point at ``item`` with isRelatedTo."""
    return list(
        item.version.items.filter(
            associations_out__destination=item, associations_out__type=Association.Type.RELATED
        ).order_by("sort_order")
    )


def item_by_code(version: FrameworkVersion, code: str) -> Item | None:
    return version.items.select_related("parent__parent").filter(code=code).first()


def search(version: FrameworkVersion, q: str) -> list[Item]:
    """Items whose code, title, description or any descriptor mentions ``q`` (case
    insensitive), in framework order, each with ``parent`` loaded. One query."""
    q = (q or "").strip()
    if not q:
        return []
    matches = version.items.filter(
        Q(code__icontains=q)
        | Q(title__icontains=q)
        | Q(description__icontains=q)
        | Q(descriptors__text__icontains=q)
    )
    return list(
        version.items.filter(pk__in=matches.values("pk"))
        .select_related("parent")
        .order_by("sort_order", "code")
    )


# --- comparing versions -----------------------------------------------------------------------

ITEM_FIELDS = ("code", "kind", "title", "description", "parent", "wording")


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class ItemChange:
    identifier: str
    code: str
    title: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class VersionDiff:
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _item_values(version: FrameworkVersion) -> tuple[dict, dict]:
    items = list(version.items.select_related("parent").order_by("sort_order", "code"))
    values = {}
    for item in items:
        values[item.identifier] = {
            "item": item,
            "code": item.code,
            "kind": item.get_kind_display(),
            "title": item.title,
            "description": item.description,
            "parent": item.parent.code if item.parent else "",
            "wording": item.get_wording_display(),
            "descriptors": {},
        }
    for d in Descriptor.objects.filter(item__version=version).select_related("stage", "item"):
        values[d.item.identifier]["descriptors"][d.stage.name] = (d.text, d.get_wording_display())
    return values, {i.identifier: i for i in items}


def version_diff(old: FrameworkVersion, new: FrameworkVersion) -> VersionDiff:
    """What changed from ``old`` to ``new``, item by item (matched by identifier, so a
    renamed or recoded item shows as changed, not as removed and added)."""
    before, _ = _item_values(old)
    after, _ = _item_values(new)
    diff = VersionDiff()
    for identifier, now in after.items():
        was = before.get(identifier)
        if was is None:
            diff.added.append(now["item"])
            continue
        change = ItemChange(str(identifier), now["code"], now["title"])
        for name in ITEM_FIELDS:
            if was[name] != now[name]:
                change.changes.append(FieldChange(name, was[name], now[name]))
        for stage in sorted(set(was["descriptors"]) | set(now["descriptors"])):
            old_text, old_wording = was["descriptors"].get(stage, ("", ""))
            new_text, new_wording = now["descriptors"].get(stage, ("", ""))
            if old_text != new_text:
                change.changes.append(FieldChange(f"descriptor at {stage}", old_text, new_text))
            elif old_wording != new_wording:
                change.changes.append(
                    FieldChange(f"descriptor wording at {stage}", old_wording, new_wording)
                )
        if change.changes:
            diff.changed.append(change)
    diff.removed = [was["item"] for identifier, was in before.items() if identifier not in after]
    return diff
