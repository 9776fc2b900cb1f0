"""Scope building blocks every talent area shares. A regional talent lead's reach is the
organisations of their region (the region itself, its ICBs and their members): nothing in
the request widens it, so a forged id outside answers 404."""

from django.db.models import Q, QuerySet

from carelead.accounts.roles import Role
from carelead.accounts.scoping import assignments, organisations_in_scope, scope_q
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.people.models import Employment, Person, current_q


def regions_led(user) -> QuerySet[Organisation]:
    """The regions the user is a regional talent lead for."""
    ids = [a.organisation_id for a in assignments(user, Role.REGIONAL_TALENT_LEAD)]
    return Organisation.objects.filter(pk__in=ids, kind=OrganisationKind.REGION)


def talent_lead_q(user, prefix: str = "") -> Q | None:
    """A Q over Organisation (or a relation to it, via ``prefix``) for the organisations in
    the regions the user leads talent for; None when they lead none."""
    return scope_q(user, Role.REGIONAL_TALENT_LEAD, prefix=prefix)


def talent_lead_organisations(user) -> QuerySet[Organisation]:
    return organisations_in_scope(user, Role.REGIONAL_TALENT_LEAD)


def people_lead_q(user, prefix: str = "") -> Q | None:
    return scope_q(user, Role.PEOPLE_LEAD, prefix=prefix)


def current_employment(person: Person | int, *, on=None) -> Employment | None:
    """The person's main current employment: the latest started one in force today."""
    person_id = getattr(person, "pk", person)
    return (
        Employment.objects.filter(current_q(on), person_id=person_id)
        .select_related("organisation")
        .order_by("-start_date", "-pk")
        .first()
    )


def current_reports_q(user, prefix: str = "") -> Q | None:
    """A Q over Person (or a relation to it, via ``prefix``) for the user's current direct
    reports; None when the user has no person."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return None
    report_ids = Employment.objects.filter(current_q(), line_manager__person_id=person_id).values(
        "person_id"
    )
    return Q(**{f"{prefix}pk__in": report_ids})
