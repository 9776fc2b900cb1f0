"""Builders for the insight tests: a cycle with its framework version's stages, items and a
1-to-4 rating scale, and appraisals in any status with the content the quality figures read."""

import datetime

from django.utils import timezone

from carelead.appraisals.models import Appraisal, BehaviourAssessment, DevelopmentItem
from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory, ObjectiveFactory
from carelead.people.tests.factories import EmploymentFactory, StaffGroupFactory
from carelead.standards.tests.factories import (
    ItemFactory,
    RatingLevelFactory,
    RatingScaleFactory,
    ml_version_with_stages,
)


class Framework:
    """A published version with five stages, two competencies and a 1-4 default scale."""

    def __init__(self):
        self.version = ml_version_with_stages()
        self.stages = list(self.version.stages.order_by("rank"))
        self.items = [
            ItemFactory(version=self.version, code="C1", title="Leading with compassion"),
            ItemFactory(version=self.version, code="C2", title="Managing resources"),
        ]
        scale = RatingScaleFactory(version=self.version)
        self.levels = {
            value: RatingLevelFactory(scale=scale, value=value, label=f"Level {value}")
            for value in (1, 2, 3, 4)
        }


def insight_cycle(organisation, framework: Framework, *, today=None, **kwargs):
    """An open cycle whose preparation deadline has passed, with discussion and sign-off
    still to come (relative to ``today``)."""
    today = today or timezone.localdate()
    defaults = {
        "opens_on": today - datetime.timedelta(days=120),
        "closes_on": today + datetime.timedelta(days=200),
        "preparation_due_on": today - datetime.timedelta(days=10),
        "discussion_due_on": today + datetime.timedelta(days=30),
        "sign_off_due_on": today + datetime.timedelta(days=60),
    }
    defaults.update(kwargs)
    return CycleFactory(
        organisation=organisation,
        framework_version=framework.version,
        template__framework=framework.version.framework,
        **defaults,
    )


def appraisal_in(
    cycle,
    framework: Framework,
    *,
    status=Appraisal.Status.COMPLETED,
    stage=1,
    staff_group="nursing",
    management_level=None,
    objectives=1,
    edi=False,
    ratings=(3, 3),
    development=1,
    programme=None,
    signed=True,
    completed_on=None,
    wellbeing_note="",
    job_title="Ward manager",
):
    """An appraisal in ``cycle`` with ``objectives`` objectives (the first an EDI one when
    ``edi``), one assessment per rating (None: not agreed), ``development`` plan items (on
    ``programme`` when given, else on the first competency) and both signatures."""
    group = StaffGroupFactory(code=staff_group, name=staff_group.replace("_", " ").title())
    employment = EmploymentFactory(
        organisation=cycle.organisation,
        staff_group=group,
        management_level=management_level,
        job_title=job_title,
    )
    now = timezone.now()
    appraisal = AppraisalFactory(
        cycle=cycle,
        employment=employment,
        stage=framework.stages[stage],
        status=status,
        appraiser_signed_at=now if signed else None,
        appraisee_signed_at=now if signed else None,
        completed_on=completed_on
        or (timezone.localdate() if status == Appraisal.Status.COMPLETED else None),
        wellbeing_note=wellbeing_note,
    )
    for index in range(objectives):
        ObjectiveFactory(appraisal=appraisal, is_edi=edi and index == 0)
    for item, value in zip(framework.items, ratings, strict=False):
        BehaviourAssessment.objects.create(
            appraisal=appraisal,
            item=item,
            agreed_rating=framework.levels[value] if value else None,
        )
    for _ in range(development):
        DevelopmentItem.objects.create(
            appraisal=appraisal,
            description="Coaching course",
            programme=programme,
            item=None if programme else framework.items[0],
        )
    return appraisal
