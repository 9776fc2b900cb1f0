"""Regional career and talent management (Messenger recommendations 5 and 7): career
conversations, talent assessment and calibration, talent pools, critical roles and succession,
challenged organisations with incentives, and career pathways (ADR-0009).

Talent records follow the person, not an employment: a pool membership, a succession
candidacy or an approach names the person, and the employment and organisation at the time
are kept as context (and for scope). Grid labels, potential criteria and pathways are data,
loaded by ``load_talent_reference`` from ``talent/data/``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from carelead.core.models import BaseModel, TransitionRecord


class NotRemovedManager(models.Manager):
    """Rows still in use. Talent records are never deleted (architecture.md): a removed row
    keeps its place in the table, and ``all_objects`` still reaches it."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class Readiness(models.TextChoices):
    """How soon someone could step into a role: for pools, succession and matching."""

    READY_NOW = "ready_now", "Ready now"
    ONE_TO_TWO_YEARS = "1_2_years", "Ready in 1 to 2 years"
    THREE_PLUS_YEARS = "3_plus_years", "Ready in 3 years or more"


class GrowthCategory(models.TextChoices):
    """Scope for Growth's growth axis (domain.md part B 2.7)."""

    DEPTH = "depth", "Depth: keep growing in my current role or field"
    BREADTH = "breadth", "Breadth: broaden into other areas or functions"
    STRETCH = "stretch", "Stretch: a role of greater complexity and leadership scope"


class ScopeLevel(models.TextChoices):
    """Where a pool, calibration session or incentive package sits."""

    ORGANISATION = "organisation", "Organisation"
    ICB = "icb", "ICB"
    REGION = "region", "Region"
    NATIONAL = "national", "National"


def _grid_check(field: str, name: str, *, nullable: bool = False) -> models.CheckConstraint:
    """1 to 3 on either axis of a three-by-three grid: low, moderate, high."""
    q = Q(**{f"{field}__gte": 1}) & Q(**{f"{field}__lte": 3})
    if nullable:
        q |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=q, name=name)


# ---------------------------------------------------------------------------------------------
# Reference data: grids and potential criteria
# ---------------------------------------------------------------------------------------------


class GridPreset(BaseModel):
    """A three-by-three grid whose cell labels are data. ``talent_grid`` presets label
    calibration (performance across, potential up); ``career_conversation`` presets label the
    Scope for Growth framework (impact across, growth category up)."""

    class Kind(models.TextChoices):
        TALENT_GRID = "talent_grid", "Talent grid (performance and potential)"
        CAREER_CONVERSATION = "career_conversation", "Career conversation (impact and growth)"

    code = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    title = models.CharField(max_length=200)
    #: Where the labels come from, shown beside the grid (e.g. the HEE nine-box).
    source = models.CharField(max_length=300)
    source_url = models.URLField(blank=True)
    x_axis_label = models.CharField(max_length=60)
    y_axis_label = models.CharField(max_length=60)
    #: Names of the three levels on each axis, lowest first.
    x_levels = models.JSONField(default=list)
    y_levels = models.JSONField(default=list)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(is_default=True), name="grid_preset_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GridCell(models.Model):
    preset = models.ForeignKey(GridPreset, on_delete=models.CASCADE, related_name="cells")
    x = models.PositiveSmallIntegerField()
    y = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["preset", "-y", "x"]
        constraints = [
            models.UniqueConstraint(fields=["preset", "x", "y"], name="grid_cell_unique"),
            _grid_check("x", "grid_cell_x_range"),
            _grid_check("y", "grid_cell_y_range"),
        ]

    def __str__(self) -> str:
        return self.label


class PotentialCriterion(models.Model):
    """A stated criterion potential is judged against (HEE toolkit: aspiration, engagement,
    ability, leadership values)."""

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=100)
    question = models.CharField(max_length=300)
    #: What evidence of each rating looks like, lowest first (three entries).
    guidance = models.JSONField(default=list)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------------------------------------
# Career conversations (Scope for Growth)
# ---------------------------------------------------------------------------------------------


class CareerConversation(BaseModel):
    """A career conversation, owned by the individual: both prepare, it is held with their
    line manager or another person, and the agreed position, where they want to move and how,
    and the outcome are recorded."""

    class Status(models.TextChoices):
        PREPARING = "preparing", "Preparing"
        HELD = "held", "Held"
        RECORDED = "recorded", "Outcome recorded"
        CANCELLED = "cancelled", "Cancelled"

    class HeldWithRole(models.TextChoices):
        LINE_MANAGER = "line_manager", "Line manager"
        COACH = "coach", "Coach or mentor"
        TALENT_LEAD = "talent_lead", "Talent lead"
        OTHER = "other", "Someone else"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    #: The employment it was held in, and its organisation, for scope and context.
    employment = models.ForeignKey(
        "people.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    held_with = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    held_with_role = models.CharField(max_length=16, choices=HeldWithRole.choices)
    grid = models.ForeignKey(GridPreset, on_delete=models.PROTECT, related_name="+")
    #: The appraisal whose career aspiration it starts from, if there is one.
    appraisal = models.ForeignKey(
        "appraisals.Appraisal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREPARING)
    planned_on = models.DateField(null=True, blank=True)
    held_on = models.DateField(null=True, blank=True)
    individual_reflection = models.TextField(blank=True)
    #: Seen by the individual once the conversation is held.
    preparation_notes = models.TextField(blank=True)
    impact = models.PositiveSmallIntegerField(null=True, blank=True)
    growth_now = models.CharField(max_length=8, choices=GrowthCategory.choices, blank=True)
    growth_wanted = models.CharField(max_length=8, choices=GrowthCategory.choices, blank=True)
    where_next = models.TextField(blank=True)
    how = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [_grid_check("impact", "conversation_impact_range", nullable=True)]
        indexes = [models.Index(fields=["person", "status"]), models.Index(fields=["held_with"])]

    def __str__(self) -> str:
        return f"Career conversation {self.pk}"


class ConversationReminder(models.Model):
    """A reminder emailed about a career conversation; one row per kind, never sent twice.
    The kind carries the planned date, so a conversation moved to a new date is reminded
    again for it."""

    conversation = models.ForeignKey(
        CareerConversation, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "kind"], name="career_conversation_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.conversation_id}"


class AspirationalPlanItem(BaseModel):
    """One step of the aspirational development plan that follows a conversation."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    conversation = models.ForeignKey(
        CareerConversation, on_delete=models.CASCADE, related_name="plan_items"
    )
    description = models.TextField()
    category = models.CharField(max_length=8, choices=GrowthCategory.choices)
    programme = models.ForeignKey(
        "learning.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pathway_step = models.ForeignKey(
        "talent.PathwayStep", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    sort_order = models.PositiveSmallIntegerField(default=0)
    #: Set when the step is taken off the plan (before the outcome is recorded).
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = NotRemovedManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["conversation", "sort_order", "pk"]
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.description[:60]


# ---------------------------------------------------------------------------------------------
# Talent assessment and calibration
# ---------------------------------------------------------------------------------------------


class TalentAssessment(BaseModel):
    """A person's performance and potential as proposed by their manager (or people lead).
    Performance is drawn from appraisals; potential is judged on evidence against each
    ``PotentialCriterion``. A calibration session confirms or moves the placement."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PROPOSED = "proposed", "Proposed"
        CALIBRATED = "calibrated", "Calibrated"
        WITHDRAWN = "withdrawn", "Withdrawn"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    employment = models.ForeignKey("people.Employment", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    #: The completed appraisal performance was read from, if any.
    appraisal = models.ForeignKey(
        "appraisals.Appraisal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    performance = models.PositiveSmallIntegerField()
    performance_note = models.TextField(blank=True)
    potential = models.PositiveSmallIntegerField()
    potential_summary = models.TextField(blank=True)
    readiness = models.CharField(max_length=16, choices=Readiness.choices, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    #: Why it was withdrawn (set only then). A database default too, so set-based inserts
    #: that leave it out (the demo seeds) still write "".
    withdrawn_reason = models.TextField(blank=True, default="", db_default="")
    #: Set when a calibration session closes.
    calibrated_performance = models.PositiveSmallIntegerField(null=True, blank=True)
    calibrated_potential = models.PositiveSmallIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            _grid_check("performance", "assessment_performance_range"),
            _grid_check("potential", "assessment_potential_range"),
            _grid_check("calibrated_performance", "assessment_cal_perf_range", nullable=True),
            _grid_check("calibrated_potential", "assessment_cal_pot_range", nullable=True),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"Talent assessment {self.pk}"


class PotentialEvidence(models.Model):
    """The evidence for one criterion of an assessment's potential, with its rating (1 not
    yet shown, 2 shown, 3 strongly shown)."""

    assessment = models.ForeignKey(
        TalentAssessment, on_delete=models.CASCADE, related_name="evidence"
    )
    criterion = models.ForeignKey(PotentialCriterion, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField()
    evidence = models.TextField()

    class Meta:
        ordering = ["assessment", "criterion__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="potential_evidence_unique"
            ),
            _grid_check("rating", "potential_evidence_rating_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} evidence"


class CalibrationSession(BaseModel):
    """A facilitated session at organisation, ICB or region level that confirms or moves the
    proposed placements of the assessments in its scope, with reasons."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    level = models.CharField(
        max_length=12,
        choices=[c for c in ScopeLevel.choices if c[0] != ScopeLevel.NATIONAL],
    )
    #: The organisation, ICB or region the session covers.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    grid = models.ForeignKey(GridPreset, on_delete=models.PROTECT, related_name="+")
    scheduled_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-scheduled_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class CalibrationPlacement(BaseModel):
    """One assessment in a session: the proposed placement as it arrived and the calibrated
    one, with the reason for any move."""

    session = models.ForeignKey(
        CalibrationSession, on_delete=models.CASCADE, related_name="placements"
    )
    assessment = models.ForeignKey(
        TalentAssessment, on_delete=models.PROTECT, related_name="placements"
    )
    proposed_performance = models.PositiveSmallIntegerField()
    proposed_potential = models.PositiveSmallIntegerField()
    performance = models.PositiveSmallIntegerField()
    potential = models.PositiveSmallIntegerField()
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "assessment"], name="calibration_placement_unique"
            ),
            _grid_check("proposed_performance", "placement_prop_perf_range"),
            _grid_check("proposed_potential", "placement_prop_pot_range"),
            _grid_check("performance", "placement_perf_range"),
            _grid_check("potential", "placement_pot_range"),
        ]

    @property
    def moved(self) -> bool:
        return (self.performance, self.potential) != (
            self.proposed_performance,
            self.proposed_potential,
        )


# ---------------------------------------------------------------------------------------------
# Talent pools
# ---------------------------------------------------------------------------------------------


class TalentPool(BaseModel):
    """A regional, ICB or national pool with stated criteria. ``owner`` is the region or ICB
    organisation (none for a national pool)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for nominations"
        CLOSED = "closed", "Closed to nominations"

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    level = models.CharField(
        max_length=12,
        choices=[c for c in ScopeLevel.choices if c[0] != ScopeLevel.ORGANISATION],
    )
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_management_level = models.PositiveSmallIntegerField(null=True, blank=True)
    max_management_level = models.PositiveSmallIntegerField(null=True, blank=True)
    #: The stage the pool prepares for; members need the credential of the stage below.
    target_stage = models.ForeignKey(
        "standards.Stage", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requires_prerequisite = models.BooleanField(default=True)
    #: The least ready a member may be (blank: any readiness).
    minimum_readiness = models.CharField(max_length=16, choices=Readiness.choices, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    nominations_close_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=ScopeLevel.NATIONAL, owner__isnull=True)
                | (~Q(level=ScopeLevel.NATIONAL) & Q(owner__isnull=False)),
                name="talent_pool_owner_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PoolMembership(BaseModel):
    """A person's way through a pool: nominated (by themselves, their manager or a lead),
    decided with a reason, then a member until they move on."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", "Nominated"
        MEMBER = "member", "Member"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        MOVED_ON = "moved_on", "Moved on"

    class Route(models.TextChoices):
        SELF = "self", "Self-nomination"
        LINE_MANAGER = "line_manager", "Line manager"
        PEOPLE_LEAD = "people_lead", "People lead"
        TALENT_LEAD = "talent_lead", "Talent lead"

    pool = models.ForeignKey(TalentPool, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    #: Employment and employer at nomination, for scope and the pool's make-up.
    employment = models.ForeignKey(
        "people.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    route = models.CharField(max_length=16, choices=Route.choices)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    statement = models.TextField()
    readiness = models.CharField(max_length=16, choices=Readiness.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOMINATED)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    #: Where they went, when they moved on (e.g. "Appointed director of operations, RCB").
    moved_on_to = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pool", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "person"], name="pool_membership_unique"),
        ]
        indexes = [
            models.Index(fields=["person", "status"]),
            models.Index(fields=["pool", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.pool} membership {self.pk}"


class MembershipTransition(TransitionRecord):
    membership = models.ForeignKey(
        PoolMembership, on_delete=models.CASCADE, related_name="transitions"
    )


class DevelopmentOffer(BaseModel):
    """Development a pool offers its members, usually a programme in ``learning``."""

    pool = models.ForeignKey(TalentPool, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    programme = models.ForeignKey(
        "learning.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    places = models.PositiveIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["pool", "title"]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------------------------------------
# Critical roles and succession
# ---------------------------------------------------------------------------------------------


class CriticalRole(BaseModel):
    """A post an organisation cannot be without: the chief executive, executive directors
    and other named posts. Its succession plan is its candidates."""

    class Kind(models.TextChoices):
        CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
        EXECUTIVE_DIRECTOR = "executive_director", "Executive director"
        OTHER = "other", "Other named post"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    incumbent = models.ForeignKey(
        "people.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The framework stage of the post, for the prerequisite its successors need.
    stage = models.ForeignKey(
        "standards.Stage", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expected_vacancy_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["organisation", "kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"],
                condition=Q(is_active=True),
                name="critical_role_unique_title",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SuccessionCandidate(BaseModel):
    """A possible successor for a critical role, from any employer, with their readiness;
    one or more may be named as emergency cover."""

    role = models.ForeignKey(CriticalRole, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    readiness = models.CharField(max_length=16, choices=Readiness.choices)
    is_emergency_cover = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Set, with the reason, when the candidate is taken off the plan.
    removed_at = models.DateTimeField(null=True, blank=True)
    removal_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = NotRemovedManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["role", "readiness", "pk"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["role", "person"],
                condition=Q(removed_at__isnull=True),
                name="succession_candidate_unique",
            ),
        ]
        indexes = [models.Index(fields=["person"])]

    def __str__(self) -> str:
        return f"Candidate for {self.role}"


# ---------------------------------------------------------------------------------------------
# Challenged organisations and incentives
# ---------------------------------------------------------------------------------------------


class ApproachPreference(BaseModel):
    """Whether, and by whom, a person may be approached about roles (matching reads only
    people who opted in). Owned and changed by the person alone."""

    class Audience(models.TextChoices):
        NOBODY = "nobody", "Nobody: do not approach me"
        OWN_REGION = "own_region", "The talent team of the region I work in"
        ANY_REGION = "any_region", "Talent teams in any region"

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="approach_preference"
    )
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.NOBODY)
    challenged_organisations = models.BooleanField(
        default=False, help_text="Open to roles in organisations in NOF segment 4 or 5."
    )
    willing_to_relocate = models.BooleanField(default=False)
    interests = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Approach preference of person {self.person_id}"


class IncentivePackage(BaseModel):
    """What a region offers someone who takes a senior role in a challenged organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    region = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    pay_premium_percent = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    pay_premium_cap = models.PositiveIntegerField(null=True, blank=True, help_text="Pounds")
    pay_premium_months = models.PositiveSmallIntegerField(null=True, blank=True)
    relocation_support = models.CharField(max_length=300, blank=True)
    relocation_cap = models.PositiveIntegerField(null=True, blank=True, help_text="Pounds")
    development_offer = models.CharField(max_length=300, blank=True)
    programme = models.ForeignKey(
        "learning.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mentoring = models.BooleanField(default=False)
    peer_support_network = models.BooleanField(default=False)
    guaranteed_return = models.BooleanField(default=False)
    return_route = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["region", "title"]
        constraints = [
            # The 10 Year Health Plan's premium: up to 15%, capped at £45,000 (domain.md 2.10).
            models.CheckConstraint(
                condition=Q(pay_premium_percent__isnull=True)
                | (Q(pay_premium_percent__gt=0) & Q(pay_premium_percent__lte=15)),
                name="incentive_premium_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(pay_premium_cap__isnull=True) | Q(pay_premium_cap__lte=45000),
                name="incentive_premium_cap_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Vacancy(BaseModel):
    """A senior vacancy on the register. An organisation in NOF segment 4 or 5 may flag it
    as challenged, and the region may attach an incentive package."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FILLED = "filled", "Filled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    reference = models.CharField(max_length=20, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    critical_role = models.ForeignKey(
        CriticalRole, null=True, blank=True, on_delete=models.SET_NULL, related_name="vacancies"
    )
    management_level = models.PositiveSmallIntegerField(null=True, blank=True)
    #: The stage of the post: candidates need the credential of the stage below.
    stage = models.ForeignKey(
        "standards.Stage", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField()
    closes_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    #: Why it was withdrawn (set only then). A database default too, so set-based inserts
    #: that leave it out (the demo seeds) still write "".
    withdrawn_reason = models.TextField(blank=True, default="", db_default="")
    is_challenged = models.BooleanField(default=False)
    #: The segment in force when it was flagged (4 or 5).
    segment_when_flagged = models.PositiveSmallIntegerField(null=True, blank=True)
    flagged_at = models.DateTimeField(null=True, blank=True)
    package = models.ForeignKey(
        IncentivePackage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name_plural = "vacancies"
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Approach(BaseModel):
    """The region asking a matched person whether they would consider a vacancy."""

    class Status(models.TextChoices):
        SENT = "sent", "Waiting for a reply"
        INTERESTED = "interested", "Interested"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        APPOINTED = "appointed", "Appointed"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="approaches")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    message = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SENT)
    approached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "person"], name="approach_unique"),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"Approach about {self.vacancy}"


class VacancyPlacement(BaseModel):
    """Who filled a vacancy, from when, on which package. Still in post at 12 and 24 months
    and the organisation's segment since are read from employments and segments."""

    vacancy = models.OneToOneField(Vacancy, on_delete=models.PROTECT, related_name="placement")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    approach = models.ForeignKey(
        Approach, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The employment in the post, once the workforce record has it.
    employment = models.ForeignKey(
        "people.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    package = models.ForeignKey(
        IncentivePackage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField()
    segment_at_start = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Placement in {self.vacancy}"


# ---------------------------------------------------------------------------------------------
# Career pathways
# ---------------------------------------------------------------------------------------------


class Pathway(BaseModel):
    """A published leadership route, e.g. a GP into PCN clinical director and ICB roles."""

    class Audience(models.TextChoices):
        GENERAL_PRACTICE = "general_practice", "General practice"
        CLINICAL = "clinical", "Clinical leadership"
        SOCIAL_CARE = "social_care", "Adult social care"
        MANAGEMENT = "management", "General management"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    code = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    audience = models.CharField(max_length=20, choices=Audience.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    #: Carelead's wording, or the source the route follows.
    source = models.CharField(max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["sort_order", "title"]

    def __str__(self) -> str:
        return self.title


class PathwayStep(models.Model):
    """One role on a pathway, the credential it needs and the programmes that prepare for it.
    ``job_titles`` (lower-case fragments) recognise the step in employment history, for the
    evidence of where people went next."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    job_titles = models.JSONField(default=list)
    management_level = models.PositiveSmallIntegerField(null=True, blank=True)
    #: The stage whose credential the step needs (blank: none).
    credential_stage = models.ForeignKey(
        "standards.Stage", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    programmes = models.ManyToManyField("learning.Programme", blank=True, related_name="+")

    class Meta:
        ordering = ["pathway", "order"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "order"], name="pathway_step_unique"),
        ]

    def __str__(self) -> str:
        return self.title
