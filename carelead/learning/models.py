"""Accredited training: providers and their accreditation, programmes mapped to the
standards, cohorts, enrolments (the national induction included), mid-career programme
applications, completions and evidence, and credentials (ADR-0007).

A person's learning belongs to the person, not to an employment, so it follows them across
employers; the employment an enrolment came from is kept only as context.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from carelead.core.models import BaseModel, TransitionRecord


class Accreditation(BaseModel):
    """A training provider's accreditation by an accrediting body, over a period."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        ACCREDITED = "accredited", "Accredited"
        CONDITIONS = "conditions", "Accredited with conditions"
        SUSPENDED = "suspended", "Suspended"
        EXPIRED = "expired", "Expired"

    #: Statuses under which a provider may take new enrolments.
    ENROLLING = (Status.ACCREDITED, Status.CONDITIONS)

    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="accreditations"
    )
    accrediting_body = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.APPLIED)
    applied_on = models.DateField()
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    conditions = models.TextField(blank=True)
    status_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["provider", "-applied_on"]
        indexes = [models.Index(fields=["provider", "status"])]

    def __str__(self) -> str:
        return f"{self.provider} by {self.accrediting_body}: {self.get_status_display()}"


class Programme(BaseModel):
    class Kind(models.TextChoices):
        NATIONAL_INDUCTION = "national_induction", "National induction"
        MID_CAREER = "mid_career", "Mid-career programme"
        DEVELOPMENT_BUNDLE = "development_bundle", "Development bundle"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    code = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    #: The provider that owns and accredits the programme (cohorts may be run by others).
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="programmes"
    )
    framework_version = models.ForeignKey(
        "standards.FrameworkVersion", on_delete=models.PROTECT, related_name="programmes"
    )
    #: The stage the programme develops; completing it earns that stage's credential when
    #: ``awards_credential`` is set.
    stage = models.ForeignKey(
        "standards.Stage", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    awards_credential = models.BooleanField(default=False)
    # National induction: who is enrolled automatically, and when it is due.
    enrol_joiners_from = models.DateField(
        null=True,
        blank=True,
        help_text="National induction: people whose first employment starts on or after this "
        "day are enrolled automatically.",
    )
    due_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    # Mid-career programme eligibility (checked on application); null means no rule.
    min_management_level = models.PositiveSmallIntegerField(null=True, blank=True)
    min_months_in_management = models.PositiveSmallIntegerField(null=True, blank=True)
    applications_open_on = models.DateField(null=True, blank=True)
    applications_close_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "title"]
        constraints = [
            # One national induction is open at a time: auto-enrolment must know which.
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="national_induction", status="open"),
                name="one_open_national_induction",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeOutcome(models.Model):
    """A competency (a standards item) and the stage at which the programme develops it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="outcomes")
    item = models.ForeignKey("standards.Item", on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey("standards.Stage", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "item", "stage"], name="programme_outcome_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.item_id} at {self.stage_id}"


class Module(BaseModel):
    class DeliveryMode(models.TextChoices):
        ONLINE = "online", "Online, self-paced"
        VIRTUAL = "virtual", "Live online"
        FACE_TO_FACE = "face_to_face", "Face to face"
        BLENDED = "blended", "Blended"
        WORKPLACE = "workplace", "In the workplace"

    class Focus(models.TextChoices):
        GENERAL = "general", "General"
        #: The induction's module on the other sector: health for social care staff ...
        HEALTH = "health", "Working in health"
        #: ... and social care for health staff.
        SOCIAL_CARE = "social_care", "Working in social care"
        SHARED_VALUES = "shared_values", "Shared values"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules")
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    duration_hours = models.DecimalField(max_digits=5, decimal_places=1)
    delivery_mode = models.CharField(max_length=16, choices=DeliveryMode.choices)
    focus = models.CharField(max_length=16, choices=Focus.choices, default=Focus.GENERAL)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="module_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Cohort(BaseModel):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="cohorts"
    )
    #: The region the cohort's places are for (mid-career places are allocated by region).
    region = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.SlugField(max_length=60, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    places = models.PositiveIntegerField()
    is_online = models.BooleanField(default=False)
    location = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="cohort_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.title}: {self.code}"


class Enrolment(BaseModel):
    class Source(models.TextChoices):
        AUTOMATIC = "automatic", "Enrolled automatically"
        APPLICATION = "application", "Place offered on application"
        SELF = "self", "Enrolled themselves"
        MANAGER = "manager", "Enrolled by their manager"
        PROVIDER = "provider", "Enrolled by the provider"

    class Status(models.TextChoices):
        ENROLLED = "enrolled", "Enrolled"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="enrolments")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.PROTECT, related_name="enrolments"
    )
    #: The employment the enrolment came from (context only: it survives a change of job).
    employment = models.ForeignKey(
        "people.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Denormalised from ``employment`` at enrolment, so organisation reports need no join
    #: through a person's history.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ENROLLED)
    enrolled_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-enrolled_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"],
                condition=~Q(status="withdrawn"),
                name="one_live_enrolment_per_programme",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "status", "due_on"]),
            models.Index(fields=["organisation", "programme"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.programme}"


class Reminder(models.Model):
    """An email reminder sent about an enrolment's due date; one row per kind, so a
    reminder is never sent twice."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", "Before the due date"
        OVERDUE = "overdue", "After the due date"

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for enrolment {self.enrolment_id}"


class Application(BaseModel):
    """An application to the mid-career programme. Its status changes only through the
    transition table in ``learning.services.applications``; every change is an
    ApplicationTransition row."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for line manager"
        MANAGER_SUPPORTED = "manager_supported", "Supported by line manager"
        MANAGER_DECLINED = "manager_declined", "Not supported by line manager"
        SHORTLISTED = "shortlisted", "Shortlisted"
        NOT_SHORTLISTED = "not_shortlisted", "Not shortlisted"
        OFFERED = "offered", "Place offered"
        NOT_OFFERED = "not_offered", "Not offered a place"
        ACCEPTED = "accepted", "Place accepted"
        DECLINED = "declined", "Place declined"
        ALLOCATED = "allocated", "Allocated to a cohort"
        WITHDRAWN = "withdrawn", "Withdrawn"

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    employment = models.ForeignKey("people.Employment", on_delete=models.PROTECT, related_name="+")
    #: The applicant's line manager when they applied, who supports or declines.
    line_manager = models.ForeignKey(
        "people.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    #: Places are allocated by region; denormalised for the panel's scope.
    region = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    statement = models.TextField()
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )
    submitted_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"],
                condition=~Q(
                    status__in=[
                        "withdrawn",
                        "manager_declined",
                        "not_shortlisted",
                        "not_offered",
                        "declined",
                    ]
                ),
                name="one_live_application_per_programme",
            ),
        ]
        indexes = [models.Index(fields=["programme", "region", "status"])]

    def __str__(self) -> str:
        return f"{self.person} for {self.programme}"


class ApplicationTransition(TransitionRecord):
    """One change of an application's status: immutable, attributed."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionRecord.Meta):
        pass


class Completion(BaseModel):
    """Learning a person completed: a programme or a module recorded by its provider, or
    learning elsewhere that the person declares with evidence (which waits for
    verification)."""

    class Source(models.TextChoices):
        PROVIDER_PAGE = "provider_page", "Recorded by the provider"
        PROVIDER_FILE = "provider_file", "Uploaded by the provider"
        API = "api", "Sent by the provider's system"
        SELF_DECLARED = "self_declared", "Declared by the person"

    class Status(models.TextChoices):
        VERIFIED = "verified", "Verified"
        AWAITING_VERIFICATION = "awaiting", "Waiting for verification"
        REJECTED = "rejected", "Not verified"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="completions"
    )
    module = models.ForeignKey(
        Module, null=True, blank=True, on_delete=models.PROTECT, related_name="completions"
    )
    enrolment = models.ForeignKey(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="completions"
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: Self-declared learning: what and who ran it.
    title = models.CharField(max_length=200, blank=True)
    provider_name = models.CharField(max_length=200, blank=True)
    hours = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    completed_on = models.DateField()
    source = models.CharField(max_length=16, choices=Source.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    evidence = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_note = models.TextField(blank=True)
    #: The sender's idempotency key (API and files): the same key from the same provider
    #: records one completion, however often it is sent.
    idempotency_key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="completion_idempotency_key_unique",
            ),
        ]
        indexes = [models.Index(fields=["person", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.programme or self.title}"


class Credential(BaseModel):
    """The credential for a stage, earned by completing accredited training for it. Its
    public page (by ``public_id``) shows name, credential, issuer, date and status only."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Valid"
        REVOKED = "revoked", "Revoked"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey("standards.Stage", on_delete=models.PROTECT, related_name="+")
    framework_version = models.ForeignKey(
        "standards.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    completion = models.OneToOneField(
        Completion, null=True, blank=True, on_delete=models.PROTECT, related_name="credential"
    )
    issuer = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    revoked_on = models.DateField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-issued_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "stage"],
                condition=Q(status="active"),
                name="one_active_credential_per_stage",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.stage}"
