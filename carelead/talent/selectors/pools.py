"""Reads for talent pools. A pool is managed by the talent leads of its owner's region (a
regional pool, or an ICB pool of an ICB in the region) or, for a national pool, by the
implementation office; regional talent leads may also read national pools. Individuals see
the open pools that cover their current employer. Anything else answers 404."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.learning.selectors.records import (
    people_meeting_prerequisite,
    person_meets_prerequisite,
    prerequisite_stage,
)
from carelead.organisations.models import Organisation
from carelead.people import selectors as people_selectors
from carelead.people.models import Employment, Person, current_q
from carelead.standards.selectors import published_version, stages_of
from carelead.talent.models import (
    DevelopmentOffer,
    PoolMembership,
    Readiness,
    ScopeLevel,
    TalentPool,
)
from carelead.talent.selectors.access import (
    current_employment,
    current_reports_q,
    people_lead_q,
    regions_led,
    talent_lead_q,
)

M = PoolMembership.Status
#: The framework whose stages pools prepare for.
FRAMEWORK_SLUG = "management-leadership"
#: Most ready first: a pool's minimum readiness admits that and anything readier.
READINESS_ORDER = [Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS, Readiness.THREE_PLUS_YEARS]
#: The equality questions the make-up page compares.
MAKEUP_QUESTIONS = (
    ("ethnic_category", "Ethnic group"),
    ("disability", "Disability"),
    ("sex", "Sex"),
)
POOL_RELATED = ("owner", "target_stage")


# --- who manages what ------------------------------------------------------------------------


def managed_pools_q(user) -> Q | None:
    """A Q over TalentPool for the pools the user may manage; None when they manage none."""
    q = None
    lead = talent_lead_q(user, prefix="owner__")
    if lead is not None:
        q = ~Q(level=ScopeLevel.NATIONAL) & lead
    if scoping.has_role(user, Role.IMPLEMENTATION_OFFICE):
        national = Q(level=ScopeLevel.NATIONAL)
        q = national if q is None else q | national
    return q


def readable_pools_q(user) -> Q | None:
    """Managed pools, and national pools read-only for regional talent leads."""
    q = managed_pools_q(user)
    if scoping.has_role(user, Role.REGIONAL_TALENT_LEAD):
        national = Q(level=ScopeLevel.NATIONAL)
        q = national if q is None else q | national
    return q


def may_manage(user, pool: TalentPool) -> bool:
    q = managed_pools_q(user)
    return q is not None and TalentPool.objects.filter(q, pk=pool.pk).exists()


def owner_choices(user) -> list[Organisation | None]:
    """Where the user may create pools: None stands for national (the implementation office);
    a talent lead's regions, then the ICBs in them."""
    choices: list[Organisation | None] = []
    if scoping.has_role(user, Role.IMPLEMENTATION_OFFICE):
        choices.append(None)
    regions = list(regions_led(user).order_by("name"))
    choices.extend(regions)
    if regions:
        choices.extend(
            Organisation.objects.filter(kind="icb", region_id__in=[r.pk for r in regions]).order_by(
                "name"
            )
        )
    return choices


def target_stages() -> list:
    """The stages of the published Management and Leadership Framework version."""
    version = published_version(FRAMEWORK_SLUG)
    return stages_of(version) if version is not None else []


# --- pools -----------------------------------------------------------------------------------


def _with_counts(pools: QuerySet[TalentPool]) -> QuerySet[TalentPool]:
    return pools.select_related(*POOL_RELATED).annotate(
        nominated_count=Count("memberships", filter=Q(memberships__status=M.NOMINATED)),
        member_count=Count("memberships", filter=Q(memberships__status=M.MEMBER)),
    )


def pools_for_manager(user) -> list[TalentPool]:
    """The pools the user may read, with ``nominated_count``, ``member_count`` and
    ``can_manage`` set; one query plus the scope check."""
    readable = readable_pools_q(user)
    if readable is None:
        return []
    managed = managed_pools_q(user)
    managed_ids = (
        set(TalentPool.objects.filter(managed).values_list("pk", flat=True))
        if managed is not None
        else set()
    )
    pools = list(_with_counts(TalentPool.objects.filter(readable)).order_by("status", "name"))
    for pool in pools:
        pool.can_manage = pool.pk in managed_ids
    return pools


def pool_for_viewer(user, pk) -> TalentPool:
    """A pool the user may read, with ``can_manage`` set; Http404 otherwise."""
    readable = readable_pools_q(user)
    pool = (
        _with_counts(TalentPool.objects.filter(readable, pk=pk)).first()
        if readable is not None
        else None
    )
    if pool is None:
        raise Http404("No such pool")
    pool.can_manage = may_manage(user, pool)
    return pool


def pool_for_manager(user, pk) -> TalentPool:
    managed = managed_pools_q(user)
    pool = (
        TalentPool.objects.filter(managed, pk=pk).select_related(*POOL_RELATED).first()
        if managed is not None
        else None
    )
    if pool is None:
        raise Http404("No such pool")
    pool.can_manage = True
    return pool


MEMBERSHIP_RELATED = ("person", "organisation", "employment", "nominated_by", "decided_by")


def pool_memberships(pool: TalentPool) -> dict[str, list[PoolMembership]]:
    """The pool's memberships in three groups: ``nominated`` (to decide), ``members`` and
    ``past`` (not accepted, withdrawn, moved on). One query."""
    groups: dict[str, list[PoolMembership]] = {"nominated": [], "members": [], "past": []}
    rows = (
        PoolMembership.objects.filter(pool=pool)
        .select_related(*MEMBERSHIP_RELATED)
        .order_by("person__family_name", "person__given_name", "pk")
    )
    for membership in rows:
        if membership.status == M.NOMINATED:
            groups["nominated"].append(membership)
        elif membership.status == M.MEMBER:
            groups["members"].append(membership)
        else:
            groups["past"].append(membership)
    return groups


def pool_offers(pool: TalentPool) -> list[DevelopmentOffer]:
    return list(pool.offers.select_related("programme").order_by("-is_active", "title"))


def membership_for_manager(user, pk) -> PoolMembership:
    managed = managed_pools_q(user)
    membership = None
    if managed is not None:
        membership = (
            PoolMembership.objects.filter(pk=pk, pool__in=TalentPool.objects.filter(managed))
            .select_related("pool", *MEMBERSHIP_RELATED)
            .first()
        )
    if membership is None:
        raise Http404("No such nomination")
    return membership


def membership_for_withdrawal(user, pk) -> PoolMembership:
    """A membership the user may withdraw: their own, or one in a pool they manage."""
    membership = (
        PoolMembership.objects.filter(pk=pk).select_related("pool", *MEMBERSHIP_RELATED).first()
    )
    if membership is None:
        raise Http404("No such nomination")
    own = getattr(user, "person_id", None) and membership.person_id == user.person_id
    if not own and not may_manage(user, membership.pool):
        raise Http404("No such nomination")
    membership.is_own = bool(own)
    return membership


def offer_for_manager(user, pk) -> DevelopmentOffer:
    managed = managed_pools_q(user)
    offer = None
    if managed is not None:
        offer = (
            DevelopmentOffer.objects.filter(pk=pk, pool__in=TalentPool.objects.filter(managed))
            .select_related("pool", "programme")
            .first()
        )
    if offer is None:
        raise Http404("No such offer")
    return offer


# --- pools open to people ----------------------------------------------------------------------


def covering_q(organisations: list[Organisation]) -> Q:
    """A Q over TalentPool for pools whose owner covers any of ``organisations``: national
    pools, the organisations' regions, their ICBs (and a region or ICB itself)."""
    q = Q(level=ScopeLevel.NATIONAL)
    region_ids = {o.region_id for o in organisations if o.region_id}
    icb_ids = {o.icb_id for o in organisations if o.icb_id}
    own_ids = {o.pk for o in organisations}
    q |= Q(level=ScopeLevel.REGION, owner_id__in=region_ids | own_ids)
    q |= Q(level=ScopeLevel.ICB, owner_id__in=icb_ids | own_ids)
    return q


def accepting_q(on: datetime.date | None = None) -> Q:
    on = on or timezone.localdate()
    return Q(status=TalentPool.Status.OPEN) & (
        Q(nominations_close_on__isnull=True) | Q(nominations_close_on__gte=on)
    )


def covers(pool: TalentPool, organisation: Organisation) -> bool:
    if pool.level == ScopeLevel.NATIONAL:
        return True
    if pool.level == ScopeLevel.REGION:
        return pool.owner_id in (organisation.region_id, organisation.pk)
    return pool.owner_id in (organisation.icb_id, organisation.pk)


def open_pools_for(user) -> list[TalentPool]:
    """Pools open for nominations that cover the user's current employer."""
    employment = current_employment(user.person_id) if getattr(user, "person_id", None) else None
    if employment is None:
        return []
    return list(
        TalentPool.objects.filter(accepting_q(), covering_q([employment.organisation]))
        .select_related(*POOL_RELATED)
        .order_by("name")
    )


def _nominator_organisations(user) -> list[Organisation]:
    """Employers of the people the user may nominate: their own, their reports', and the
    organisations they are people lead for."""
    person_id = getattr(user, "person_id", None)
    q = Q(pk__in=[])
    if person_id:
        q |= Q(employments__in=Employment.objects.filter(current_q(), person_id=person_id))
        reports = current_reports_q(user, prefix="person__")
        if reports is not None:
            q |= Q(employments__in=Employment.objects.filter(current_q()).filter(reports))
    lead = people_lead_q(user)
    if lead is not None:
        q |= lead
    return list(Organisation.objects.filter(q).distinct())


def open_pool_for_nominator(user, pk) -> TalentPool:
    """An accepting pool covering an employer of someone the user may nominate; 404 else."""
    organisations = _nominator_organisations(user)
    pool = (
        TalentPool.objects.filter(accepting_q(), covering_q(organisations), pk=pk)
        .select_related(*POOL_RELATED)
        .first()
        if organisations
        else None
    )
    if pool is None:
        raise Http404("No such pool")
    return pool


def nominee_by_route(user, person: Person) -> str | None:
    """How the user may nominate ``person``: self, as their line manager, as people lead of
    their employer; None when they may not."""
    if getattr(user, "person_id", None) == person.pk:
        return PoolMembership.Route.SELF
    reports = current_reports_q(user)
    if reports is not None and Person.objects.filter(reports, pk=person.pk).exists():
        return PoolMembership.Route.LINE_MANAGER
    lead = people_lead_q(user, prefix="organisation__")
    if (
        lead is not None
        and Employment.objects.filter(current_q(), lead, person_id=person.pk).exists()
    ):
        return PoolMembership.Route.PEOPLE_LEAD
    return None


def current_reports(user) -> list[Person]:
    reports = current_reports_q(user)
    if reports is None:
        return []
    return list(Person.objects.filter(reports).order_by("family_name", "given_name"))


def person_for_people_lead(user, number: str) -> Person | None:
    """Someone in current employment at an organisation the user is people lead for, by ESR
    person number or assignment number."""
    lead = people_lead_q(user, prefix="organisation__")
    number = (number or "").strip()
    if lead is None or not number:
        return None
    employment = (
        Employment.objects.filter(current_q(), lead)
        .filter(Q(person__person_number=number) | Q(assignment_number=number))
        .select_related("person")
        .first()
    )
    return employment.person if employment else None


# --- criteria --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    text: str
    met: bool | None  # None: not known until the nomination says (readiness)
    problem: str = ""


def _levels(pool: TalentPool) -> str:
    low, high = pool.min_management_level, pool.max_management_level
    if low and high:
        return f"management levels {low} to {high}" if low != high else f"management level {low}"
    if low:
        return f"management level {low} or above"
    return f"management level {high} or below"


def level_allowed(pool: TalentPool, level: int | None) -> bool:
    """Whether a job at ``level`` fits the pool's range. No management level counts as
    below level 1: it fits a pool with only a highest level (one for aspiring managers)."""
    low, high = pool.min_management_level, pool.max_management_level
    if level is None:
        return low is None
    return (low is None or level >= low) and (high is None or level <= high)


def readiness_allowed(pool: TalentPool, readiness: str) -> bool:
    if not pool.minimum_readiness or not readiness:
        return True
    return READINESS_ORDER.index(readiness) <= READINESS_ORDER.index(pool.minimum_readiness)


def criteria_for(
    pool: TalentPool, person: Person, *, readiness: str = "", self_nomination: bool = True
) -> list[Criterion]:
    """Each of the pool's criteria with whether ``person`` meets it, and what to tell them
    (or their nominator) when they do not."""
    you, you_do = ("You", "you do") if self_nomination else (person.full_name, "they do")
    need = "need" if self_nomination else "needs"
    employment = current_employment(person)
    found: list[Criterion] = []
    if employment is None:
        return [
            Criterion(
                "A current job",
                False,
                f"{you} {need} a current job to join this pool: {you_do} not have one on record",
            )
        ]
    organisation = employment.organisation
    where = "everyone in England" if pool.level == ScopeLevel.NATIONAL else f"{pool.owner.name}"
    found.append(
        Criterion(
            f"Works in {where}",
            covers(pool, organisation),
            f"This pool is for people working in {where}: {organisation.name} is not part of it",
        )
    )
    if pool.min_management_level or pool.max_management_level:
        level = employment.management_level
        at = f"management level {level}" if level else "no management level"
        found.append(
            Criterion(
                f"A job at {_levels(pool)}",
                level_allowed(pool, level),
                f"This pool is for {_levels(pool)}: {you.lower() if self_nomination else you}"
                f"{' are' if self_nomination else ' is'} at {at}",
            )
        )
    if pool.requires_prerequisite and pool.target_stage_id:
        below = prerequisite_stage(pool.target_stage)
        if below is not None:
            found.append(
                Criterion(
                    f"The {below.name} credential",
                    person_meets_prerequisite(person, pool.target_stage),
                    f"{you} {need} the {below.name} credential to join this pool: "
                    f"{you_do} not hold it yet",
                )
            )
    if pool.minimum_readiness:
        minimum = Readiness(pool.minimum_readiness).label
        found.append(
            Criterion(
                f"Readiness: {minimum.lower()} or sooner",
                readiness_allowed(pool, readiness) if readiness else None,
                f"This pool is for people {minimum.lower()} or sooner",
            )
        )
    return found


def criteria_problems(pool, person, *, readiness: str, self_nomination: bool) -> list[str]:
    return [
        c.problem
        for c in criteria_for(pool, person, readiness=readiness, self_nomination=self_nomination)
        if c.met is False
    ]


# --- my pools and my team's -------------------------------------------------------------------


def _offers_prefetch():
    return Prefetch(
        "pool__offers",
        queryset=DevelopmentOffer.objects.filter(is_active=True)
        .select_related("programme")
        .order_by("title"),
        to_attr="active_offers",
    )


def own_memberships(user) -> list[PoolMembership]:
    """The user's nominations and memberships, newest first, with each pool's active offers
    (as ``pool.active_offers``). Two queries."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return []
    return list(
        PoolMembership.objects.filter(person_id=person_id)
        .select_related("pool", "pool__owner", "pool__target_stage")
        .prefetch_related(_offers_prefetch())
        .order_by("-created_at", "-pk")
    )


def team_memberships(user) -> list[PoolMembership]:
    """Nominations and memberships of the user's current reports and of people currently
    employed where they are people lead."""
    q = None
    reports = current_reports_q(user, prefix="person__")
    if reports is not None:
        q = reports
    lead = people_lead_q(user, prefix="organisation__")
    if lead is not None:
        staff = Employment.objects.filter(current_q()).filter(lead).values("person_id")
        part = Q(person_id__in=staff)
        q = part if q is None else q | part
    if q is None:
        return []
    person_id = getattr(user, "person_id", None)
    return list(
        PoolMembership.objects.filter(q)
        .exclude(person_id=person_id)
        .select_related("pool", "person", "organisation")
        .order_by("person__family_name", "person__given_name", "-pk")
    )


# --- make-up against the eligible population ---------------------------------------------------


def eligible_person_ids(pool: TalentPool) -> QuerySet:
    """People in current employment in the pool owner's organisations at its management
    levels (and holding the prerequisite when the pool requires it), as a subquery."""
    employments = Employment.objects.filter(current_q())
    if pool.level == ScopeLevel.REGION:
        employments = employments.filter(
            Q(organisation__region_id=pool.owner_id) | Q(organisation_id=pool.owner_id)
        )
    elif pool.level == ScopeLevel.ICB:
        employments = employments.filter(
            Q(organisation__icb_id=pool.owner_id) | Q(organisation_id=pool.owner_id)
        )
    if pool.min_management_level:
        employments = employments.filter(management_level__gte=pool.min_management_level)
    if pool.max_management_level:
        below = Q(management_level__lte=pool.max_management_level)
        if not pool.min_management_level:
            below |= Q(management_level__isnull=True)
        employments = employments.filter(below)
    ids = employments.values("person_id")
    if pool.requires_prerequisite and pool.target_stage_id:
        return people_meeting_prerequisite(ids, pool.target_stage).values("pk")
    return Person.objects.filter(pk__in=ids).values("pk")


def member_person_ids(pool: TalentPool) -> QuerySet:
    return PoolMembership.objects.filter(pool=pool, status=M.MEMBER).values("person_id")


@dataclass
class MakeupGroup:
    label: str
    members: int | None
    eligible: int | None
    member_share: float | None
    eligible_share: float | None
    #: The group's chance of being a member over everyone else's; None when either hidden.
    likelihood: float | None


@dataclass
class Makeup:
    question: str
    title: str
    groups: list[MakeupGroup]
    members_total: int
    eligible_total: int


def _share(count, total):
    return count / total if count is not None and total else None


def pool_makeup(pool: TalentPool) -> list[Makeup]:
    """For each question, suppressed counts of the pool's members and of its eligible
    population by group, their shares, and the relative likelihood of being a member (the
    group's member rate over the rest's). Numbers only; never anyone's answer."""
    eligible_ids = eligible_person_ids(pool)
    member_ids = member_person_ids(pool)
    result = []
    for question, title in MAKEUP_QUESTIONS:
        members = people_selectors.equality_counts(member_ids, question=question)
        eligible = people_selectors.equality_counts(eligible_ids, question=question)
        members_total, eligible_total = sum(members.values()), sum(eligible.values())
        shown_members = people_selectors.suppress(members)
        shown_eligible = people_selectors.suppress(eligible)
        groups = []
        for label in eligible:
            m, e = shown_members.get(label), shown_eligible.get(label)
            likelihood = None
            if m is not None and e:
                rest_m = members_total - m
                rest_e = eligible_total - e
                rate = m / e
                rest_rate = rest_m / rest_e if rest_e > 0 else None
                if rest_rate:
                    likelihood = rate / rest_rate
            groups.append(
                MakeupGroup(
                    label,
                    m,
                    e,
                    _share(m, members_total),
                    _share(e, eligible_total),
                    likelihood,
                )
            )
        result.append(Makeup(question, title, groups, members_total, eligible_total))
    return result


def programmes_for_offers() -> list:
    """Programmes an offer may link to: any that is not a draft."""
    from carelead.learning.models import Programme

    return list(Programme.objects.exclude(status=Programme.Status.DRAFT).order_by("title"))
