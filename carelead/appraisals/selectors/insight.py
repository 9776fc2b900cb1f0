"""Appraisal figures for the system: the people lead dashboard, roll-ups by ICB, region and
nation, the capability heatmap, development demand and the people lead's CSV export.

Every figure is a grouped aggregate: the dashboard and each roll-up read their appraisals in
one GROUP BY query (by staff group and management level, or by organisation) and add the rows
up in Python, so the number of queries never depends on how many appraisals there are.

Scope comes only from the user's role assignments (accounts.scoping): a people lead sees
their organisation, a regional talent lead their region (by ICB and organisation), the
implementation office the nation. A code for anything outside answers 404.

Small numbers: a figure about fewer than ``CARELEAD_SUPPRESSION_MINIMUM`` appraisals (10 by
default) in a breakdown row, a quality rate or a heatmap cell is replaced by None (shown as
"–"). Whole-organisation completion counts are not suppressed: they say how far the
organisation has got, not anything about a person. The wellbeing note and all text content
are never read here.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field, fields

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from carelead.accounts import scoping
from carelead.accounts.roles import Role, ScopeLevel
from carelead.appraisals.models import (
    Appraisal,
    BehaviourAssessment,
    Cycle,
    DevelopmentItem,
    Objective,
    Template,
)
from carelead.appraisals.policy import edi_objective_required_q
from carelead.appraisals.workflow import LIVE
from carelead.learning.models import Cohort, Enrolment, Programme
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.people.models import Employment
from carelead.people.selectors import suppress
from carelead.standards.models import FrameworkVersion, Item, RatingLevel, Stage

S = Appraisal.Status
INSIGHT_ROLES = (Role.PEOPLE_LEAD, Role.REGIONAL_TALENT_LEAD, Role.IMPLEMENTATION_OFFICE)
#: Before the discussion: the statuses a missed discussion deadline counts against.
NOT_DISCUSSED = (S.NOT_STARTED, S.PREPARING, S.READY_TO_DISCUSS)
NOT_PREPARED = (S.NOT_STARTED, S.PREPARING)
#: Completed appraisals count towards development demand for this long after completion.
RECENTLY_COMPLETED_DAYS = 365
#: Development plan items that are still a need (done or carried forward ones are not).
OPEN_DEVELOPMENT = (DevelopmentItem.Status.PLANNED, DevelopmentItem.Status.IN_PROGRESS)


def suppression_minimum() -> int:
    return getattr(settings, "CARELEAD_SUPPRESSION_MINIMUM", 10)


# --- scope -----------------------------------------------------------------------------------


NATION, REGION, ICB, ORGANISATION, NONE = "nation", "region", "icb", "organisation", "none"


@dataclass(frozen=True)
class InsightScope:
    """What the figures cover: the nation, a region, an ICB or one organisation."""

    level: str
    organisation: Organisation | None = None
    #: (level, ODS code or "") one step up that the user may also see, for a back link.
    up: tuple[str, str] | None = None

    @property
    def is_empty(self) -> bool:
        return self.level == NONE

    @property
    def name(self) -> str:
        if self.level == NATION:
            return "England"
        return self.organisation.name if self.organisation else ""

    def organisation_q(self, prefix: str = "organisation__") -> Q:
        """Organisations (through ``prefix``) inside the scope; nothing when empty."""
        if self.level == NATION:
            return Q()
        if self.level == NONE:
            return Q(pk__in=[])
        pk = self.organisation.pk
        if self.level == REGION:
            return Q(**{f"{prefix}region_id": pk}) | Q(**{f"{prefix}id": pk})
        if self.level == ICB:
            return Q(**{f"{prefix}icb_id": pk}) | Q(**{f"{prefix}id": pk})
        return Q(**{f"{prefix}id": pk})

    @property
    def region_id(self) -> int | None:
        """The region whose cohorts count for this scope (None: every region)."""
        if self.level == NATION or self.organisation is None:
            return None
        if self.level == REGION:
            return self.organisation.pk
        return self.organisation.region_id


PARAMETER_KINDS = {
    REGION: ({OrganisationKind.REGION}, True),
    ICB: ({OrganisationKind.ICB}, True),
    # Any organisation that employs people (not a region or an ICB's own roll-up).
    ORGANISATION: ({OrganisationKind.REGION}, False),
}


def insight_scope(
    user, *, region: str | None = None, icb: str | None = None, organisation: str | None = None
) -> InsightScope:
    """The scope ``user`` asked for with one of the ODS codes (at most one is used: the most
    specific), or their widest default: the nation (implementation office), their region
    (regional talent lead) or their organisation (people lead).

    Raises Http404 for a code outside the user's scope or of the wrong kind."""
    allowed = scoping.organisations_in_scope(user, *INSIGHT_ROLES)
    national = scoping.is_national(user, *INSIGHT_ROLES)
    for level, code in ((ORGANISATION, organisation), (ICB, icb), (REGION, region)):
        if not code:
            continue
        kinds, include = PARAMETER_KINDS[level]
        found = allowed.filter(ods_code=code)
        found = found.filter(kind__in=kinds) if include else found.exclude(kind__in=kinds)
        chosen = found.select_related("icb", "region").first()
        if chosen is None:
            raise Http404("No such organisation in your scope.")
        return InsightScope(level, chosen, _up(level, chosen, allowed, national))
    if national:
        return InsightScope(NATION)
    for assignment in scoping.assignments(user, Role.REGIONAL_TALENT_LEAD):
        if assignment.scope_level == ScopeLevel.REGION:
            return InsightScope(REGION, assignment.organisation)
    for assignment in scoping.assignments(user, Role.PEOPLE_LEAD):
        chosen = assignment.organisation
        return InsightScope(ORGANISATION, chosen, _up(ORGANISATION, chosen, allowed, national))
    return InsightScope(NONE)


def _up(level, organisation, allowed, national) -> tuple[str, str] | None:
    if level == REGION:
        return (NATION, "") if national else None
    parent = None
    if level == ORGANISATION:
        parent = (ICB, organisation.icb) if organisation.icb_id else None
    if parent is None and organisation.region_id:
        parent = (REGION, organisation.region)
    if parent is None:
        return (NATION, "") if national else None
    parent_level, parent_org = parent
    if national or allowed.filter(pk=parent_org.pk).exists():
        return (parent_level, parent_org.ods_code)
    return None


# --- completion, overdue and quality figures ------------------------------------------------


@dataclass
class Figures:
    """Counts for a group of appraisals; they add up, so groups can be summed."""

    total: int = 0
    not_started: int = 0
    preparing: int = 0
    ready_to_discuss: int = 0
    discussed: int = 0
    awaiting_sign_off: int = 0
    completed: int = 0
    cancelled: int = 0
    overdue_preparation: int = 0
    overdue_discussion: int = 0
    overdue_sign_off: int = 0
    # Quality, over completed appraisals only.
    with_objectives: int = 0
    behaviours_assessed: int = 0
    with_development_plan: int = 0
    signed_by_both: int = 0
    edi_required: int = 0
    edi_met: int = 0

    def add(self, other: "Figures") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def appraisals(self) -> int:
        """Appraisals that count: every one not cancelled."""
        return self.total - self.cancelled

    @property
    def live(self) -> int:
        return self.appraisals - self.completed

    @property
    def overdue(self) -> int:
        return self.overdue_preparation + self.overdue_discussion + self.overdue_sign_off

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.appraisals if self.appraisals else None


QUALITY = (
    ("with_objectives", "completed", "Objectives set"),
    ("behaviours_assessed", "completed", "Behaviours assessed"),
    ("with_development_plan", "completed", "Development plan"),
    ("signed_by_both", "completed", "Signed by both"),
    ("edi_met", "edi_required", "EDI objective where required"),
)


def quality_rates(figures: Figures, *, shown: bool = True) -> dict[str, float | None]:
    """Each quality rate, or None when its denominator is under the minimum (or ``shown`` is
    false because the row was suppressed as a second cell)."""
    minimum = suppression_minimum()
    rates = {}
    for numerator, denominator, _ in QUALITY:
        below = getattr(figures, denominator)
        if not shown or below < minimum or figures.completed < minimum:
            rates[numerator] = None
        else:
            rates[numerator] = getattr(figures, numerator) / below
    return rates


def _aggregates(today: datetime.date) -> dict:
    completed = Q(status=S.COMPLETED)
    sign_off_missed = Q(cycle__sign_off_due_on__lt=today, status__in=LIVE)
    discussion_missed = Q(cycle__discussion_due_on__lt=today, status__in=NOT_DISCUSSED)
    preparation_missed = Q(cycle__preparation_due_on__lt=today, status__in=NOT_PREPARED)
    assessments = BehaviourAssessment.objects.filter(appraisal=OuterRef("pk"))
    edi_required = edi_objective_required_q()
    counts = {
        "total": Count("id"),
        **{status: Count("id", filter=Q(status=status)) for status in S.values},
        # Each overdue appraisal is counted once, against the latest deadline it missed.
        "overdue_sign_off": Count("id", filter=sign_off_missed),
        "overdue_discussion": Count("id", filter=discussion_missed & ~sign_off_missed),
        "overdue_preparation": Count(
            "id", filter=preparation_missed & ~discussion_missed & ~sign_off_missed
        ),
        "with_objectives": Count(
            "id", filter=completed & Q(Exists(Objective.objects.filter(appraisal=OuterRef("pk"))))
        ),
        "behaviours_assessed": Count(
            "id",
            filter=completed
            & Q(Exists(assessments), ~Exists(assessments.filter(agreed_rating__isnull=True))),
        ),
        "with_development_plan": Count(
            "id",
            filter=completed & Q(Exists(DevelopmentItem.objects.filter(appraisal=OuterRef("pk")))),
        ),
        "signed_by_both": Count(
            "id",
            filter=completed
            & Q(appraiser_signed_at__isnull=False, appraisee_signed_at__isnull=False),
        ),
        "edi_required": Count("id", filter=completed & edi_required),
        "edi_met": Count(
            "id",
            filter=completed
            & edi_required
            & Q(Exists(Objective.objects.filter(appraisal=OuterRef("pk"), is_edi=True))),
        ),
    }
    return counts


def _figure_rows(appraisals: QuerySet, keys: tuple[str, ...], today) -> Iterator[tuple]:
    """(group values, Figures) for each group of ``keys``: one query."""
    names = [f.name for f in fields(Figures)]
    rows = appraisals.values(*keys).annotate(**_aggregates(today)).order_by()
    for row in rows:
        yield tuple(row[k] for k in keys), Figures(**{n: row[n] for n in names})


@dataclass
class GroupRow:
    key: object
    label: str
    figures: Figures
    #: False when the row is suppressed (too few appraisals, or hidden as a second cell).
    shown: bool = True
    #: False when the row's quality rates are suppressed as a second cell.
    quality_shown: bool = True
    code: str = ""


def _suppress_rows(rows: list[GroupRow]) -> list[GroupRow]:
    """Hide rows about fewer than the minimum appraisals, and a second row when only one
    would be hidden (so the total minus the shown rows does not give it back); the same for
    quality rates over completed appraisals."""
    if not rows:
        return rows
    totals = suppress({i: r.figures.appraisals for i, r in enumerate(rows)})
    completed = suppress({i: r.figures.completed for i, r in enumerate(rows)})
    for i, row in enumerate(rows):
        row.shown = totals[i] is not None
        row.quality_shown = row.shown and completed[i] is not None
    return rows


def _sorted(groups: dict, labels: dict) -> list[GroupRow]:
    return [
        GroupRow(key, labels[key], figures)
        for key, figures in sorted(groups.items(), key=lambda kv: (kv[0] is None, labels[kv[0]]))
    ]


# --- the people lead dashboard ----------------------------------------------------------------


@dataclass
class DashboardScope:
    organisation: Organisation | None
    cycles: list[Cycle] = field(default_factory=list)
    cycle: Cycle | None = None


def dashboard_scope(user, *, organisation: str | None = None, cycle: str | None = None):
    """The organisation (the user's own as people lead, or ``organisation`` by ODS code
    inside their insight scope) and its cycle (``cycle`` by pk, or the latest open one, or
    the latest that has opened). Http404 for anything outside."""
    if organisation:
        scope = insight_scope(user, organisation=organisation)
    else:
        scope = insight_scope(user)
        if scope.level != ORGANISATION:
            return DashboardScope(None)
    return organisation_cycles(scope.organisation, cycle=cycle)


def organisation_cycles(org: Organisation, *, cycle: str | None = None) -> DashboardScope:
    """``org`` with its cycles that have opened and the one chosen (``cycle`` by pk, or the
    latest open one, or the latest); Http404 for a cycle that is not the organisation's."""
    cycles = list(
        Cycle.objects.filter(organisation=org)
        .exclude(status=Cycle.Status.DRAFT)
        .select_related("template")
        .order_by("-opens_on", "-pk")
    )
    chosen = None
    if cycle:
        chosen = next((c for c in cycles if str(c.pk) == str(cycle)), None)
        if chosen is None:
            raise Http404("No such cycle for this organisation.")
    else:
        chosen = next((c for c in cycles if c.status == Cycle.Status.OPEN), None)
        chosen = chosen or (cycles[0] if cycles else None)
    return DashboardScope(org, cycles, chosen)


@dataclass
class Dashboard:
    scope: DashboardScope
    today: datetime.date
    total: Figures = field(default_factory=Figures)
    by_staff_group: list[GroupRow] = field(default_factory=list)
    by_management_level: list[GroupRow] = field(default_factory=list)


LEVEL_LABELS = {None: "No management level", **dict(Employment.ManagementLevel.choices)}


def appraisal_dashboard(scope: DashboardScope, *, today: datetime.date) -> Dashboard:
    """Completion, overdue and quality for the scope's cycle, in total and by staff group and
    management level: one query."""
    dashboard = Dashboard(scope, today)
    if scope.cycle is None:
        return dashboard
    keys = (
        "employment__staff_group_id",
        "employment__staff_group__name",
        "employment__management_level",
    )
    groups: dict = {}
    levels: dict = {}
    names: dict = {}
    for (group, group_name, level), figures in _figure_rows(
        Appraisal.objects.filter(cycle=scope.cycle), keys, today
    ):
        dashboard.total.add(figures)
        groups.setdefault(group, Figures()).add(figures)
        levels.setdefault(level, Figures()).add(figures)
        names[group] = group_name
    dashboard.by_staff_group = _suppress_rows(_sorted(groups, names))
    level_rows = [
        GroupRow(level, LEVEL_LABELS.get(level, str(level)), levels[level])
        for level in sorted(levels, key=lambda v: (v is None, v or 0))
    ]
    dashboard.by_management_level = _suppress_rows(level_rows)
    return dashboard


# --- roll-ups -------------------------------------------------------------------------------


@dataclass
class RollupTable:
    key: str
    group_label: str
    rows: list[GroupRow]
    #: The rows' level, for drill-down links (region, icb or organisation).
    row_level: str

    @property
    def caption_label(self) -> str:
        return self.group_label if self.group_label.isupper() else self.group_label.lower()


@dataclass
class Rollup:
    scope: InsightScope
    today: datetime.date
    total: Figures = field(default_factory=Figures)
    tables: list[RollupTable] = field(default_factory=list)


def current_appraisals(scope: InsightScope) -> QuerySet[Appraisal]:
    """Appraisals in the scope's cycles that are open now."""
    return Appraisal.objects.filter(scope.organisation_q(), cycle__status=Cycle.Status.OPEN)


def appraisal_rollup(scope: InsightScope, *, today: datetime.date) -> Rollup:
    """The scope's appraisals in open cycles, by region (nation), by ICB and by organisation
    (region), or by organisation (ICB, organisation): one query."""
    rollup = Rollup(scope, today)
    if scope.is_empty:
        return rollup
    keys = (
        "organisation_id",
        "organisation__ods_code",
        "organisation__name",
        "organisation__icb__ods_code",
        "organisation__icb__name",
        "organisation__region__ods_code",
        "organisation__region__name",
    )
    by = {ORGANISATION: {}, ICB: {}, REGION: {}}
    labels = {ORGANISATION: {}, ICB: {}, REGION: {}}
    for row, figures in _figure_rows(current_appraisals(scope), keys, today):
        rollup.total.add(figures)
        _, org_code, org_name, icb_code, icb_name, region_code, region_name = row
        for level, code, name, missing in (
            (ORGANISATION, org_code, org_name, ""),
            (ICB, icb_code, icb_name, "No ICB recorded"),
            (REGION, region_code, region_name, "No region recorded"),
        ):
            by[level].setdefault(code, Figures()).add(figures)
            labels[level][code] = name or missing

    def table(level, label):
        rows = _sorted(by[level], labels[level])
        for row in rows:
            row.code = row.key or ""
        return RollupTable(level, label, _suppress_rows_quality_only(rows), level)

    if scope.level == NATION:
        rollup.tables = [table(REGION, "Region")]
    elif scope.level == REGION:
        rollup.tables = [table(ICB, "ICB"), table(ORGANISATION, "Organisation")]
    else:
        rollup.tables = [table(ORGANISATION, "Organisation")]
    return rollup


def _suppress_rows_quality_only(rows: list[GroupRow]) -> list[GroupRow]:
    """Roll-up rows are whole organisations (or areas): their completion counts stand, but
    quality rates over too few completed appraisals are hidden, with a second one when only
    one would be."""
    completed = suppress({i: r.figures.completed for i, r in enumerate(rows)})
    for i, row in enumerate(rows):
        row.quality_shown = completed[i] is not None
    return rows


# --- capability heatmap -----------------------------------------------------------------------


@dataclass
class HeatmapCell:
    ratings: int
    mean: float | None
    at_or_above_middle: float | None


@dataclass
class Heatmap:
    scope: InsightScope
    versions: list[FrameworkVersion] = field(default_factory=list)
    version: FrameworkVersion | None = None
    stages: list[Stage] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    #: (item pk, stage pk) -> cell; cells below the minimum have mean and share None.
    cells: dict = field(default_factory=dict)
    middle: float | None = None
    scale_range: tuple[int, int] | None = None

    def cell(self, item, stage) -> HeatmapCell | None:
        return self.cells.get((item.pk, stage.pk))


def heatmap_versions(scope: InsightScope) -> list[FrameworkVersion]:
    """Framework versions the scope's cycles assess against: staff cycles' first (most
    people), then by latest cycle."""
    latest: dict[int, FrameworkVersion] = {}
    staff_first = Case(When(template__kind=Template.Kind.STAFF, then=Value(0)), default=Value(1))
    cycles = (
        Cycle.objects.filter(scope.organisation_q())
        .exclude(status=Cycle.Status.DRAFT)
        .select_related("framework_version")
        .order_by(staff_first, "-opens_on", "-pk")
    )
    for cycle in cycles:
        latest.setdefault(cycle.framework_version_id, cycle.framework_version)
    return list(latest.values())


def capability_heatmap(scope: InsightScope, *, version: str | None = None) -> Heatmap:
    """Agreed ratings of completed appraisals in the scope by competency (or board domain)
    and stage, for one framework version (``version`` by pk, or the latest used): the mean
    rating value and the share at or above the scale's middle value; a fixed number of
    queries. Http404 for a version the scope's cycles do not use."""
    heatmap = Heatmap(scope)
    if scope.is_empty:
        return heatmap
    heatmap.versions = heatmap_versions(scope)
    if version:
        heatmap.version = next((v for v in heatmap.versions if str(v.pk) == str(version)), None)
        if heatmap.version is None:
            raise Http404("No such framework version in these appraisals.")
    elif heatmap.versions:
        heatmap.version = heatmap.versions[0]
    if heatmap.version is None:
        return heatmap
    chosen = heatmap.version
    heatmap.stages = list(chosen.stages.order_by("rank"))
    heatmap.items = list(
        chosen.items.filter(kind__in=(Item.Kind.COMPETENCY, Item.Kind.DOMAIN)).order_by(
            "sort_order", "code"
        )
    )
    values = list(
        RatingLevel.objects.filter(
            scale__version=chosen, scale__is_default=True, value__isnull=False
        ).values_list("value", flat=True)
    )
    if not values:
        values = list(
            RatingLevel.objects.filter(scale__version=chosen, value__isnull=False).values_list(
                "value", flat=True
            )
        )
    if not values:
        return heatmap
    heatmap.scale_range = (min(values), max(values))
    heatmap.middle = (min(values) + max(values)) / 2
    minimum = suppression_minimum()
    rows = (
        BehaviourAssessment.objects.filter(
            scope.organisation_q("appraisal__organisation__"),
            appraisal__status=S.COMPLETED,
            appraisal__cycle__framework_version=chosen,
            agreed_rating__value__isnull=False,
        )
        .values("item_id", "appraisal__stage_id")
        .annotate(
            n=Count("id"),
            mean=Avg("agreed_rating__value"),
            high=Count("id", filter=Q(agreed_rating__value__gte=heatmap.middle)),
        )
        .order_by()
    )
    for row in rows:
        n = row["n"]
        shown = n >= minimum
        heatmap.cells[(row["item_id"], row["appraisal__stage_id"])] = HeatmapCell(
            ratings=n,
            mean=float(row["mean"]) if shown else None,
            at_or_above_middle=row["high"] / n if shown else None,
        )
    return heatmap


# --- development demand -----------------------------------------------------------------------


@dataclass
class ProgrammeDemand:
    programme: Programme
    items: int | None
    people: int | None
    places_left: int


@dataclass
class CompetencyDemand:
    code: str
    title: str
    items: int | None
    people: int | None


@dataclass
class Demand:
    scope: InsightScope
    today: datetime.date
    programmes: list[ProgrammeDemand] = field(default_factory=list)
    competencies: list[CompetencyDemand] = field(default_factory=list)


def _demand_items(scope: InsightScope, today: datetime.date) -> QuerySet[DevelopmentItem]:
    since = today - datetime.timedelta(days=RECENTLY_COMPLETED_DAYS)
    return DevelopmentItem.objects.filter(
        Q(appraisal__status__in=LIVE)
        | Q(appraisal__status=S.COMPLETED, appraisal__completed_on__gte=since),
        scope.organisation_q("appraisal__organisation__"),
        status__in=OPEN_DEVELOPMENT,
    )


def _suppressed(rows: list[dict], key: str) -> dict:
    """Counts by row index with those below the minimum (and a second, when only one would
    be) set to None."""
    return suppress({i: row[key] for i, row in enumerate(rows)})


def development_demand(scope: InsightScope, *, today: datetime.date) -> Demand:
    """Open development plan items of live and recently completed appraisals in the scope,
    by programme (with places left in cohorts that have not started yet, for the scope's
    region or for anyone) and by competency where no programme is named: four queries."""
    demand = Demand(scope, today)
    if scope.is_empty:
        return demand
    items = _demand_items(scope, today)
    by_programme = list(
        items.filter(programme__isnull=False)
        .values("programme_id")
        .annotate(items=Count("id"), people=Count("appraisal__person_id", distinct=True))
        .order_by()
    )
    programmes = Programme.objects.in_bulk([row["programme_id"] for row in by_programme])
    cohorts = Cohort.objects.filter(
        programme_id__in=programmes, programme__status=Programme.Status.OPEN, starts_on__gt=today
    )
    if scope.region_id is not None:
        cohorts = cohorts.filter(Q(region__isnull=True) | Q(region_id=scope.region_id))
    places = _places_left(cohorts)
    item_counts = _suppressed(by_programme, "items")
    people_counts = _suppressed(by_programme, "people")
    demand.programmes = sorted(
        (
            ProgrammeDemand(
                programme=programmes[row["programme_id"]],
                items=item_counts[i],
                people=people_counts[i],
                places_left=places.get(row["programme_id"], 0),
            )
            for i, row in enumerate(by_programme)
        ),
        key=lambda d: (-(d.people or 0), d.programme.title),
    )
    by_item = list(
        items.filter(programme__isnull=True, item__isnull=False)
        .values("item__code", "item__title")
        .annotate(items=Count("id"), people=Count("appraisal__person_id", distinct=True))
        .order_by("item__code", "item__title")
    )
    item_counts = _suppressed(by_item, "items")
    people_counts = _suppressed(by_item, "people")
    demand.competencies = [
        CompetencyDemand(row["item__code"], row["item__title"], item_counts[i], people_counts[i])
        for i, row in enumerate(by_item)
    ]
    return demand


def _places_left(cohorts: QuerySet[Cohort]) -> dict[int, int]:
    """Programme pk -> places left over ``cohorts`` (places minus live enrolments, never
    below zero per cohort): one query."""
    live = Enrolment.objects.filter(cohort=OuterRef("pk")).exclude(
        status=Enrolment.Status.WITHDRAWN
    )
    taken = Subquery(
        live.values("cohort").annotate(n=Count("id")).values("n"), output_field=IntegerField()
    )
    left: dict[int, int] = {}
    for programme_id, places, used in cohorts.annotate(taken=Coalesce(taken, 0)).values_list(
        "programme_id", "places", "taken"
    ):
        left[programme_id] = left.get(programme_id, 0) + max(places - used, 0)
    return left


# --- CSV export ---------------------------------------------------------------------------


def _count_of(model, **extra):
    rows = model.objects.filter(appraisal=OuterRef("pk"), **extra)
    return Coalesce(
        Subquery(
            rows.values("appraisal").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


EXPORT_FIELDS = (
    "person__person_number",
    "person__given_name",
    "person__family_name",
    "employment__job_title",
    "appraiser__given_name",
    "appraiser__family_name",
    "stage__name",
    "status",
    "appraiser_signed_at",
    "appraisee_signed_at",
    "completed_on",
    "objectives_count",
    "edi_objectives",
    "behaviours_agreed",
    "development_count",
)


def export_organisation(user, code: str | None):
    """The organisation a people lead exports from: ``code`` among their people lead
    organisations, or their first; Http404 otherwise."""
    organisations = scoping.people_lead_organisations(user).exclude(
        kind__in=(OrganisationKind.REGION, OrganisationKind.ICB)
    )
    chosen = organisations.filter(ods_code=code).first() if code else organisations.first()
    if chosen is None:
        raise Http404("No organisation to export.")
    return chosen


def export_rows(cycle: Cycle) -> Iterator[tuple]:
    """One tuple per appraisal of ``cycle`` (cancelled ones included), in EXPORT_FIELDS
    order, read in chunks so 20,000 rows never sit in memory together. No text content and
    never the wellbeing note."""
    rows = (
        Appraisal.objects.filter(cycle=cycle)
        .annotate(
            objectives_count=_count_of(Objective),
            edi_objectives=_count_of(Objective, is_edi=True),
            behaviours_agreed=_count_of(BehaviourAssessment, agreed_rating__isnull=False),
            development_count=_count_of(DevelopmentItem),
        )
        .order_by("person__family_name", "person__given_name", "pk")
        .values_list(*EXPORT_FIELDS)
    )
    yield from rows.iterator(chunk_size=2000)
