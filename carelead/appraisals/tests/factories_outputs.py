"""A full appraisal record (every section filled) for the outputs tests and matrix lines."""

import datetime

from django.utils import timezone

from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    BehaviourAssessment,
    DevelopmentItem,
)
from carelead.appraisals.tests.factories import (
    AppraisalFactory,
    CycleFactory,
    ObjectiveFactory,
    PriorityFactory,
)
from carelead.standards.tests.factories import (
    ItemFactory,
    RatingLevelFactory,
    RatingScaleFactory,
    ml_version_with_stages,
)

WELLBEING_NOTE = "Private: caring for my father and finding nights hard."
REFLECTION = "A year of steady improvement on the ward and a new rota."


def completed_appraisal(employment) -> Appraisal:
    """A completed appraisal of ``employment`` (appraised by its line manager) with every
    part of the record filled in, including a wellbeing note that must never be printed."""
    version = ml_version_with_stages()
    stage = version.stages.get(rank=1)
    scale = RatingScaleFactory(version=version)
    levels = [
        RatingLevelFactory(scale=scale, value=value, label=label, sort_order=value)
        for value, label in ((1, "Developing"), (2, "Meeting"), (3, "Exceeding"))
    ]
    items = ItemFactory.create_batch(2, version=version)
    cycle = CycleFactory(
        organisation=employment.organisation,
        framework_version=version,
        template__framework=version.framework,
    )
    now = timezone.now()
    appraisal = AppraisalFactory(
        cycle=cycle,
        employment=employment,
        stage=stage,
        status=Appraisal.Status.COMPLETED,
        reflection=REFLECTION,
        wellbeing_offered_on=datetime.date(2026, 6, 1),
        wellbeing_held_on=datetime.date(2026, 6, 8),
        wellbeing_note=WELLBEING_NOTE,
        career_aspiration=Appraisal.Aspiration.STRETCH,
        summary="Agreed summary: ready for a bigger role.",
        appraisee_comment="Thank you for the support.",
        appraiser_signed_at=now,
        appraisee_signed_at=now,
        completed_on=now.date(),
    )
    for item in items:
        BehaviourAssessment.objects.create(
            appraisal=appraisal,
            item=item,
            self_rating=levels[1],
            appraiser_rating=levels[2],
            agreed_rating=levels[2],
            self_evidence="Led the new rota.",
        )
    priority = PriorityFactory(organisation=employment.organisation, title="Shorter waits")
    ObjectiveFactory(appraisal=appraisal, priority=priority, title="Cut waiting times")
    ObjectiveFactory(appraisal=appraisal, is_edi=True, title="Inclusive recruitment panels")
    DevelopmentItem.objects.create(
        appraisal=appraisal, description="Lead a quality improvement project", item=items[0]
    )
    steps = [
        ("start", "not_started", "preparing"),
        ("ready", "preparing", "ready_to_discuss"),
        ("record_discussion", "ready_to_discuss", "discussed"),
        ("send_for_sign_off", "discussed", "awaiting_sign_off"),
        ("sign_off", "awaiting_sign_off", "completed"),
    ]
    AppraisalTransition.objects.bulk_create(
        AppraisalTransition(
            appraisal=appraisal,
            action=action,
            from_status=source,
            to_status=target,
            actor_label="Someone",
        )
        for action, source, target in steps
    )
    return appraisal
