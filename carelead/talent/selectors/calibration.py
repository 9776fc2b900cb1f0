"""Reads for calibration sessions: which sessions a user may open, the organisations they may
hold one for, the session's grid and placements, and the live fairness figures.

A session is seen by its facilitator and creator, the people leads of its organisation (for an
organisation-level session) and the regional talent leads whose region it is in; anyone else
gets 404, so a session's existence does not leak.

Fairness figures are aggregates only. They are counted by
``carelead.people.selectors.equality_counts_with_parts`` over a subquery of the session's
people (one query per question for everyone, placed high and proposed high) and pass
through ``suppress`` before anything is compared, so no figure on the page rests on fewer than
``CARELEAD_SUPPRESSION_MINIMUM`` people and no one's answer is ever read on its own.
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from carelead.organisations.models import Organisation, OrganisationKind
from carelead.people.selectors import (
    ETHNIC_GROUPS,
    NOT_STATED,
    equality_counts_with_parts,
    suppress,
)
from carelead.talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    GridPreset,
    ScopeLevel,
    TalentAssessment,
)
from carelead.talent.selectors.access import people_lead_q, talent_lead_q

#: The questions the fairness alerts compare, with the words the page uses for each.
FAIRNESS_QUESTIONS = (
    ("ethnic_category", "Ethnic group"),
    ("disability", "Disability"),
    ("sex", "Sex"),
)
#: Groups that hold people who did not say: shown as shares, never compared (as in WRES).
NOT_STATED_GROUPS = frozenset({NOT_STATED, ETHNIC_GROUPS[""]})
HIGH = 3


def suppression_minimum() -> int:
    return getattr(settings, "CARELEAD_SUPPRESSION_MINIMUM", 10)


def fairness_band() -> tuple[float, float]:
    """The relative likelihoods outside which a session is alerted: the four-fifths
    convention (0.8) and its reciprocal (1.25). Not confirmed as NHS policy, so a setting."""
    low, high = getattr(settings, "CARELEAD_TALENT_FAIRNESS_BAND", (0.8, 1.25))
    return float(low), float(high)


# --- Scope -----------------------------------------------------------------------------------


def _visible_q(user) -> Q:
    q = Q(facilitator_id=user.pk) | Q(created_by_id=user.pk)
    lead = people_lead_q(user, prefix="organisation__")
    if lead is not None:
        q |= Q(lead, level=ScopeLevel.ORGANISATION)
    talent = talent_lead_q(user, prefix="organisation__")
    if talent is not None:
        q |= talent
    return q


def _visible(user) -> QuerySet[CalibrationSession]:
    if not getattr(user, "is_authenticated", False):
        return CalibrationSession.objects.none()
    return CalibrationSession.objects.filter(_visible_q(user)).select_related(
        "organisation", "facilitator", "facilitator__person", "grid"
    )


def sessions_for_user(user) -> QuerySet[CalibrationSession]:
    """The sessions ``user`` may open, newest first, with how many people each holds."""
    # A correlated count reads the placement index per session; a JOIN and GROUP BY over
    # every placement of every session is several times slower for sessions of thousands.
    placement_count = (
        CalibrationPlacement.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _visible(user)
        .annotate(placement_count=Coalesce(Subquery(placement_count), 0))
        .order_by("-scheduled_on", "-pk")
    )


def session_for_user(user, pk: int) -> CalibrationSession:
    """The session, if ``user`` may open it; Http404 otherwise."""
    session = (
        _visible(user)
        .select_related("created_by", "created_by__person")
        .prefetch_related("grid__cells")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404("No such calibration session.")
    return session


def can_run(user, session: CalibrationSession) -> bool:
    """Only the facilitator and the session's creator move placements, start and close."""
    return getattr(user, "pk", None) in (session.facilitator_id, session.created_by_id)


def placement_for_runner(user, session_pk: int, pk: int) -> CalibrationPlacement:
    """A placement of a session ``user`` runs; Http404 otherwise (seeing is not running)."""
    session = session_for_user(user, session_pk)
    if not can_run(user, session):
        raise Http404("No such placement.")
    placement = (
        CalibrationPlacement.objects.select_related(
            "assessment", "assessment__person", "assessment__organisation"
        )
        .filter(session=session, pk=pk)
        .first()
    )
    if placement is None:
        raise Http404("No such placement.")
    placement.session = session
    return placement


def _level_for(organisation: Organisation) -> str:
    if organisation.kind == OrganisationKind.REGION:
        return ScopeLevel.REGION
    if organisation.kind == OrganisationKind.ICB:
        return ScopeLevel.ICB
    return ScopeLevel.ORGANISATION


def creatable_choices(user) -> list[tuple[str, Organisation]]:
    """(level, organisation) pairs ``user`` may hold a session for: people leads an
    organisation-level session for their own organisations; regional talent leads a session
    for their region, one of its ICBs or an organisation in it. Regions first, then ICBs."""
    choices: dict[tuple[str, int], Organisation] = {}
    talent = talent_lead_q(user)
    if talent is not None:
        for organisation in Organisation.objects.filter(talent):
            choices[(_level_for(organisation), organisation.pk)] = organisation
    lead = people_lead_q(user)
    if lead is not None:
        for organisation in Organisation.objects.filter(lead):
            choices[(ScopeLevel.ORGANISATION, organisation.pk)] = organisation
    order = {ScopeLevel.REGION: 0, ScopeLevel.ICB: 1, ScopeLevel.ORGANISATION: 2}
    return sorted(
        ((level, organisation) for (level, _), organisation in choices.items()),
        key=lambda pair: (order[pair[0]], pair[1].name, pair[1].pk),
    )


def may_create(user, level: str, organisation: Organisation) -> bool:
    """The rule ``creatable_choices`` lists, for one choice (the service's check)."""
    if level == ScopeLevel.ORGANISATION and organisation.kind in (
        OrganisationKind.REGION,
        OrganisationKind.ICB,
    ):
        lead = people_lead_q(user)
        return lead is not None and Organisation.objects.filter(lead, pk=organisation.pk).exists()
    if level != _level_for(organisation):
        return False
    for q in (talent_lead_q(user), people_lead_q(user) if level == "organisation" else None):
        if q is not None and Organisation.objects.filter(q, pk=organisation.pk).exists():
            return True
    return False


def talent_grids() -> list[GridPreset]:
    return list(GridPreset.objects.filter(kind=GridPreset.Kind.TALENT_GRID).order_by("title"))


# --- Placements ------------------------------------------------------------------------------


def assessments_in_scope_q(session: CalibrationSession, prefix: str = "") -> Q:
    """A Q over TalentAssessment for the organisations a session covers."""
    org = session.organisation_id
    if session.level == ScopeLevel.ICB:
        return Q(**{f"{prefix}organisation_id": org}) | Q(**{f"{prefix}organisation__icb_id": org})
    if session.level == ScopeLevel.REGION:
        return Q(**{f"{prefix}organisation_id": org}) | Q(
            **{f"{prefix}organisation__region_id": org}
        )
    return Q(**{f"{prefix}organisation_id": org})


def assessments_to_place(session: CalibrationSession) -> QuerySet[TalentAssessment]:
    """Proposed assessments in the session's scope that no other open session holds."""
    held = CalibrationPlacement.objects.filter(
        session__status__in=(
            CalibrationSession.Status.PLANNED,
            CalibrationSession.Status.IN_PROGRESS,
        )
    ).values("assessment_id")
    return TalentAssessment.objects.filter(
        assessments_in_scope_q(session), status=TalentAssessment.Status.PROPOSED
    ).exclude(pk__in=held)


def parse_cell(value: str | None) -> tuple[int, int] | None:
    """``"3-2"`` (performance-potential) as (3, 2); anything else as None."""
    try:
        x, y = (int(part) for part in (value or "").split("-"))
    except ValueError:
        return None
    return (x, y) if x in (1, 2, 3) and y in (1, 2, 3) else None


def session_placements(
    session: CalibrationSession, *, cell: tuple[int, int] | None = None
) -> QuerySet[CalibrationPlacement]:
    placements = CalibrationPlacement.objects.filter(session=session)
    if cell is not None:
        placements = placements.filter(performance=cell[0], potential=cell[1])
    return placements.select_related(
        "assessment__person", "assessment__organisation", "changed_by"
    ).order_by("assessment__person__family_name", "assessment__person__given_name", "pk")


def cell_counts(session: CalibrationSession) -> dict[tuple[int, int], int]:
    """How many placements sit in each cell now: one grouped query."""
    rows = (
        CalibrationPlacement.objects.filter(session=session)
        .order_by()
        .values("performance", "potential")
        .annotate(n=Count("pk"))
    )
    return {(r["performance"], r["potential"]): r["n"] for r in rows}


def cell_names(session: CalibrationSession, *, limit: int) -> list[tuple[int, int, str]] | None:
    """(performance, potential, name) for every placement, or None when there are more than
    ``limit`` (the grid then shows counts, and names come with a cell filter). One query."""
    rows = list(
        CalibrationPlacement.objects.filter(session=session)
        .order_by("assessment__person__family_name", "assessment__person__given_name", "pk")
        .values_list(
            "performance",
            "potential",
            "assessment__person__given_name",
            "assessment__person__family_name",
        )[: limit + 1]
    )
    if len(rows) > limit:
        return None
    return [(x, y, f"{given} {family}".strip()) for x, y, given, family in rows]


def move_summary(session: CalibrationSession) -> dict[str, int]:
    """How many placements moved, and how many moved into or out of high potential."""
    placements = CalibrationPlacement.objects.filter(session=session)
    moved = ~Q(performance=F("proposed_performance")) | ~Q(potential=F("proposed_potential"))
    high_changed = (Q(potential=HIGH) & ~Q(proposed_potential=HIGH)) | (
        ~Q(potential=HIGH) & Q(proposed_potential=HIGH)
    )
    return placements.aggregate(
        total=Count("pk"),
        moved=Count("pk", filter=moved),
        high_changed=Count("pk", filter=high_changed),
    )


# --- Fairness --------------------------------------------------------------------------------


@dataclass
class GroupFigure:
    """One equality group's figures in a session. ``None`` means suppressed or not
    calculable; ``note`` says which, in words for the page."""

    group: str
    people: int | None
    high: int | None
    people_share: float | None
    high_share: float | None
    likelihood: float | None
    alert: bool = False
    note: str = ""
    compared: bool = True
    #: "grew", "shrank", "no change" or "" (not shown), against the proposed placements.
    trend: str = ""


@dataclass
class QuestionFairness:
    question: str
    title: str
    groups: list[GroupFigure] = field(default_factory=list)

    @property
    def alerts(self) -> list[GroupFigure]:
        return [g for g in self.groups if g.alert]


def relative_likelihoods(
    population: dict[str, int],
    high: dict[str, int],
    *,
    minimum: int,
    not_stated: frozenset[str] = NOT_STATED_GROUPS,
) -> dict[str, float | None]:
    """Each stated group's rate of being placed high over the rate of every other stated
    group together. None for a group whose figures, or any other stated group's figures, are
    suppressed (so nothing hidden can be worked back from the ratio), and for a rate of 0."""
    shown_people = suppress(population, minimum=minimum)
    shown_high = suppress(high, minimum=minimum)
    stated = [g for g in population if g not in not_stated]
    complete = all(shown_people[g] is not None and shown_high.get(g) is not None for g in stated)
    result: dict[str, float | None] = {}
    for group in stated:
        if not complete or len(stated) < 2:
            result[group] = None
            continue
        rest_people = sum(population[g] for g in stated if g != group)
        rest_high = sum(high[g] for g in stated if g != group)
        if not (population[group] and high[group] and rest_people and rest_high):
            result[group] = None
            continue
        result[group] = (high[group] / population[group]) / (rest_high / rest_people)
    return result


def is_alert(likelihood: float | None, band: tuple[float, float] | None = None) -> bool:
    """Outside the band (default 0.8 to 1.25) and calculable."""
    if likelihood is None:
        return False
    low, high = band or fairness_band()
    return likelihood < low or likelihood > high


def trend(before: float | None, after: float | None) -> str:
    """Whether a disparity grew or shrank, as distance from parity on a log scale (so 0.5 and
    2.0 are equally far from 1)."""
    if before is None or after is None:
        return ""
    was, now = abs(math.log(before)), abs(math.log(after))
    if math.isclose(was, now, abs_tol=1e-9):
        return "no change"
    return "grew" if now > was else "shrank"


def question_fairness(
    question: str,
    title: str,
    population: dict[str, int],
    high: dict[str, int],
    proposed_high: dict[str, int] | None,
    *,
    minimum: int,
    band: tuple[float, float] | None = None,
) -> QuestionFairness:
    """The figures one question shows. ``proposed_high`` is None when the comparison with
    the proposed placements must not be shown."""
    shown_people = suppress(population, minimum=minimum)
    shown_high = suppress(high, minimum=minimum)
    total_people = sum(population.values())
    total_high = sum(high.values())
    now = relative_likelihoods(population, high, minimum=minimum)
    before = (
        relative_likelihoods(population, proposed_high, minimum=minimum)
        if proposed_high is not None
        else {}
    )
    result = QuestionFairness(question, title)
    for group in population:
        people, placed = shown_people[group], shown_high[group]
        figure = GroupFigure(
            group=group,
            people=people,
            high=placed,
            people_share=people / total_people if people is not None and total_people else None,
            high_share=placed / total_high if placed is not None and total_high else None,
            likelihood=now.get(group),
            compared=group not in NOT_STATED_GROUPS,
        )
        if people is None or placed is None:
            figure.note = f"Fewer than {minimum}"
        elif figure.compared and figure.likelihood is None:
            figure.note = "Not calculable"
        figure.alert = figure.compared and is_alert(figure.likelihood, band)
        if figure.compared and proposed_high is not None:
            figure.trend = trend(before.get(group), figure.likelihood)
        result.groups.append(figure)
    return result


@dataclass
class SessionFairness:
    questions: list[QuestionFairness]
    minimum: int
    band: tuple[float, float]
    #: People whose high-potential placement changed in the session.
    high_changed: int
    #: Whether the proposed-against-calibrated comparison may be shown.
    comparison_shown: bool

    @property
    def alerts(self) -> list[tuple[QuestionFairness, GroupFigure]]:
        return [(q, g) for q in self.questions for g in q.alerts]


def session_fairness(session: CalibrationSession) -> SessionFairness:
    """The live fairness figures for a session, from its placements as they are now.

    The comparison with the proposed placements is shown only when no one, or at least the
    suppression minimum of people, moved into or out of high potential: a comparison across
    fewer would be about those few people, and could point to their group."""
    minimum = suppression_minimum()
    band = fairness_band()
    placements = CalibrationPlacement.objects.filter(session=session)
    everyone = placements.values("assessment__person_id")
    placed_high = placements.filter(potential=HIGH).values("assessment__person_id")
    proposed_high = placements.filter(proposed_potential=HIGH).values("assessment__person_id")
    high_changed = move_summary(session)["high_changed"]
    comparison = high_changed == 0 or high_changed >= minimum
    parts = {"placed": placed_high}
    if comparison:
        parts["proposed"] = proposed_high
    questions = []
    for question, title in FAIRNESS_QUESTIONS:
        # One grouped query per question: everyone, placed high and proposed high together.
        counts, of_part = equality_counts_with_parts(everyone, question=question, parts=parts)
        questions.append(
            question_fairness(
                question,
                title,
                counts,
                of_part["placed"],
                of_part.get("proposed"),
                minimum=minimum,
                band=band,
            )
        )
    return SessionFairness(questions, minimum, band, high_changed, comparison)
