"""Reads for the board pages: a people lead's board cycle and its members, and the regional
team's view of chairs' and NEDs' submissions.

The regional view shows where each appraisal has got to (its status, its due date, when it
was sent) and never a word of its content: the queries here select no content field.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.appraisals.models import Appraisal, Cycle, Template
from carelead.people.models import Employment, current_q

BoardRole = Appraisal.BoardRole
#: Management level 5: chief executive or board (people.Employment.ManagementLevel).
BOARD_LEVEL = Employment.ManagementLevel.FIVE
SUBMITTED_ROLES = (BoardRole.CHAIR, BoardRole.NED)
#: Board roles in the order a board is usually listed.
ROLE_ORDER = {
    BoardRole.CHAIR: 0,
    BoardRole.CHIEF_EXECUTIVE: 1,
    BoardRole.EXECUTIVE_DIRECTOR: 2,
    BoardRole.NED: 3,
}


class Submission:
    """Where a submission to the region stands."""

    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    NOT_YET_DUE = "not_yet_due"
    LABELS = {
        ON_TIME: "Submitted on time",
        LATE: "Submitted late",
        OVERDUE: "Overdue",
        NOT_YET_DUE: "Not yet due",
    }
    CHOICES = list(LABELS.items())


def submission_state(
    due_on: datetime.date | None,
    submitted_at: datetime.datetime | None,
    today: datetime.date,
) -> str | None:
    """The Submission state of one appraisal (None when it is held locally); the same rule
    as ``_state_annotation``, for a single appraisal already in memory."""
    if due_on is None:
        return None
    if submitted_at is not None:
        day = timezone.localdate(submitted_at)
        return Submission.ON_TIME if day <= due_on else Submission.LATE
    return Submission.OVERDUE if due_on < today else Submission.NOT_YET_DUE


def _state_annotation(today: datetime.date) -> Case:
    submitted_on = TruncDate("submitted_to_region_at")
    return Case(
        When(
            submitted_to_region_at__isnull=False,
            then=Case(
                When(
                    Q(submission_due_on__gte=submitted_on),
                    then=Value(Submission.ON_TIME),
                ),
                default=Value(Submission.LATE),
            ),
        ),
        When(submission_due_on__lt=today, then=Value(Submission.OVERDUE)),
        default=Value(Submission.NOT_YET_DUE),
        output_field=CharField(),
    )


# --- one board ------------------------------------------------------------------------------


def live_in_cycle(cycle: Cycle) -> QuerySet[Appraisal]:
    """The cycle's appraisals that are not cancelled."""
    return Appraisal.objects.filter(cycle=cycle).exclude(status=Appraisal.Status.CANCELLED)


def holder_of(cycle: Cycle, board_role: str) -> Appraisal | None:
    """The live appraisal of the cycle's chair (or chief executive), if one has been added."""
    return live_in_cycle(cycle).filter(board_role=board_role).select_related("person").first()


def may_submit(user, appraisal: Appraisal) -> bool:
    """Whether ``user`` is the one who sends this appraisal to the region: the chair for a
    NED, a people lead of the organisation for the chair."""
    if appraisal.board_role == BoardRole.NED:
        person_id = getattr(user, "person_id", None)
        chair = holder_of(appraisal.cycle, BoardRole.CHAIR)
        return bool(person_id) and chair is not None and chair.person_id == person_id
    if appraisal.board_role == BoardRole.CHAIR:
        return scoping.people_lead_organisations(user).filter(pk=appraisal.organisation_id).exists()
    return False


# --- the people lead's board cycle -----------------------------------------------------------


def board_cycle_for_people_lead(user, pk: int) -> Cycle:
    """A board cycle of one of the user's people lead organisations; Http404 otherwise."""
    cycle = (
        Cycle.objects.select_related("organisation", "template", "framework_version")
        .filter(
            pk=pk,
            template__kind=Template.Kind.BOARD,
            organisation__in=scoping.people_lead_organisations(user),
        )
        .first()
    )
    if cycle is None:
        raise Http404("No such board cycle.")
    return cycle


@dataclass
class BoardMember:
    employment: Employment
    appraisal: Appraisal | None


def board_members(cycle: Cycle, *, today: datetime.date | None = None) -> list[BoardMember]:
    """The people who can be on the board in this cycle: everyone working at the organisation
    today at management level 5, and everyone already added (whatever their level, or if they
    have since left), each with their live board appraisal in the cycle or None. Two queries
    whatever the size; ordered chair, chief executive, executive directors, NEDs, then the
    people not added yet, by name."""
    today = today or timezone.localdate()
    appraisals = {
        a.employment_id: a
        for a in Appraisal.objects.filter(cycle=cycle)
        .exclude(board_role=BoardRole.NONE)
        .exclude(status=Appraisal.Status.CANCELLED)
        .select_related("appraiser")
        .only(
            "pk",
            "employment_id",
            "person_id",
            "board_role",
            "status",
            "submission_due_on",
            "submitted_to_region_at",
            "version",
            "appraiser__given_name",
            "appraiser__family_name",
        )
    }
    employments = (
        Employment.objects.filter(organisation_id=cycle.organisation_id)
        .filter(Q(current_q(today), management_level=BOARD_LEVEL) | Q(pk__in=list(appraisals)))
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    members = [BoardMember(e, appraisals.get(e.pk)) for e in employments]
    members.sort(key=lambda m: ROLE_ORDER.get(m.appraisal.board_role, 9) if m.appraisal else 10)
    return members


# --- the regional team's submissions ----------------------------------------------------------


SUBMISSIONS_ROLES = (Role.REGIONAL_TALENT_LEAD, Role.NED_APPOINTMENTS, Role.IMPLEMENTATION_OFFICE)


def submissions_in_scope(user, *, today: datetime.date | None = None) -> QuerySet[Appraisal]:
    """Chairs' and NEDs' appraisals that go to the region, at organisations in the user's
    regional (or national) scope, each annotated with ``submission`` (a Submission state).
    Cancelled appraisals are left out: nothing will be sent for them."""
    today = today or timezone.localdate()
    appraisals = (
        Appraisal.objects.filter(board_role__in=SUBMITTED_ROLES, submission_due_on__isnull=False)
        .exclude(status=Appraisal.Status.CANCELLED)
        .annotate(submission=_state_annotation(today))
    )
    scope = scoping.scope_q(user, *SUBMISSIONS_ROLES, prefix="organisation__")
    if scope is None:
        return appraisals.none()
    return appraisals.filter(scope)


def filter_submissions(
    appraisals: QuerySet[Appraisal],
    *,
    role: str = "",
    status: str = "",
    submission: str = "",
) -> QuerySet[Appraisal]:
    """Narrow ``appraisals`` by board role, appraisal status and submission state (blank: any)."""
    if role:
        appraisals = appraisals.filter(board_role=role)
    if status:
        appraisals = appraisals.filter(status=status)
    if submission:
        appraisals = appraisals.filter(submission=submission)
    return appraisals


def submission_counts(appraisals: QuerySet[Appraisal]) -> dict[str, int]:
    """How many of ``appraisals`` are in each Submission state (every state present, zeros
    included), in one grouped query."""
    rows = appraisals.order_by().values("submission").annotate(n=Count("pk"))
    counts = dict.fromkeys(Submission.LABELS, 0)
    counts.update({r["submission"]: r["n"] for r in rows})
    return counts


def submission_rows(appraisals: QuerySet[Appraisal]) -> QuerySet[Appraisal]:
    """The rows of the submissions table: only the fields it shows, organisation and person
    joined in, by region, organisation, chairs before NEDs, then name."""
    return (
        appraisals.select_related("organisation__region", "person")
        .only(
            "pk",
            "board_role",
            "status",
            "submission_due_on",
            "submitted_to_region_at",
            "organisation__name",
            "organisation__ods_code",
            "organisation__region__name",
            "person__given_name",
            "person__family_name",
        )
        .order_by(
            "organisation__region__name",
            "organisation__name",
            F("board_role").asc(),
            "person__family_name",
            "person__given_name",
            "pk",
        )
    )
