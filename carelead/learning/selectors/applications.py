"""Reads for the mid-career programme: who may see or act on an application, eligibility,
and the lists for applicants, line managers and the regional selection panel.

An application is seen by its applicant, the line manager they named when they applied,
the regional talent lead(s) of its region (the panel) and the implementation office.
Anyone else gets Http404, whether or not it exists.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.learning.models import (
    Application,
    ApplicationTransition,
    Cohort,
    Enrolment,
    Programme,
)
from carelead.organisations.models import OrganisationKind
from carelead.people.models import Employment
from carelead.people.selectors import equality_counts, suppress

# Who can act on an application; the transition table says which of them may do what.
APPLICANT = "applicant"
LINE_MANAGER = "line_manager"
PANEL = "panel"
ROLE_LABELS = {APPLICANT: "applicant", LINE_MANAGER: "line manager", PANEL: "selection panel"}

#: Statuses after which nothing more happens to an application.
FINAL_STATUSES = frozenset(
    {
        Application.Status.MANAGER_DECLINED,
        Application.Status.NOT_SHORTLISTED,
        Application.Status.NOT_OFFERED,
        Application.Status.DECLINED,
        Application.Status.ALLOCATED,
        Application.Status.WITHDRAWN,
    }
)
#: Statuses that stop a person applying again (as the model's constraint): every status but
#: the unsuccessful ones and withdrawn. An allocated application is final but still live.
LIVE_STATUSES = frozenset(Application.Status.values) - (FINAL_STATUSES - {"allocated"})

APPLICATION_RELATED = (
    "person",
    "programme",
    "organisation",
    "region",
    "employment__organisation",
    "line_manager__person",
    "cohort",
)

#: The stages the panel's equality counts follow, each with the status that reaches it.
EQUALITY_STAGES = [
    ("Applied", Application.Status.SUBMITTED),
    ("Supported by line manager", Application.Status.MANAGER_SUPPORTED),
    ("Shortlisted", Application.Status.SHORTLISTED),
    ("Offered a place", Application.Status.OFFERED),
    ("Accepted a place", Application.Status.ACCEPTED),
    ("Allocated to a cohort", Application.Status.ALLOCATED),
]
EQUALITY_QUESTIONS = [
    ("ethnic_category", "Ethnic group"),
    ("disability", "Disability"),
    ("sex", "Sex"),
]


# --- Roles and visibility -------------------------------------------------------------------


def _is_panel_for(user, region_id) -> bool:
    return any(
        a.organisation_id == region_id for a in scoping.assignments(user, Role.REGIONAL_TALENT_LEAD)
    )


def application_roles(user, application: Application) -> frozenset[str]:
    """The parts ``user`` plays on ``application``: applicant, line manager (the one named
    when they applied) and panel (a regional talent lead of its region). An applicant is
    never also their own panel."""
    person_id = getattr(user, "person_id", None)
    if person_id and person_id == application.person_id:
        return frozenset({APPLICANT})
    roles = set()
    manager = application.line_manager
    if person_id and manager is not None and manager.person_id == person_id:
        roles.add(LINE_MANAGER)
    if _is_panel_for(user, application.region_id):
        roles.add(PANEL)
    return frozenset(roles)


def application_for_viewer(user, pk) -> Application:
    """The application, if ``user`` may see it (see the module docstring); else Http404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such application") from None
    application = Application.objects.select_related(*APPLICATION_RELATED).filter(pk=pk).first()
    if application is None:
        raise Http404("No such application")
    if application_roles(user, application) or scoping.has_role(user, Role.IMPLEMENTATION_OFFICE):
        return application
    raise Http404("No such application")


def transitions_of(application: Application) -> QuerySet[ApplicationTransition]:
    return application.transitions.order_by("occurred_at", "pk")


# --- Eligibility ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One eligibility rule, whether it is met, and what the applicant needs to know."""

    rule: str
    met: bool
    detail: str


def open_mid_career_programme(*, on: datetime.date | None = None) -> Programme | None:
    """The open mid-career programme taking applications on ``on`` (or, failing that, the
    open one whose window opens next, so the page can say when)."""
    on = on or timezone.localdate()
    programmes = Programme.objects.filter(
        kind=Programme.Kind.MID_CAREER, status=Programme.Status.OPEN
    ).select_related("provider")
    taking = programmes.filter(
        Q(applications_open_on__isnull=True) | Q(applications_open_on__lte=on),
        Q(applications_close_on__isnull=True) | Q(applications_close_on__gte=on),
    )
    found = taking.order_by("applications_close_on", "pk").first()
    if found is None:
        found = (
            programmes.filter(applications_open_on__gt=on).order_by("applications_open_on").first()
        )
    return found


def _date(value: datetime.date) -> str:
    return value.strftime("%-d %B %Y")


def window_check(programme: Programme, *, on: datetime.date) -> Check:
    opens, closes = programme.applications_open_on, programme.applications_close_on
    if opens and closes:
        window = f"from {_date(opens)} to {_date(closes)}"
    elif opens:
        window = f"from {_date(opens)}"
    elif closes:
        window = f"until {_date(closes)}"
    else:
        window = "while the programme is open"
    rule = f"Applications are taken {window}"
    if programme.status != Programme.Status.OPEN or programme.kind != Programme.Kind.MID_CAREER:
        return Check(rule, False, f"{programme.title} is not taking applications.")
    if opens and on < opens:
        return Check(rule, False, f"Applications for {programme.title} open on {_date(opens)}.")
    if closes and on > closes:
        return Check(rule, False, f"Applications for {programme.title} closed on {_date(closes)}.")
    return Check(rule, True, f"Applications are open until {_date(closes)}." if closes else "Open")


def _level_name(level: int) -> str:
    return Employment.ManagementLevel(level).label.split("– ", 1)[-1]


def level_check(programme: Programme, employment: Employment) -> Check:
    minimum = programme.min_management_level
    if minimum is None:
        return Check("Any management level", True, "No minimum management level.")
    rule = f"Your job is at management level {minimum} ({_level_name(minimum)}) or above"
    level = employment.management_level
    job = f"Your job as {employment.job_title} at {employment.organisation.name}"
    if level is None:
        return Check(rule, False, f"{job} is not recorded as a management role.")
    if level < minimum:
        return Check(
            rule,
            False,
            f"{job} is at management level {level} ({_level_name(level)}); the programme "
            f"needs level {minimum} ({_level_name(minimum)}) or above.",
        )
    return Check(rule, True, f"{job} is at management level {level} ({_level_name(level)}).")


def months_in_management(person, *, on: datetime.date | None = None) -> int:
    """Whole months ``person`` has spent in jobs with a management level, up to ``on``,
    across all their employers; overlapping jobs count once."""
    on = on or timezone.localdate()
    periods = sorted(
        (start, min(end or on, on))
        for start, end in Employment.objects.filter(
            person=person, management_level__isnull=False, start_date__lte=on
        ).values_list("start_date", "end_date")
    )
    merged: list[list[datetime.date]] = []
    for start, end in periods:
        if merged and start <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return sum(_whole_months(start, end) for start, end in merged)


def _whole_months(start: datetime.date, end: datetime.date) -> int:
    """Calendar months from ``start`` to ``end`` inclusive (1 Jan to 30 Jun is 6)."""
    after = end + datetime.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return months - 1 if after.day < start.day else months


def months_check(programme: Programme, person, *, on: datetime.date) -> Check:
    minimum = programme.min_months_in_management
    if minimum is None:
        return Check("Any time in management", True, "No minimum time in management.")
    rule = f"At least {minimum} months in management roles, with any employer"
    months = months_in_management(person, on=on)
    detail = (
        f"You have {months} months in management roles (all your employers counted, "
        "overlapping jobs once)"
    )
    if months < minimum:
        return Check(rule, False, f"{detail}; the programme needs at least {minimum} months.")
    return Check(rule, True, f"{detail}.")


def line_manager_check(employment: Employment, *, on: datetime.date) -> Check:
    rule = "A line manager is recorded for your job, to support your application"
    manager = employment.line_manager
    job = f"Your job as {employment.job_title} at {employment.organisation.name}"
    if manager is None or not (
        manager.start_date <= on and (manager.end_date is None or manager.end_date >= on)
    ):
        return Check(
            rule,
            False,
            f"{job} has no current line manager recorded. Ask your people lead to record your "
            "line manager, who needs to support your application.",
        )
    return Check(rule, True, f"{manager.person.full_name} is your line manager.")


def region_check(employment: Employment) -> Check:
    rule = "Your employer is in an NHS England region (places are allocated by region)"
    organisation = employment.organisation
    if organisation.region_id or organisation.kind == OrganisationKind.REGION:
        return Check(rule, True, "Your employer's region is recorded.")
    return Check(
        rule,
        False,
        f"{organisation.name} has no region recorded, so places cannot be allocated. Ask your "
        "people lead to contact the implementation office.",
    )


def live_application(person, programme: Programme) -> Application | None:
    return (
        Application.objects.filter(person=person, programme=programme, status__in=LIVE_STATUSES)
        .order_by("-submitted_at")
        .first()
    )


def no_live_application_check(person, programme: Programme) -> Check:
    rule = "You do not already have an application in progress"
    live = live_application(person, programme)
    if live is not None:
        return Check(
            rule,
            False,
            f"You already have an application for {programme.title} "
            f"({live.get_status_display().lower()}). You can apply again only if it is "
            "withdrawn or not successful.",
        )
    return Check(rule, True, "You have no application in progress.")


def person_checks(programme: Programme, person, *, on=None) -> list[Check]:
    """The rules that do not depend on which job the person applies from."""
    on = on or timezone.localdate()
    return [
        window_check(programme, on=on),
        months_check(programme, person, on=on),
        no_live_application_check(person, programme),
    ]


def employment_checks(programme: Programme, employment: Employment, *, on=None) -> list[Check]:
    """The rules about the job the person applies from."""
    on = on or timezone.localdate()
    return [
        level_check(programme, employment),
        line_manager_check(employment, on=on),
        region_check(employment),
    ]


def own_current_employments(user) -> list[Employment]:
    if not getattr(user, "person_id", None):
        return []
    return list(
        Employment.objects.current()
        .filter(person_id=user.person_id)
        .select_related("organisation", "line_manager__person")
        .order_by("-start_date", "pk")
    )


# --- Lists ----------------------------------------------------------------------------------


def _with_history(applications: QuerySet[Application]) -> QuerySet[Application]:
    # The model orders transitions oldest first, which the prefetch keeps.
    return applications.select_related(*APPLICATION_RELATED).prefetch_related("transitions")


def own_applications(user) -> QuerySet[Application]:
    """The user's own applications, newest first, each with its history."""
    if not getattr(user, "person_id", None):
        return Application.objects.none()
    return _with_history(Application.objects.filter(person_id=user.person_id)).order_by(
        "-submitted_at", "-pk"
    )


def applications_waiting_for_manager(user) -> QuerySet[Application]:
    """Applications naming the user as line manager that wait for their support."""
    if not getattr(user, "person_id", None):
        return Application.objects.none()
    return (
        Application.objects.filter(
            line_manager__person_id=user.person_id, status=Application.Status.SUBMITTED
        )
        .select_related(*APPLICATION_RELATED)
        .order_by("submitted_at", "pk")
    )


def panel_regions(user) -> list:
    return [
        a.organisation
        for a in scoping.assignments(user, Role.REGIONAL_TALENT_LEAD)
        if a.organisation_id
    ]


def _panel_region_ids(user) -> list[int]:
    return [region.pk for region in panel_regions(user)]


def panel_applications(user, *, status=None, programme=None) -> QuerySet[Application]:
    """Applications in the regions the user is a regional talent lead for, oldest first."""
    applications = Application.objects.filter(region_id__in=_panel_region_ids(user))
    if status:
        applications = applications.filter(status=status)
    if programme:
        applications = applications.filter(programme_id=getattr(programme, "pk", programme))
    return applications.select_related(*APPLICATION_RELATED).order_by("submitted_at", "pk")


def mid_career_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(kind=Programme.Kind.MID_CAREER).order_by("-pk")


def _live_enrolments():
    return Count("enrolments", filter=~Q(enrolments__status=Enrolment.Status.WITHDRAWN))


def panel_cohorts(user, *, programme=None) -> QuerySet[Cohort]:
    """Mid-career cohorts for the user's regions, each with ``allocated`` (live enrolments)."""
    cohorts = Cohort.objects.filter(
        region_id__in=_panel_region_ids(user), programme__kind=Programme.Kind.MID_CAREER
    )
    if programme:
        cohorts = cohorts.filter(programme_id=getattr(programme, "pk", programme))
    return (
        cohorts.select_related("programme", "region", "provider")
        .annotate(allocated=_live_enrolments())
        .order_by("region__name", "starts_on", "code")
    )


def cohorts_for_allocation(application: Application) -> list[Cohort]:
    """Cohorts the application could be allocated to: the programme's, for its region, with
    a place left."""
    cohorts = (
        Cohort.objects.filter(
            programme_id=application.programme_id, region_id=application.region_id
        )
        .annotate(allocated=_live_enrolments())
        .order_by("starts_on", "code")
    )
    return [c for c in cohorts if c.allocated < c.places]


def panel_equality_counts(user, *, programme=None) -> list[dict]:
    """For each stage, counts of the applicants who reached it in the user's regions, by
    ethnic group, disability and sex: suppressed, never naming anyone.

    An application reached a stage if it ever moved into that status (so an applicant who
    was shortlisted and then withdrew still counts as shortlisted)."""
    applications = Application.objects.filter(region_id__in=_panel_region_ids(user))
    if programme:
        applications = applications.filter(programme_id=getattr(programme, "pk", programme))
    stages = []
    for label, status in EQUALITY_STAGES:
        people = applications.filter(transitions__to_status=status).values("person_id")
        stages.append(
            {
                "stage": label,
                "questions": [
                    {
                        "question": question_label,
                        "counts": suppress(equality_counts(people, question=question)),
                    }
                    for question, question_label in EQUALITY_QUESTIONS
                ],
            }
        )
    return stages
