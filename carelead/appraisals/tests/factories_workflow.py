"""A ready-made appraisal for the workflow tests: the world's staff member appraised by their
line manager in an open cycle of the trust, on a framework version with stages, one Code
principle, two competencies and a rating scale."""

import datetime
from dataclasses import dataclass

from carelead.appraisals.models import Appraisal, Cycle, DevelopmentItem
from carelead.appraisals.services.workflow import appraisal_transition
from carelead.appraisals.tests.factories import (
    AppraisalFactory,
    CycleFactory,
    ObjectiveFactory,
    TemplateFactory,
)
from carelead.standards.models import Item, RatingScale
from carelead.standards.tests.factories import (
    ItemFactory,
    RatingLevelFactory,
    RatingScaleFactory,
    ml_version_with_stages,
)

#: Who takes each action on the way to "completed" (appraisee "staff", appraiser
#: "line_manager").
PATH = [
    ("start", "staff"),
    ("ready", "staff"),
    ("record_discussion", "line_manager"),
    ("send_for_sign_off", "line_manager"),
    ("sign_off", "staff"),
]
STATUS_AFTER = {
    "start": Appraisal.Status.PREPARING,
    "ready": Appraisal.Status.READY_TO_DISCUSS,
    "record_discussion": Appraisal.Status.DISCUSSED,
    "send_for_sign_off": Appraisal.Status.AWAITING_SIGN_OFF,
    "sign_off": Appraisal.Status.COMPLETED,
}


@dataclass
class Scene:
    world: object
    version: object
    stage: object
    items: list
    level: object
    cycle: Cycle
    appraisal: Appraisal

    def user(self, persona: str):
        return self.world.user(persona)

    def act(self, action: str, persona: str, reason: str = "") -> Appraisal:
        self.appraisal = appraisal_transition(
            actor=self.user(persona),
            appraisal=self.appraisal,
            action=action,
            expected_version=self.appraisal.version,
            reason=reason,
        )
        return self.appraisal

    def make_signable(self):
        """Everything the sign-off guard asks for: a summary, agreed ratings, an EDI
        objective."""
        self.appraisal.behaviour_assessments.update(agreed_rating=self.level)
        ObjectiveFactory(appraisal=self.appraisal, is_edi=True)
        Appraisal.objects.filter(pk=self.appraisal.pk).update(summary="A good year.")
        self.appraisal.refresh_from_db()

    def advance_to(self, status: str) -> Appraisal:
        for action, persona in PATH:
            if self.appraisal.status == status:
                break
            if action == "send_for_sign_off":
                self.make_signable()
            self.act(action, persona)
        assert self.appraisal.status == status
        return self.appraisal


def workflow_scene(world, *, employment=None, cycle=None) -> Scene:
    version = ml_version_with_stages()
    stage = version.stages.get(rank=1)
    items = list(Item.objects.filter(version=version))
    if not items:
        items = [
            ItemFactory(version=version, kind=Item.Kind.PRINCIPLE, code="P1", title="Be kind"),
            ItemFactory(version=version, kind=Item.Kind.COMPETENCY, code="C1", title="Lead"),
            ItemFactory(version=version, kind=Item.Kind.COMPETENCY, code="C2", title="Plan"),
        ]
    scale = RatingScale.objects.filter(version=version).first() or RatingScaleFactory(
        version=version
    )
    level = scale.levels.first() or RatingLevelFactory(scale=scale)
    cycle = cycle or CycleFactory(
        organisation=world.trust,
        template=TemplateFactory(framework=version.framework),
        framework_version=version,
    )
    appraisal = AppraisalFactory(
        cycle=cycle, employment=employment or world.employments["staff"], stage=stage
    )
    return Scene(world, version, stage, items, level, cycle, appraisal)


def completed_appraisal(world, *, employment=None, organisation=None, share=False) -> Appraisal:
    """A completed appraisal from an earlier cycle, with one achieved and one unfinished
    objective and one done and one planned development item."""
    employment = employment or world.employments["staff"]
    scene = workflow_scene(
        world,
        employment=employment,
        cycle=CycleFactory(
            organisation=organisation or employment.organisation,
            template=TemplateFactory(),
            framework_version=ml_version_with_stages(),
            opens_on=datetime.date(2025, 4, 1),
            closes_on=datetime.date(2026, 3, 31),
            status=Cycle.Status.CLOSED,
        ),
    )
    appraisal = scene.appraisal
    ObjectiveFactory(appraisal=appraisal, title="Finished", progress="achieved")
    ObjectiveFactory(appraisal=appraisal, title="Unfinished", progress="at_risk", is_edi=True)
    DevelopmentItem.objects.create(appraisal=appraisal, description="Done course", status="done")
    DevelopmentItem.objects.create(
        appraisal=appraisal, description="Coaching course", item=scene.items[1]
    )
    Appraisal.objects.filter(pk=appraisal.pk).update(
        status=Appraisal.Status.COMPLETED,
        completed_on=datetime.date(2026, 3, 1),
        summary="Last year's summary.",
        wellbeing_note="Private last year.",
        share_with_new_manager=share,
    )
    appraisal.refresh_from_db()
    return appraisal
