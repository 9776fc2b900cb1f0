"""Reads for the people lead's cycle pages: their organisations' cycles, one cycle's
appraisals and exceptions, and the organisation's priorities.

Scope is the user's people lead organisations (``accounts.scoping``); a cycle, exception or
organisation outside it answers 404, so its existence does not leak.
"""

from django.db.models import Count, QuerySet
from django.http import Http404

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.appraisals.models import (
    Appraisal,
    Cycle,
    CycleException,
    OrganisationalPriority,
    Template,
)
from carelead.organisations.models import Organisation
from carelead.people.models import Employment, current_q


def manageable_organisations(user) -> list[Organisation]:
    """Organisations whose appraisal cycles the user manages (as their people lead)."""
    return list(scoping.organisations_in_scope(user, Role.PEOPLE_LEAD).order_by("name"))


def manageable_organisation(organisations: list[Organisation], ods_code: str | None):
    """The organisation picked by ``ods_code`` from ``organisations``, or the first when none
    is asked for (None when there are none); Http404 when it is not one of them."""
    if not ods_code:
        return organisations[0] if organisations else None
    for organisation in organisations:
        if organisation.ods_code == ods_code:
            return organisation
    raise Http404("No such organisation")


def _cycles(user) -> QuerySet[Cycle]:
    q = scoping.scope_q(user, Role.PEOPLE_LEAD, prefix="organisation__")
    if q is None:
        return Cycle.objects.none()
    return Cycle.objects.filter(q)


def cycles_for_manager(user) -> list[Cycle]:
    """The cycles of the user's organisations, newest first, each with ``status_counts``
    (status -> number of appraisals). Two queries however many cycles and appraisals."""
    cycles = list(
        _cycles(user)
        .select_related("organisation", "template", "framework_version")
        .order_by("-opens_on", "organisation__name", "pk")
    )
    counts = status_counts_by_cycle([c.pk for c in cycles])
    for cycle in cycles:
        cycle.status_counts = counts.get(cycle.pk, {})
    return cycles


def status_counts_by_cycle(cycle_ids) -> dict[int, dict[str, int]]:
    """Appraisals per status for each cycle, in one grouped query."""
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Appraisal.objects.filter(cycle_id__in=cycle_ids)
        .values("cycle_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["cycle_id"], {})[row["status"]] = row["n"]
    return counts


def cycle_for_manager(user, pk: int) -> Cycle:
    """One of the user's organisations' cycles; Http404 otherwise."""
    cycle = (
        _cycles(user)
        .select_related("organisation", "template", "framework_version", "opened_by")
        .filter(pk=pk)
        .first()
    )
    if cycle is None:
        raise Http404("No such cycle")
    return cycle


def cycle_appraisals(cycle: Cycle) -> QuerySet[Appraisal]:
    """The cycle's appraisals with what the list shows, in name order."""
    return (
        Appraisal.objects.filter(cycle=cycle)
        .select_related("person", "appraiser", "stage", "employment")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def open_exceptions(cycle: Cycle) -> list[CycleException]:
    return list(
        CycleException.objects.filter(cycle=cycle, resolution="")
        .select_related("person", "employment")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def resolved_exception_count(cycle: Cycle) -> int:
    return CycleException.objects.filter(cycle=cycle).exclude(resolution="").count()


def exception_for_manager(user, pk: int) -> CycleException:
    """An exception of one of the user's organisations' cycles; Http404 otherwise."""
    q = scoping.scope_q(user, Role.PEOPLE_LEAD, prefix="cycle__organisation__")
    exception = None
    if q is not None:
        exception = (
            CycleException.objects.filter(q, pk=pk)
            .select_related(
                "cycle",
                "cycle__organisation",
                "cycle__framework_version",
                "person",
                "employment",
                "employment__line_manager__person",
                "resolved_by",
            )
            .first()
        )
    if exception is None:
        raise Http404("No such exception")
    return exception


def colleague_by_assignment(organisation_id: int, assignment_number: str) -> Employment | None:
    """The current employment at the organisation with this assignment number, or None."""
    assignment_number = (assignment_number or "").strip()
    if not assignment_number:
        return None
    return (
        Employment.objects.filter(
            current_q(), organisation_id=organisation_id, assignment_number=assignment_number
        )
        .select_related("person")
        .first()
    )


def templates() -> list[Template]:
    return list(Template.objects.select_related("framework").order_by("kind", "title"))


def priorities_for(organisation: Organisation) -> list[OrganisationalPriority]:
    return list(
        OrganisationalPriority.objects.filter(organisation=organisation).order_by(
            "-is_active", "sort_order", "title"
        )
    )


def priority_for_manager(user, pk: int) -> OrganisationalPriority:
    q = scoping.scope_q(user, Role.PEOPLE_LEAD, prefix="organisation__")
    priority = None
    if q is not None:
        priority = OrganisationalPriority.objects.filter(q, pk=pk).first()
    if priority is None:
        raise Http404("No such priority")
    return priority
