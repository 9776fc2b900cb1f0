"""Set-ups for the pool tests: a regional pool in the persona world with a target stage, and
people who hold (or lack) the prerequisite credential."""

from carelead.learning.tests.factories import CredentialFactory, ProgrammeFactory
from carelead.people.tests.factories import EmploymentFactory
from carelead.standards.tests.factories import ml_version_with_stages
from carelead.talent.models import ScopeLevel, TalentPool
from carelead.talent.tests.factories import PoolMembershipFactory, TalentPoolFactory


def stages() -> dict[str, object]:
    """The published Management and Leadership Framework's stages by code."""
    from carelead.standards.models import FrameworkVersion

    version = FrameworkVersion.objects.filter(framework__slug="management-leadership").first()
    if version is None:
        version = ml_version_with_stages()
    return {s.code: s for s in version.stages.all()}


def grant_credential(person, stage):
    """Give ``person`` an active credential for ``stage``."""
    programme = ProgrammeFactory(framework_version=stage.version, stage=stage)
    return CredentialFactory(person=person, programme=programme)


def regional_pool(world, **kwargs) -> TalentPool:
    """An open pool of the world's region for management levels 2 to 4."""
    values = {
        "level": ScopeLevel.REGION,
        "owner": world.region,
        "min_management_level": 2,
        "max_management_level": 4,
    }
    values.update(kwargs)
    return TalentPoolFactory(**values)


def icb_pool(world, **kwargs) -> TalentPool:
    return regional_pool(world, level=ScopeLevel.ICB, owner=world.icb, **kwargs)


def national_pool(**kwargs) -> TalentPool:
    values = {"level": ScopeLevel.NATIONAL, "owner": None, "min_management_level": 4}
    values.update(kwargs)
    return TalentPoolFactory(**values)


def outside_pool(world, **kwargs) -> TalentPool:
    return regional_pool(world, owner=world.other_region, **kwargs)


def nomination(pool, *, organisation, **kwargs):
    """A nomination of a new person working at ``organisation`` at management level 3."""
    employment = EmploymentFactory(organisation=organisation, management_level=3)
    return PoolMembershipFactory(pool=pool, employment=employment, **kwargs)
