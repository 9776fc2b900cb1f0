"""The pools demo seed on a small world: three pools with offers, memberships in every status
whose history ends where they stand, members of a pool needing a credential who hold it, the
personas' nominations; and nothing written (and no failure) without the demo region."""

import pytest

from carelead.core.models import AuditEvent
from carelead.demo.talent_pools import talent_pools_demo_seed
from carelead.learning.tests.factories import ProgrammeFactory
from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import MembershipTransition, PoolMembership, TalentPool
from carelead.talent.selectors.pools import person_meets_prerequisite
from carelead.talent.tests.factories_pools import grant_credential, stages

M = PoolMembership.Status
pytestmark = pytest.mark.django_db


def test_nothing_is_written_without_the_demo_region():
    assert talent_pools_demo_seed() == {"pools": 0, "memberships": 0, "transitions": 0, "offers": 0}
    assert not TalentPool.objects.exists()


def test_the_seed_writes_pools_memberships_with_history_and_offers(world):
    by_code = stages()
    version = by_code["stage-4"].version
    ProgrammeFactory(code="bundle-stage-4", framework_version=version, stage=by_code["stage-4"])
    ProgrammeFactory(code="bundle-stage-1", framework_version=version, stage=by_code["stage-1"])
    seniors = [
        EmploymentFactory(organisation=world.sibling_trust, management_level=3 + i % 2)
        for i in range(40)
    ]
    for employment in seniors[:30]:
        grant_credential(employment.person, by_code["stage-3"])
    for _ in range(12):
        EmploymentFactory(organisation=world.trust, management_level=None)

    counts = talent_pools_demo_seed()

    assert counts["pools"] == 3 and counts["offers"] == 4
    assert counts["memberships"] == PoolMembership.objects.count() > 30
    assert counts["transitions"] == MembershipTransition.objects.count()
    for membership in PoolMembership.objects.prefetch_related("transitions"):
        history = list(membership.transitions.all())
        assert history[0].from_status == "" and history[-1].to_status == membership.status
        assert membership.version == len(history)
    regional = TalentPool.objects.get(name="Aspiring directors")
    assert regional.target_stage == by_code["stage-4"] and regional.requires_prerequisite
    for membership in PoolMembership.objects.filter(pool=regional, status=M.MEMBER):
        assert person_meets_prerequisite(membership.person, regional.target_stage)
    assert {m.status for m in PoolMembership.objects.filter(pool=regional)} == set(M.values)
    icb_pool = TalentPool.objects.get(level="icb")
    staff = world.employments["staff"].person
    own = PoolMembership.objects.get(pool=icb_pool, person=staff)
    assert (own.route, own.status) == (PoolMembership.Route.SELF, M.NOMINATED)
    assert AuditEvent.objects.filter(action="talent_pools_demo_seeded").count() == 1
