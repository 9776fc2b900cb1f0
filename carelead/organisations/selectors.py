"""Reads for organisations.

Organisations are public reference data, not personal data, so the directory and the
organisation pages are the same for every signed-in user: these selectors take no acting
user and apply no scope. The one gate is the ``organisations.view_directory`` permission
(django-rules, every authenticated user), checked by the views. If that ever changes, change
that rule, not these functions.
"""

import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from carelead.organisations.models import (
    BoundaryCode,
    CqcRating,
    Organisation,
    OrganisationKind,
    OrganisationParent,
    OversightSegment,
    Succession,
    segment_in_force_q,
)


def _segment_in_force(day: datetime.date):
    return OversightSegment.objects.filter(segment_in_force_q(day), organisation=OuterRef("pk"))


def with_current_segment(queryset: QuerySet, *, on_date: datetime.date | None = None) -> QuerySet:
    """Annotate ``current_segment`` (1–5 or None) in the same query, so a list of
    organisations does not ask for each one's segment separately."""
    day = on_date or timezone.localdate()
    latest = _segment_in_force(day).order_by("-effective_from")
    return queryset.annotate(current_segment=Subquery(latest.values("segment")[:1]))


def organisation_directory(
    *,
    query: str = "",
    region: str | None = None,
    icb: str | None = None,
    kind: str | None = None,
    segment: int | None = None,
    on_date: datetime.date | None = None,
) -> QuerySet[Organisation]:
    """Organisations matching every filter given, by name.

    ``query`` matches part of the name, ODS code or any alias, ignoring case. ``region`` and
    ``icb`` are ODS codes of the parent. ``on_date`` keeps only organisations open that day
    and dates the segment; without it closed organisations are included and the segment is
    today's.
    """
    organisations = Organisation.objects.select_related("region", "icb")
    if on_date is not None:
        organisations = organisations.open_on(on_date)
    query = (query or "").strip()
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(ods_code__istartswith=query) | Q(aliases__icontains=query)
        )
    if region:
        organisations = organisations.filter(region__ods_code=region)
    if icb:
        organisations = organisations.filter(icb__ods_code=icb)
    if kind:
        organisations = organisations.filter(kind=kind)
    organisations = with_current_segment(organisations, on_date=on_date)
    if segment:
        organisations = organisations.filter(current_segment=segment)
    return organisations.order_by("name", "ods_code")


def organisation_get(*, ods_code: str) -> Organisation:
    """The organisation with this ODS code (any case), with its current segment; 404 if none."""
    queryset = with_current_segment(Organisation.objects.select_related("region", "icb"))
    return get_object_or_404(queryset, ods_code=(ods_code or "").strip().upper())


def current_segment(
    organisation: Organisation, *, on_date: datetime.date | None = None
) -> OversightSegment | None:
    return (
        OversightSegment.objects.filter(segment_in_force_q(on_date), organisation=organisation)
        .order_by("-effective_from")
        .first()
    )


def segment_history(organisation: Organisation) -> QuerySet[OversightSegment]:
    return OversightSegment.objects.filter(organisation=organisation).order_by("-effective_from")


def cqc_ratings(organisation: Organisation) -> QuerySet[CqcRating]:
    return CqcRating.objects.filter(organisation=organisation).order_by("-rated_on")


def memberships(organisation: Organisation) -> QuerySet[OrganisationParent]:
    """Every dated membership (region, ICB, PCN), oldest first."""
    return (
        OrganisationParent.objects.filter(organisation=organisation)
        .select_related("parent")
        .order_by("relationship", "valid_from")
    )


def icb_history(organisation: Organisation) -> QuerySet[OrganisationParent]:
    """The ICBs an organisation has belonged to, oldest first."""
    return memberships(organisation).filter(relationship=OrganisationParent.Relationship.IN_ICB)


def region_history(organisation: Organisation) -> QuerySet[OrganisationParent]:
    return memberships(organisation).filter(relationship=OrganisationParent.Relationship.IN_REGION)


def boundary_codes(organisation: Organisation) -> QuerySet[BoundaryCode]:
    return BoundaryCode.objects.filter(organisation=organisation).order_by("valid_from")


def predecessors(organisation: Organisation) -> QuerySet[Succession]:
    return (
        Succession.objects.filter(successor=organisation)
        .select_related("predecessor")
        .order_by("-effective_on", "predecessor__name")
    )


def successors(organisation: Organisation) -> QuerySet[Succession]:
    return (
        Succession.objects.filter(predecessor=organisation)
        .select_related("successor")
        .order_by("-effective_on", "successor__name")
    )


def regions() -> QuerySet[Organisation]:
    return Organisation.objects.of_kind(OrganisationKind.REGION).order_by("name")


def icbs(*, on_date: datetime.date | None = None) -> QuerySet[Organisation]:
    """ICBs, open on ``on_date`` if given, by name."""
    queryset = Organisation.objects.of_kind(OrganisationKind.ICB)
    if on_date is not None:
        queryset = queryset.open_on(on_date)
    return queryset.order_by("name")
