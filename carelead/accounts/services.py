"""Writes for accounts: granting and revoking roles. Each is atomic and audited."""

from django.db import transaction

from carelead.accounts import scoping
from carelead.accounts.models import RoleAssignment, User
from carelead.core.services.audit import audit_record, snapshot

ASSIGNMENT_FIELDS = ["user", "role", "scope_level", "organisation"]


@transaction.atomic
def role_assignment_grant(
    *, actor: User | None, user: User, role: str, scope_level: str, organisation=None
) -> RoleAssignment:
    """Grant ``role`` over a scope. Raises ValidationError, naming the field, when the role
    cannot be held at that scope or the organisation is of the wrong kind."""
    assignment = RoleAssignment(
        user=user, role=role, scope_level=scope_level, organisation=organisation, granted_by=actor
    )
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=actor,
        action="role_granted",
        obj=assignment,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
        organisation_id=assignment.organisation_id,
    )
    scoping.clear_cache(user)
    return assignment


@transaction.atomic
def role_assignment_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    audit_record(
        actor=actor,
        action="role_revoked",
        obj=assignment,
        before=before,
        organisation_id=assignment.organisation_id,
    )
    assignment.delete()
    scoping.clear_cache(assignment.user)


@transaction.atomic
def role_assignment_change(
    *, actor: User | None, assignment: RoleAssignment, role: str, scope_level: str, organisation
) -> RoleAssignment:
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.role = role
    assignment.scope_level = scope_level
    assignment.organisation = organisation
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=actor,
        action="role_changed",
        obj=assignment,
        before=before,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
        organisation_id=assignment.organisation_id,
    )
    scoping.clear_cache(assignment.user)
    return assignment
