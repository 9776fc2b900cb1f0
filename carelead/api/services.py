"""Writes for the API: creating a service account with its role and token."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework.authtoken.models import Token

from carelead.accounts.models import RoleAssignment, User
from carelead.accounts.roles import ALLOWED_SCOPES, Role, ScopeLevel
from carelead.accounts.services import role_assignment_grant
from carelead.core.services.audit import audit_record, snapshot
from carelead.organisations.models import Organisation


@dataclass(frozen=True)
class NewServiceAccount:
    user: User
    assignment: RoleAssignment
    # The only time the key is handed out: callers show it once and never log it.
    token_key: str


def service_account_create(
    *,
    name: str,
    role: str,
    scope_level: str,
    organisation_ods_code: str | None = None,
    actor=None,
) -> NewServiceAccount:
    """A login with no password that authenticates only by token, holding one role.

    Raises ValidationError, keyed by the argument at fault, when the name is taken, the role or
    scope level is unknown or not allowed together, or the organisation is missing, unknown or
    of the wrong kind for the scope.
    """
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the service account."})
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    if scope_level not in ScopeLevel.values:
        raise ValidationError({"scope_level": f"Unknown scope level {scope_level!r}."})
    if scope_level not in ALLOWED_SCOPES.get(role, set()):
        allowed = ", ".join(sorted(ALLOWED_SCOPES.get(role, set())))
        raise ValidationError(
            {"scope_level": f"The role {role} can only be granted at: {allowed}."}
        )

    organisation = None
    if scope_level == ScopeLevel.NATIONAL:
        if organisation_ods_code:
            raise ValidationError(
                {"organisation": "A national scope has no organisation: leave it out."}
            )
    else:
        if not organisation_ods_code:
            raise ValidationError(
                {"organisation": f"A {scope_level} scope needs an organisation ODS code."}
            )
        organisation = Organisation.objects.filter(
            ods_code__iexact=organisation_ods_code.strip()
        ).first()
        if organisation is None:
            raise ValidationError(
                {"organisation": f"No organisation has the ODS code {organisation_ods_code!r}."}
            )

    with transaction.atomic():
        if User.objects.filter(username__iexact=name).exists():
            raise ValidationError({"name": f"A login called {name!r} already exists."})
        user = User(username=name, is_service_account=True)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            actor=actor,
            action="service_account_created",
            obj=user,
            after=snapshot(user, ["username", "is_service_account"]),
            organisation_id=organisation.pk if organisation else None,
        )
        # The grant validates the role's scope and audits itself, like any other grant.
        assignment = role_assignment_grant(
            actor=actor,
            user=user,
            role=role,
            scope_level=scope_level,
            organisation=organisation,
        )
        token = Token.objects.create(user=user)
    return NewServiceAccount(user=user, assignment=assignment, token_key=token.key)
