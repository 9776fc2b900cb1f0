"""Reads of career pathways. Published pathways are public; drafts and retired ones reach only
the implementation office (anyone else gets 404, as for a pathway that does not exist).

The evidence of where people went next is read from carelead's own employment history and
is only ever aggregated: counts per step, never a name (the presenter suppresses them).
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from carelead.learning.models import Credential, Programme
from carelead.people.models import Employment
from carelead.talent.models import Pathway, PathwayStep
from carelead.talent.selectors.access import current_employment
from carelead.talent.services.pathways import MANAGE_PATHWAYS

#: Where people who held a step went next, in the order the page shows them.
NEXT_STEP = "next_step"
LATER_STEP = "later_step"
EARLIER_STEP = "earlier_step"
OTHER_ROLE = "other_role"
NO_MOVE = "no_move"
OUTCOMES = (NEXT_STEP, LATER_STEP, EARLIER_STEP, OTHER_ROLE, NO_MOVE)
MOVED = (NEXT_STEP, LATER_STEP, EARLIER_STEP, OTHER_ROLE)


def may_manage(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(MANAGE_PATHWAYS))


def _steps_prefetch() -> Prefetch:
    return Prefetch(
        "steps",
        queryset=PathwayStep.objects.select_related("credential_stage__version__framework")
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.order_by("title")))
        .order_by("order"),
    )


def published_pathways() -> QuerySet[Pathway]:
    """Published pathways with their steps, credentials and programmes (three queries)."""
    return Pathway.objects.filter(status=Pathway.Status.PUBLISHED).prefetch_related(
        _steps_prefetch()
    )


def pathways_for(user) -> QuerySet[Pathway]:
    """The pathways the user may see: published ones, and every one for the implementation
    office. Steps are prefetched, so a list costs the same however many there are."""
    if may_manage(user):
        return Pathway.objects.prefetch_related(_steps_prefetch())
    return published_pathways()


def pathway_for(user, code: str) -> Pathway:
    pathway = pathways_for(user).filter(code=code).first()
    if pathway is None:
        raise Http404("No such pathway")
    return pathway


def published_pathway(code: str) -> Pathway:
    pathway = published_pathways().filter(code=code).first()
    if pathway is None:
        raise Http404("No such pathway")
    return pathway


# --- recognising a step in a job title -------------------------------------------------------


def step_matcher(steps: list[PathwayStep]):
    """A function from a job title to the index (in ``steps``) of the step it matches, or
    None. Case-insensitive; where a title contains the fragments of several steps, the
    longest fragment wins ("deputy medical director" over "medical director"), then the
    later step."""
    fragments = sorted(
        (
            (fragment.lower(), index)
            for index, step in enumerate(steps)
            for fragment in step.job_titles
        ),
        key=lambda pair: (-len(pair[0]), -pair[1]),
    )

    def match(job_title: str) -> int | None:
        title = (job_title or "").lower()
        for fragment, index in fragments:
            if fragment in title:
                return index
        return None

    return match


def _titles_q(steps: list[PathwayStep]) -> Q | None:
    fragments = {f for step in steps for f in step.job_titles if f}
    if not fragments:
        return None
    return reduce(or_, (Q(job_title__icontains=f) for f in sorted(fragments)))


# --- evidence of where people went next ---------------------------------------------------


@dataclass
class StepEvidence:
    step: PathwayStep
    #: People who held the step, by where they went next (see OUTCOMES).
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    #: Months from starting the step to starting the next, different, job (movers only).
    months: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def moved(self) -> int:
        return sum(self.counts[o] for o in MOVED)

    @property
    def median_months(self) -> float | None:
        return statistics.median(self.months) if self.months else None


def _months(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _outcome(index: int, next_index: int | None) -> str:
    if next_index is None:
        return OTHER_ROLE
    if next_index == index + 1:
        return NEXT_STEP
    if next_index > index:
        return LATER_STEP
    return EARLIER_STEP


def pathway_evidence(pathway: Pathway) -> list[StepEvidence]:
    """For each step, how many people held it and where each went next, from carelead's
    employment history. A person counts once per step, from the first time they held it: a
    run of jobs that all match the step (the same step at another employer) is one stay, and
    what they did after the run is where they went next: the next step, a later step, an
    earlier step, another role, or nothing yet (still in the step, or no later record).

    Two queries whatever the number of people: the steps, then every employment of everyone
    who ever held a job matching the pathway, classified here."""
    steps = list(pathway.steps.all())
    evidence = [StepEvidence(step) for step in steps]
    titles = _titles_q(steps)
    if titles is None:
        return evidence
    match = step_matcher(steps)
    holders = Employment.objects.filter(titles).values("person_id")
    rows = (
        Employment.objects.filter(person_id__in=holders)
        .order_by("person_id", "start_date", "pk")
        .values_list("person_id", "start_date", "job_title")
    )
    careers: dict[int, list[tuple[int | None, datetime.date]]] = defaultdict(list)
    for person_id, start, job_title in rows:
        index = match(job_title)
        career = careers[person_id]
        # Consecutive jobs at one step (or in other roles) are one stay.
        if career and career[-1][0] == index:
            continue
        career.append((index, start))
    for career in careers.values():
        seen = set()
        for position, (index, start) in enumerate(career):
            if index is None or index in seen:
                continue
            seen.add(index)
            row = evidence[index]
            if position + 1 == len(career):
                row.counts[NO_MOVE] += 1
                continue
            next_index, next_start = career[position + 1]
            row.counts[_outcome(index, next_index)] += 1
            row.months.append(_months(start, next_start))
    return evidence


# --- the signed-in individual ---------------------------------------------------------------


@dataclass
class Position:
    """Where the user's current job sits on a pathway, and what the next step needs."""

    job_title: str
    step: PathwayStep | None
    next_step: PathwayStep | None
    #: Whether they hold the credential the next step needs (None: it needs none).
    holds_next_credential: bool | None


def position_of(user, pathway: Pathway) -> Position | None:
    """The user's own position on the pathway; None when they have no person or no current
    job. Reads only their own employment and credentials."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return None
    employment = current_employment(person_id)
    if employment is None:
        return None
    steps = list(pathway.steps.all())
    index = step_matcher(steps)(employment.job_title)
    step = steps[index] if index is not None else None
    next_step = steps[index + 1] if index is not None and index + 1 < len(steps) else None
    holds = None
    if next_step is not None and next_step.credential_stage_id:
        holds = Credential.objects.filter(
            person_id=person_id,
            stage_id=next_step.credential_stage_id,
            status=Credential.Status.ACTIVE,
        ).exists()
    return Position(employment.job_title, step, next_step, holds)
