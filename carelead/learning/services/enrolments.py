"""Enrolling a person on a programme: the one place that checks a programme may take them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carelead.core.services.audit import audit_record, snapshot
from carelead.learning.models import Cohort, Enrolment, Programme
from carelead.learning.selectors.accreditation import enrolment_block_reason

ENROLMENT_FIELDS = [
    "person",
    "programme",
    "cohort",
    "employment",
    "organisation",
    "source",
    "status",
    "enrolled_on",
    "due_on",
    "completed_on",
]


def enrolment_create(
    *,
    actor,
    person,
    programme: Programme,
    source: str,
    cohort: Cohort | None = None,
    employment=None,
    enrolled_on: datetime.date | None = None,
    due_on: datetime.date | None = None,
) -> Enrolment:
    """Enrol ``person`` on ``programme`` (and ``cohort``, if given).

    Refuses, with a ValidationError that says why, when the programme cannot take new
    enrolments (closed, or its provider not accredited), the cohort is not the programme's
    or is full, or the person already has a live enrolment on the programme.
    """
    enrolled_on = enrolled_on or timezone.localdate()
    with transaction.atomic():
        reason = enrolment_block_reason(programme, on=enrolled_on)
        if reason:
            raise ValidationError(reason, code="not_enrolling")
        if cohort is not None:
            # Lock the cohort so two enrolments cannot both take its last place.
            cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
            if cohort.programme_id != programme.pk:
                raise ValidationError(
                    {"cohort": f"Cohort {cohort.code} is not a cohort of {programme.title}."}
                )
            taken = cohort.enrolments.exclude(status=Enrolment.Status.WITHDRAWN).count()
            if taken >= cohort.places:
                raise ValidationError(
                    {"cohort": f"Cohort {cohort.code} is full ({cohort.places} places)."}
                )
        if (
            Enrolment.objects.filter(person=person, programme=programme)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .exists()
        ):
            raise ValidationError(
                f"{person} is already enrolled on {programme.title}.", code="already_enrolled"
            )
        enrolment = Enrolment.objects.create(
            person=person,
            programme=programme,
            cohort=cohort,
            employment=employment,
            organisation_id=employment.organisation_id if employment else None,
            source=source,
            enrolled_on=enrolled_on,
            due_on=due_on,
        )
        audit_record(
            actor=actor,
            action="enrolment_created",
            obj=enrolment,
            after=snapshot(enrolment, ENROLMENT_FIELDS),
            organisation_id=enrolment.organisation_id,
        )
    return enrolment


def enrolment_complete(*, actor, enrolment: Enrolment, completed_on: datetime.date) -> Enrolment:
    """Mark an enrolment completed (called when its programme's completion is recorded)."""
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status == Enrolment.Status.COMPLETED:
            return enrolment
        if enrolment.status == Enrolment.Status.WITHDRAWN:
            raise ValidationError("A withdrawn enrolment cannot be completed.")
        before = snapshot(enrolment, ["status", "completed_on"])
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.completed_on = completed_on
        enrolment.version += 1
        enrolment.save(update_fields=["status", "completed_on", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="enrolment_completed",
            obj=enrolment,
            before=before,
            after=snapshot(enrolment, ["status", "completed_on"]),
            organisation_id=enrolment.organisation_id,
        )
    return enrolment


def enrolment_withdraw(*, actor, enrolment: Enrolment, reason: str) -> Enrolment:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the enrolment is withdrawn."})
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status != Enrolment.Status.ENROLLED:
            raise ValidationError("Only a current enrolment can be withdrawn.")
        before = snapshot(enrolment, ["status"])
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.withdrawn_reason = reason
        enrolment.version += 1
        enrolment.save(update_fields=["status", "withdrawn_reason", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="enrolment_withdrawn",
            obj=enrolment,
            before=before,
            after={"status": enrolment.status, "reason": reason},
            organisation_id=enrolment.organisation_id,
        )
    return enrolment
