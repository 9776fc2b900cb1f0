from django.db import models
from django.db.models import Q

from carelead.core.models import BaseModel
from carelead.core.periods import in_force_q
from carelead.organisations.models import Organisation


class StaffGroup(models.Model):
    """ESR staff groups; loaded from data/staff_groups.csv."""

    code = models.CharField(max_length=40, primary_key=True)
    name = models.CharField(max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class PayBand(models.Model):
    """Agenda for Change bands 1–9 (8a–8d), VSM and medical and dental grades; from
    data/pay_bands.csv. ``rank`` orders bands by seniority within and across families."""

    class Family(models.TextChoices):
        AFC = "afc", "Agenda for Change"
        VSM = "vsm", "Very senior manager"
        MEDICAL = "medical", "Medical and dental"
        OTHER = "other", "Other or non-NHS"

    code = models.CharField(max_length=20, primary_key=True)
    name = models.CharField(max_length=120)
    family = models.CharField(max_length=10, choices=Family.choices)
    rank = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["rank", "code"]

    def __str__(self) -> str:
        return self.name


class Person(BaseModel):
    """One person, one identity, whichever employers they work for."""

    person_number = models.CharField(
        max_length=20, unique=True, help_text="ESR person number, stable across employers."
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True, db_index=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["family_name", "given_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


def current_q(day=None, *, prefix: str = "") -> Q:
    """Employments current on ``day`` (today by default); ``prefix`` reaches one through a
    relation, e.g. ``"line_manager__"``."""
    return in_force_q(day, start="start_date", end="end_date", prefix=prefix)


class EmploymentQuerySet(models.QuerySet):
    def current(self, on=None):
        return self.filter(current_q(on))


class Employment(BaseModel):
    """One assignment: a person working for an organisation in a role."""

    class ManagementLevel(models.IntegerChoices):
        ONE = 1, "1 – first-line manager"
        TWO = 2, "2 – middle manager"
        THREE = 3, "3 – senior manager"
        FOUR = 4, "4 – director"
        FIVE = 5, "5 – chief executive or board"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="employments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="employments"
    )
    assignment_number = models.CharField(max_length=30)
    job_title = models.CharField(max_length=200)
    staff_group = models.ForeignKey(StaffGroup, on_delete=models.PROTECT, related_name="+")
    pay_band = models.ForeignKey(
        PayBand, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    management_level = models.PositiveSmallIntegerField(
        choices=ManagementLevel.choices, null=True, blank=True
    )
    line_manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    fte = models.DecimalField("FTE", max_digits=4, decimal_places=2, default=1)

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "assignment_number"], name="employment_assignment_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(fte__gte=0) & Q(fte__lte=2), name="employment_fte_range"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "end_date"]),
            models.Index(fields=["line_manager"]),
            # "First employment anywhere" for the national induction reads only this index.
            models.Index(fields=["person", "start_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.job_title}, {self.organisation.name}"

    @property
    def is_current(self) -> bool:
        from django.utils import timezone

        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class EqualityOption(models.Model):
    """Reference values for each equality monitoring question, from data/equality_options.csv.

    ``wres_group`` maps an ethnic category to the WRES grouping (white, bme, or blank for
    not stated / not known); the equality app reads it for aggregates.
    """

    class Question(models.TextChoices):
        ETHNIC_CATEGORY = "ethnic_category", "Ethnic group (NHS Data Dictionary)"
        ETHNICITY_2021 = "ethnicity_2021", "Ethnic group (2021 census)"
        SEX = "sex", "Sex"
        GENDER_IDENTITY = "gender_identity", "Gender identity"
        DISABILITY = "disability", "Disability"
        SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"
        RELIGION = "religion", "Religion or belief"

    question = models.CharField(max_length=32, choices=Question.choices)
    code = models.CharField(max_length=10)
    label = models.CharField(max_length=200)
    group = models.CharField(max_length=100, blank=True)
    wres_group = models.CharField(max_length=10, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_not_stated = models.BooleanField(
        default=False, help_text="'Prefer not to say' or 'not known': excluded from rates."
    )

    class Meta:
        ordering = ["question", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="equality_option_unique")
        ]

    def __str__(self) -> str:
        return self.label


class EqualityMonitoring(BaseModel):
    """Special category data. Only its owner sees or edits it; everyone else gets
    suppressed aggregates (see docs/adr/0002-scoping.md). Each answer is a code from
    :class:`EqualityOption`; blank means the question has not been answered yet."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="equality")
    ethnic_category = models.CharField(max_length=10, blank=True)
    ethnicity_2021 = models.CharField(max_length=10, blank=True)
    sex = models.CharField(max_length=10, blank=True)
    gender_identity = models.CharField(max_length=10, blank=True)
    disability = models.CharField(max_length=10, blank=True)
    sexual_orientation = models.CharField(max_length=10, blank=True)
    religion = models.CharField(max_length=10, blank=True)
    version = models.PositiveIntegerField(default=1)

    QUESTIONS = [q.value for q in EqualityOption.Question]

    def __str__(self) -> str:
        # Never show the answers in a repr: this string reaches logs and the audit trail.
        return f"Equality monitoring for person {self.person_id}"


from carelead.people.imports.models import *  # noqa: E402,F401,F403
