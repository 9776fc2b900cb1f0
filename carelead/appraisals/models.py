"""The standard, behaviour-based appraisal (ADR-0008): national templates, cycles opened by
organisations, appraisals moving through an explicit state machine, behaviour assessments
against the framework version the cycle fixed, objectives, development plans, evidence,
multi-source (360) feedback kept anonymous by construction, and board submissions.

An appraisal belongs to the person: it follows them if they change employer mid-cycle, and
completed appraisals stay with them (others see them only by role, scope and consent).
Appraisals are never deleted: they are cancelled with a reason.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from carelead.core.models import BaseModel, TransitionRecord


class Template(BaseModel):
    """A national appraisal template: one for staff, one for board members (data, loaded
    from appraisals/data)."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        BOARD = "board", "Board member"

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    guidance = models.TextField(blank=True)
    #: The framework a cycle on this template assesses against (the cycle fixes the version).
    framework = models.ForeignKey("standards.Framework", on_delete=models.PROTECT, related_name="+")
    #: Managers at or above this management level need an EDI objective (board: everyone).
    edi_objective_from_management_level = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Smallest group of 360 responses shown on its own (pooled otherwise).
    feedback_min_group_size = models.PositiveSmallIntegerField(default=3)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class Cycle(BaseModel):
    """An organisation's appraisal window on one template and framework version."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="appraisal_cycles"
    )
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="cycles")
    #: Fixed when the cycle opens: last year's appraisals keep the version they were made with.
    framework_version = models.ForeignKey(
        "standards.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    opens_on = models.DateField()
    closes_on = models.DateField()
    # Deadlines inside the window; reminders go before and after each.
    preparation_due_on = models.DateField()
    discussion_due_on = models.DateField()
    sign_off_due_on = models.DateField()
    feedback_min_group_size = models.PositiveSmallIntegerField(default=3)
    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opens_on", "organisation"]
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="cycle_window_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CycleException(BaseModel):
    """An eligible employment that could not be given an appraisal automatically when the
    cycle opened, for the people lead to resolve."""

    class Reason(models.TextChoices):
        NO_LINE_MANAGER = "no_line_manager", "No line manager recorded"
        MANAGER_NOT_CURRENT = "manager_not_current", "Line manager has left"
        MANAGER_ON_LEAVE = "manager_on_leave", "Line manager is on leave"
        NO_STAGE = "no_stage", "No framework stage for the role"
        OTHER = "other", "Other"

    class Resolution(models.TextChoices):
        APPRAISER_ASSIGNED = "appraiser_assigned", "Appraiser assigned"
        EXCLUDED = "excluded", "Not appraised this cycle"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="exceptions")
    employment = models.ForeignKey("people.Employment", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=24, choices=Reason.choices)
    detail = models.CharField(max_length=300, blank=True)
    resolution = models.CharField(max_length=24, choices=Resolution.choices, blank=True)
    resolution_note = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["cycle", "resolved_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "employment"], name="one_exception_per_employment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_reason_display()}"


class OrganisationalPriority(BaseModel):
    """A priority an organisation asks objectives to link to."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["organisation", "sort_order", "title"]
        verbose_name_plural = "organisational priorities"

    def __str__(self) -> str:
        return self.title


class Appraisal(BaseModel):
    """One person's appraisal in one cycle. Its status changes only through the transition
    table in ``appraisals.services.workflow``; every change is an AppraisalTransition row."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        PREPARING = "preparing", "Preparing"
        READY_TO_DISCUSS = "ready_to_discuss", "Ready to discuss"
        DISCUSSED = "discussed", "Discussed"
        AWAITING_SIGN_OFF = "awaiting_sign_off", "Waiting for appraisee sign-off"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    class BoardRole(models.TextChoices):
        NONE = "", "Not a board member"
        CHAIR = "chair", "Chair"
        NED = "ned", "Non-executive director"
        CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
        EXECUTIVE_DIRECTOR = "executive_director", "Executive director"

    class Aspiration(models.TextChoices):
        NONE = "", "Not said"
        DEPTH = "depth", "Depth: grow in my current role"
        BREADTH = "breadth", "Breadth: a different role at a similar level"
        STRETCH = "stretch", "Stretch: a bigger role or more complexity"

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="appraisals")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    #: The employment the appraisal was made for (kept if the person moves mid-cycle).
    employment = models.ForeignKey("people.Employment", on_delete=models.PROTECT, related_name="+")
    #: Denormalised from the cycle, so organisation roll-ups need no join.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    appraiser = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: Set when the appraiser was delegated by someone else (who and why).
    delegated_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delegation_reason = models.CharField(max_length=300, blank=True)
    board_role = models.CharField(
        max_length=20, choices=BoardRole.choices, blank=True, default=BoardRole.NONE
    )
    #: The framework stage assessed (from the role when the appraisal was made).
    stage = models.ForeignKey("standards.Stage", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    reflection = models.TextField(blank=True)
    # The wellbeing conversation: only whether it was offered and held is recorded for the
    # organisation; the optional note is seen by the two of them only, and never exported,
    # audited in content, shared with a new manager or shown in any roll-up.
    wellbeing_offered_on = models.DateField(null=True, blank=True)
    wellbeing_held_on = models.DateField(null=True, blank=True)
    wellbeing_note = models.TextField(blank=True)
    career_aspiration = models.CharField(
        max_length=8, choices=Aspiration.choices, blank=True, default=Aspiration.NONE
    )
    career_aspiration_note = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    appraisee_comment = models.TextField(blank=True)
    appraiser_signed_at = models.DateTimeField(null=True, blank=True)
    appraisee_signed_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    #: The appraisee's consent for a future line manager to see this appraisal's summary,
    #: objectives and development plan (never the wellbeing conversation).
    share_with_new_manager = models.BooleanField(default=False)
    # Board appraisals: chairs' go to the region by 30 June, NEDs' by 30 September.
    submission_due_on = models.DateField(null=True, blank=True)
    submitted_to_region_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["cycle", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "person"],
                condition=~Q(status="cancelled"),
                name="one_live_appraisal_per_cycle",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["appraiser", "status"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.cycle}"


class AppraisalTransition(TransitionRecord):
    """One change of an appraisal's status: immutable, attributed, with the table's action
    (``workflow.CREATE`` for the row that records creation)."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=30)

    class Meta(TransitionRecord.Meta):
        pass


class BehaviourAssessment(models.Model):
    """One behaviour (a Code principle, a competency of the stage, or a board domain),
    rated by the appraisee with evidence, by the appraiser with a comment, and agreed."""

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="behaviour_assessments"
    )
    item = models.ForeignKey("standards.Item", on_delete=models.PROTECT, related_name="+")
    self_rating = models.ForeignKey(
        "standards.RatingLevel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    self_evidence = models.TextField(blank=True)
    appraiser_rating = models.ForeignKey(
        "standards.RatingLevel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    appraiser_comment = models.TextField(blank=True)
    agreed_rating = models.ForeignKey(
        "standards.RatingLevel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["appraisal", "item__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "item"], name="one_assessment_per_item"),
        ]
        indexes = [models.Index(fields=["item", "agreed_rating"])]

    def __str__(self) -> str:
        return f"{self.appraisal_id}: {self.item_id}"


class Objective(BaseModel):
    """A SMART objective: what (specific), how success is measured, why it matters
    (relevant; achievable is agreed in the discussion), and by when (time-bound)."""

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        ACHIEVED = "achieved", "Achieved"
        NOT_ACHIEVED = "not_achieved", "Not achieved"
        CARRIED_FORWARD = "carried_forward", "Carried forward"

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(max_length=200)
    description = models.TextField()
    measure = models.TextField()
    relevance = models.TextField(blank=True)
    due_on = models.DateField()
    priority = models.ForeignKey(
        OrganisationalPriority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="objectives",
    )
    is_edi = models.BooleanField(default=False)
    progress = models.CharField(
        max_length=16, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    progress_note = models.TextField(blank=True)
    #: Last year's objective this one carries forward.
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["appraisal", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.title


class DevelopmentItem(BaseModel):
    """One item of the development plan, linked to a standard (competency) and, where one
    fits, a programme in learning to apply for or enrol on."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CARRIED_FORWARD = "carried_forward", "Carried forward"

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="development_items"
    )
    description = models.TextField()
    item = models.ForeignKey(
        "standards.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(
        "learning.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    due_on = models.DateField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["appraisal", "sort_order", "pk"]
        indexes = [models.Index(fields=["programme"]), models.Index(fields=["item"])]

    def __str__(self) -> str:
        return self.description[:60]


class Evidence(BaseModel):
    """A piece of evidence the person keeps and can attach to any of their appraisals."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)
    occurred_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-occurred_on", "-pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title


class AppraisalEvidence(models.Model):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="evidence")
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="uses")
    #: The behaviour the evidence supports, if any.
    item = models.ForeignKey(
        "standards.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "evidence"], name="evidence_once"),
        ]

    def __str__(self) -> str:
        return f"{self.appraisal_id}: {self.evidence_id}"


class Reminder(models.Model):
    """A deadline reminder sent about an appraisal; one row per kind, never sent twice."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "kind"], name="appraisal_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.appraisal_id}"


# --- Multi-source (360) feedback -------------------------------------------------------------
#
# Anonymity is built into the tables: an invitation records only that its rater responded
# (and on what day), and a response records only its relationship group, never which
# invitation it came from. Free text is kept apart from the ratings, with no group. The
# selectors then show groups only at or above the cycle's minimum group size, pooled
# otherwise, and never a total that would let a hidden group be worked out.


class FeedbackRequest(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    appraisal = models.OneToOneField(
        Appraisal, on_delete=models.PROTECT, related_name="feedback_request"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closes_on = models.DateField()
    min_group_size = models.PositiveSmallIntegerField(default=3)

    def __str__(self) -> str:
        return f"Feedback for {self.appraisal}"


class Relationship(models.TextChoices):
    LINE_MANAGER = "line_manager", "Line manager"
    PEER = "peer", "Peer"
    DIRECT_REPORT = "direct_report", "Direct report"
    PARTNER = "partner", "Partner, including social care"
    OTHER = "other", "Other"


class FeedbackInvitation(BaseModel):
    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        RESPONDED = "responded", "Responded"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    request = models.ForeignKey(
        FeedbackRequest, on_delete=models.CASCADE, related_name="invitations"
    )
    relationship = models.CharField(max_length=16, choices=Relationship.choices)
    #: A rater in carelead; outside raters have only a name and email.
    rater = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    #: SHA-256 of the one-time link's token; the token itself is only ever in the email.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_on = models.DateField()
    reminded_on = models.DateField(null=True, blank=True)
    #: A day, not a time, so it cannot be matched to a response.
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["request", "relationship", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"


class FeedbackResponse(models.Model):
    # A random key, so the order responses were stored in cannot be matched to the order
    # invitations were answered.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="responses")
    relationship = models.CharField(max_length=16, choices=Relationship.choices)

    def __str__(self) -> str:
        return f"{self.get_relationship_display()} response"


class FeedbackRating(models.Model):
    # Random keys here and on comments too: sequential ones would give away the order
    # answers arrived in, which the invitations' answered dates could then be matched to.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey("standards.Item", on_delete=models.PROTECT, related_name="+")
    #: Null: the rater had no chance to see this behaviour.
    value = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_rating_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


class FeedbackComment(models.Model):
    """Free text, unattributed: no rater, no response, no group."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Kind(models.TextChoices):
        STRENGTHS = "strengths", "What they do well"
        DEVELOPMENT = "development", "What they could do more of, or differently"

    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()

    def __str__(self) -> str:
        return f"{self.get_kind_display()} comment"
