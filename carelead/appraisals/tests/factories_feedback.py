"""Factories for 360 feedback: an appraisal with a small framework to be rated against, a
request, invitations with known tokens, and responses."""

import datetime

import factory

from carelead.appraisals.models import (
    FeedbackComment,
    FeedbackInvitation,
    FeedbackRating,
    FeedbackRequest,
    FeedbackResponse,
    Relationship,
)
from carelead.appraisals.services.feedback import token_hash
from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory
from carelead.standards.models import Item
from carelead.standards.tests.factories import (
    DescriptorFactory,
    ItemFactory,
    RatingLevelFactory,
    RatingScaleFactory,
    ml_version_with_stages,
)

LEVELS = [(1, "Not yet"), (2, "Developing"), (3, "Meets"), (4, "Exceeds")]


def rated_version():
    """A published version with stages, two principles and three competencies (each with a
    Stage 2 descriptor) and a default four-point scale plus a non-scoring point."""
    version = ml_version_with_stages()
    if version.items.exists():
        return version  # made already in this test (factories get-or-create the version)
    stage = version.stages.get(code="stage-2")
    for n in range(2):
        ItemFactory(version=version, kind=Item.Kind.PRINCIPLE, code=f"P{n + 1}", sort_order=n)
    for n in range(3):
        item = ItemFactory(
            version=version,
            kind=Item.Kind.COMPETENCY,
            code=f"C{n + 1}",
            title=f"Competency {n + 1}",
            sort_order=10 + n,
        )
        DescriptorFactory(item=item, stage=stage, text=f"I lead well on competency {n + 1}.")
    scale = RatingScaleFactory(version=version)
    for value, label in LEVELS:
        RatingLevelFactory(scale=scale, value=value, label=label, sort_order=value)
    RatingLevelFactory(scale=scale, value=None, label="No chance to show", sort_order=9)
    return version


def feedback_appraisal(**kwargs):
    """A live appraisal at Stage 2 on ``rated_version()``."""
    version = rated_version()
    kwargs.setdefault("cycle", CycleFactory(framework_version=version))
    kwargs.setdefault("stage", version.stages.get(code="stage-2"))
    return AppraisalFactory(**kwargs)


class FeedbackRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackRequest

    appraisal = factory.LazyFunction(lambda: feedback_appraisal())
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))
    min_group_size = 3


class FeedbackInvitationFactory(factory.django.DjangoModelFactory):
    """Pass ``token`` to know the link's token (its hash is stored)."""

    class Meta:
        model = FeedbackInvitation
        exclude = ("token",)

    request = factory.SubFactory(FeedbackRequestFactory)
    relationship = Relationship.PEER
    name = factory.Sequence(lambda n: f"Rater {n}")
    email = factory.Sequence(lambda n: f"rater{n}@example.org")
    token = factory.Sequence(lambda n: f"token-{n}")
    token_hash = factory.LazyAttribute(lambda o: token_hash(o.token))
    invited_on = factory.LazyFunction(datetime.date.today)


def add_response(request, relationship, ratings: dict, comments=()):
    """A stored response (as the service would store it) with ``ratings`` item pk -> value."""
    response = FeedbackResponse.objects.create(request=request, relationship=relationship)
    FeedbackRating.objects.bulk_create(
        FeedbackRating(response=response, item_id=item_id, value=value)
        for item_id, value in ratings.items()
    )
    for kind, text in comments:
        FeedbackComment.objects.create(request=request, kind=kind, text=text)
    return response
