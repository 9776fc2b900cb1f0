"""Reads for the workflow pages: a person's own appraisals, an appraiser's list, what an
appraisal's task list needs, the "since your last appraisal" panel and a new line manager's
consented view of the last completed appraisal.

Who may open one appraisal is decided in ``selectors.access``; these lists are built from
the acting user's own person record, so they never reach anyone else's.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from carelead.appraisals import workflow
from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    Cycle,
    FeedbackRequest,
)
from carelead.appraisals.services.workflow import last_completed_appraisal
from carelead.people.models import Employment, current_q

S = Appraisal.Status

LIST_RELATED = ("cycle", "person", "appraiser", "employment", "organisation")

#: Which of the cycle's deadlines an appraisal in each status is working towards.
DEADLINE_FIELD = {
    S.NOT_STARTED: "preparation_due_on",
    S.PREPARING: "preparation_due_on",
    S.READY_TO_DISCUSS: "discussion_due_on",
    S.DISCUSSED: "sign_off_due_on",
    S.AWAITING_SIGN_OFF: "sign_off_due_on",
}


def _next_due_expression():
    return Case(
        *[When(status=status, then=f"cycle__{name}") for status, name in DEADLINE_FIELD.items()],
        default=Value(None),
    )


def _live_first():
    return Case(
        When(status__in=workflow.LIVE, then=Value(0)), default=Value(1), output_field=IntegerField()
    )


def own_appraisals(user) -> QuerySet[Appraisal]:
    """The user's own appraisals with every employer: those still in progress first (next
    deadline first), then the finished and cancelled ones, newest first. Each carries
    ``next_due_on``."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Appraisal.objects.none()
    return (
        Appraisal.objects.filter(person_id=person_id)
        .exclude(cycle__status=Cycle.Status.DRAFT)
        .select_related(*LIST_RELATED)
        .annotate(next_due_on=_next_due_expression(), live_order=_live_first())
        .order_by("live_order", "next_due_on", "-cycle__opens_on", "-pk")
    )


def appraisals_to_appraise(user) -> QuerySet[Appraisal]:
    """The appraisals the user runs as appraiser (line manager, delegate or chair) in open
    and closed cycles: live ones first, earliest deadline first (so overdue ones lead), then
    the finished ones. Each carries ``next_due_on``. Constant queries, however many."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Appraisal.objects.none()
    return (
        Appraisal.objects.filter(
            appraiser_id=person_id,
            cycle__status__in=(Cycle.Status.OPEN, Cycle.Status.CLOSED),
        )
        .select_related(*LIST_RELATED)
        .annotate(next_due_on=_next_due_expression(), live_order=_live_first())
        .order_by("live_order", "next_due_on", "person__family_name", "person__given_name", "pk")
    )


@dataclass
class TaskCounts:
    behaviours: int = 0
    behaviours_self_rated: int = 0
    behaviours_agreed: int = 0
    objectives: int = 0
    edi_objectives: int = 0
    development_items: int = 0
    evidence: int = 0
    feedback_status: str = ""


def task_counts(appraisal: Appraisal) -> TaskCounts:
    """How far each section of the appraisal has got, for its task list (four queries)."""
    behaviours = appraisal.behaviour_assessments.aggregate(
        total=Count("pk"),
        self_rated=Count("pk", filter=Q(self_rating__isnull=False)),
        agreed=Count("pk", filter=Q(agreed_rating__isnull=False)),
    )
    objectives = appraisal.objectives.aggregate(
        total=Count("pk"), edi=Count("pk", filter=Q(is_edi=True))
    )
    counts = Appraisal.objects.filter(pk=appraisal.pk).aggregate(
        development=Count("development_items", distinct=True),
        evidence=Count("evidence", distinct=True),
    )
    feedback = FeedbackRequest.objects.filter(appraisal=appraisal).values_list("status", flat=True)
    return TaskCounts(
        behaviours=behaviours["total"],
        behaviours_self_rated=behaviours["self_rated"],
        behaviours_agreed=behaviours["agreed"],
        objectives=objectives["total"],
        edi_objectives=objectives["edi"],
        development_items=counts["development"],
        evidence=counts["evidence"],
        feedback_status=next(iter(feedback), ""),
    )


def transition_history(appraisal: Appraisal) -> list[AppraisalTransition]:
    return list(appraisal.transitions.order_by("occurred_at", "pk"))


@dataclass
class SinceLast:
    """What happened since the person's last completed appraisal: shown, not copied."""

    previous: Appraisal | None
    completions: list = field(default_factory=list)
    feedback_request: FeedbackRequest | None = None
    objectives_carried: int = 0
    development_items_carried: int = 0


def since_last_appraisal(appraisal: Appraisal) -> SinceLast:
    """The last completed appraisal, learning completed since (verified or waiting for
    verification) and its 360 feedback request, if any. The learning record is the
    person's across employers; a completion a provider rejected is left out."""
    from carelead.learning.models import Completion
    from carelead.learning.selectors.records import learning_record

    previous = last_completed_appraisal(appraisal.person_id, exclude_pk=appraisal.pk)
    since: datetime.date | None = previous.completed_on if previous else None
    record = learning_record(appraisal.person)
    completions = [
        c
        for c in record.completions
        if c.status != Completion.Status.REJECTED and (since is None or c.completed_on > since)
    ]
    result = SinceLast(previous=previous, completions=completions)
    if previous is not None:
        result.feedback_request = FeedbackRequest.objects.filter(appraisal=previous).first()
        carried = appraisal.objectives.filter(carried_from__isnull=False).count()
        result.objectives_carried = carried
        result.development_items_carried = appraisal.development_items.filter(
            carried_from__isnull=False
        ).count()
    return result


@dataclass
class PreviousAppraisal:
    """A new line manager's view of a report's last completed appraisal."""

    employment: Employment
    appraisal: Appraisal | None
    shared: bool
    objectives: list = field(default_factory=list)
    development_items: list = field(default_factory=list)


def previous_appraisal_for_manager(user, employment_pk) -> PreviousAppraisal:
    """The last completed appraisal of the person in ``employment_pk``, for the user who line
    manages that employment now. Its summary, objectives and development plan are shown only
    if the person consented to share them; never the wellbeing conversation. Http404 if the
    user does not currently manage that employment."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        raise Http404("No such report.")
    today = timezone.localdate()
    employment = (
        Employment.objects.filter(
            current_q(today),
            current_q(today, prefix="line_manager__"),
            line_manager__person_id=person_id,
            pk=employment_pk,
        )
        .select_related("person", "organisation")
        .first()
    )
    if employment is None:
        raise Http404("No such report.")
    previous = (
        Appraisal.objects.filter(person_id=employment.person_id, status=S.COMPLETED)
        .select_related("cycle", "organisation", "stage")
        # The wellbeing conversation never leaves the two people who had it.
        .defer("wellbeing_note", "wellbeing_offered_on", "wellbeing_held_on")
        .order_by("-completed_on", "-pk")
        .first()
    )
    if previous is None or not previous.share_with_new_manager:
        # The same answer whether or not there is one, so nothing is given away.
        return PreviousAppraisal(employment, None, shared=False)
    return PreviousAppraisal(
        employment,
        previous,
        shared=True,
        objectives=list(previous.objectives.select_related("priority")),
        development_items=list(previous.development_items.select_related("item", "programme")),
    )
