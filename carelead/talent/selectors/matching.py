"""Reads for matching ready pool members to challenged vacancies, approaches and placements.

Two kinds of reader: the individual (their own approach preference and the approaches made
to them) and the regional talent lead (vacancies, approaches and placements at organisations
in the regions they lead). Anything outside either answers 404.

Who may be approached is decided in one place, :func:`approachable_q`, which both the
matching list and the approach service read: a person who has not opted in for the
vacancy's region is never a candidate, whatever the request says.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField as BooleanOutput
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from carelead.core.periods import add_months
from carelead.learning.selectors.records import people_meeting_prerequisite
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.organisations.selectors import with_current_segment
from carelead.people.models import Employment, Person, current_q
from carelead.talent.models import (
    Approach,
    ApproachPreference,
    PoolMembership,
    Readiness,
    TalentPool,
    Vacancy,
    VacancyPlacement,
)
from carelead.talent.selectors.access import talent_lead_organisations, talent_lead_q

# --- The individual --------------------------------------------------------------------------


def preference_of(person_id: int) -> ApproachPreference:
    """The person's approach preference; an unsaved default (nobody may approach them) when
    they have never set one."""
    preference = ApproachPreference.objects.filter(person_id=person_id).first()
    if preference is None:
        preference = ApproachPreference(person_id=person_id, version=0)
    return preference


def approaches_to(user) -> QuerySet[Approach]:
    """Approaches made to the user's person, newest first."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Approach.objects.none()
    return Approach.objects.filter(person_id=person_id).select_related(
        "vacancy", "vacancy__organisation", "vacancy__package", "vacancy__stage"
    )


def approach_for_person(user, pk: int) -> Approach:
    """One of the approaches made to the user; Http404 for anyone else's."""
    approach = approaches_to(user).filter(pk=pk).first()
    if approach is None:
        raise Http404("No such approach.")
    return approach


def with_segments(approaches) -> list[Approach]:
    """Set ``segment_now`` on each approach's vacancy organisation, in one query."""
    approaches = list(approaches)
    org_ids = {a.vacancy.organisation_id for a in approaches}
    segments = dict(
        with_current_segment(Organisation.objects.filter(pk__in=org_ids)).values_list(
            "pk", "current_segment"
        )
    )
    for approach in approaches:
        approach.segment_now = segments.get(approach.vacancy.organisation_id)
    return approaches


# --- The regional talent lead ----------------------------------------------------------------


def region_of(organisation: Organisation) -> int | None:
    """The region an organisation is in (a region is its own)."""
    if organisation.kind == OrganisationKind.REGION:
        return organisation.pk
    return organisation.region_id


def _in_lead_scope(user) -> Q:
    q = talent_lead_q(user, prefix="organisation__")
    return q if q is not None else Q(pk__in=[])


def vacancies_for_lead(user) -> QuerySet[Vacancy]:
    """Vacancies at organisations in the regions the user leads talent for."""
    if talent_lead_q(user) is None:
        return Vacancy.objects.none()
    return Vacancy.objects.filter(_in_lead_scope(user)).select_related(
        "organisation", "package", "stage"
    )


def open_challenged_vacancies(user) -> QuerySet[Vacancy]:
    return (
        vacancies_for_lead(user)
        .filter(status=Vacancy.Status.OPEN, is_challenged=True)
        .order_by("closes_on", "reference")
    )


def vacancy_for_lead(user, pk: int) -> Vacancy:
    """A vacancy in the user's regions; Http404 outside them."""
    vacancy = vacancies_for_lead(user).filter(pk=pk).first()
    if vacancy is None:
        raise Http404("No such vacancy.")
    return vacancy


def approaches_for_lead(user) -> QuerySet[Approach]:
    if talent_lead_q(user) is None:
        return Approach.objects.none()
    scope = talent_lead_q(user, prefix="vacancy__organisation__")
    return Approach.objects.filter(scope).select_related(
        "vacancy", "vacancy__organisation", "person", "approached_by"
    )


def approach_for_lead(user, pk: int) -> Approach:
    approach = approaches_for_lead(user).filter(pk=pk).first()
    if approach is None:
        raise Http404("No such approach.")
    return approach


def visible_pools(user) -> QuerySet[TalentPool]:
    """Pools a lead may match from: owned by their region or its ICBs, or national."""
    owners = talent_lead_organisations(user).filter(
        kind__in=(OrganisationKind.REGION, OrganisationKind.ICB)
    )
    return TalentPool.objects.filter(Q(owner__isnull=True) | Q(owner__in=owners))


def approachable_q(region_id: int | None, *, prefix: str = "") -> Q:
    """A Q over Person (or a relation to it via ``prefix``) for people who have said the
    talent team of ``region_id`` may approach them about a challenged organisation's role:
    open to challenged organisations, and either any region or their own region when a
    current job of theirs is in it. The only definition of opting in."""
    audience = Q(audience=ApproachPreference.Audience.ANY_REGION)
    if region_id is not None:
        own_region_work = Employment.objects.filter(
            current_q(), person_id=OuterRef("person_id")
        ).filter(Q(organisation__region_id=region_id) | Q(organisation_id=region_id))
        audience |= Q(audience=ApproachPreference.Audience.OWN_REGION) & Exists(own_region_work)
    preferences = ApproachPreference.objects.filter(
        audience, person_id=OuterRef(f"{prefix}pk"), challenged_organisations=True
    )
    return Q(Exists(preferences))


def _flag(q: Q) -> Case:
    return Case(When(q, then=Value(True)), default=Value(False), output_field=BooleanOutput())


@dataclass
class MatchResult:
    """Candidates for a vacancy and, as counts only, who was left out and why."""

    ready_now: int = 0
    without_prerequisite: int = 0
    not_opted_in: int = 0
    already_approached: int = 0
    already_there: int = 0
    candidates: list = field(default_factory=list)


def ready_now_member_ids(user) -> QuerySet:
    return (
        PoolMembership.objects.filter(
            pool__in=visible_pools(user),
            status=PoolMembership.Status.MEMBER,
            readiness=Readiness.READY_NOW,
        )
        .values("person_id")
        .distinct()
    )


def _funnel(user, vacancy: Vacancy) -> QuerySet[Person]:
    """Every ready-now member the lead can see, flagged by each rule of the match."""
    member_ids = ready_now_member_ids(user)
    if vacancy.stage_id:
        meets = Q(pk__in=people_meeting_prerequisite(member_ids, vacancy.stage).values("pk"))
    else:
        meets = Q(pk__isnull=False)
    approached = Approach.objects.filter(vacancy=vacancy, person_id=OuterRef("pk"))
    there = Employment.objects.filter(
        current_q(), person_id=OuterRef("pk"), organisation_id=vacancy.organisation_id
    )
    return Person.objects.filter(pk__in=member_ids).annotate(
        meets=_flag(meets),
        opted=_flag(approachable_q(region_of(vacancy.organisation))),
        approached=Exists(approached),
        there=Exists(there),
    )


def candidates_q(user, vacancy: Vacancy) -> QuerySet[Person]:
    """The people the lead may approach about the vacancy (a queryset of Person)."""
    return _funnel(user, vacancy).filter(meets=True, opted=True, approached=False, there=False)


def is_candidate(user, vacancy: Vacancy, person_id: int) -> bool:
    if not vacancy.is_challenged or vacancy.status != Vacancy.Status.OPEN:
        return False
    return candidates_q(user, vacancy).filter(pk=person_id).exists()


def match(user, vacancy: Vacancy) -> MatchResult:
    """Candidates for an open challenged vacancy, with who was left out, in a fixed number
    of queries whatever the number of members."""
    result = MatchResult()
    if not vacancy.is_challenged or vacancy.status != Vacancy.Status.OPEN:
        return result
    candidate_ids = []
    for pk, meets, opted, approached, there in _funnel(user, vacancy).values_list(
        "pk", "meets", "opted", "approached", "there"
    ):
        result.ready_now += 1
        if not meets:
            result.without_prerequisite += 1
        elif not opted:
            result.not_opted_in += 1
        elif approached:
            result.already_approached += 1
        elif there:
            result.already_there += 1
        else:
            candidate_ids.append(pk)
    if not candidate_ids:
        return result
    job = Employment.objects.filter(current_q(), person_id=OuterRef("pk")).order_by(
        "-start_date", "-pk"
    )
    people = (
        Person.objects.filter(pk__in=candidate_ids)
        .annotate(
            job_title=Subquery(job.values("job_title")[:1]),
            employer=Subquery(job.values("organisation__name")[:1]),
            willing_to_relocate=Subquery(
                ApproachPreference.objects.filter(person_id=OuterRef("pk")).values(
                    "willing_to_relocate"
                )[:1]
            ),
        )
        .order_by("family_name", "given_name", "pk")
    )
    pools: dict[int, list[str]] = {}
    for person_id, name in (
        PoolMembership.objects.filter(
            pool__in=visible_pools(user),
            person_id__in=candidate_ids,
            status=PoolMembership.Status.MEMBER,
            readiness=Readiness.READY_NOW,
        )
        .order_by("pool__name")
        .values_list("person_id", "pool__name")
    ):
        pools.setdefault(person_id, []).append(name)
    for person in people:
        person.pool_names = pools.get(person.pk, [])
        result.candidates.append(person)
    return result


def interested_approaches(vacancy: Vacancy) -> QuerySet[Approach]:
    return vacancy.approaches.filter(status=Approach.Status.INTERESTED).select_related("person")


# --- Placements and their outcomes ------------------------------------------------------------


def placements_for_lead(user) -> QuerySet[VacancyPlacement]:
    if talent_lead_q(user) is None:
        return VacancyPlacement.objects.none()
    scope = talent_lead_q(user, prefix="vacancy__organisation__")
    return (
        VacancyPlacement.objects.filter(scope)
        .select_related("vacancy", "vacancy__organisation", "person", "package")
        .order_by("-starts_on", "-pk")
    )


@dataclass
class Outcome:
    placement: VacancyPlacement
    #: True, False, or None when the anniversary has not come yet.
    in_post_12: bool | None
    in_post_24: bool | None
    segment_now: int | None


def _in_post(spans, on: datetime.date) -> bool:
    return any(start <= on and (end is None or end >= on) for start, end in spans)


def outcomes(placements, *, today: datetime.date | None = None) -> list[Outcome]:
    """Still in post at 12 and 24 months and the segment now, for each placement: three
    queries in all (placements, employments, segments)."""
    today = today or timezone.localdate()
    placements = list(placements)
    people = {p.person_id for p in placements}
    orgs = {p.vacancy.organisation_id for p in placements}
    spans: dict[tuple[int, int], list] = {}
    for person_id, org_id, start, end in Employment.objects.filter(
        person_id__in=people, organisation_id__in=orgs
    ).values_list("person_id", "organisation_id", "start_date", "end_date"):
        spans.setdefault((person_id, org_id), []).append((start, end))
    segments = dict(
        with_current_segment(Organisation.objects.filter(pk__in=orgs)).values_list(
            "pk", "current_segment"
        )
    )
    rows = []
    for placement in placements:
        mine = spans.get((placement.person_id, placement.vacancy.organisation_id), [])
        marks = []
        for months in (12, 24):
            due = add_months(placement.starts_on, months)
            marks.append(None if due > today else _in_post(mine, due))
        rows.append(
            Outcome(placement, marks[0], marks[1], segments.get(placement.vacancy.organisation_id))
        )
    return rows
