"""Set-ups for the assessment tests: completed appraisals with agreed ratings and objectives
to read performance from, and complete evidence for a proposal."""

import datetime
import itertools

from carelead.appraisals.models import Appraisal, BehaviourAssessment, Cycle, Objective
from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory
from carelead.standards.tests.factories import (
    FrameworkVersionFactory,
    ItemFactory,
    RatingLevelFactory,
    RatingScaleFactory,
    StageFactory,
)
from carelead.talent.tests.factories import criteria

_scales = itertools.count()

GOOD_EVIDENCE = "Led the ward's move to the new unit and coached two new sisters through it."


def rating_levels(version, n: int = 4):
    """A scale of ``n`` scored levels plus one that is not a score, lowest first."""
    scale = RatingScaleFactory(version=version, code=f"scale-{next(_scales)}")
    levels = [
        RatingLevelFactory(scale=scale, value=i + 1, label=f"Level {i + 1}", sort_order=i)
        for i in range(n)
    ]
    unscored = RatingLevelFactory(scale=scale, value=None, label="No chance", sort_order=n)
    return levels, unscored


def completed_appraisal(
    employment,
    *,
    ratings=(),
    objectives=(),
    completed_on=datetime.date(2026, 3, 20),
    unscored: int = 0,
) -> Appraisal:
    """A completed appraisal of ``employment`` whose agreed ratings are the given indexes on
    a four-level scale (0 lowest) and whose objectives have the given progress values."""
    version = FrameworkVersionFactory()
    stage = StageFactory(version=version)
    levels, no_score = rating_levels(version)
    cycle = CycleFactory(
        organisation=employment.organisation, framework_version=version, status=Cycle.Status.CLOSED
    )
    appraisal = AppraisalFactory(
        cycle=cycle,
        employment=employment,
        stage=stage,
        status=Appraisal.Status.COMPLETED,
        completed_on=completed_on,
    )
    for index in ratings:
        BehaviourAssessment.objects.create(
            appraisal=appraisal, item=ItemFactory(version=version), agreed_rating=levels[index]
        )
    for _ in range(unscored):
        BehaviourAssessment.objects.create(
            appraisal=appraisal, item=ItemFactory(version=version), agreed_rating=no_score
        )
    for n, progress in enumerate(objectives):
        Objective.objects.create(
            appraisal=appraisal,
            title=f"Objective {n}",
            description="Cut waits.",
            measure="Median under 6 weeks.",
            due_on=datetime.date(2026, 3, 31),
            progress=progress,
        )
    return appraisal


def evidence_for(ratings: dict[str, int] | None = None, *, default: int = 2, text=GOOD_EVIDENCE):
    """Evidence for every criterion: ``{code: (rating, text)}``."""
    ratings = ratings or {}
    return {c.code: (ratings.get(c.code, default), text) for c in criteria()}


def post_data(*, performance=2, potential=2, ratings=None, default=2, action="propose", **extra):
    """A complete assessment form submission."""
    data = {"performance": str(performance), "potential": str(potential), "action": action}
    for c in criteria():
        data[f"rating_{c.code}"] = str((ratings or {}).get(c.code, default))
        data[f"evidence_{c.code}"] = GOOD_EVIDENCE
    data.update({k: str(v) for k, v in extra.items()})
    return data
