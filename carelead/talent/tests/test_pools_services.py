"""Pool services: who may create and change pools, the criteria checked at nomination, the
membership transitions with reasons and optimistic locking, and the audit of every write."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.core.models import AuditEvent
from carelead.talent.models import MembershipTransition, PoolMembership, Readiness, TalentPool
from carelead.talent.services import pools as services
from carelead.talent.tests.factories_pools import (
    grant_credential,
    national_pool,
    nomination,
    outside_pool,
    regional_pool,
    stages,
)

M = PoolMembership.Status
pytestmark = pytest.mark.django_db


def _nominate(world, persona, pool, person=None, readiness=Readiness.READY_NOW):
    user = world.user(persona)
    return services.membership_nominate(
        actor=user,
        pool=pool,
        person=person or user.person,
        statement="Led the trust's winter plan.",
        readiness=readiness,
    )


# --- pools ----------------------------------------------------------------------------------


def test_a_talent_lead_creates_a_regional_pool_and_it_is_audited(world):
    pool = services.pool_create(
        actor=world.user("regional_talent_lead"), name=" Aspiring directors ", owner=world.region
    )
    assert (pool.level, pool.owner, pool.name) == ("region", world.region, "Aspiring directors")
    event = AuditEvent.objects.get(action="talent_pool_created")
    assert event.object_id == str(pool.pk) and event.organisation_id == world.region.pk


def test_a_talent_lead_creates_an_icb_pool_for_an_icb_in_their_region(world):
    pool = services.pool_create(actor=world.user("regional_talent_lead"), name="X", owner=world.icb)
    assert pool.level == "icb"


def test_a_talent_lead_cannot_create_a_pool_outside_their_region_or_a_national_one(world):
    lead = world.user("regional_talent_lead")
    with pytest.raises(PermissionDenied):
        services.pool_create(actor=lead, name="X", owner=world.other_region)
    with pytest.raises(PermissionDenied):
        services.pool_create(actor=lead, name="X", owner=None)


def test_the_implementation_office_creates_national_pools_only(world):
    office = world.user("implementation_office")
    pool = services.pool_create(actor=office, name="Aspiring chief executives", owner=None)
    assert pool.level == "national" and pool.owner is None
    with pytest.raises(PermissionDenied):
        services.pool_create(actor=office, name="X", owner=world.region)


def test_a_pool_needing_the_prerequisite_needs_a_target_stage_and_levels_in_order(world):
    with pytest.raises(ValidationError) as caught:
        services.pool_create(
            actor=world.user("regional_talent_lead"),
            name="X",
            owner=world.region,
            requires_prerequisite=True,
            min_management_level=4,
            max_management_level=3,
        )
    assert set(caught.value.message_dict) == {"target_stage", "max_management_level"}


def test_editing_a_pool_from_an_old_page_is_refused(world):
    pool = regional_pool(world)
    lead = world.user("regional_talent_lead")
    services.pool_update(actor=lead, pool=pool, expected_version=1, name="Renamed")
    pool.refresh_from_db()
    assert (pool.name, pool.version) == ("Renamed", 2)
    with pytest.raises(ValidationError, match="Someone else changed this pool"):
        services.pool_update(actor=lead, pool=pool, expected_version=1, name="Again")
    assert AuditEvent.objects.filter(action="talent_pool_updated").count() == 1


def test_a_lead_of_another_region_cannot_edit_the_pool(world):
    pool = outside_pool(world)
    with pytest.raises(PermissionDenied):
        services.pool_update(actor=world.user("regional_talent_lead"), pool=pool, name="X")


# --- nominations -----------------------------------------------------------------------------


def test_self_nomination_records_the_route_a_transition_and_an_audit_event(world):
    membership = _nominate(world, "line_manager", regional_pool(world))
    assert membership.route == PoolMembership.Route.SELF
    assert membership.organisation == world.trust
    transition = MembershipTransition.objects.get(membership=membership)
    assert (transition.from_status, transition.to_status) == ("", M.NOMINATED)
    assert AuditEvent.objects.filter(action="pool_membership_nominated").count() == 1


def test_someone_below_the_pools_levels_is_told_why(world):
    with pytest.raises(ValidationError) as caught:
        _nominate(world, "staff", regional_pool(world))
    assert caught.value.messages == [
        "This pool is for management levels 2 to 4: you are at no management level"
    ]


def test_the_prerequisite_credential_is_checked_and_named(world):
    by_code = stages()
    pool = regional_pool(world, target_stage=by_code["stage-3"], requires_prerequisite=True)
    with pytest.raises(ValidationError) as caught:
        _nominate(world, "line_manager", pool)
    assert caught.value.messages == [
        "You need the Stage 2 credential to join this pool: you do not hold it yet"
    ]
    grant_credential(world.user("line_manager").person, by_code["stage-2"])
    assert _nominate(world, "line_manager", pool).status == M.NOMINATED


def test_readiness_must_be_at_least_the_minimum(world):
    pool = regional_pool(world, minimum_readiness=Readiness.ONE_TO_TWO_YEARS)
    with pytest.raises(ValidationError, match="ready in 1 to 2 years or sooner"):
        _nominate(world, "line_manager", pool, readiness=Readiness.THREE_PLUS_YEARS)


def test_one_membership_per_person_per_pool(world):
    pool = regional_pool(world)
    _nominate(world, "line_manager", pool)
    with pytest.raises(ValidationError, match="You have already been nominated"):
        _nominate(world, "line_manager", pool)


def test_a_closed_pool_takes_no_nominations(world):
    with pytest.raises(ValidationError, match="not open for nominations"):
        _nominate(world, "line_manager", regional_pool(world, status=TalentPool.Status.CLOSED))


def test_a_pool_of_another_region_does_not_cover_this_employer(world):
    with pytest.raises(ValidationError, match="is not part of it"):
        _nominate(world, "line_manager", outside_pool(world))


def test_a_line_manager_nominates_a_report_and_no_one_else(world):
    world.employments["staff"].management_level = 2
    world.employments["staff"].save()
    pool = regional_pool(world)
    membership = _nominate(world, "line_manager", pool, person=world.employments["staff"].person)
    assert membership.route == PoolMembership.Route.LINE_MANAGER
    with pytest.raises(PermissionDenied):
        _nominate(world, "line_manager", pool, person=world.outsider_employment.person)


def test_a_people_lead_nominates_someone_at_their_organisation(world):
    pool = regional_pool(world)
    membership = _nominate(
        world, "people_lead", pool, person=world.employments["line_manager"].person
    )
    assert membership.route == PoolMembership.Route.PEOPLE_LEAD


def test_criteria_failures_for_someone_else_name_them(world):
    staff = world.employments["staff"].person
    with pytest.raises(ValidationError) as caught:
        _nominate(world, "line_manager", regional_pool(world), person=staff)
    assert caught.value.messages == [
        "This pool is for management levels 2 to 4: Sam Staff is at no management level"
    ]


# --- decisions -------------------------------------------------------------------------------


def test_accepting_needs_a_reason_and_is_recorded(world):
    membership = nomination(regional_pool(world), organisation=world.trust)
    lead = world.user("regional_talent_lead")
    with pytest.raises(ValidationError, match="Enter the reason"):
        services.membership_decide(actor=lead, membership=membership, accept=True, reason=" ")
    services.membership_decide(
        actor=lead, membership=membership, accept=True, reason="Strong evidence", expected_version=1
    )
    membership.refresh_from_db()
    assert (membership.status, membership.decision_reason) == (M.MEMBER, "Strong evidence")
    assert membership.decided_by == lead and membership.version == 2
    assert MembershipTransition.objects.get(membership=membership).to_status == M.MEMBER
    assert AuditEvent.objects.filter(action="pool_membership_accept").exists()


def test_not_accepting_records_the_reason(world):
    membership = nomination(regional_pool(world), organisation=world.trust)
    services.membership_decide(
        actor=world.user("regional_talent_lead"),
        membership=membership,
        accept=False,
        reason="Not yet at the level",
    )
    membership.refresh_from_db()
    assert membership.status == M.NOT_ACCEPTED


def test_a_decision_from_an_old_page_is_refused(world):
    membership = nomination(regional_pool(world), organisation=world.trust)
    lead = world.user("regional_talent_lead")
    services.membership_decide(actor=lead, membership=membership, accept=True, reason="Yes")
    with pytest.raises(ValidationError, match="Someone else changed this nomination"):
        services.membership_decide(
            actor=lead, membership=membership, accept=False, reason="No", expected_version=1
        )


def test_only_the_pools_leads_decide(world):
    membership = nomination(outside_pool(world), organisation=world.other_trust)
    with pytest.raises(PermissionDenied):
        services.membership_decide(
            actor=world.user("regional_talent_lead"), membership=membership, accept=True, reason="x"
        )


def test_national_pools_are_decided_by_the_implementation_office_not_talent_leads(world):
    membership = nomination(national_pool(), organisation=world.trust)
    with pytest.raises(PermissionDenied):
        services.membership_decide(
            actor=world.user("regional_talent_lead"), membership=membership, accept=True, reason="x"
        )
    services.membership_decide(
        actor=world.user("implementation_office"), membership=membership, accept=True, reason="x"
    )


def test_transitions_outside_the_table_are_refused(world):
    membership = nomination(regional_pool(world), organisation=world.trust)
    lead = world.user("regional_talent_lead")
    with pytest.raises(ValidationError, match="cannot be done now"):
        services.membership_move_on(actor=lead, membership=membership, moved_on_to="Director")
    services.membership_decide(actor=lead, membership=membership, accept=True, reason="Yes")
    services.membership_move_on(actor=lead, membership=membership, moved_on_to="Director, RCB")
    membership.refresh_from_db()
    assert (membership.status, membership.moved_on_to) == (M.MOVED_ON, "Director, RCB")
    with pytest.raises(ValidationError, match="cannot be done now"):
        services.membership_withdraw(actor=lead, membership=membership, reason="x")


def test_a_person_withdraws_without_a_reason_a_lead_must_give_one(world):
    pool = regional_pool(world)
    own = _nominate(world, "line_manager", pool)
    services.membership_withdraw(actor=world.user("line_manager"), membership=own)
    own.refresh_from_db()
    assert own.status == M.WITHDRAWN
    other = nomination(pool, organisation=world.trust)
    with pytest.raises(ValidationError, match="Enter the reason"):
        services.membership_withdraw(actor=world.user("regional_talent_lead"), membership=other)


def test_someone_else_cannot_withdraw_a_nomination(world):
    membership = nomination(regional_pool(world), organisation=world.trust)
    with pytest.raises(PermissionDenied):
        services.membership_withdraw(actor=world.user("staff"), membership=membership, reason="x")


# --- offers ----------------------------------------------------------------------------------


def test_offers_are_added_and_changed_by_the_pools_leads_with_audit(world):
    pool = regional_pool(world)
    lead = world.user("regional_talent_lead")
    offer = services.offer_create(actor=lead, pool=pool, title="Executive coaching", places=10)
    services.offer_update(actor=lead, offer=offer, is_active=False)
    offer.refresh_from_db()
    assert offer.is_active is False
    assert AuditEvent.objects.filter(action__startswith="development_offer").count() == 2
    other_lead = UserFactory()
    RoleAssignmentFactory(
        user=other_lead,
        role=Role.REGIONAL_TALENT_LEAD,
        scope_level=ScopeLevel.REGION,
        organisation=world.other_region,
    )
    with pytest.raises(PermissionDenied):
        services.offer_update(actor=other_lead, offer=offer, title="Mine")
