"""What the appraisal record (the PDF) reads: the appraisal's parts in a fixed number of
queries. Never the wellbeing note: the record is a document that leaves carelead."""

from dataclasses import dataclass

from django.db.models import Prefetch

from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    BehaviourAssessment,
    DevelopmentItem,
    Objective,
)


@dataclass
class AppraisalRecord:
    appraisal: Appraisal
    behaviours: list[BehaviourAssessment]
    objectives: list[Objective]
    development_items: list[DevelopmentItem]
    transitions: list[AppraisalTransition]


def appraisal_record(appraisal: Appraisal) -> AppraisalRecord:
    """The parts of ``appraisal`` (already checked with ``appraisal_for_viewer``) for its
    record. Five queries whatever the number of rows."""
    appraisal = (
        Appraisal.objects.select_related(
            "cycle__framework_version__framework",
            "person",
            "appraiser",
            "employment",
            "organisation",
            "stage",
        )
        .prefetch_related(
            Prefetch(
                "behaviour_assessments",
                queryset=BehaviourAssessment.objects.select_related(
                    "item", "self_rating", "appraiser_rating", "agreed_rating"
                ).order_by("item__sort_order", "item__code"),
            ),
            Prefetch(
                "objectives",
                queryset=Objective.objects.select_related("priority").order_by("sort_order", "pk"),
            ),
            Prefetch(
                "development_items",
                queryset=DevelopmentItem.objects.select_related("item", "programme").order_by(
                    "sort_order", "pk"
                ),
            ),
            Prefetch(
                "transitions",
                queryset=AppraisalTransition.objects.order_by("occurred_at", "pk"),
            ),
        )
        .defer("wellbeing_note")
        .get(pk=appraisal.pk)
    )
    return AppraisalRecord(
        appraisal=appraisal,
        behaviours=list(appraisal.behaviour_assessments.all()),
        objectives=list(appraisal.objectives.all()),
        development_items=list(appraisal.development_items.all()),
        transitions=list(appraisal.transitions.all()),
    )
