"""Reads for the national induction pages: a person's own induction, a line manager's team
and an organisation's compliance figures. Scope comes from the acting user only (see
carelead.accounts.scoping); an organisation outside it answers 404."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.learning.models import Completion, Enrolment, Module, Programme
from carelead.organisations.models import HEALTH_KINDS, SOCIAL_CARE_KINDS, Organisation
from carelead.people import selectors as people_selectors


def open_induction() -> Programme | None:
    """The one open national induction (a constraint allows no more), with its provider."""
    return (
        Programme.objects.filter(
            kind=Programme.Kind.NATIONAL_INDUCTION, status=Programme.Status.OPEN
        )
        .select_related("provider")
        .first()
    )


def _inductions() -> QuerySet[Enrolment]:
    """Live national induction enrolments (a withdrawn one no longer counts)."""
    return Enrolment.objects.filter(programme__kind=Programme.Kind.NATIONAL_INDUCTION).exclude(
        status=Enrolment.Status.WITHDRAWN
    )


def own_induction(user) -> Enrolment | None:
    """The user's own live national induction enrolment, newest first; None if they have
    none. Http404 for a login with no person (service accounts)."""
    if not getattr(user, "person_id", None):
        raise Http404("No person record for this login")
    return (
        _inductions()
        .filter(person_id=user.person_id)
        .select_related("programme", "organisation", "person")
        .order_by("-enrolled_on", "-pk")
        .first()
    )


def sector_of(organisation: Organisation | None) -> str | None:
    """ "health", "social_care", or None for organisations in neither sector."""
    if organisation is None:
        return None
    if organisation.kind in HEALTH_KINDS:
        return Module.Focus.HEALTH
    if organisation.kind in SOCIAL_CARE_KINDS:
        return Module.Focus.SOCIAL_CARE
    return None


#: The module on the other sector that each sector's staff take.
OTHER_SECTOR = {
    Module.Focus.HEALTH: Module.Focus.SOCIAL_CARE,
    Module.Focus.SOCIAL_CARE: Module.Focus.HEALTH,
}


@dataclass(frozen=True)
class InductionModule:
    module: Module
    done: bool
    #: This is the module on the other sector for this person.
    other_sector: bool


def induction_modules(enrolment: Enrolment) -> list[InductionModule]:
    """The induction's modules that apply to the enrolled person, in order, each with
    whether a verified completion of it is recorded for them.

    The sector is the one the person was enrolled from (the enrolment's organisation):
    health staff take the module on social care and not the one on health, and the other
    way round. Someone enrolled from an organisation in neither sector takes both. General
    and shared values modules apply to everyone.
    """
    sector = sector_of(enrolment.organisation)
    other = OTHER_SECTOR.get(sector)
    modules = list(
        Module.objects.filter(programme_id=enrolment.programme_id).order_by("sort_order", "pk")
    )
    if sector is not None:
        modules = [m for m in modules if m.focus != sector]
    done = set(
        Completion.objects.filter(
            person_id=enrolment.person_id,
            module_id__in=[m.pk for m in modules],
            status=Completion.Status.VERIFIED,
        ).values_list("module_id", flat=True)
    )
    return [
        InductionModule(
            module=m,
            done=m.pk in done,
            other_sector=m.focus in (Module.Focus.HEALTH, Module.Focus.SOCIAL_CARE)
            and (other is None or m.focus == other),
        )
        for m in modules
    ]


@dataclass(frozen=True)
class TeamMember:
    employment: object
    enrolment: Enrolment | None


def team_induction(user) -> list[TeamMember]:
    """The user's current direct reports, each with their live national induction
    enrolment (or None), in two queries however big the team."""
    team = list(people_selectors.team_for_manager(user))
    enrolments: dict[int, Enrolment] = {}
    if team:
        for enrolment in (
            _inductions()
            .filter(person_id__in={e.person_id for e in team})
            .order_by("enrolled_on", "pk")
        ):
            # The newest wins, should a person have more than one.
            enrolments[enrolment.person_id] = enrolment
    return [TeamMember(e, enrolments.get(e.person_id)) for e in team]


def induction_organisations(user) -> list[Organisation]:
    """Organisations whose induction figures the user may see (as their people lead)."""
    return list(scoping.organisations_in_scope(user, Role.PEOPLE_LEAD).order_by("name"))


def induction_organisation(organisations: list[Organisation], ods_code: str | None):
    """The organisation picked by ``ods_code`` from the user's ``organisations``, or the
    first when none is asked for; Http404 when it is not one of theirs."""
    if not ods_code:
        return organisations[0] if organisations else None
    for organisation in organisations:
        if organisation.ods_code == ods_code:
            return organisation
    raise Http404("No such organisation")


def induction_counts(organisation: Organisation, *, today: datetime.date | None = None) -> dict:
    """An organisation's national induction figures, in one aggregate query.

    enrolled: live enrolments; not_yet_due: not completed, due date today or later (or
    none); overdue: not completed, due date passed; completed_on_time and completed_late:
    completed on or before, or after, the due date; due: those due by today (due date today
    or earlier), of whom on_time_of_due completed on time. percent_on_time is
    on_time_of_due ÷ due as a whole percentage, None when nobody is due yet.
    """
    today = today or timezone.localdate()
    enrolled = Q(status=Enrolment.Status.ENROLLED)
    completed = Q(status=Enrolment.Status.COMPLETED)
    on_time = completed & (Q(due_on__isnull=True) | Q(completed_on__lte=F("due_on")))
    due = Q(due_on__lte=today)
    counts = (
        _inductions()
        .filter(organisation=organisation)
        .aggregate(
            enrolled=Count("pk"),
            not_yet_due=Count(
                "pk", filter=enrolled & (Q(due_on__gte=today) | Q(due_on__isnull=True))
            ),
            overdue=Count("pk", filter=enrolled & Q(due_on__lt=today)),
            completed_on_time=Count("pk", filter=on_time),
            completed_late=Count("pk", filter=completed & Q(completed_on__gt=F("due_on"))),
            due=Count("pk", filter=due),
            on_time_of_due=Count("pk", filter=due & on_time),
        )
    )
    counts["percent_on_time"] = (
        round(100 * counts["on_time_of_due"] / counts["due"]) if counts["due"] else None
    )
    return counts


def induction_overdue(
    organisation: Organisation, *, today: datetime.date | None = None
) -> QuerySet[Enrolment]:
    """The organisation's overdue inductions (not completed, due date passed), longest
    overdue first, with what a row of the list shows."""
    today = today or timezone.localdate()
    return (
        _inductions()
        .filter(organisation=organisation, status=Enrolment.Status.ENROLLED, due_on__lt=today)
        .select_related("person", "employment")
        .order_by("due_on", "person__family_name", "person__given_name", "pk")
    )
