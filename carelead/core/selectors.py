from django.db.models import QuerySet

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.core.models import AuditEvent


def audit_events_for(user) -> QuerySet[AuditEvent]:
    """Audit events about organisations the user leads people for (newest first)."""
    organisation_ids = scoping.organisations_in_scope(user, Role.PEOPLE_LEAD).values("id")
    return AuditEvent.objects.filter(organisation_id__in=organisation_ids).order_by(
        "-occurred_at", "-id"
    )
