from django.db import models
from django.db.models import Q

from carelead.core.models import BaseModel
from carelead.core.periods import in_force_q


class OrganisationKind(models.TextChoices):
    REGION = "region", "NHS England region"
    ICB = "icb", "Integrated care board"
    NHS_TRUST = "nhs_trust", "NHS trust"
    FOUNDATION_TRUST = "foundation_trust", "NHS foundation trust"
    GP_PRACTICE = "gp_practice", "GP practice"
    PCN = "pcn", "Primary care network"
    SOCIAL_CARE_PROVIDER = "social_care_provider", "Adult social care provider"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NATIONAL_BODY = "national_body", "National body"
    REGULATOR = "regulator", "Regulator"
    TRAINING_PROVIDER = "training_provider", "Training provider"


#: Kinds whose staff work in health (the rest are social care or neither).
HEALTH_KINDS = {
    OrganisationKind.ICB,
    OrganisationKind.NHS_TRUST,
    OrganisationKind.FOUNDATION_TRUST,
    OrganisationKind.GP_PRACTICE,
    OrganisationKind.PCN,
}
SOCIAL_CARE_KINDS = {OrganisationKind.SOCIAL_CARE_PROVIDER, OrganisationKind.LOCAL_AUTHORITY}


def open_q(day=None, *, prefix: str = "") -> Q:
    """Organisations open on ``day``: opened by then (or no date known) and not yet closed."""
    return in_force_q(day, start="opened_on", end="closed_on", prefix=prefix, open_start=True)


def segment_in_force_q(day=None, *, prefix: str = "") -> Q:
    """Oversight segments in force on ``day``."""
    return in_force_q(day, start="effective_from", end="effective_to", prefix=prefix)


class OrganisationQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(open_q(day))

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)


class Organisation(BaseModel):
    """Any body carelead knows: regions and ICBs as well as employers.

    ``region`` and ``icb`` are the current parents, kept up to date by the services
    from the effective-dated history in :class:`OrganisationParent`, so that scoping a
    query to a region or ICB is one indexed join.
    """

    ods_code = models.CharField("ODS code", max_length=12, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices, db_index=True)
    aliases = models.JSONField(default=list, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    region = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.REGION},
    )
    icb = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.ICB},
    )
    postcode = models.CharField(max_length=10, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["region", "kind"]), models.Index(fields=["icb", "kind"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.ods_code})"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class OrganisationParent(BaseModel):
    """Effective-dated membership: an ICB in a region, a trust in an ICB, a practice in a PCN."""

    class Relationship(models.TextChoices):
        IN_REGION = "in_region", "In region"
        IN_ICB = "in_icb", "In ICB"
        IN_PCN = "in_pcn", "In primary care network"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="parents")
    parent = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="children")
    relationship = models.CharField(max_length=16, choices=Relationship.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "relationship", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "parent", "relationship", "valid_from"],
                name="organisation_parent_unique_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.ods_code} {self.relationship} {self.parent.ods_code}"


class Succession(BaseModel):
    """A predecessor closing into a successor (a merger, or part of a split)."""

    predecessor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="predecessions"
    )
    effective_on = models.DateField()
    partial = models.BooleanField(
        default=False, help_text="Only part of the predecessor moves to this successor."
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["effective_on", "predecessor__ods_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_on"], name="succession_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.ods_code} → {self.successor.ods_code} ({self.effective_on})"


class BoundaryCode(BaseModel):
    """ONS boundary codes change without the ODS code changing (QRL: E54000042 → E54000067)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="boundary_codes"
    )
    ons_code = models.CharField("ONS code", max_length=9)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ons_code"], name="boundary_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.ons_code


class OversightSegment(BaseModel):
    """NHS Oversight Framework segment, effective-dated. Segment 5 is the Recovery Support
    Programme."""

    class Segment(models.IntegerChoices):
        ONE = 1, "1 – consistently high performing"
        TWO = 2, "2 – good performance"
        THREE = 3, "3 – some issues"
        FOUR = 4, "4 – significant issues"
        FIVE = 5, "5 – Recovery Support Programme"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="segments"
    )
    segment = models.PositiveSmallIntegerField(choices=Segment.choices)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["organisation", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "effective_from"], name="segment_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(segment__gte=1) & Q(segment__lte=5), name="segment_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"Segment {self.segment} from {self.effective_from}"


class CqcRating(BaseModel):
    class Rating(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
        INADEQUATE = "inadequate", "Inadequate"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cqc_ratings"
    )
    overall = models.CharField(max_length=24, choices=Rating.choices)
    well_led = models.CharField(max_length=24, choices=Rating.choices, blank=True)
    rated_on = models.DateField()

    class Meta:
        ordering = ["organisation", "-rated_on"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "rated_on"], name="cqc_rating_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_overall_display()} ({self.rated_on})"
