"""Scope: which organisations and people a user may see in a given role.

Every selector that crosses an organisation boundary starts here. A scope is built from the
user's role assignments, never from anything in the request, so a forged id can only ever
select inside it (and anything outside answers 404).
"""

from django.db.models import Q, QuerySet

from carelead.accounts.models import RoleAssignment
from carelead.accounts.roles import Role, ScopeLevel
from carelead.organisations.models import Organisation


def _assignments(user, roles):
    if not getattr(user, "is_authenticated", False):
        return []
    cache = getattr(user, "_role_assignment_cache", None)
    if cache is None:
        cache = list(RoleAssignment.objects.filter(user=user).select_related("organisation"))
        user._role_assignment_cache = cache
    return [a for a in cache if not roles or a.role in roles]


def assignments(user, *roles: str) -> list:
    """The user's role assignments in ``roles`` (all of them when none are named), with their
    organisations; read once per request and cached on the user."""
    return _assignments(user, roles)


def roles_of(user) -> set[str]:
    return {a.role for a in _assignments(user, ())}


def has_role(user, *roles: str) -> bool:
    return bool(_assignments(user, roles))


def scope_q(user, *roles: str, prefix: str = "") -> Q | None:
    """A Q over Organisation (or over a relation to it, with prefix 'organisation__') for the
    organisations the user's assignments in ``roles`` cover; None when they cover nothing."""
    q = None
    for a in _assignments(user, roles):
        if a.scope_level == ScopeLevel.NATIONAL:
            return Q()
        if a.scope_level == ScopeLevel.REGION:
            part = Q(**{f"{prefix}id": a.organisation_id}) | Q(
                **{f"{prefix}region_id": a.organisation_id}
            )
        elif a.scope_level == ScopeLevel.ICB:
            part = Q(**{f"{prefix}id": a.organisation_id}) | Q(
                **{f"{prefix}icb_id": a.organisation_id}
            )
        else:
            part = Q(**{f"{prefix}id": a.organisation_id})
        q = part if q is None else q | part
    return q


def organisations_in_scope(user, *roles: str) -> QuerySet[Organisation]:
    q = scope_q(user, *roles)
    if q is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(q)


def is_national(user, *roles: str) -> bool:
    return any(a.scope_level == ScopeLevel.NATIONAL for a in _assignments(user, roles))


def people_lead_organisations(user) -> QuerySet[Organisation]:
    return organisations_in_scope(user, Role.PEOPLE_LEAD)


def clear_cache(user) -> None:
    if hasattr(user, "_role_assignment_cache"):
        del user._role_assignment_cache
