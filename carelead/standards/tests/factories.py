import datetime

import factory

from carelead.standards.models import (
    Descriptor,
    Framework,
    FrameworkVersion,
    Item,
    RatingLevel,
    RatingScale,
    Stage,
)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ("slug",)

    slug = "management-leadership"
    title = "Management and Leadership Framework"
    kind = Framework.Kind.MANAGEMENT_LEADERSHIP


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    """By default, the one published version 1.0 (a framework has at most one published
    version); pass another ``version`` and ``status`` for more."""

    class Meta:
        model = FrameworkVersion
        django_get_or_create = ("framework", "version")

    framework = factory.SubFactory(FrameworkFactory)
    version = "1.0"
    title = factory.LazyAttribute(lambda v: f"{v.framework.title} {v.version}")
    status = FrameworkVersion.Status.PUBLISHED
    published_on = datetime.date(2026, 4, 1)
    effective_from = datetime.date(2026, 4, 1)


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage
        django_get_or_create = ("version", "code")

    version = factory.SubFactory(FrameworkVersionFactory)
    code = "stage-1"
    name = "Stage 1"
    rank = 1


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    version = factory.SubFactory(FrameworkVersionFactory)
    kind = Item.Kind.COMPETENCY
    code = factory.Sequence(lambda n: f"C{n}")
    title = factory.Sequence(lambda n: f"Competency {n}")
    sort_order = factory.Sequence(int)


class DescriptorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Descriptor

    item = factory.SubFactory(ItemFactory)
    stage = factory.SubFactory(StageFactory, version=factory.SelfAttribute("..item.version"))
    text = "I do this well."


class RatingScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingScale

    version = factory.SubFactory(FrameworkVersionFactory)
    code = "self-assessment"
    name = "Self-assessment"
    is_default = True


class RatingLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingLevel

    scale = factory.SubFactory(RatingScaleFactory)
    value = factory.Sequence(lambda n: n + 1)
    label = factory.Sequence(lambda n: f"Level {n + 1}")
    sort_order = factory.Sequence(int)


STAGE_NAMES = ["Fundamental", "Stage 1", "Stage 2", "Stage 3", "Stage 4"]


def ml_version_with_stages(**kwargs) -> FrameworkVersion:
    """A published Management and Leadership Framework version with its five stages
    (Fundamental rank 0 to Stage 4 rank 4), for tests that need stages but not items."""
    version = FrameworkVersionFactory(**kwargs)
    for rank, name in enumerate(STAGE_NAMES):
        StageFactory(
            version=version,
            code="fundamental" if rank == 0 else f"stage-{rank}",
            name=name,
            rank=rank,
        )
    return version
