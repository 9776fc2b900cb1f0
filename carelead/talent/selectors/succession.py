"""Reads for critical roles and succession: the roles a user may manage, one role's plan with
what is known about each candidate, and the regional risk map.

Scope is the organisations the user is a people lead for, and the organisations of the
regions they lead talent for. A role, candidate or organisation outside it answers 404, so its
existence does not leak. Candidates may work anywhere: scope follows the role, not the person.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.learning.selectors.records import people_meeting_prerequisite
from carelead.organisations.models import Organisation, OrganisationKind, open_q
from carelead.people.models import Employment, Person, current_q
from carelead.standards.models import Stage
from carelead.standards.selectors import published_version
from carelead.talent.models import CriticalRole, PoolMembership, Readiness, SuccessionCandidate

SUCCESSION_ROLES = (Role.PEOPLE_LEAD, Role.REGIONAL_TALENT_LEAD)
#: Organisations whose senior posts the region plans succession for by default; any other
#: organisation appears once it has a critical role (or when the user is its people lead).
SENIOR_KINDS = (
    OrganisationKind.REGION,
    OrganisationKind.ICB,
    OrganisationKind.NHS_TRUST,
    OrganisationKind.FOUNDATION_TRUST,
)
MANAGEMENT_FRAMEWORK = "management-leadership"
#: Readiest first (the stored values do not sort that way).
READINESS_ORDER = Case(
    *(When(readiness=value, then=Value(rank)) for rank, value in enumerate(Readiness.values)),
    default=Value(len(Readiness.values)),
)
#: Roles whose expected vacancy falls within this many days count as "vacant soon".
VACANT_SOON_DAYS = 365


def succession_q(user, prefix: str = "") -> Q | None:
    """A Q over Organisation (or a relation to it, via ``prefix``) for the organisations whose
    critical roles the user manages; None when there are none."""
    return scoping.scope_q(user, *SUCCESSION_ROLES, prefix=prefix)


def _people_lead_ids(user) -> list[int]:
    return [a.organisation_id for a in scoping.assignments(user, Role.PEOPLE_LEAD)]


def manageable_organisations(user) -> list[Organisation]:
    """Open organisations the user may record critical roles for, by name."""
    q = succession_q(user)
    if q is None:
        return []
    return list(
        Organisation.objects.filter(q)
        .filter(open_q())
        .filter(Q(kind__in=SENIOR_KINDS) | Q(pk__in=_people_lead_ids(user)))
        .order_by("name")
    )


def manageable_organisation(user, ods_code: str) -> Organisation:
    """One organisation in the user's succession scope by ODS code; Http404 otherwise."""
    q = succession_q(user)
    organisation = None
    if q is not None and ods_code:
        organisation = Organisation.objects.filter(q, ods_code=ods_code).first()
    if organisation is None:
        raise Http404("No such organisation")
    return organisation


def _roles(user) -> QuerySet[CriticalRole]:
    q = succession_q(user, prefix="organisation__")
    if q is None:
        return CriticalRole.objects.none()
    return CriticalRole.objects.filter(q)


def _ready_now(role_ref="pk"):
    return SuccessionCandidate.objects.filter(
        role_id=OuterRef(role_ref), readiness=Readiness.READY_NOW
    )


def _cover(role_ref="pk"):
    return SuccessionCandidate.objects.filter(role_id=OuterRef(role_ref), is_emergency_cover=True)


def roles_for_user(
    user, *, organisation: Organisation | None = None, include_retired: bool = False
) -> list[CriticalRole]:
    """The critical roles the user manages, by organisation, kind and title, each with
    ``candidate_count``, ``ready_now_count`` and ``cover_count``. One query however many."""
    roles = _roles(user)
    if organisation is not None:
        roles = roles.filter(organisation=organisation)
    if not include_retired:
        roles = roles.filter(is_active=True)
    return list(
        roles.select_related("organisation", "incumbent__person", "stage")
        .annotate(
            candidate_count=Count("candidates"),
            ready_now_count=Count(
                "candidates", filter=Q(candidates__readiness=Readiness.READY_NOW)
            ),
            cover_count=Count("candidates", filter=Q(candidates__is_emergency_cover=True)),
        )
        .order_by("organisation__name", "-is_active", "kind", "title", "pk")
    )


def role_for_user(user, pk: int) -> CriticalRole:
    """One critical role the user manages (live or retired); Http404 otherwise."""
    role = (
        _roles(user)
        .select_related("organisation", "incumbent__person", "incumbent__organisation", "stage")
        .filter(pk=pk)
        .first()
    )
    if role is None:
        raise Http404("No such critical role")
    return role


def candidate_for_user(user, pk: int) -> SuccessionCandidate:
    """A candidate on a plan for a role the user manages; Http404 otherwise."""
    q = succession_q(user, prefix="role__organisation__")
    candidate = None
    if q is not None:
        candidate = (
            SuccessionCandidate.objects.filter(q, pk=pk)
            .select_related("role", "role__organisation", "person")
            .first()
        )
    if candidate is None:
        raise Http404("No such candidate")
    return candidate


def current_employments(person_ids) -> dict[int, Employment]:
    """Each person's main current job (the latest started), in one query."""
    found: dict[int, Employment] = {}
    rows = (
        Employment.objects.filter(current_q(), person_id__in=person_ids)
        .select_related("organisation")
        .order_by("person_id", "-start_date", "-pk")
    )
    for employment in rows:
        found.setdefault(employment.person_id, employment)
    return found


def role_candidates(role: CriticalRole) -> list[SuccessionCandidate]:
    """The role's candidates, readiest first, each with ``current_employment`` (or None),
    ``meets_prerequisite`` (None when the role has no stage) and ``in_pool`` (a member of any
    talent pool). Four queries however many candidates; never any equality data."""
    candidates = list(
        SuccessionCandidate.objects.filter(role=role)
        .select_related("person")
        .annotate(readiness_rank=READINESS_ORDER)
        .order_by("readiness_rank", "-is_emergency_cover", "person__family_name", "pk")
    )
    person_ids = [c.person_id for c in candidates]
    jobs = current_employments(person_ids) if person_ids else {}
    meeting = None
    if role.stage_id and person_ids:
        meeting = set(
            people_meeting_prerequisite(person_ids, role.stage).values_list("pk", flat=True)
        )
    pooled = set()
    if person_ids:
        pooled = set(
            PoolMembership.objects.filter(
                person_id__in=person_ids, status=PoolMembership.Status.MEMBER
            ).values_list("person_id", flat=True)
        )
    for candidate in candidates:
        candidate.current_employment = jobs.get(candidate.person_id)
        candidate.meets_prerequisite = None if meeting is None else candidate.person_id in meeting
        candidate.in_pool = candidate.person_id in pooled
    return candidates


def find_people(text: str) -> list[Person]:
    """People whose person number is ``text``, or whose email is ``text`` (ignoring case).
    At most two, so a caller can tell "none", "one" and "more than one" apart."""
    text = (text or "").strip()
    if not text:
        return []
    if "@" in text:
        return list(Person.objects.filter(email__iexact=text).order_by("pk")[:2])
    return list(Person.objects.filter(person_number=text)[:1])


def incumbent_choices(organisation: Organisation) -> list[Employment]:
    """Current board-level and director jobs (management level 5 or 4) at the organisation,
    most senior first: the usual holders of critical roles."""
    return list(
        Employment.objects.filter(current_q(), organisation=organisation, management_level__gte=4)
        .select_related("person")
        .order_by("-management_level", "job_title", "person__family_name", "pk")
    )


#: Board posts that are not executive posts, never suggested as critical roles.
NOT_EXECUTIVE = ("chair", "non-executive")


def suggested_kind(employment: Employment) -> str:
    if employment.job_title.strip().lower() == "chief executive":
        return CriticalRole.Kind.CHIEF_EXECUTIVE
    if employment.management_level == 4:
        return CriticalRole.Kind.EXECUTIVE_DIRECTOR
    return CriticalRole.Kind.OTHER


def suggested_posts(organisation: Organisation) -> list[Employment]:
    """The organisation's current executive jobs (management level 5 or 4, not the chair or
    non-executive directors) whose job title is not yet a live critical role there, one per
    title, chief executive first. Two queries."""
    taken = {
        t.lower()
        for t in CriticalRole.objects.filter(organisation=organisation, is_active=True).values_list(
            "title", flat=True
        )
    }
    posts, seen = [], set()
    for employment in incumbent_choices(organisation):
        title = employment.job_title.strip().lower()
        if title in taken or title in seen or title.startswith(NOT_EXECUTIVE):
            continue
        seen.add(title)
        posts.append(employment)
    posts.sort(key=lambda e: suggested_kind(e) != CriticalRole.Kind.CHIEF_EXECUTIVE)
    return posts


def employment_by_assignment(organisation_id: int, assignment_number: str) -> Employment | None:
    """The current job at the organisation with this assignment number, or None."""
    assignment_number = (assignment_number or "").strip()
    if not assignment_number:
        return None
    return (
        Employment.objects.filter(
            current_q(), organisation_id=organisation_id, assignment_number=assignment_number
        )
        .select_related("person")
        .first()
    )


def framework_stages() -> list[Stage]:
    """The stages of the Management and Leadership Framework version in force, lowest first."""
    version = published_version(MANAGEMENT_FRAMEWORK)
    if version is None:
        return []
    return list(version.stages.order_by("rank"))


# --- the risk map ----------------------------------------------------------------------------


@dataclass
class OrganisationRisk:
    organisation: Organisation
    roles: int = 0
    no_ready_now: int = 0
    no_cover: int = 0
    vacant_soon: int = 0
    vacant_soon_no_ready_now: int = 0

    @property
    def level(self) -> str:
        """``none`` (no roles recorded), ``high``, ``medium`` or ``low``: see RISK_RULES."""
        if not self.roles:
            return "none"
        if self.vacant_soon_no_ready_now or self.no_ready_now * 2 >= self.roles:
            return "high"
        if self.no_ready_now or self.no_cover:
            return "medium"
        return "low"

    @property
    def score(self) -> tuple:
        return (
            self.vacant_soon_no_ready_now,
            self.no_ready_now,
            self.no_cover,
            self.vacant_soon,
        )


@dataclass
class IcbGroup:
    name: str
    rows: list[OrganisationRisk] = field(default_factory=list)


def risk_map(user, *, today: datetime.date | None = None) -> list[OrganisationRisk]:
    """Each organisation in the user's succession scope (the senior kinds, and any other with
    a critical role) with counts of its live critical roles: all of them, those with no
    ready-now successor, with no emergency cover, expected to fall vacant within 12 months
    (or already past that date), and those vacant soon with no ready-now successor. Two
    queries however many organisations and roles."""
    q = succession_q(user)
    if q is None:
        return []
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=VACANT_SOON_DAYS)
    counts = (
        CriticalRole.objects.filter(succession_q(user, prefix="organisation__"), is_active=True)
        .annotate(has_ready=Exists(_ready_now()), has_cover=Exists(_cover()))
        .values("organisation_id")
        .annotate(
            roles=Count("pk"),
            no_ready_now=Count("pk", filter=Q(has_ready=False)),
            no_cover=Count("pk", filter=Q(has_cover=False)),
            vacant_soon=Count("pk", filter=Q(expected_vacancy_on__lte=soon)),
            vacant_soon_no_ready_now=Count(
                "pk", filter=Q(expected_vacancy_on__lte=soon, has_ready=False)
            ),
        )
        .order_by()
    )
    by_org = {row.pop("organisation_id"): row for row in counts}
    organisations = (
        Organisation.objects.filter(q)
        .filter(
            Q(pk__in=list(by_org))
            | (Q(kind__in=SENIOR_KINDS) & open_q())
            | Q(pk__in=_people_lead_ids(user))
        )
        .select_related("icb", "region")
        .order_by("name")
    )
    return [OrganisationRisk(o, **by_org.get(o.pk, {})) for o in organisations]


def risk_by_icb(rows: list[OrganisationRisk]) -> list[IcbGroup]:
    """The risk rows grouped by ICB (the ICB's own row first), ICBs by name; the region's own
    row and organisations outside any ICB come last under "Region-wide"."""
    groups: dict[str, IcbGroup] = {}
    other = IcbGroup("Region-wide and other organisations")
    for row in rows:
        org = row.organisation
        if org.kind == OrganisationKind.ICB:
            groups.setdefault(org.name, IcbGroup(org.name)).rows.insert(0, row)
        elif org.icb_id:
            groups.setdefault(org.icb.name, IcbGroup(org.icb.name)).rows.append(row)
        else:
            other.rows.append(row)
    ordered = [groups[name] for name in sorted(groups)]
    for group in ordered:
        # Keep the ICB's own row on top; the rest by name (already in name order).
        group.rows.sort(key=lambda r: (r.organisation.kind != OrganisationKind.ICB,))
    if other.rows:
        ordered.append(other)
    return ordered


def riskiest(rows: list[OrganisationRisk], limit: int = 3) -> list[OrganisationRisk]:
    """The organisations at high risk, the worst first (at most ``limit``)."""
    high = [r for r in rows if r.level == "high"]
    return sorted(high, key=lambda r: (*(-n for n in r.score), r.organisation.name))[:limit]
