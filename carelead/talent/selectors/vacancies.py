"""Reads for the senior vacancy register and incentive packages.

A vacancy is seen by the people leads of its organisation and by the regional talent leads of
its region; a package by the talent leads of its region. Anything else answers 404, so a
forged id never shows that a record exists. The API's open register is the one read without
scope: it is meant for prospective candidates anywhere in the NHS.
"""

import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from carelead.accounts.roles import Role
from carelead.accounts.scoping import organisations_in_scope
from carelead.core.periods import add_months
from carelead.organisations.models import (
    Organisation,
    OrganisationKind,
    OversightSegment,
    segment_in_force_q,
)
from carelead.organisations.selectors import current_segment
from carelead.people.models import Employment
from carelead.standards.selectors import published_version, stages_of
from carelead.talent.models import CriticalRole, IncentivePackage, Vacancy, VacancyPlacement
from carelead.talent.selectors.access import people_lead_q, regions_led, talent_lead_q

FRAMEWORK_SLUG = "management-leadership"
#: Segments whose organisations may flag a vacancy as challenged (domain.md part B 2.10).
CHALLENGED_SEGMENTS = (4, 5)


def _viewer_q(user) -> Q | None:
    parts = [q for q in (people_lead_q(user), talent_lead_q(user)) if q is not None]
    if not parts:
        return None
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return q


def with_segment_now(vacancies: QuerySet, *, on_date: datetime.date | None = None) -> QuerySet:
    """Annotate ``segment_now``: the organisation's NOF segment in force on ``on_date``
    (today by default), in the same query."""
    day = on_date or timezone.localdate()
    latest = OversightSegment.objects.filter(
        segment_in_force_q(day), organisation=OuterRef("organisation_id")
    ).order_by("-effective_from")
    return vacancies.annotate(segment_now=Subquery(latest.values("segment")[:1]))


def _vacancies() -> QuerySet[Vacancy]:
    return with_segment_now(
        Vacancy.objects.select_related(
            "organisation",
            "organisation__region",
            "stage",
            "package",
            "package__programme",
            "critical_role",
        )
    )


def register_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose vacancies ``user`` may see, by name (for the register filter)."""
    q = _viewer_q(user)
    if q is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(q).order_by("name")


def managed_organisations(user) -> list[Organisation]:
    """The organisations ``user`` may add vacancies for: those they are people lead of."""
    return list(organisations_in_scope(user, Role.PEOPLE_LEAD).order_by("name"))


def vacancies_for(
    user,
    *,
    search: str | None = None,
    organisation: str | None = None,
    challenged: bool | None = None,
    status: str | None = None,
) -> QuerySet[Vacancy]:
    """The register as ``user`` may see it, newest first. ``search`` matches the reference or
    any part of the title, ignoring capitals; ``organisation`` is an ODS code. Filters only
    ever narrow the scope."""
    q = _viewer_q(user)
    if q is None:
        return Vacancy.objects.none()
    scope = Organisation.objects.filter(q).values("pk")
    vacancies = _vacancies().filter(organisation__in=scope)
    if search:
        vacancies = vacancies.filter(Q(reference__iexact=search) | Q(title__icontains=search))
    if organisation:
        vacancies = vacancies.filter(organisation__ods_code=organisation)
    if challenged:
        vacancies = vacancies.filter(is_challenged=True)
    if status:
        vacancies = vacancies.filter(status=status)
    return vacancies.order_by("-opened_on", "-pk")


def vacancy_for_viewer(user, pk: int) -> Vacancy:
    """The vacancy with ``.can_manage`` (a people lead of its organisation) and
    ``.leads_region`` (a talent lead of its region) set; 404 if ``user`` is neither."""
    vacancy = _vacancies().filter(pk=pk).first()
    if vacancy is None:
        raise Http404("No such vacancy.")
    can_manage = (
        organisations_in_scope(user, Role.PEOPLE_LEAD).filter(pk=vacancy.organisation_id).exists()
    )
    region_q = talent_lead_q(user)
    leads_region = (
        region_q is not None
        and Organisation.objects.filter(region_q, pk=vacancy.organisation_id).exists()
    )
    if not (can_manage or leads_region):
        raise Http404("No such vacancy.")
    vacancy.can_manage = can_manage
    vacancy.leads_region = leads_region
    return vacancy


def vacancy_for_manager(user, pk: int) -> Vacancy:
    """The vacancy if ``user`` is a people lead of its organisation; 404 otherwise."""
    vacancy = vacancy_for_viewer(user, pk)
    if not vacancy.can_manage:
        raise Http404("No such vacancy.")
    return vacancy


def vacancy_for_region_lead(user, pk: int) -> Vacancy:
    """The vacancy if ``user`` leads talent for its region; 404 otherwise."""
    vacancy = vacancy_for_viewer(user, pk)
    if not vacancy.leads_region:
        raise Http404("No such vacancy.")
    return vacancy


def critical_roles(organisation: Organisation) -> list[CriticalRole]:
    return list(CriticalRole.objects.filter(organisation=organisation, is_active=True))


def framework_stages() -> list:
    """The stages of the published Management and Leadership Framework, lowest first."""
    version = published_version(FRAMEWORK_SLUG)
    return stages_of(version) if version is not None else []


def segment_today(organisation: Organisation) -> int | None:
    found = current_segment(organisation)
    return found.segment if found is not None else None


# --- Packages --------------------------------------------------------------------------------


def packages_for(user) -> QuerySet[IncentivePackage]:
    """Packages of the regions ``user`` leads talent for, by region and title."""
    return IncentivePackage.objects.filter(region__in=regions_led(user)).select_related(
        "region", "programme"
    )


def package_for_lead(user, pk: int) -> IncentivePackage:
    package = packages_for(user).filter(pk=pk).first()
    if package is None:
        raise Http404("No such package.")
    return package


def packages_to_attach(vacancy: Vacancy) -> list[IncentivePackage]:
    """Published packages of the vacancy's region."""
    region_id = vacancy.organisation.region_id
    if region_id is None:
        return []
    return list(
        IncentivePackage.objects.filter(
            region_id=region_id, status=IncentivePackage.Status.PUBLISHED
        ).order_by("title")
    )


def package_vacancies(package: IncentivePackage) -> QuerySet[Vacancy]:
    return _vacancies().filter(package=package).order_by("-opened_on", "-pk")


# --- Placement outcomes ----------------------------------------------------------------------


def placement_of(vacancy: Vacancy) -> VacancyPlacement | None:
    return (
        VacancyPlacement.objects.filter(vacancy=vacancy)
        .select_related("person", "package", "employment")
        .first()
    )


def placement_outcome(
    placement: VacancyPlacement, *, today: datetime.date | None = None
) -> dict[str, bool | None]:
    """Still in post at 12 and 24 months (None while that day has not come): whether the
    person had an employment at the vacancy's organisation in force on that day."""
    today = today or timezone.localdate()
    organisation_id = placement.vacancy.organisation_id
    spans = list(
        Employment.objects.filter(
            person_id=placement.person_id,
            organisation_id=organisation_id,
            start_date__lte=today,
        ).values_list("start_date", "end_date")
    )
    result: dict[str, bool | None] = {}
    for months in (12, 24):
        day = add_months(placement.starts_on, months)
        if day > today:
            result[f"at_{months}"] = None
            continue
        result[f"at_{months}"] = any(
            start <= day and (end is None or end >= day) for start, end in spans
        )
    return result


def segment_at_start(placement: VacancyPlacement) -> int | None:
    if placement.segment_at_start is not None:
        return placement.segment_at_start
    found = current_segment(placement.vacancy.organisation, on_date=placement.starts_on)
    return found.segment if found is not None else None


# --- API: the open register -----------------------------------------------------------------


def open_register(*, region: str | None = None, challenged: bool | None = None):
    """Open vacancies for anyone signed in, newest first; ``region`` is the region's ODS code,
    ``challenged`` true or false narrows to flagged or unflagged vacancies."""
    vacancies = Vacancy.objects.filter(status=Vacancy.Status.OPEN).select_related(
        "organisation", "organisation__region", "stage", "package", "package__programme"
    )
    if region:
        vacancies = vacancies.filter(organisation__region__ods_code=region)
    if challenged is not None:
        vacancies = vacancies.filter(is_challenged=challenged)
    return vacancies.order_by("-opened_on", "-pk")


def region_exists(ods_code: str) -> bool:
    return Organisation.objects.filter(ods_code=ods_code, kind=OrganisationKind.REGION).exists()
