"""Reads for the catalogue: programmes anyone signed in may browse, a provider's own cohorts
and rosters (scoped by the training provider role; anything else answers 404) and the
national accreditation register. Every list is a fixed number of queries, however many rows.
"""

import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.learning.models import Accreditation, Cohort, Enrolment, Module, Programme
from carelead.learning.selectors.accreditation import accreditation_in_force_q
from carelead.organisations.models import Organisation, OrganisationKind

LIVE_ENROLMENT = Q(enrolments__status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED])
#: Statuses of programmes that anyone signed in may look at (drafts only their provider).
PUBLISHED = (Programme.Status.OPEN, Programme.Status.CLOSED)


def provider_organisations(user) -> QuerySet[Organisation]:
    """The training providers the user acts for."""
    return scoping.organisations_in_scope(user, Role.TRAINING_PROVIDER).filter(
        kind=OrganisationKind.TRAINING_PROVIDER
    )


def _provider_ids(user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_training_provider_ids", None)
    if cached is None:
        cached = list(provider_organisations(user).values_list("pk", flat=True))
        user._training_provider_ids = cached
    return cached


def _accredited(day: datetime.date | None = None):
    return Exists(
        Accreditation.objects.filter(accreditation_in_force_q(day), provider=OuterRef("provider"))
    )


def cohorts_with_places(queryset: QuerySet[Cohort]) -> QuerySet[Cohort]:
    """Cohorts annotated with ``taken`` (live enrolments) and ``places_left``."""
    return queryset.annotate(
        taken=Count("enrolments", filter=LIVE_ENROLMENT, distinct=True),
    ).annotate(places_left=F("places") - F("taken"))


def _visible_programmes(user) -> QuerySet[Programme]:
    visible = Q(status__in=PUBLISHED)
    provider_ids = _provider_ids(user)
    if provider_ids:
        visible |= Q(provider_id__in=provider_ids)
    return Programme.objects.filter(visible)


def programmes_to_browse(user, *, kind: str | None = None) -> QuerySet[Programme]:
    """Programmes that are open or closed (and the user's own drafts, for a provider), with
    ``is_accredited`` (the provider's accreditation is in force today), their modules and
    their cohorts (each with places taken and left) prefetched."""
    programmes = _visible_programmes(user)
    if kind:
        programmes = programmes.filter(kind=kind)
    return (
        programmes.select_related("provider", "stage")
        .annotate(is_accredited=_accredited())
        .prefetch_related(
            Prefetch("modules", queryset=Module.objects.order_by("sort_order", "pk")),
            Prefetch(
                "cohorts",
                queryset=cohorts_with_places(Cohort.objects.select_related("provider")).order_by(
                    "starts_on", "code"
                ),
            ),
        )
        .order_by("kind", "title")
    )


def programme_for_viewer(user, code: str) -> Programme:
    """One programme by code, with the same annotations and prefetches as the list plus its
    outcomes. A draft answers 404 to everyone but its provider."""
    programme = (
        programmes_to_browse(user)
        .prefetch_related("outcomes__item", "outcomes__stage")
        .filter(code=code)
        .first()
    )
    if programme is None:
        raise Http404("No such programme.")
    return programme


def own_enrolment(user, programme: Programme) -> Enrolment | None:
    """The user's own live enrolment on the programme, if any."""
    if not getattr(user, "person_id", None):
        return None
    return (
        Enrolment.objects.filter(person_id=user.person_id, programme=programme)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("cohort")
        .first()
    )


def own_current_employment(user):
    """The employment a self-enrolment is recorded against (context only): the user's
    current employment that started most recently."""
    from carelead.people.models import Employment

    if not getattr(user, "person_id", None):
        return None
    return (
        Employment.objects.current()
        .filter(person_id=user.person_id)
        .order_by("-start_date", "-pk")
        .first()
    )


# Provider pages ---------------------------------------------------------------------------


def _provider_cohort_q(user) -> Q | None:
    provider_ids = _provider_ids(user)
    if not provider_ids:
        return None
    # A programme's owner sees every cohort of it, whoever runs it, as well as its own.
    return Q(provider_id__in=provider_ids) | Q(programme__provider_id__in=provider_ids)


def cohorts_for_provider(user) -> QuerySet[Cohort]:
    """Cohorts the user's providers run or own the programme of, with places taken and left."""
    q = _provider_cohort_q(user)
    if q is None:
        return Cohort.objects.none()
    return cohorts_with_places(
        Cohort.objects.filter(q).select_related("programme", "provider", "region")
    ).order_by("programme__title", "starts_on", "code")


def cohort_for_provider(user, pk) -> Cohort:
    cohort = cohorts_for_provider(user).filter(pk=pk).first()
    if cohort is None:
        raise Http404("No such cohort.")
    return cohort


def own_programmes(user) -> QuerySet[Programme]:
    """The programmes the user's providers own (drafts included), as programmes_to_browse."""
    return programmes_to_browse(user).filter(provider_id__in=_provider_ids(user))


def cohort_roster(cohort: Cohort) -> QuerySet[Enrolment]:
    """Everyone enrolled on the cohort (withdrawn included, so the roster is the record)."""
    return cohort.enrolments.select_related("person").order_by(
        "person__family_name", "person__given_name", "pk"
    )


def programmes_for_cohorts(user) -> QuerySet[Programme]:
    """Programmes the user's providers may add cohorts to: their own (drafts included) and,
    when one of them is accredited, other providers' open programmes. The service decides."""
    provider_ids = _provider_ids(user)
    if not provider_ids:
        return Programme.objects.none()
    own = Q(provider_id__in=provider_ids)
    accredited = Accreditation.objects.filter(
        accreditation_in_force_q(), provider_id__in=provider_ids
    )
    others = Q(status=Programme.Status.OPEN) & Q(Exists(accredited))
    return (
        Programme.objects.filter(own | others)
        .exclude(status=Programme.Status.CLOSED)
        .select_related("provider")
        .order_by("title")
    )


# Accreditation register -------------------------------------------------------------------


def _latest_accreditation(day: datetime.date):
    return Subquery(
        Accreditation.objects.filter(provider=OuterRef("pk"), applied_on__lte=day)
        .order_by("-applied_on", "-pk")
        .values("pk")[:1]
    )


def accreditation_register(*, on: datetime.date | None = None) -> list[tuple]:
    """Every training provider with its current accreditation (the latest applied for, as
    ``current_accreditation`` decides; None when it has none), in two queries."""
    on = on or timezone.localdate()
    providers = list(
        Organisation.objects.filter(kind=OrganisationKind.TRAINING_PROVIDER)
        .annotate(latest_accreditation_id=_latest_accreditation(on))
        .order_by("name")
    )
    ids = [p.latest_accreditation_id for p in providers if p.latest_accreditation_id]
    accreditations = Accreditation.objects.in_bulk(ids)
    return [(p, accreditations.get(p.latest_accreditation_id)) for p in providers]


def training_providers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.TRAINING_PROVIDER).order_by("name")


def accreditation_get(pk) -> Accreditation:
    """Any accreditation (the register is national; the page gate decides who may look)."""
    accreditation = Accreditation.objects.select_related("provider").filter(pk=pk).first()
    if accreditation is None:
        raise Http404("No such accreditation.")
    return accreditation


# API --------------------------------------------------------------------------------------


def cohorts_to_browse(user, *, programme_code: str | None = None) -> QuerySet[Cohort]:
    """Cohorts of the programmes the user may browse, with places taken and left."""
    cohorts = Cohort.objects.filter(programme__in=_visible_programmes(user))
    if programme_code:
        cohorts = cohorts.filter(programme__code=programme_code)
    return cohorts_with_places(cohorts.select_related("programme", "provider", "region")).order_by(
        "starts_on", "code"
    )
