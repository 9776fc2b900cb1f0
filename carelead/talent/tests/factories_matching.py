"""Set-ups for matching tests: a challenged vacancy in the world's region and ready-now pool
members who may be approached about it."""

import datetime

from carelead.organisations.models import OversightSegment
from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import ApproachPreference, PoolMembership, Readiness, Vacancy
from carelead.talent.tests.factories import (
    ApproachPreferenceFactory,
    IncentivePackageFactory,
    PoolMembershipFactory,
    TalentPoolFactory,
    VacancyFactory,
)


def challenged_vacancy(organisation, **kwargs) -> Vacancy:
    """An open vacancy flagged as challenged, at an organisation in segment 4 since 2024."""
    OversightSegment.objects.get_or_create(
        organisation=organisation,
        effective_from=datetime.date(2024, 4, 1),
        defaults={"segment": 4},
    )
    kwargs.setdefault(
        "package", IncentivePackageFactory(region=organisation.region or organisation)
    )
    kwargs.setdefault("status", Vacancy.Status.OPEN)
    return VacancyFactory(
        organisation=organisation, is_challenged=True, segment_when_flagged=4, **kwargs
    )


def region_pool(region, **kwargs):
    return TalentPoolFactory(owner=region, level="region", **kwargs)


def ready_member(
    pool,
    organisation,
    *,
    audience=ApproachPreference.Audience.ANY_REGION,
    challenged=True,
    readiness=Readiness.READY_NOW,
    status=PoolMembership.Status.MEMBER,
    relocate=False,
):
    """A pool member working at ``organisation`` with the given approach preference (None
    for no preference row at all)."""
    employment = EmploymentFactory(organisation=organisation, management_level=3)
    PoolMembershipFactory(pool=pool, employment=employment, readiness=readiness, status=status)
    if audience is not None:
        ApproachPreferenceFactory(
            person=employment.person,
            audience=audience,
            challenged_organisations=challenged,
            willing_to_relocate=relocate,
        )
    return employment.person
