"""Reads for the regional overview: talent pools, succession risk and challenged vacancies,
one row per region. A regional talent lead sees the regions they lead; the implementation
office sees every region. All figures are set-based: a fixed number of queries however many
regions, pools, roles or placements there are.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, OuterRef, Q, When
from django.http import Http404
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.core.periods import add_months
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.organisations.selectors import with_current_segment
from carelead.people.models import Employment
from carelead.talent.models import (
    CriticalRole,
    MembershipTransition,
    PoolMembership,
    Readiness,
    SuccessionCandidate,
    TalentPool,
    Vacancy,
    VacancyPlacement,
)
from carelead.talent.selectors.access import regions_led


def overview_regions(user) -> list[Organisation]:
    """The regions whose overview the user may see, by name: every region for the
    implementation office, the regions they lead talent for otherwise."""
    if scoping.has_role(user, Role.IMPLEMENTATION_OFFICE):
        regions = Organisation.objects.filter(kind=OrganisationKind.REGION)
    else:
        regions = regions_led(user)
    return list(regions.order_by("name"))


def chosen_regions(regions: list[Organisation], ods_code: str | None) -> list[Organisation]:
    """All of ``regions``, or the one picked by ``ods_code``; Http404 when it is not one."""
    if not ods_code:
        return regions
    for region in regions:
        if region.ods_code == ods_code:
            return [region]
    raise Http404("No such region")


def _region_of(prefix: str):
    """The region an organisation (reached via ``prefix``) belongs to: itself for a region."""
    return Case(
        When(**{f"{prefix}kind": OrganisationKind.REGION}, then=F(f"{prefix}id")),
        default=F(f"{prefix}region_id"),
    )


@dataclass
class PoolFigures:
    pools: int = 0
    members: int = 0
    nominations_waiting: int = 0
    moved_on: int = 0


@dataclass
class SuccessionFigures:
    roles: int = 0
    with_ready_now: int = 0
    with_cover: int = 0


@dataclass
class VacancyFigures:
    open: int = 0
    filled: int = 0
    filled_with_package: int = 0
    due_12: int = 0
    in_post_12: int = 0
    due_24: int = 0
    in_post_24: int = 0
    segment_better: int = 0
    segment_same: int = 0
    segment_worse: int = 0
    segment_unknown: int = 0


@dataclass
class RegionOverview:
    region: Organisation
    pools: PoolFigures = field(default_factory=PoolFigures)
    succession: SuccessionFigures = field(default_factory=SuccessionFigures)
    vacancies: VacancyFigures = field(default_factory=VacancyFigures)


def regional_overview(
    regions: list[Organisation], *, today: datetime.date | None = None
) -> list[RegionOverview]:
    """The overview figures for each of ``regions`` (see docs/talent-succession.md for the
    definitions). Seven queries however many regions and rows."""
    today = today or timezone.localdate()
    out = {r.pk: RegionOverview(r) for r in regions}
    ids = list(out)
    if not ids:
        return []
    _pools(out, ids, today)
    _succession(out, ids)
    _vacancies(out, ids, today)
    return [out[r.pk] for r in regions]


def _pools(out, ids, today) -> None:
    rows = (
        TalentPool.objects.exclude(status=TalentPool.Status.DRAFT)
        .annotate(region_key=_region_of("owner__"))
        .filter(region_key__in=ids)
        .values("region_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        out[row["region_key"]].pools.pools = row["n"]
    rows = (
        PoolMembership.objects.annotate(region_key=_region_of("pool__owner__"))
        .filter(region_key__in=ids)
        .values("region_key")
        .annotate(
            members=Count("pk", filter=Q(status=PoolMembership.Status.MEMBER)),
            waiting=Count("pk", filter=Q(status=PoolMembership.Status.NOMINATED)),
        )
        .order_by()
    )
    for row in rows:
        figures = out[row["region_key"]].pools
        figures.members = row["members"]
        figures.nominations_waiting = row["waiting"]
    since = timezone.now() - datetime.timedelta(days=365)
    rows = (
        MembershipTransition.objects.filter(
            to_status=PoolMembership.Status.MOVED_ON, occurred_at__gte=since
        )
        .annotate(region_key=_region_of("membership__pool__owner__"))
        .filter(region_key__in=ids)
        .values("region_key")
        .annotate(n=Count("membership_id", distinct=True))
        .order_by()
    )
    for row in rows:
        out[row["region_key"]].pools.moved_on = row["n"]


def _succession(out, ids) -> None:
    ready = SuccessionCandidate.objects.filter(
        role_id=OuterRef("pk"), readiness=Readiness.READY_NOW
    )
    cover = SuccessionCandidate.objects.filter(role_id=OuterRef("pk"), is_emergency_cover=True)
    rows = (
        CriticalRole.objects.filter(is_active=True)
        .annotate(
            region_key=_region_of("organisation__"),
            has_ready=Exists(ready),
            has_cover=Exists(cover),
        )
        .filter(region_key__in=ids)
        .values("region_key")
        .annotate(
            roles=Count("pk"),
            with_ready_now=Count("pk", filter=Q(has_ready=True)),
            with_cover=Count("pk", filter=Q(has_cover=True)),
        )
        .order_by()
    )
    for row in rows:
        region_id = row.pop("region_key")
        out[region_id].succession = SuccessionFigures(**row)


def _vacancies(out, ids, today) -> None:
    rows = (
        Vacancy.objects.filter(is_challenged=True)
        .annotate(region_key=_region_of("organisation__"))
        .filter(region_key__in=ids)
        .values("region_key")
        .annotate(
            open=Count("pk", filter=Q(status=Vacancy.Status.OPEN)),
            filled=Count("pk", filter=Q(status=Vacancy.Status.FILLED)),
        )
        .order_by()
    )
    for row in rows:
        figures = out[row["region_key"]].vacancies
        figures.open = row["open"]
        figures.filled = row["filled"]
    placements = list(
        VacancyPlacement.objects.filter(vacancy__is_challenged=True)
        .annotate(region_key=_region_of("vacancy__organisation__"))
        .filter(region_key__in=ids)
        .values(
            "region_key",
            "person_id",
            "starts_on",
            "segment_at_start",
            "package_id",
            "vacancy__package_id",
            "vacancy__organisation_id",
        )
    )
    if not placements:
        return
    org_ids = {p["vacancy__organisation_id"] for p in placements}
    # Every job the placed people have held at those organisations, to test "still in post"
    # on any day in Python rather than one query per placement.
    jobs: dict[tuple[int, int], list[tuple]] = {}
    for job in Employment.objects.filter(
        person_id__in={p["person_id"] for p in placements}, organisation_id__in=org_ids
    ).values("person_id", "organisation_id", "start_date", "end_date"):
        key = (job["person_id"], job["organisation_id"])
        jobs.setdefault(key, []).append((job["start_date"], job["end_date"]))
    segments = dict(
        with_current_segment(Organisation.objects.filter(pk__in=org_ids)).values_list(
            "pk", "current_segment"
        )
    )
    for p in placements:
        figures = out[p["region_key"]].vacancies
        if p["package_id"] or p["vacancy__package_id"]:
            figures.filled_with_package += 1
        held = jobs.get((p["person_id"], p["vacancy__organisation_id"]), [])
        for months, due, kept in ((12, "due_12", "in_post_12"), (24, "due_24", "in_post_24")):
            day = add_months(p["starts_on"], months)
            if day > today:
                continue
            setattr(figures, due, getattr(figures, due) + 1)
            if any(start <= day and (end is None or end >= day) for start, end in held):
                setattr(figures, kept, getattr(figures, kept) + 1)
        now = segments.get(p["vacancy__organisation_id"])
        then = p["segment_at_start"]
        if now is None or then is None:
            figures.segment_unknown += 1
        elif now < then:
            figures.segment_better += 1
        elif now == then:
            figures.segment_same += 1
        else:
            figures.segment_worse += 1
