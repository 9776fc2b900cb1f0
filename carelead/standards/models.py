"""Versioned leadership and management frameworks (ADR-0006).

A framework (the national Management and Leadership Framework and Code, the 2024 board
leadership competency framework) has versions. A version holds a tree of items (principles,
focus areas, standards, competencies, board domains and their statements), the stages it is
described at, a descriptor per (competency, stage), rating scales, and the mapping from
roles to stages. Items carry stable identifiers so that a CASE export and re-import keep
every item and link, and so that two versions can be compared item by item.

A published version never changes: services refuse to edit it (see services.py) and the
next edition is a new draft that supersedes it.
"""

import uuid

from django.db import models
from django.db.models import Q

from carelead.core.models import BaseModel


class Framework(BaseModel):
    """A framework across its versions, e.g. "Management and Leadership Framework"."""

    class Kind(models.TextChoices):
        MANAGEMENT_LEADERSHIP = "management_leadership", "Management and leadership framework"
        BOARD = "board", "Board leadership competency framework"

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    publisher = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class FrameworkVersion(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    class Wording(models.TextChoices):
        CARELEAD = "carelead", "carelead's wording"
        OFFICIAL = "official", "Official text"

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    #: The CASE CFDocument identifier.
    identifier = models.UUIDField(default=uuid.uuid4, unique=True)
    version = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField(null=True, blank=True)
    retired_on = models.DateField(null=True, blank=True)
    #: The first day the version is in force (e.g. 2026-04-01 for 2026/27).
    effective_from = models.DateField(null=True, blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    source = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(blank=True)
    licence = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["framework__title", "-effective_from", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version"], name="framework_version_unique"
            ),
            models.UniqueConstraint(
                fields=["framework"],
                condition=Q(status="published"),
                name="framework_one_published_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.title} {self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Stage(models.Model):
    """A stage a version describes: Fundamental, Stage 1 to Stage 4; or "Board"."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="stages")
    code = models.SlugField(max_length=30)
    name = models.CharField(max_length=100)
    #: Order of seniority: the stage below a stage is the one with the next lower rank.
    rank = models.PositiveSmallIntegerField()
    summary = models.TextField(blank=True)
    identifier = models.UUIDField(default=uuid.uuid4)

    class Meta:
        ordering = ["version", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="stage_code_unique"),
            models.UniqueConstraint(fields=["version", "rank"], name="stage_rank_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One node of a version's tree (a CASE CFItem)."""

    class Kind(models.TextChoices):
        PRINCIPLE = "principle", "Principle"
        FOCUS_AREA = "focus_area", "Focus area"
        STANDARD = "standard", "Standard"
        COMPETENCY = "competency", "Competency"
        DOMAIN = "domain", "Domain"
        STATEMENT = "statement", "Competency statement"
        BEHAVIOUR = "behaviour", "Behaviour"

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="items")
    #: Stable across versions when the item carries over, so versions can be compared.
    identifier = models.UUIDField(default=uuid.uuid4)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    #: Human reference, e.g. "S2.3" or "P1"; unique in a version.
    code = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    sort_order = models.PositiveIntegerField(default=0)
    wording = models.CharField(
        max_length=10, choices=FrameworkVersion.Wording.choices, default="carelead"
    )

    class Meta:
        ordering = ["version", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="item_code_unique"),
            models.UniqueConstraint(
                fields=["version", "identifier"], name="item_identifier_unique"
            ),
        ]
        indexes = [models.Index(fields=["version", "kind"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Descriptor(models.Model):
    """What good looks like for an item at a stage (first person, e.g. "I embed ...")."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="descriptors")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="descriptors")
    text = models.TextField()
    identifier = models.UUIDField(default=uuid.uuid4)
    wording = models.CharField(
        max_length=10, choices=FrameworkVersion.Wording.choices, default="carelead"
    )

    class Meta:
        ordering = ["item", "stage__rank"]
        constraints = [
            models.UniqueConstraint(fields=["item", "stage"], name="descriptor_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} at {self.stage.name}"


class Association(models.Model):
    """A link between two items other than parent and child (a CASE CFAssociation), e.g. a
    competency that a principle is related to, or an item that replaces one in an earlier
    version (the target may then be in another version)."""

    class Type(models.TextChoices):
        RELATED = "isRelatedTo", "Is related to"
        EXACT_MATCH = "exactMatchOf", "Is an exact match of"
        REPLACED_BY = "replacedBy", "Is replaced by"
        PRECEDES = "precedes", "Precedes"

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="associations"
    )
    identifier = models.UUIDField(default=uuid.uuid4)
    type = models.CharField(max_length=20, choices=Type.choices)
    origin = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="associations_out")
    destination = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="associations_in")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["type", "origin", "destination"], name="association_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.origin_id} {self.type} {self.destination_id}"


class RatingScale(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="rating_scales"
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    #: Where the scale comes from and how sure that is (e.g. "not confirmed as national").
    description = models.TextField(blank=True)
    #: Which scale appraisals use by default for this version.
    is_default = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="rating_scale_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class RatingLevel(models.Model):
    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="levels")
    #: Null for a point that is not a score (e.g. "no chance to demonstrate").
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    label = models.CharField(max_length=100)
    meaning = models.CharField(max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scale", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="rating_level_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class StageMapping(models.Model):
    """Which roles sit at which stage: data, not code. A rule matches an employment by
    management level, pay band, or board membership; the most specific match wins (see
    selectors.stage_for_employment)."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="stage_mappings"
    )
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="mappings")
    management_level = models.PositiveSmallIntegerField(null=True, blank=True)
    pay_band = models.ForeignKey(
        "people.PayBand", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_board = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["version", "stage__rank"]

    def __str__(self) -> str:
        return f"{self.stage} mapping"
