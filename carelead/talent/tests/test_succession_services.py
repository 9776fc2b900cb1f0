"""Critical role and succession plan writes: scope, validation, optimistic locking, audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carelead.core.models import AuditEvent
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.talent.models import CriticalRole, Readiness, SuccessionCandidate
from carelead.talent.services import succession as services
from carelead.talent.tests.factories_succession import candidate_for, role_at

pytestmark = pytest.mark.django_db


def test_a_people_lead_records_a_role_with_its_post_holder_and_it_is_audited(world):
    ceo = EmploymentFactory(organisation=world.trust, job_title="Chief executive")
    role = services.critical_role_create(
        actor=world.user("people_lead"),
        organisation=world.trust,
        title=" Chief executive ",
        kind=CriticalRole.Kind.CHIEF_EXECUTIVE,
        incumbent=ceo,
    )
    assert role.title == "Chief executive"
    assert role.incumbent == ceo
    event = AuditEvent.objects.get(action="critical_role_created")
    assert event.after["incumbent"] == ceo.pk


def test_a_regional_talent_lead_records_roles_across_the_region_but_not_outside(world):
    lead = world.user("regional_talent_lead")
    role = services.critical_role_create(
        actor=lead, organisation=world.sibling_trust, title="Medical director", kind="other"
    )
    assert role.organisation == world.sibling_trust
    with pytest.raises(PermissionDenied):
        services.critical_role_create(
            actor=lead, organisation=world.other_trust, title="Medical director", kind="other"
        )


def test_a_people_lead_cannot_record_roles_at_another_trust(world):
    with pytest.raises(PermissionDenied):
        services.critical_role_create(
            actor=world.user("people_lead"),
            organisation=world.sibling_trust,
            title="Chief nurse",
            kind="executive_director",
        )


def test_a_duplicate_title_and_an_outside_post_holder_are_refused_with_field_messages(world):
    role_at(world.trust, title="Chief executive")
    outsider = world.outsider_employment
    with pytest.raises(ValidationError) as caught:
        services.critical_role_create(
            actor=world.user("people_lead"),
            organisation=world.trust,
            title="chief executive",
            kind="chief_executive",
            incumbent=outsider,
        )
    errors = caught.value.message_dict
    assert "already has a critical role called" in errors["title"][0]
    assert "current job at the organisation" in errors["incumbent"][0]


def test_an_edit_from_a_stale_page_is_refused(world):
    role = role_at(world.trust)
    lead = world.user("people_lead")
    services.critical_role_update(
        actor=lead, role=role, title="Chief executive", kind="chief_executive", notes="First"
    )
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.critical_role_update(
            actor=lead,
            role=role,
            title="Chief executive",
            kind="chief_executive",
            notes="Second",
            expected_version=1,
        )
    role.refresh_from_db()
    assert (role.notes, role.version) == ("First", 2)


def test_retiring_needs_a_reason_and_frees_the_title(world):
    role = role_at(world.trust)
    lead = world.user("people_lead")
    with pytest.raises(ValidationError):
        services.critical_role_retire(actor=lead, role=role, reason=" ")
    services.critical_role_retire(actor=lead, role=role, reason="Merged into group CEO post")
    role.refresh_from_db()
    assert not role.is_active
    assert AuditEvent.objects.get(action="critical_role_retired").after["reason"]
    again = services.critical_role_create(
        actor=lead, organisation=world.trust, title="Chief executive", kind="chief_executive"
    )
    assert again.is_active


def test_a_candidate_from_another_region_can_be_added_once(world):
    role = role_at(world.trust)
    lead = world.user("people_lead")
    person = world.outsider_employment.person
    candidate = services.succession_candidate_add(
        actor=lead, role=role, person=person, readiness=Readiness.READY_NOW, is_emergency_cover=True
    )
    assert candidate.is_emergency_cover
    assert AuditEvent.objects.filter(action="succession_candidate_added").count() == 1
    with pytest.raises(ValidationError) as caught:
        services.succession_candidate_add(
            actor=lead, role=role, person=person, readiness=Readiness.READY_NOW
        )
    assert "already a candidate" in caught.value.message_dict["person"][0]


def test_the_post_holder_cannot_be_their_own_successor(world):
    ceo = EmploymentFactory(organisation=world.trust)
    role = role_at(world.trust, incumbent=ceo)
    with pytest.raises(ValidationError, match="holds this post"):
        services.succession_candidate_add(
            actor=world.user("people_lead"),
            role=role,
            person=ceo.person,
            readiness=Readiness.READY_NOW,
        )


def test_updating_and_removing_a_candidate_is_locked_and_audited(world):
    role = role_at(world.trust)
    candidate = candidate_for(role, readiness=Readiness.THREE_PLUS_YEARS)
    lead = world.user("regional_talent_lead")
    services.succession_candidate_update(
        actor=lead,
        candidate=candidate,
        readiness=Readiness.ONE_TO_TWO_YEARS,
        is_emergency_cover=True,
        expected_version=1,
    )
    candidate.refresh_from_db()
    assert (candidate.readiness, candidate.version) == (Readiness.ONE_TO_TWO_YEARS, 2)
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.succession_candidate_remove(
            actor=lead, candidate=candidate, reason="Left the NHS", expected_version=1
        )
    services.succession_candidate_remove(
        actor=lead, candidate=candidate, reason="Left the NHS", expected_version=2
    )
    # Off the plan, but kept (talent records are never deleted), with the reason.
    assert not SuccessionCandidate.objects.exists()
    kept = SuccessionCandidate.all_objects.get(pk=candidate.pk)
    assert kept.removed_at is not None and kept.removal_reason == "Left the NHS"
    event = AuditEvent.objects.get(action="succession_candidate_removed")
    assert event.before["readiness"] == Readiness.ONE_TO_TWO_YEARS
    assert event.after == {"reason": "Left the NHS"}
    # They can be named again later.
    again = services.succession_candidate_add(
        actor=lead, role=candidate.role, person=candidate.person, readiness=Readiness.READY_NOW
    )
    assert again.pk != candidate.pk and SuccessionCandidate.objects.get() == again


def test_no_one_outside_scope_may_change_a_plan(world):
    role = role_at(world.other_trust)
    with pytest.raises(PermissionDenied):
        services.succession_candidate_add(
            actor=world.user("regional_talent_lead"),
            role=role,
            person=PersonFactory(),
            readiness=Readiness.READY_NOW,
        )
