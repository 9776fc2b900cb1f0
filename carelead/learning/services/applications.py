"""The mid-career programme's application workflow.

``TRANSITIONS`` is the one table of what may happen to an application: from which status,
by which action, to which status, done by whom (the applicant, the line manager they named,
or the regional selection panel) and whether a reason is needed. ``application_submit``
creates an application after checking the programme's eligibility rules (held on the
Programme, so they are data, not code); ``application_transition`` moves it along the table.
Every change writes an ApplicationTransition row and an audit event in the same transaction.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carelead.core.services.audit import audit_record
from carelead.learning.models import (
    Application,
    ApplicationTransition,
    Cohort,
    Enrolment,
    Programme,
)
from carelead.learning.selectors.applications import (
    APPLICANT,
    LINE_MANAGER,
    PANEL,
    ROLE_LABELS,
    application_roles,
    employment_checks,
    person_checks,
)
from carelead.learning.services.enrolments import enrolment_create
from carelead.people.models import Person

S = Application.Status

STATEMENT_MAX_WORDS = 500

#: A reason must be given.
REQUIRED = "required"
#: A reason may be given.
OPTIONAL = "optional"


@dataclass(frozen=True)
class Transition:
    to: str
    by: str
    #: What the button says.
    label: str
    reason: str | None = None


# (status, action) -> what happens. The empty status is an application not yet made.
TRANSITIONS: dict[tuple[str, str], Transition] = {
    ("", "submit"): Transition(S.SUBMITTED, APPLICANT, "Submit application"),
    (S.SUBMITTED, "support"): Transition(S.MANAGER_SUPPORTED, LINE_MANAGER, "Support application"),
    (S.SUBMITTED, "manager_decline"): Transition(
        S.MANAGER_DECLINED, LINE_MANAGER, "Decline to support", REQUIRED
    ),
    (S.MANAGER_SUPPORTED, "shortlist"): Transition(S.SHORTLISTED, PANEL, "Add to shortlist"),
    (S.MANAGER_SUPPORTED, "not_shortlist"): Transition(
        S.NOT_SHORTLISTED, PANEL, "Reject at shortlisting", REQUIRED
    ),
    (S.SHORTLISTED, "offer"): Transition(S.OFFERED, PANEL, "Offer a place"),
    (S.SHORTLISTED, "not_offer"): Transition(
        S.NOT_OFFERED, PANEL, "Reject without an offer", REQUIRED
    ),
    (S.OFFERED, "accept"): Transition(S.ACCEPTED, APPLICANT, "Accept the place"),
    (S.OFFERED, "decline"): Transition(S.DECLINED, APPLICANT, "Decline the place", OPTIONAL),
    (S.ACCEPTED, "allocate"): Transition(S.ALLOCATED, PANEL, "Allocate to this cohort"),
    **{
        (status, "withdraw"): Transition(
            S.WITHDRAWN, APPLICANT, "Withdraw my application", OPTIONAL
        )
        for status in (S.SUBMITTED, S.MANAGER_SUPPORTED, S.SHORTLISTED, S.OFFERED, S.ACCEPTED)
    },
}

#: Every action, in the order the detail page offers them.
ACTIONS = list(dict.fromkeys(action for _, action in TRANSITIONS if action != "submit"))

#: How each action reads in a sentence ("cannot be shortlisted").
ACTION_PHRASES = {
    "submit": "submitted",
    "support": "supported by the line manager",
    "manager_decline": "declined by the line manager",
    "shortlist": "shortlisted",
    "not_shortlist": "marked not shortlisted",
    "offer": "offered a place",
    "not_offer": "marked not offered",
    "accept": "accepted",
    "decline": "declined by the applicant",
    "allocate": "allocated to a cohort",
    "withdraw": "withdrawn",
}

APPLICATION_AUDIT_FIELDS = ("programme", "person", "employment", "line_manager", "region")


class ApplicationConflict(ValidationError):
    """The application changed after the form being submitted was opened. Nothing was
    written."""

    def __init__(self, application: Application):
        self.application = application
        super().__init__(
            "This application changed since you opened this page: it is now "
            f"'{application.get_status_display().lower()}'. Nothing has been saved. Check its "
            "status and history below, then try again if you still need to.",
            code="stale",
        )


def transitions_from(status: str) -> dict[str, Transition]:
    """The actions possible from ``status``, whoever may take them."""
    return {action: t for (s, action), t in TRANSITIONS.items() if s == status}


def actions_for(user, application: Application) -> dict[str, Transition]:
    """The actions ``user`` may take on ``application`` now."""
    roles = application_roles(user, application)
    return {a: t for a, t in transitions_from(application.status).items() if t.by in roles}


def _actor_label(actor, role: str) -> str:
    name = getattr(actor, "display_name", None) or actor.get_username()
    return f"{name} ({ROLE_LABELS[role]})"


def _word_count(text: str) -> int:
    return len(text.split())


def application_submit(*, actor, programme: Programme, employment, statement: str) -> Application:
    """Apply ``actor`` to the mid-career ``programme`` from their current ``employment``.

    Refuses with a ValidationError naming each rule not met, and what the rule is: the
    programme taking applications today, the job's management level, months in management
    across employers, a current line manager, a region, no application already in progress,
    and a statement of at most 500 words.
    """
    if employment.person_id != getattr(actor, "person_id", None):
        raise PermissionDenied("People can only apply for themselves.")
    today = timezone.localdate()
    if not employment.is_current:
        raise ValidationError({"employment": "Choose one of your current jobs."})
    statement = (statement or "").strip()
    errors: dict[str, list[str]] = {}
    if not statement:
        errors["statement"] = ["Enter your statement."]
    elif _word_count(statement) > STATEMENT_MAX_WORDS:
        errors["statement"] = [
            f"Your statement is {_word_count(statement)} words. Shorten it to "
            f"{STATEMENT_MAX_WORDS} words or fewer."
        ]
    person = employment.person
    with transaction.atomic():
        # Lock the person's row so two submissions at once cannot both pass the "no live
        # application" check (the database constraint is the backstop).
        Person.objects.select_for_update().filter(pk=person.pk).first()
        failed = [c.detail for c in person_checks(programme, person, on=today) if not c.met]
        failed_job = [
            c.detail for c in employment_checks(programme, employment, on=today) if not c.met
        ]
        if failed:
            errors.setdefault("__all__", []).extend(failed)
        if failed_job:
            errors.setdefault("employment", []).extend(failed_job)
        if errors:
            raise ValidationError(errors)
        organisation = employment.organisation
        application = Application.objects.create(
            programme=programme,
            person=person,
            employment=employment,
            line_manager=employment.line_manager,
            organisation=organisation,
            region_id=organisation.region_id or organisation.pk,
            statement=statement,
            submitted_at=timezone.now(),
        )
        _record(
            actor=actor,
            application=application,
            from_status="",
            action="submit",
            role=APPLICANT,
            reason="",
            extra={
                field: getattr(application, f"{field}_id") for field in APPLICATION_AUDIT_FIELDS
            },
        )
    return application


def _record(*, actor, application, from_status, action, role, reason, extra=None) -> None:
    ApplicationTransition.objects.create(
        application=application,
        from_status=from_status,
        to_status=application.status,
        actor=actor,
        actor_label=_actor_label(actor, role),
        reason=reason,
    )
    after = {"status": application.status, "reason": reason, **(extra or {})}
    audit_record(
        actor=actor,
        action=f"application_{action}",
        obj=application,
        before={"status": from_status} if from_status else None,
        after=after,
        organisation_id=application.organisation_id,
    )


def application_transition(
    *,
    actor,
    application: Application,
    action: str,
    expected_version: int | None = None,
    reason: str = "",
    cohort: Cohort | None = None,
) -> Application:
    """Take ``action`` on ``application`` as ``actor``, following TRANSITIONS.

    Raises ApplicationConflict when ``expected_version`` (the version the form was opened
    at) is no longer the saved one; ValidationError when the action is not possible from
    the application's status, a needed reason is missing, or (allocate) the cohort is not
    the programme's, not for the applicant's region, or full; PermissionDenied when the
    actor is not the one the table names.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = (
            # Lock only the application: PostgreSQL cannot lock the nullable side of the
            # outer join to line_manager.
            Application.objects.select_for_update(of=("self",))
            .select_related("line_manager", "programme")
            .get(pk=application.pk)
        )
        if expected_version is not None and locked.version != expected_version:
            raise ApplicationConflict(locked)
        step = TRANSITIONS.get((locked.status, action))
        if step is None:
            raise ValidationError(
                f"An application that is '{locked.get_status_display().lower()}' cannot be "
                f"{ACTION_PHRASES.get(action, action)}.",
                code="illegal_transition",
            )
        if step.by not in application_roles(actor, locked):
            raise PermissionDenied(
                f"Only the {ROLE_LABELS[step.by]} can do this to an application."
            )
        if step.reason == REQUIRED and not reason:
            raise ValidationError({"reason": "Enter the reason, for the applicant to read."})
        from_status = locked.status
        locked.status = step.to
        locked.version += 1
        fields = ["status", "version", "updated_at"]
        extra = {}
        if action == "allocate":
            locked.enrolment = _allocate(actor=actor, application=locked, cohort=cohort)
            locked.cohort = locked.enrolment.cohort
            fields += ["cohort", "enrolment"]
            extra = {"cohort": locked.cohort_id, "enrolment": locked.enrolment_id}
        locked.save(update_fields=fields)
        _record(
            actor=actor,
            application=locked,
            from_status=from_status,
            action=action,
            role=step.by,
            reason=reason,
            extra=extra,
        )
    return locked


def _allocate(*, actor, application: Application, cohort: Cohort | None) -> Enrolment:
    if cohort is None:
        raise ValidationError({"cohort": "Choose the cohort to allocate the applicant to."})
    if cohort.programme_id != application.programme_id:
        raise ValidationError(
            {"cohort": f"Cohort {cohort.code} is not a cohort of {application.programme.title}."}
        )
    if cohort.region_id != application.region_id:
        raise ValidationError({"cohort": f"Cohort {cohort.code}'s places are for another region."})
    # enrolment_create locks the cohort and refuses it when full, the programme closed or
    # its provider not accredited, saying which.
    return enrolment_create(
        actor=actor,
        person=application.person,
        programme=application.programme,
        source=Enrolment.Source.APPLICATION,
        cohort=cohort,
        employment=application.employment,
    )
