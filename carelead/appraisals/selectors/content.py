"""Reads for the content of one appraisal: behaviours, objectives, the development plan and
evidence. The caller has already reached the appraisal through
``selectors.access.appraisal_for_viewer`` (404 outside the viewer's roles); everything here is
about that one appraisal, or the signed-in person's own evidence, and takes a fixed number of
queries however many rows there are."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from carelead.appraisals.models import (
    Appraisal,
    AppraisalEvidence,
    BehaviourAssessment,
    DevelopmentItem,
    Evidence,
    Objective,
    OrganisationalPriority,
)
from carelead.appraisals.selectors.access import appraisal_for_viewer
from carelead.learning.models import Programme, ProgrammeOutcome
from carelead.standards.models import Descriptor, Item, RatingLevel
from carelead.standards.selectors import default_rating_scale

S = Appraisal.Status

#: Statuses in which the appraisee may give self ratings and evidence.
SELF_RATING_STATUSES = (S.PREPARING, S.READY_TO_DISCUSS)
#: Statuses in which the appraiser may rate and comment.
APPRAISER_RATING_STATUSES = (S.READY_TO_DISCUSS, S.DISCUSSED)
#: Statuses in which the appraiser records the agreed rating (after the discussion).
AGREED_RATING_STATUSES = (S.DISCUSSED,)
#: From this status on each party sees the other's ratings; before it the self-assessment
#: is the appraisee's private draft.
SHARED_RATING_STATUSES = (S.READY_TO_DISCUSS, S.DISCUSSED, S.AWAITING_SIGN_OFF, S.COMPLETED)
#: Statuses in which objectives and the development plan may be added to or changed.
PLAN_EDIT_STATUSES = (S.PREPARING, S.READY_TO_DISCUSS, S.DISCUSSED)
#: Objective progress may be updated until the appraisal is completed.
PROGRESS_STATUSES = (
    S.NOT_STARTED,
    S.PREPARING,
    S.READY_TO_DISCUSS,
    S.DISCUSSED,
    S.AWAITING_SIGN_OFF,
)
#: Statuses in which the appraisee may attach evidence.
EVIDENCE_STATUSES = (S.PREPARING, S.READY_TO_DISCUSS, S.DISCUSSED)

COMPETENCY_KINDS = (Item.Kind.COMPETENCY, Item.Kind.DOMAIN)


def behaviour_assessments(appraisal: Appraisal) -> list[BehaviourAssessment]:
    """The appraisal's assessments in item order, each with ``descriptor`` (what good looks
    like at the appraisal's stage, or None) and its ratings and item loaded. Two queries."""
    rows = list(
        BehaviourAssessment.objects.filter(appraisal=appraisal)
        .select_related("item", "self_rating", "appraiser_rating", "agreed_rating")
        .order_by("item__sort_order", "item__code")
    )
    descriptors = {
        d.item_id: d
        for d in Descriptor.objects.filter(
            stage_id=appraisal.stage_id, item_id__in=[r.item_id for r in rows]
        )
    }
    for row in rows:
        row.descriptor = descriptors.get(row.item_id)
    return rows


def rating_levels(appraisal: Appraisal) -> list[RatingLevel]:
    """The levels of the default rating scale of the cycle's framework version, in order
    (including any "no chance to demonstrate" level, whose value is null)."""
    scale = default_rating_scale(appraisal.cycle.framework_version)
    if scale is None:
        return []
    return sorted(scale.levels.all(), key=lambda level: (level.sort_order, level.pk))


def objectives_of(appraisal: Appraisal) -> list[Objective]:
    return list(
        Objective.objects.filter(appraisal=appraisal)
        .select_related("priority", "carried_from", "carried_from__appraisal__cycle")
        .order_by("sort_order", "pk")
    )


def objective_for_viewer(user, pk: int, *, roles: set[str] | None = None) -> Objective:
    """An objective, with its appraisal checked through ``appraisal_for_viewer`` (404 when
    the user holds none of ``roles`` on it)."""
    objective = (
        Objective.objects.select_related("priority", "carried_from__appraisal__cycle")
        .filter(pk=pk)
        .first()
    )
    if objective is None:
        raise Http404("No such objective.")
    objective.appraisal = appraisal_for_viewer(user, objective.appraisal_id, roles=roles)
    return objective


def active_priorities(appraisal: Appraisal) -> QuerySet[OrganisationalPriority]:
    return OrganisationalPriority.objects.filter(
        organisation_id=appraisal.organisation_id, is_active=True
    ).order_by("sort_order", "title")


def development_items_of(appraisal: Appraisal) -> list[DevelopmentItem]:
    return list(
        DevelopmentItem.objects.filter(appraisal=appraisal)
        .select_related("item", "programme", "carried_from__appraisal__cycle")
        .order_by("sort_order", "pk")
    )


def plan_competencies(appraisal: Appraisal) -> QuerySet[Item]:
    """The competencies (or board domains) of the cycle's framework version."""
    return Item.objects.filter(
        version_id=appraisal.cycle.framework_version_id, kind__in=COMPETENCY_KINDS
    ).order_by("sort_order", "code")


def open_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(status=Programme.Status.OPEN).order_by("title")


def suggested_programmes(appraisal: Appraisal, item_ids) -> dict[int, list[Programme]]:
    """item pk -> open programmes whose outcomes develop that competency at the appraisal's
    stage. One query whatever the number of items."""
    item_ids = [pk for pk in item_ids if pk]
    if not item_ids:
        return {}
    outcomes = (
        ProgrammeOutcome.objects.filter(
            item_id__in=item_ids,
            stage_id=appraisal.stage_id,
            programme__status=Programme.Status.OPEN,
        )
        .select_related("programme")
        .order_by("programme__title")
    )
    suggestions: dict[int, list[Programme]] = {}
    for outcome in outcomes:
        suggestions.setdefault(outcome.item_id, []).append(outcome.programme)
    return suggestions


def evidence_library(person_id: int) -> list[Evidence]:
    """A person's own evidence, newest first, each with ``use_count`` (appraisals it is on)."""
    return list(
        Evidence.objects.filter(person_id=person_id).prefetch_related(
            Prefetch("uses", queryset=AppraisalEvidence.objects.only("id", "evidence_id"))
        )
    )


def attached_evidence(appraisal: Appraisal) -> list[AppraisalEvidence]:
    return list(
        AppraisalEvidence.objects.filter(appraisal=appraisal)
        .select_related("evidence", "item")
        .order_by("evidence__title", "pk")
    )
