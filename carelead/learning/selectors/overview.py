"""Regional and national learning figures: induction on time, programme places, completion
rates and credentials issued.

Every figure is a grouped aggregate over the whole scope, so the page runs the same handful of
queries whether a region has two organisations or two hundred. Who sees what comes from the
user's role assignments only (see accounts.scoping): the implementation office is national, a
regional talent lead sees their region. Drilling into a region outside that scope is a 404.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.http import Http404

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.learning.models import Cohort, Credential, Enrolment, Programme
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.people.models import Employment, current_q

OVERVIEW_ROLES = (Role.REGIONAL_TALENT_LEAD, Role.IMPLEMENTATION_OFFICE)

#: Rates over fewer than this many people are not shown: a rate over three people swings by a
#: third when one of them finishes late, which misleads more than it informs.
MIN_DENOMINATOR = 5


@dataclass(frozen=True)
class OverviewScope:
    """What the figures cover: every region (national), a set of regions grouped by region,
    or one region broken down by organisation (``region`` set)."""

    national: bool
    regions: list[Organisation]
    region: Organisation | None = None

    @property
    def by_organisation(self) -> bool:
        return self.region is not None

    @property
    def is_empty(self) -> bool:
        return not self.national and not self.regions

    def organisation_q(self, prefix: str = "") -> Q:
        """Organisations inside this scope (a region counts as inside itself)."""
        if self.region is not None:
            return Q(**{f"{prefix}id": self.region.pk}) | Q(
                **{f"{prefix}region_id": self.region.pk}
            )
        if self.national:
            return Q()
        ids = [r.pk for r in self.regions]
        return Q(**{f"{prefix}id__in": ids}) | Q(**{f"{prefix}region_id__in": ids})

    def cohort_q(self, prefix: str = "") -> Q:
        if self.region is not None:
            return Q(**{f"{prefix}region_id": self.region.pk})
        if self.national:
            return Q()
        return Q(**{f"{prefix}region_id__in": [r.pk for r in self.regions]})


def rate(numerator: int, denominator: int) -> float | None:
    """numerator ÷ denominator, or None when the denominator is too small to mean much."""
    if denominator < MIN_DENOMINATOR:
        return None
    return numerator / denominator


@dataclass(frozen=True)
class InductionRow:
    code: str
    name: str
    enrolled: int
    due: int
    on_time: int
    overdue: int

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.on_time, self.due)


@dataclass(frozen=True)
class PlacesRow:
    kind: str
    label: str
    cohorts: int
    places: int
    enrolled: int

    @property
    def places_left(self) -> int:
        # Cohorts never take more than their places (enrolment_create refuses), so the
        # difference of the sums is the sum of the differences.
        return max(self.places - self.enrolled, 0)


@dataclass(frozen=True)
class CompletionRow:
    kind: str
    label: str
    ended: int
    completed: int

    @property
    def withdrawn(self) -> int:
        return self.ended - self.completed

    @property
    def completion_rate(self) -> float | None:
        return rate(self.completed, self.ended)


@dataclass(frozen=True)
class CredentialRow:
    stage: str
    issued: int
    active: int

    @property
    def revoked(self) -> int:
        return self.issued - self.active


@dataclass
class OverviewFigures:
    scope: OverviewScope
    today: datetime.date
    induction: list[InductionRow] = field(default_factory=list)
    induction_total: InductionRow | None = None
    places: list[PlacesRow] = field(default_factory=list)
    completions: list[CompletionRow] = field(default_factory=list)
    credentials: list[CredentialRow] = field(default_factory=list)


def overview_scope(user, *, region_code: str | None = None) -> OverviewScope:
    """The scope of the overview for ``user``; ``region_code`` narrows it to one region.

    Raises Http404 for a region the user cannot see (or that is not a region), so a guessed
    code reveals nothing.
    """
    national = scoping.is_national(user, *OVERVIEW_ROLES)
    regions = list(
        scoping.organisations_in_scope(user, *OVERVIEW_ROLES)
        .filter(kind=OrganisationKind.REGION)
        .order_by("name")
    )
    if region_code:
        region = next((r for r in regions if r.ods_code == region_code), None)
        if region is None:
            raise Http404("No such region in your scope.")
        return OverviewScope(national=national, regions=regions, region=region)
    if not national and len(regions) == 1:
        return OverviewScope(national=False, regions=regions, region=regions[0])
    return OverviewScope(national=national, regions=regions)


def _induction(scope: OverviewScope, today: datetime.date) -> list[InductionRow]:
    if scope.by_organisation:
        keys = ("organisation_id", "organisation__ods_code", "organisation__name")
    else:
        keys = (
            "organisation__region_id",
            "organisation__region__ods_code",
            "organisation__region__name",
        )
    due = Q(due_on__lte=today)
    rows = (
        Enrolment.objects.filter(
            scope.organisation_q("organisation__"),
            programme__kind=Programme.Kind.NATIONAL_INDUCTION,
            organisation__isnull=False,
        )
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values(*keys)
        .annotate(
            enrolled=Count("id"),
            due=Count("id", filter=due),
            on_time=Count(
                "id",
                filter=due & Q(status=Enrolment.Status.COMPLETED, completed_on__lte=F("due_on")),
            ),
            overdue=Count("id", filter=Q(due_on__lt=today, status=Enrolment.Status.ENROLLED)),
        )
        .order_by(keys[2])
    )
    return [
        InductionRow(
            code=row[keys[1]] or "",
            name=row[keys[2]] or "No region recorded",
            enrolled=row["enrolled"],
            due=row["due"],
            on_time=row["on_time"],
            overdue=row["overdue"],
        )
        for row in rows
    ]


def _places(scope: OverviewScope) -> list[PlacesRow]:
    cohorts = {
        row["programme__kind"]: row
        for row in Cohort.objects.filter(scope.cohort_q())
        .values("programme__kind")
        .annotate(cohorts=Count("id"), places=Sum("places"))
        .order_by()
    }
    enrolled = dict(
        Enrolment.objects.filter(scope.cohort_q("cohort__"), cohort__isnull=False)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values("cohort__programme__kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("cohort__programme__kind", "n")
    )
    return [
        PlacesRow(
            kind=kind,
            label=label,
            cohorts=cohorts[kind]["cohorts"],
            places=cohorts[kind]["places"] or 0,
            enrolled=enrolled.get(kind, 0),
        )
        for kind, label in Programme.Kind.choices
        if kind in cohorts
    ]


def _completions(scope: OverviewScope) -> list[CompletionRow]:
    ended = {
        row["programme__kind"]: row
        for row in Enrolment.objects.filter(
            scope.organisation_q("organisation__"),
            organisation__isnull=False,
            status__in=[Enrolment.Status.COMPLETED, Enrolment.Status.WITHDRAWN],
        )
        .values("programme__kind")
        .annotate(
            ended=Count("id"),
            completed=Count("id", filter=Q(status=Enrolment.Status.COMPLETED)),
        )
        .order_by()
    }
    return [
        CompletionRow(kind, label, ended[kind]["ended"], ended[kind]["completed"])
        for kind, label in Programme.Kind.choices
        if kind in ended
    ]


def _credentials(scope: OverviewScope, today: datetime.date) -> list[CredentialRow]:
    credentials = Credential.objects.all()
    if not scope.national or scope.by_organisation:
        # A credential belongs to a person, not an employer: count it where the person
        # works now.
        works_here = Employment.objects.filter(
            current_q(today), scope.organisation_q("organisation__"), person=OuterRef("person")
        )
        credentials = credentials.filter(Exists(works_here))
    rows = (
        credentials.values("stage__rank", "stage__name")
        .annotate(
            issued=Count("id"),
            active=Count("id", filter=Q(status=Credential.Status.ACTIVE)),
        )
        .order_by("stage__rank", "stage__name")
    )
    return [CredentialRow(row["stage__name"], row["issued"], row["active"]) for row in rows]


def _total(rows: list[InductionRow]) -> InductionRow:
    return InductionRow(
        code="",
        name="Total",
        enrolled=sum(r.enrolled for r in rows),
        due=sum(r.due for r in rows),
        on_time=sum(r.on_time for r in rows),
        overdue=sum(r.overdue for r in rows),
    )


def learning_overview(scope: OverviewScope, *, today: datetime.date) -> OverviewFigures:
    """All the overview's figures for ``scope`` on ``today``, in five queries."""
    figures = OverviewFigures(scope=scope, today=today)
    if scope.is_empty:
        return figures
    figures.induction = _induction(scope, today)
    if not scope.by_organisation:
        # Every region the user can see gets a line, even before anyone there is enrolled.
        listed = {row.code for row in figures.induction}
        figures.induction += [
            InductionRow(r.ods_code, r.name, 0, 0, 0, 0)
            for r in scope.regions
            if r.ods_code not in listed
        ]
        figures.induction.sort(key=lambda row: (row.code == "", row.name))
    figures.induction_total = _total(figures.induction)
    figures.places = _places(scope)
    figures.completions = _completions(scope)
    figures.credentials = _credentials(scope, today)
    return figures
