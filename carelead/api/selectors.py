"""What an API caller may read. Organisations are reference data that any authenticated caller
may see; people and employments are limited to the organisations covered by the caller's
PEOPLE_LEAD role assignments, and nothing else widens that (not even a national role), so a
token can only ever be given exactly the workforce data a people lead would see on the pages.

Each list function returns a queryset shaped so that serialising any page of it costs the same
number of queries, whatever the page size.
"""

from datetime import date, datetime

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from carelead.accounts.roles import Role
from carelead.accounts.scoping import scope_q
from carelead.organisations.models import (
    CqcRating,
    Organisation,
    OversightSegment,
    Succession,
    open_q,
    segment_in_force_q,
)
from carelead.people.models import Employment, Person, current_q

PEOPLE_ROLE = Role.PEOPLE_LEAD


# Organisations ----------------------------------------------------------------------------


def _organisation_queryset(day: date) -> QuerySet[Organisation]:
    current_segments = OversightSegment.objects.filter(segment_in_force_q(day))
    return Organisation.objects.select_related("region", "icb").prefetch_related(
        Prefetch(
            "segments",
            queryset=current_segments.order_by("-effective_from"),
            to_attr="api_current_segments",
        ),
        Prefetch(
            "cqc_ratings", queryset=CqcRating.objects.order_by("-rated_on"), to_attr="api_ratings"
        ),
        Prefetch(
            "predecessions",
            queryset=Succession.objects.select_related("predecessor").order_by(
                "effective_on", "predecessor__ods_code"
            ),
            to_attr="api_predecessions",
        ),
        Prefetch(
            "successions",
            queryset=Succession.objects.select_related("successor").order_by(
                "effective_on", "successor__ods_code"
            ),
            to_attr="api_successions",
        ),
    )


def organisations_for(
    user,
    *,
    kind: str | None = None,
    region: str | None = None,
    icb: str | None = None,
    is_open: bool | None = None,
    q: str | None = None,
    today: date | None = None,
) -> QuerySet[Organisation]:
    """Every organisation (the directory is public to signed-in callers), filtered.

    ``region`` and ``icb`` are ODS codes of the current parent; ``is_open`` compares with today.
    """
    day = today or timezone.localdate()
    qs = _organisation_queryset(day)
    if kind:
        qs = qs.filter(kind=kind)
    if region:
        qs = qs.filter(region__ods_code__iexact=region)
    if icb:
        qs = qs.filter(icb__ods_code__iexact=icb)
    if is_open is not None:
        qs = qs.filter(open_q(day)) if is_open else qs.exclude(open_q(day))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(ods_code__iexact=q))
    return qs.order_by("name", "ods_code")


def organisation_queryset_for(user, *, today: date | None = None) -> QuerySet[Organisation]:
    """The detail lookup's queryset (same shape as the list)."""
    return _organisation_queryset(today or timezone.localdate())


# People and employments ------------------------------------------------------------------


def _employment_scope(user, prefix: str = "") -> Q | None:
    return scope_q(user, PEOPLE_ROLE, prefix=f"{prefix}organisation__")


def _line_manager_visible(user) -> ExpressionWrapper | Value:
    """True when the line manager's own employment is in scope: a manager in an organisation
    outside the caller's scope is not named, so their person number never leaks."""
    q = scope_q(user, PEOPLE_ROLE, prefix="line_manager__organisation__")
    if q is None:
        return Value(False)
    if not q:
        return Value(True)
    return ExpressionWrapper(q, output_field=BooleanField())


def _employment_queryset(user, scope: Q) -> QuerySet[Employment]:
    return (
        Employment.objects.filter(scope)
        .select_related(
            "person",
            "organisation",
            "staff_group",
            "pay_band",
            "line_manager__person",
        )
        .annotate(api_line_manager_visible=_line_manager_visible(user))
    )


def employments_for(
    user,
    *,
    organisation: str | None = None,
    current: bool | None = None,
    person: str | None = None,
    updated_since: datetime | None = None,
    today: date | None = None,
) -> QuerySet[Employment]:
    """Employments in organisations the user is people lead for; none when they lead none.

    ``organisation`` is an ODS code and ``person`` a person number.
    """
    scope = _employment_scope(user)
    if scope is None:
        return Employment.objects.none()
    day = today or timezone.localdate()
    qs = _employment_queryset(user, scope)
    if organisation:
        qs = qs.filter(organisation__ods_code__iexact=organisation)
    if current is not None:
        qs = qs.filter(current_q(day)) if current else qs.exclude(current_q(day))
    if person:
        qs = qs.filter(person__person_number=person)
    if updated_since:
        qs = qs.filter(updated_at__gte=updated_since)
    return qs.order_by("person__person_number", "-start_date", "id")


def people_for(
    user,
    *,
    organisation: str | None = None,
    current: bool | None = None,
    q: str | None = None,
    updated_since: datetime | None = None,
    today: date | None = None,
) -> QuerySet[Person]:
    """People with at least one employment in scope (matching ``organisation`` and ``current``
    when given). Each person carries only their in-scope employments, as
    ``api_employments``: an employer outside the caller's scope is never shown."""
    scope = _employment_scope(user)
    if scope is None:
        return Person.objects.none()
    day = today or timezone.localdate()
    match = Employment.objects.filter(scope, person=OuterRef("pk"))
    if organisation:
        match = match.filter(organisation__ods_code__iexact=organisation)
    if current:
        match = match.filter(current_q(day))
    qs = Person.objects.filter(Exists(match))
    if current is False:
        qs = qs.exclude(
            Exists(Employment.objects.filter(scope, current_q(day), person=OuterRef("pk")))
        )
    if q:
        qs = qs.filter(
            Q(given_name__icontains=q) | Q(family_name__icontains=q) | Q(person_number=q)
        )
    if updated_since:
        qs = qs.filter(updated_at__gte=updated_since)
    employments = _employment_queryset(user, scope).order_by("-start_date", "id")
    return qs.prefetch_related(
        Prefetch("employments", queryset=employments, to_attr="api_employments")
    ).order_by("family_name", "given_name", "person_number")
