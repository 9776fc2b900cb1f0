"""Reads for talent assessments: performance read from completed appraisals, who may assess
whom, and the assessments each kind of user may see. Anything outside a user's reach answers
Http404, so a forged id never shows that a record exists."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from carelead.accounts.roles import Role
from carelead.accounts.scoping import organisations_in_scope
from carelead.appraisals.models import Appraisal, BehaviourAssessment, Objective
from carelead.core.wording import plural
from carelead.organisations.models import Organisation
from carelead.people.models import Employment, current_q
from carelead.standards.models import RatingLevel
from carelead.talent.models import GridPreset, PotentialCriterion, TalentAssessment
from carelead.talent.selectors.access import people_lead_q, talent_lead_q

OPEN = (TalentAssessment.Status.DRAFT, TalentAssessment.Status.PROPOSED)

ASSESSMENT_RELATED = ("person", "organisation", "employment", "assessed_by")


# --- Performance from appraisals -------------------------------------------------------------


@dataclass(frozen=True)
class PerformanceReading:
    """What a person's latest completed appraisal says about their performance."""

    appraisal_id: int
    #: 1 low, 2 moderate, 3 high; None when the appraisal has no agreed ratings and no
    #: decided objectives, so there is nothing to read.
    level: int | None
    explanation: str
    completed_on: object = None


def _level_from(positions: list[float], achieved: int, not_achieved: int) -> int | None:
    if positions:
        mean = sum(positions) / len(positions)
        level = 1 if mean < 1 / 3 else 2 if mean < 2 / 3 else 3
        if not_achieved > achieved:
            level = max(1, level - 1)
        return level
    decided = achieved + not_achieved
    if decided:
        share = achieved / decided
        return 1 if share < 1 / 3 else 2 if share < 2 / 3 else 3
    return None


def performance_from_appraisals(person_ids) -> dict[int, PerformanceReading]:
    """Each person's performance (1..3) read from their latest completed appraisal (newest
    ``completed_on``); people with none are left out, so ``.get(pk)`` is None for them.

    The rule. The "how": every agreed behaviour rating is placed on its own scale, from 0 (the
    lowest scored level) to 1 (the highest); levels that are not a score ("no chance to
    demonstrate") are left out. The mean position, in thirds, gives low, moderate or high.
    The "what": if more of the appraisal's objectives were not achieved than achieved, the
    level moves down one (it never goes below low). Objectives still open or carried forward
    count as neither. With no agreed ratings, the share of decided objectives achieved, in
    thirds, gives the level; with neither, there is nothing to read (level None).

    Four queries whatever the number of people, so a calibration page of thousands can call it.
    """
    person_ids = list(person_ids)
    if not person_ids:
        return {}
    latest: dict[int, dict] = {}
    rows = (
        Appraisal.objects.filter(person_id__in=person_ids, status=Appraisal.Status.COMPLETED)
        .order_by("person_id", "-completed_on", "-pk")
        .values("pk", "person_id", "completed_on")
    )
    for row in rows:
        latest.setdefault(row["person_id"], row)
    appraisal_ids = [row["pk"] for row in latest.values()]

    ratings = list(
        BehaviourAssessment.objects.filter(
            appraisal_id__in=appraisal_ids,
            agreed_rating__isnull=False,
            agreed_rating__value__isnull=False,
        ).values_list("appraisal_id", "agreed_rating_id", "agreed_rating__scale_id")
    )
    scale_ids = {scale_id for _, _, scale_id in ratings}
    scored: dict[int, list[int]] = defaultdict(list)
    for level_id, scale_id in (
        RatingLevel.objects.filter(scale_id__in=scale_ids, value__isnull=False)
        .order_by("scale_id", "sort_order", "pk")
        .values_list("pk", "scale_id")
    ):
        scored[scale_id].append(level_id)

    positions: dict[int, list[float]] = defaultdict(list)
    top_two: dict[int, int] = defaultdict(int)
    for appraisal_id, level_id, scale_id in ratings:
        levels = scored[scale_id]
        index = levels.index(level_id)
        span = len(levels) - 1
        positions[appraisal_id].append(index / span if span else 1.0)
        if index >= len(levels) - 2:
            top_two[appraisal_id] += 1

    outcomes: dict[int, dict[str, int]] = defaultdict(lambda: {"achieved": 0, "not": 0})
    for appraisal_id, progress in Objective.objects.filter(
        appraisal_id__in=appraisal_ids,
        progress__in=(Objective.Progress.ACHIEVED, Objective.Progress.NOT_ACHIEVED),
    ).values_list("appraisal_id", "progress"):
        key = "achieved" if progress == Objective.Progress.ACHIEVED else "not"
        outcomes[appraisal_id][key] += 1

    readings = {}
    for person_id, row in latest.items():
        pk = row["pk"]
        rated = len(positions[pk])
        achieved, not_achieved = outcomes[pk]["achieved"], outcomes[pk]["not"]
        parts = []
        if rated:
            parts.append(
                f"{top_two[pk]} of {plural(rated, 'behaviour')} rated at the top two levels"
            )
        else:
            parts.append("no agreed behaviour ratings")
        decided = achieved + not_achieved
        if decided:
            parts.append(f"{achieved} of {plural(decided, 'objective')} achieved")
        else:
            parts.append("no objectives marked achieved or not achieved")
        explanation = "; ".join(parts)
        readings[person_id] = PerformanceReading(
            appraisal_id=pk,
            level=_level_from(positions[pk], achieved, not_achieved),
            explanation=explanation[0].upper() + explanation[1:],
            completed_on=row["completed_on"],
        )
    return readings


# --- Reference -------------------------------------------------------------------------------


def default_grid() -> GridPreset | None:
    """The default talent grid, its cells prefetched (None until the reference is loaded)."""
    return (
        GridPreset.objects.filter(kind=GridPreset.Kind.TALENT_GRID, is_default=True)
        .prefetch_related("cells")
        .first()
    )


def potential_criteria() -> list[PotentialCriterion]:
    return list(PotentialCriterion.objects.order_by("sort_order", "code"))


# --- Who may assess whom ---------------------------------------------------------------------


def _is_people_lead_of(user, organisation_id: int) -> bool:
    return organisations_in_scope(user, Role.PEOPLE_LEAD).filter(pk=organisation_id).exists()


def assessable_employment(user, person_id: int) -> Employment:
    """The employment ``user`` may assess ``person_id`` in: one where the user is their
    current line manager, or else their current employment at an organisation the user is a
    people lead of. Http404 for anyone else (and for the user themself)."""
    own = getattr(user, "person_id", None)
    if own is not None and own == person_id:
        raise Http404("No such person.")
    employments = Employment.objects.filter(current_q(), person_id=person_id).select_related(
        "person", "organisation", "line_manager"
    )
    reach = Q(pk__in=[])
    if own is not None:
        reach |= Q(current_q(prefix="line_manager__"), line_manager__person_id=own)
    lead = people_lead_q(user, prefix="organisation__")
    if lead is not None:
        reach |= lead
    employment = employments.filter(reach).order_by("-start_date", "-pk").first()
    if employment is None:
        raise Http404("No such person.")
    return employment


def open_assessment(person_id: int) -> TalentAssessment | None:
    """The person's one draft or proposed assessment, if there is one."""
    return (
        TalentAssessment.objects.filter(person_id=person_id, status__in=OPEN)
        .select_related(*ASSESSMENT_RELATED)
        .prefetch_related("evidence__criterion")
        .order_by("-pk")
        .first()
    )


# --- Who may see an assessment ---------------------------------------------------------------


def _manages_person(user, person_id: int) -> bool:
    own = getattr(user, "person_id", None)
    if own is None:
        return False
    return Employment.objects.filter(
        current_q(),
        current_q(prefix="line_manager__"),
        person_id=person_id,
        line_manager__person_id=own,
    ).exists()


def assessment_viewer_roles(user, assessment: TalentAssessment) -> set[str]:
    """What the user is to this assessment: ``assessor``, ``line_manager``, ``people_lead``,
    ``talent_lead``, or ``self`` (the person, and only once it is calibrated). A people lead
    or talent lead holds no other role on their own assessment: it is hidden from them, as
    from anyone, until calibrated."""
    if getattr(user, "person_id", None) == assessment.person_id:
        return {"self"} if assessment.status == TalentAssessment.Status.CALIBRATED else set()
    roles = set()
    if assessment.assessed_by_id is not None and assessment.assessed_by_id == user.pk:
        roles.add("assessor")
    if _manages_person(user, assessment.person_id):
        roles.add("line_manager")
    if _is_people_lead_of(user, assessment.organisation_id):
        roles.add("people_lead")
    lead = talent_lead_q(user)
    if (
        lead is not None
        and Organisation.objects.filter(lead, pk=assessment.organisation_id).exists()
    ):
        roles.add("talent_lead")
    return roles


#: Those who may change or withdraw an open assessment.
EDITORS = {"assessor", "line_manager", "people_lead"}


def assessment_for_viewer(user, pk: int, *, roles: set[str] | None = None) -> TalentAssessment:
    """The assessment with ``.viewer_roles`` set, if the user holds one of ``roles`` on it
    (any by default); Http404 otherwise."""
    assessment = (
        TalentAssessment.objects.select_related(*ASSESSMENT_RELATED, "appraisal")
        .prefetch_related("evidence__criterion")
        .filter(pk=pk)
        .first()
    )
    if assessment is None:
        raise Http404("No such assessment.")
    held = assessment_viewer_roles(user, assessment)
    if not held or (roles is not None and not held & roles):
        raise Http404("No such assessment.")
    assessment.viewer_roles = held
    return assessment


def own_assessments(user) -> QuerySet[TalentAssessment]:
    """The user's own calibrated assessments, newest first (drafts and proposals are the
    assessor's working papers until calibration settles them)."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return TalentAssessment.objects.none()
    return (
        TalentAssessment.objects.filter(
            person_id=person_id, status=TalentAssessment.Status.CALIBRATED
        )
        .select_related(*ASSESSMENT_RELATED)
        .order_by("-assessed_on", "-pk")
    )


# --- Lists -----------------------------------------------------------------------------------


def team_reports(user) -> list[Employment]:
    """The user's current direct reports, each with ``latest_assessment`` (their newest one
    that is not withdrawn, or None). Two queries, whatever the size of the team."""
    own = getattr(user, "person_id", None)
    if own is None:
        return []
    reports = list(
        Employment.objects.filter(
            current_q(), current_q(prefix="line_manager__"), line_manager__person_id=own
        )
        .select_related("person", "organisation")
        .order_by("person__family_name", "person__given_name", "person_id", "-start_date")
    )
    latest: dict[int, TalentAssessment] = {}
    for assessment in (
        TalentAssessment.objects.filter(person_id__in={e.person_id for e in reports})
        .exclude(status=TalentAssessment.Status.WITHDRAWN)
        .order_by("person_id", "-assessed_on", "-pk")
    ):
        latest.setdefault(assessment.person_id, assessment)
    seen = set()
    rows = []
    for employment in reports:
        # Someone with two jobs under the same manager is listed once.
        if employment.person_id in seen:
            continue
        seen.add(employment.person_id)
        employment.latest_assessment = latest.get(employment.person_id)
        rows.append(employment)
    return rows


def review_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose assessments the user may review: those they are a people lead of
    and those in the regions they lead talent for."""
    q = None
    for part in (people_lead_q(user), talent_lead_q(user)):
        if part is not None:
            q = part if q is None else q | part
    if q is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(q).order_by("name")


def review_organisation(user, ods_code: str | None) -> Organisation | None:
    """The organisation to show: the one named (Http404 outside the user's reach), or else
    the first a people lead leads; None when the user must choose."""
    reachable = review_organisations(user)
    if ods_code:
        organisation = reachable.filter(ods_code=ods_code).first()
        if organisation is None:
            raise Http404("No such organisation.")
        return organisation
    lead = people_lead_q(user)
    if lead is not None:
        return Organisation.objects.filter(lead).order_by("name").first()
    return None


def organisation_assessments(
    user, organisation: Organisation, *, status: str | None = None
) -> QuerySet[TalentAssessment]:
    """The organisation's assessments (withdrawn ones only when asked for), by status then
    name; the user's own are left out until calibrated."""
    assessments = TalentAssessment.objects.filter(organisation=organisation)
    own = getattr(user, "person_id", None)
    if own is not None:
        assessments = assessments.exclude(
            Q(person_id=own) & ~Q(status=TalentAssessment.Status.CALIBRATED)
        )
    if status:
        assessments = assessments.filter(status=status)
    else:
        assessments = assessments.exclude(status=TalentAssessment.Status.WITHDRAWN)
    return assessments.select_related(*ASSESSMENT_RELATED).order_by(
        "status", "person__family_name", "person__given_name", "-pk"
    )


def status_counts(organisation: Organisation) -> dict[str, int]:
    from django.db.models import Count

    return dict(
        TalentAssessment.objects.filter(organisation=organisation)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
