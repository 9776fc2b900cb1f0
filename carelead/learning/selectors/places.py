"""Reads for the people lead's programme places page: the learning of the people who work at
one of their organisations today.

The rule for who counts is one throughout: **people with a current employment at the
organisation** (``people.models.current_q``), whichever organisation they enrolled or applied
through. A person's learning follows them between employers, and a people lead plans for the
staff they have now, so a leaver's enrolments drop out and a joiner's come with them. The
national induction is left out; it has its own page (``learning:organisation_induction``).

Scope is the user's people lead organisations (``organisations_in_scope``); any other
organisation answers 404 (see ``places_organisation``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from carelead.learning.models import Application, Credential, Enrolment, Programme
from carelead.learning.selectors.induction import induction_organisation, induction_organisations
from carelead.organisations.models import Organisation
from carelead.people.models import Employment, current_q


def places_organisations(user) -> list[Organisation]:
    """Organisations whose programme places the user may see (as their people lead)."""
    return induction_organisations(user)


def places_organisation(organisations: list[Organisation], ods_code: str | None):
    """The organisation picked by ``ods_code`` from the user's ``organisations``, or the first
    when none is asked for; Http404 when it is not one of theirs."""
    return induction_organisation(organisations, ods_code)


def _current_staff_q(organisation: Organisation, today: datetime.date, prefix: str = "") -> Q:
    """Rows whose ``<prefix>person`` works at the organisation today."""
    works_here = Employment.objects.filter(
        current_q(today), organisation=organisation, person=OuterRef(f"{prefix}person")
    )
    return Q(Exists(works_here))


def year_before(today: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


@dataclass(frozen=True)
class ProgrammeRow:
    code: str
    title: str
    kind: str
    stage: str | None
    enrolled: int
    completed: int
    withdrawn: int
    completed_last_year: int


def programme_counts(
    organisation: Organisation, *, today: datetime.date | None = None
) -> list[ProgrammeRow]:
    """Enrolments of the organisation's current staff by programme (national induction left
    out), in one grouped query: enrolled now, completed (ever), withdrawn, and completed on or
    after the same day a year ago. Counts are of enrolments, so someone who withdrew and
    enrolled again counts once in each column."""
    today = today or timezone.localdate()
    since = year_before(today)
    completed = Q(status=Enrolment.Status.COMPLETED)
    rows = (
        Enrolment.objects.filter(_current_staff_q(organisation, today))
        .exclude(programme__kind=Programme.Kind.NATIONAL_INDUCTION)
        .values(
            "programme__code",
            "programme__title",
            "programme__kind",
            "programme__stage__name",
        )
        .annotate(
            enrolled=Count("pk", filter=Q(status=Enrolment.Status.ENROLLED)),
            completed=Count("pk", filter=completed),
            withdrawn=Count("pk", filter=Q(status=Enrolment.Status.WITHDRAWN)),
            completed_last_year=Count("pk", filter=completed & Q(completed_on__gte=since)),
        )
        .order_by("programme__kind", "programme__title", "programme__code")
    )
    return [
        ProgrammeRow(
            code=r["programme__code"],
            title=r["programme__title"],
            kind=r["programme__kind"],
            stage=r["programme__stage__name"],
            enrolled=r["enrolled"],
            completed=r["completed"],
            withdrawn=r["withdrawn"],
            completed_last_year=r["completed_last_year"],
        )
        for r in rows
    ]


def application_counts(
    organisation: Organisation, *, today: datetime.date | None = None
) -> dict[str, int]:
    """Mid-career programme applications by the organisation's current staff, by status
    (statuses with none are left out), in one grouped query."""
    today = today or timezone.localdate()
    rows = (
        Application.objects.filter(
            _current_staff_q(organisation, today), programme__kind=Programme.Kind.MID_CAREER
        )
        .values("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {r["status"]: r["count"] for r in rows}


@dataclass(frozen=True)
class CredentialRow:
    framework: str
    stage: str
    held: int


def credential_counts(
    organisation: Organisation, *, today: datetime.date | None = None
) -> list[CredentialRow]:
    """Valid (not revoked) credentials held by the organisation's current staff, by framework
    and stage in rank order, in one grouped query."""
    today = today or timezone.localdate()
    rows = (
        Credential.objects.filter(
            _current_staff_q(organisation, today), status=Credential.Status.ACTIVE
        )
        .values("framework_version__framework__title", "stage__rank", "stage__name")
        .annotate(held=Count("pk"))
        .order_by("framework_version__framework__title", "stage__rank", "stage__name")
    )
    return [
        CredentialRow(r["framework_version__framework__title"], r["stage__name"], r["held"])
        for r in rows
    ]


def staff_on_programmes(
    organisation: Organisation, *, today: datetime.date | None = None
) -> QuerySet[Enrolment]:
    """Live (enrolled, not completed or withdrawn) enrolments of the organisation's current
    staff on programmes other than the national induction, by name then programme; each is
    annotated with ``job_title`` (of the person's current job at the organisation, the
    longest-held should they have two) so a page of rows costs one query."""
    today = today or timezone.localdate()
    job_title = (
        Employment.objects.filter(
            current_q(today), organisation=organisation, person=OuterRef("person")
        )
        .order_by("start_date", "pk")
        .values("job_title")[:1]
    )
    return (
        Enrolment.objects.filter(
            _current_staff_q(organisation, today), status=Enrolment.Status.ENROLLED
        )
        .exclude(programme__kind=Programme.Kind.NATIONAL_INDUCTION)
        .select_related("person", "programme", "cohort")
        .annotate(job_title=Subquery(job_title))
        .order_by(
            "person__family_name", "person__given_name", "person_id", "programme__title", "pk"
        )
    )
