"""The national induction: enrolling new starters automatically, and reminding them.

Enrolment runs inside the workforce import's transaction (through the people app's
``employments_started`` signal), so it is set-based: a few queries per chunk of employments,
one multi-row INSERT for the enrolments and one for their audit events, whatever the size of
the extract. If the import fails, the enrolments roll back with it.
"""

import datetime
import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from carelead.core.bulk import bulk_insert
from carelead.core.reminders import Outcome, send_once
from carelead.core.services.audit import AuditEntry, audit_record_many
from carelead.learning.conf import setting
from carelead.learning.models import Enrolment, Programme, Reminder
from carelead.learning.selectors.accreditation import enrolment_block_reason
from carelead.learning.selectors.induction import open_induction
from carelead.people.models import Employment

logger = logging.getLogger(__name__)

#: Employment ids looked at per query: well inside every database's parameter limit.
CHUNK = 2000


class _AuditedEnrolment:
    """What the audit trail reads of a new enrolment (its model, key and name, as
    Enrolment.__str__ gives it): building a model instance per row costs more than
    inserting the rows themselves."""

    _meta = Enrolment._meta

    def __init__(self, pk: int, name: str):
        self.pk = pk
        self.name = name

    def __str__(self) -> str:
        return self.name


def _due_weeks(programme: Programme) -> int:
    return programme.due_weeks or setting("CARELEAD_INDUCTION_DUE_WEEKS")


def _live_induction(programme: Programme):
    return Enrolment.objects.filter(programme=programme, person_id=OuterRef("person_id")).exclude(
        status=Enrolment.Status.WITHDRAWN
    )


def _new_starters(programme: Programme, chunk: list[int]):
    """(employment id, person id, given name, family name, organisation id, first start)
    for the employments in ``chunk`` whose person first started anywhere on or after the
    programme's start date and is not already on it; earliest employment first."""
    first_start = (
        Employment.objects.filter(person_id=OuterRef("person_id"))
        .order_by()
        .values("person_id")
        .annotate(first=Min("start_date"))
        .values("first")
    )
    return (
        Employment.objects.filter(pk__in=chunk)
        .annotate(first_start=Subquery(first_start))
        .filter(first_start__gte=programme.enrol_joiners_from)
        .exclude(Exists(_live_induction(programme)))
        .order_by("person_id", "start_date", "pk")
        .values_list(
            "pk",
            "person_id",
            "person__given_name",
            "person__family_name",
            "organisation_id",
            "first_start",
        )
    )


def induction_enrol_new_starters(*, actor, employment_ids: Iterable[int]) -> int:
    """Enrol the new starters among ``employment_ids`` on the open national induction;
    returns how many were enrolled.

    A new starter is a person whose earliest employment anywhere starts on or after the
    programme's ``enrol_joiners_from`` and who has no live (not withdrawn) enrolment on it.
    Their due date is that first day plus the programme's ``due_weeks`` (or the
    CARELEAD_INDUCTION_DUE_WEEKS setting); the enrolment belongs to the employment's
    organisation. Nobody is enrolled when no national induction is open, when it has no
    ``enrol_joiners_from``, or when it cannot take enrolments (``enrolment_block_reason``:
    the people lead's induction page says why). Runs in the caller's transaction.
    """
    programme = open_induction()
    if programme is None or programme.enrol_joiners_from is None:
        return 0
    today = timezone.localdate()
    reason = enrolment_block_reason(programme, on=today)
    if reason:
        logger.info("New starters not enrolled on the national induction: %s", reason)
        return 0
    weeks = datetime.timedelta(weeks=_due_weeks(programme))
    ids = sorted(set(employment_ids))
    enrolled_people: set[int] = set()
    total = 0
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            rows, names = [], []
            for pk, person_id, given, family, organisation_id, first in _new_starters(
                programme, ids[start : start + CHUNK]
            ):
                # One enrolment a person, from their earliest employment in the batch (the
                # ordering puts it first), even when it spans chunks.
                if person_id in enrolled_people:
                    continue
                enrolled_people.add(person_id)
                names.append(f"{given} {family}")
                rows.append(
                    {
                        "person_id": person_id,
                        "programme_id": programme.pk,
                        "employment_id": pk,
                        "organisation_id": organisation_id,
                        "source": Enrolment.Source.AUTOMATIC,
                        "status": Enrolment.Status.ENROLLED,
                        "enrolled_on": today,
                        "due_on": first + weeks,
                        "withdrawn_reason": "",
                        "version": 1,
                    }
                )
            if not rows:
                continue
            keys = bulk_insert(Enrolment, rows, returning=True)
            entries = [
                AuditEntry(
                    "enrolment_created",
                    _AuditedEnrolment(key, f"{name} on {programme.title}"),
                    after={
                        "person": row["person_id"],
                        "programme": programme.pk,
                        "cohort": None,
                        "employment": row["employment_id"],
                        "organisation": row["organisation_id"],
                        "source": row["source"],
                        "status": row["status"],
                        "enrolled_on": today,
                        "due_on": row["due_on"],
                        "completed_on": None,
                    },
                    organisation_id=row["organisation_id"],
                )
                for key, row, name in zip(keys, rows, names, strict=True)
            ]
            audit_record_many(actor=actor, entries=entries)
            total += len(rows)
    return total


# --- Reminders ------------------------------------------------------------------------------


def _reminder_candidates(kind: str, today: datetime.date):
    if kind == Reminder.Kind.BEFORE_DUE:
        window = Q(
            due_on__gte=today,
            due_on__lte=today
            + datetime.timedelta(days=setting("CARELEAD_INDUCTION_REMIND_DAYS_BEFORE")),
        )
    else:
        window = Q(
            due_on__lte=today
            - datetime.timedelta(days=setting("CARELEAD_INDUCTION_REMIND_DAYS_AFTER"))
        )
    sent = Reminder.objects.filter(enrolment_id=OuterRef("pk"), kind=kind)
    return (
        Enrolment.objects.filter(
            window,
            programme__kind=Programme.Kind.NATIONAL_INDUCTION,
            status=Enrolment.Status.ENROLLED,
        )
        .exclude(Exists(sent))
        .select_related("person", "programme")
        .order_by("due_on", "pk")
    )


def _message(enrolment: Enrolment, kind: str, today: datetime.date, link: str) -> tuple[str, str]:
    due = enrolment.due_on.strftime("%-d %B %Y")
    title = enrolment.programme.title
    if kind == Reminder.Kind.BEFORE_DUE:
        subject = f"Your {title} is due by {due}"
        lead = f"Your {title} is due by {due}. Please finish it before then."
    else:
        days = (today - enrolment.due_on).days
        subject = f"Your {title} is overdue"
        lead = (
            f"Your {title} was due on {due}, {days} days ago. Please finish it as soon as you "
            "can, or talk to your line manager if something is stopping you."
        )
    body = (
        f"Dear {enrolment.person.full_name},\n\n{lead}\n\n"
        f"See which modules you have left to do:\n{link}\n\ncarelead\n"
    )
    return subject, body


def induction_reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Email national induction reminders: one before the due date (due within
    CARELEAD_INDUCTION_REMIND_DAYS_BEFORE days) and one once overdue (by at least
    CARELEAD_INDUCTION_REMIND_DAYS_AFTER days), to enrolments not yet completed.

    Each sent reminder is a Reminder row, so none goes twice however often this runs. People
    without an email address are counted as ``skipped`` (and looked at again next time, in
    case one is added); a send that fails is counted as ``failed`` and retried next time.
    Returns the counts: ``before_due``, ``overdue``, ``skipped`` and ``failed``.
    """
    today = today or timezone.localdate()
    link = setting("CARELEAD_SITE_URL").rstrip("/") + reverse("learning:my_induction")
    counts = {"before_due": 0, "overdue": 0, "skipped": 0, "failed": 0}
    for kind in (Reminder.Kind.BEFORE_DUE, Reminder.Kind.OVERDUE):
        # A list, not an iterator: the loop writes Reminder rows that the query reads.
        for enrolment in list(_reminder_candidates(kind, today)):
            email = enrolment.person.email
            if not email:
                counts["skipped"] += 1
                continue
            subject, body = _message(enrolment, kind, today, link)
            outcome = send_once(
                record=lambda e=enrolment, k=kind: Reminder.objects.create(enrolment=e, kind=k),
                action="induction_reminder_sent",
                after={"enrolment": enrolment.pk, "kind": kind},
                organisation_id=enrolment.organisation_id,
                to=email,
                subject=subject,
                body=body,
            )
            if outcome == Outcome.FAILED:
                counts["failed"] += 1
                continue
            if outcome == Outcome.ALREADY_SENT:
                continue
            counts[kind] += 1
    return counts
