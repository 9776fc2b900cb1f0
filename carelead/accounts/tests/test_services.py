import pytest
from django.core.exceptions import ValidationError

from carelead.accounts import scoping, services
from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import UserFactory
from carelead.core.models import AuditEvent


def test_granting_a_role_widens_scope_and_is_audited(world):
    user = UserFactory()
    admin = world.user("superuser")
    services.role_assignment_grant(
        actor=admin,
        user=user,
        role=Role.PEOPLE_LEAD,
        scope_level=ScopeLevel.ORGANISATION,
        organisation=world.sibling_trust,
    )
    assert list(scoping.organisations_in_scope(user, Role.PEOPLE_LEAD)) == [world.sibling_trust]
    event = AuditEvent.objects.get(action="role_granted")
    assert event.actor_label == "superuser"
    assert event.organisation_id == world.sibling_trust.pk
    assert event.after["role"] == Role.PEOPLE_LEAD


def test_a_role_at_the_wrong_scope_is_refused_and_nothing_is_written(world):
    with pytest.raises(ValidationError):
        services.role_assignment_grant(
            actor=None,
            user=UserFactory(),
            role=Role.PEOPLE_LEAD,
            scope_level=ScopeLevel.NATIONAL,
        )
    assert not AuditEvent.objects.filter(action="role_granted").exists()


def test_revoking_a_role_removes_the_scope_and_is_audited(world):
    user = world.user("people_lead")
    assignment = user.role_assignments.get()
    services.role_assignment_revoke(actor=None, assignment=assignment)
    assert not scoping.organisations_in_scope(user, Role.PEOPLE_LEAD).exists()
    assert AuditEvent.objects.filter(action="role_revoked").count() == 1


@pytest.mark.django_db
def test_admin_pages_open_for_superusers_and_equality_data_is_not_in_the_admin(client, world):
    client.force_login(world.user("superuser"))
    for url in [
        "/admin/accounts/user/",
        "/admin/accounts/roleassignment/",
        "/admin/organisations/organisation/",
        "/admin/people/person/",
        "/admin/core/auditevent/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/people/equalitymonitoring/").status_code == 404
