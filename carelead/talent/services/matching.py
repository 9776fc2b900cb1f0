"""Writes for matching: a person's approach preference, approaches to matched people and
their replies, and placements into challenged vacancies.

Each function checks its actor (the person themself for preferences and replies; a regional
talent lead of the vacancy's region for the rest) and raises ``PermissionDenied`` otherwise;
the views have already answered 404 outside the user's reach, so this is a second line. Bad
input raises ``ValidationError``, keyed by form field name where there is one. A stale
``expected_version`` (someone else changed the record since the form was opened) raises
``ValidationError`` and writes nothing.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from carelead.core.services.audit import AuditEntry, audit_record, audit_record_many, snapshot
from carelead.organisations.selectors import current_segment
from carelead.people.models import Employment, Person
from carelead.talent.models import (
    Approach,
    ApproachPreference,
    IncentivePackage,
    Vacancy,
    VacancyPlacement,
)
from carelead.talent.selectors import matching as selectors
from carelead.talent.selectors.access import talent_lead_organisations

logger = logging.getLogger(__name__)

PREFERENCE_FIELDS = ("audience", "challenged_organisations", "willing_to_relocate", "interests")
PLACEMENT_FIELDS = (
    "vacancy",
    "person",
    "approach",
    "employment",
    "package",
    "starts_on",
    "segment_at_start",
)

S = Approach.Status
#: Who may move an approach from one status to another. The person answers; the lead
#: withdraws; a placement appoints.
TRANSITIONS: dict[str, dict[str, str]] = {
    S.SENT: {S.INTERESTED: "person", S.DECLINED: "person", S.WITHDRAWN: "lead"},
    S.INTERESTED: {S.DECLINED: "person", S.WITHDRAWN: "lead", S.APPOINTED: "lead"},
    S.DECLINED: {S.INTERESTED: "person"},
    S.WITHDRAWN: {},
    S.APPOINTED: {},
}
#: Statuses a placement can appoint from (a lead may record someone who has not replied).
APPOINTABLE = (S.SENT, S.INTERESTED)
STALE = "Someone else changed this approach since you opened the page. Check it and try again."


def _require_person(actor, person_id: int) -> None:
    if actor is None or getattr(actor, "person_id", None) != person_id:
        raise PermissionDenied("Only the person themself can do this.")


def _require_lead(actor, organisation_id: int) -> None:
    if actor is None or not talent_lead_organisations(actor).filter(pk=organisation_id).exists():
        raise PermissionDenied("Only a regional talent lead of the vacancy's region can do this.")


# --- Preferences -----------------------------------------------------------------------------


def approach_preference_save(
    *,
    actor,
    person: Person,
    audience: str,
    challenged_organisations: bool,
    willing_to_relocate: bool,
    interests: str = "",
    expected_version: int | None = None,
) -> ApproachPreference:
    """Set who may approach the person about roles. Only the person may; ``expected_version``
    is 0 for a first save."""
    _require_person(actor, person.pk)
    if audience not in ApproachPreference.Audience.values:
        raise ValidationError({"audience": "Choose who may approach you"})
    interests = (interests or "").strip()
    if len(interests) > 1000:
        raise ValidationError({"interests": "Interests must be 1,000 characters or fewer"})
    with transaction.atomic():
        preference = ApproachPreference.objects.select_for_update().filter(person=person).first()
        current = preference.version if preference else 0
        if expected_version is not None and expected_version != current:
            raise ValidationError(
                "Your preferences were changed in another window since you opened this page. "
                "Check them and save again."
            )
        before = snapshot(preference, PREFERENCE_FIELDS) if preference else None
        if preference is None:
            preference = ApproachPreference(person=person, version=0)
        preference.audience = audience
        preference.challenged_organisations = bool(challenged_organisations)
        preference.willing_to_relocate = bool(willing_to_relocate)
        preference.interests = interests
        after = snapshot(preference, PREFERENCE_FIELDS)
        if before == after:
            return preference
        preference.version += 1
        preference.save()
        audit_record(
            actor=actor,
            action="approach_preference_saved",
            obj=preference,
            before=before,
            after=after,
        )
    return preference


# --- Approaches ------------------------------------------------------------------------------


def _approach_email(approach: Approach) -> tuple[str, str]:
    vacancy = approach.vacancy
    site = getattr(settings, "CARELEAD_SITE_URL", "http://localhost:8000").rstrip("/")
    link = site + reverse("talent:approaches_mine")
    subject = f"Would you consider a role at {vacancy.organisation.name}?"
    body = (
        f"The regional talent team would like to talk to you about a role: {vacancy.title} at "
        f"{vacancy.organisation.name}.\n\n{approach.message}\n\n"
        f"Read the details and reply: {link}\n\n"
        "You are receiving this because you said talent teams may approach you. You can "
        "change that at any time in carelead."
    )
    return subject, body


def _send_approach_email(approach_id: int) -> None:
    approach = Approach.objects.select_related("vacancy__organisation", "person").get(
        pk=approach_id
    )
    if not approach.person.email:
        return
    subject, body = _approach_email(approach)
    try:
        send_mail(subject, body, None, [approach.person.email])
    except Exception:
        # The approach stands without the email: the person sees it when they sign in.
        logger.exception("Approach email %s not sent", approach_id)


def approach_create(*, actor, vacancy: Vacancy, person: Person, message: str) -> Approach:
    """Ask a matched person whether they would consider the vacancy, and email them. The
    person must be a candidate now (ready-now member, prerequisite, opted in for this
    region, not approached before, not working there already)."""
    _require_lead(actor, vacancy.organisation_id)
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": "Enter a message to the person"})
    if len(message) > 3000:
        raise ValidationError({"message": "Message must be 3,000 characters or fewer"})
    with transaction.atomic():
        vacancy = (
            Vacancy.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=vacancy.pk)
        )
        if vacancy.status != Vacancy.Status.OPEN or not vacancy.is_challenged:
            raise ValidationError("Approaches are only for open vacancies flagged as challenged.")
        if not selectors.is_candidate(actor, vacancy, person.pk):
            raise PermissionDenied("This person cannot be approached about this vacancy.")
        try:
            with transaction.atomic():
                approach = Approach.objects.create(
                    vacancy=vacancy, person=person, message=message, approached_by=actor
                )
        except IntegrityError as error:
            raise ValidationError(
                f"{person} has already been approached about this role."
            ) from error
        audit_record(
            actor=actor,
            action="approach_sent",
            obj=approach,
            after={"vacancy": vacancy.pk, "person": person.pk, "status": approach.status},
            organisation_id=vacancy.organisation_id,
        )
        transaction.on_commit(lambda: _send_approach_email(approach.pk))
    return approach


def _move(
    *, actor, approach: Approach, to: str, who: str, note: str = "", expected_version=None
) -> Approach:
    with transaction.atomic():
        approach = Approach.objects.select_for_update().get(pk=approach.pk)
        if expected_version is not None and expected_version != approach.version:
            raise ValidationError(STALE)
        allowed = TRANSITIONS[approach.status]
        if allowed.get(to) != who:
            raise ValidationError(
                f"This approach is {approach.get_status_display().lower()}, so it cannot "
                f"become {S(to).label.lower()}."
            )
        before = {"status": approach.status, "response_note": approach.response_note}
        approach.status = to
        fields = ["status", "version", "updated_at"]
        if who == "person":
            approach.response_note = note
            approach.responded_at = timezone.now()
            fields += ["response_note", "responded_at"]
        approach.version += 1
        approach.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=f"approach_{to}",
            obj=approach,
            before=before,
            after={"status": approach.status, "response_note": approach.response_note},
            organisation_id=approach.vacancy.organisation_id,
        )
    return approach


def approach_respond(
    *, actor, approach: Approach, response: str, note: str = "", expected_version=None
) -> Approach:
    """The person says they are interested, or decline, with an optional note."""
    _require_person(actor, approach.person_id)
    if response not in (S.INTERESTED, S.DECLINED):
        raise ValidationError({"response": "Choose whether you are interested"})
    note = (note or "").strip()
    if len(note) > 1000:
        raise ValidationError({"note": "Note must be 1,000 characters or fewer"})
    return _move(
        actor=actor,
        approach=approach,
        to=response,
        who="person",
        note=note,
        expected_version=expected_version,
    )


def approach_withdraw(*, actor, approach: Approach, expected_version=None) -> Approach:
    """The region withdraws an approach it no longer wants to pursue."""
    _require_lead(actor, approach.vacancy.organisation_id)
    return _move(
        actor=actor,
        approach=approach,
        to=S.WITHDRAWN,
        who="lead",
        expected_version=expected_version,
    )


# --- Placements ------------------------------------------------------------------------------


def placement_create(
    *,
    actor,
    vacancy: Vacancy,
    person: Person,
    starts_on: datetime.date,
    approach: Approach | None = None,
    package: IncentivePackage | None = None,
    employment: Employment | None = None,
    expected_version: int | None = None,
) -> VacancyPlacement:
    """Record who filled a challenged vacancy: the vacancy becomes filled, the approach (if
    the person came through one) appointed, and the organisation's segment on the start date
    is kept. The package defaults to the vacancy's."""
    _require_lead(actor, vacancy.organisation_id)
    if starts_on is None:
        raise ValidationError({"starts_on": "Enter the start date"})
    with transaction.atomic():
        vacancy = (
            Vacancy.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=vacancy.pk)
        )
        if expected_version is not None and expected_version != vacancy.version:
            raise ValidationError(
                "Someone else changed this vacancy since you opened the page. Check it and "
                "try again."
            )
        if vacancy.status != Vacancy.Status.OPEN or not vacancy.is_challenged:
            raise ValidationError("Placements are recorded for open challenged vacancies only.")
        if VacancyPlacement.objects.filter(vacancy=vacancy).exists():
            raise ValidationError("This vacancy already has a placement.")
        if approach is not None:
            if approach.vacancy_id != vacancy.pk:
                raise ValidationError({"approach": "Choose an approach about this vacancy"})
            if approach.status not in APPOINTABLE:
                raise ValidationError(
                    {"approach": f"The approach is {approach.get_status_display().lower()}"}
                )
            person = approach.person
        if employment is not None and (
            employment.person_id != person.pk
            or employment.organisation_id != vacancy.organisation_id
        ):
            raise ValidationError(
                {
                    "assignment_number": f"The employment must be {person}'s at "
                    f"{vacancy.organisation.name}"
                }
            )
        segment = current_segment(vacancy.organisation, on_date=starts_on)
        placement = VacancyPlacement.objects.create(
            vacancy=vacancy,
            person=person,
            approach=approach,
            employment=employment,
            package=package if package is not None else vacancy.package,
            starts_on=starts_on,
            segment_at_start=segment.segment if segment else None,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="vacancy_placement_recorded",
            obj=placement,
            after=snapshot(placement, PLACEMENT_FIELDS),
            organisation_id=vacancy.organisation_id,
        )
        vacancy.status = Vacancy.Status.FILLED
        vacancy.version += 1
        vacancy.save(update_fields=["status", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="vacancy_filled",
            obj=vacancy,
            before={"status": Vacancy.Status.OPEN},
            after={"status": vacancy.status},
            organisation_id=vacancy.organisation_id,
        )
        if approach is not None:
            locked = Approach.objects.select_for_update().get(pk=approach.pk)
            before = {"status": locked.status}
            locked.status = S.APPOINTED
            locked.version += 1
            locked.save(update_fields=["status", "version", "updated_at"])
            audit_record(
                actor=actor,
                action="approach_appointed",
                obj=locked,
                before=before,
                after={"status": locked.status},
                organisation_id=vacancy.organisation_id,
            )
        # The post is filled: anyone else still waiting or interested is told by the status
        # changing, rather than left with an approach about a job that has gone.
        still_open = list(
            Approach.objects.select_for_update()
            .filter(vacancy=vacancy, status__in=(S.SENT, S.INTERESTED))
            .exclude(pk=getattr(approach, "pk", None))
        )
        was = {other.pk: other.status for other in still_open}
        now = timezone.now()
        for other in still_open:
            other.status = S.WITHDRAWN
            other.version += 1
            other.updated_at = now
        Approach.objects.bulk_update(still_open, ["status", "version", "updated_at"])
        audit_record_many(
            actor=actor,
            entries=[
                AuditEntry(
                    action="approach_withdrawn",
                    obj=other,
                    before={"status": was[other.pk]},
                    after={"status": S.WITHDRAWN, "reason": "The vacancy was filled"},
                    organisation_id=vacancy.organisation_id,
                )
                for other in still_open
            ],
        )
    return placement
