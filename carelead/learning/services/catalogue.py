"""Writes for the catalogue: providers' accreditation, programmes and their outcomes and
modules, and cohorts. Every function checks its input and raises a ValidationError that says
what is wrong (keyed by the argument's name, so a form can show it beside its field), writes
in one transaction and records an audit event."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from carelead.core.services.audit import audit_record, snapshot
from carelead.learning.models import (
    Accreditation,
    Cohort,
    Enrolment,
    Module,
    Programme,
    ProgrammeOutcome,
)
from carelead.learning.selectors.accreditation import provider_is_accredited
from carelead.organisations.models import OrganisationKind
from carelead.standards.models import Item

ACCREDITATION_FIELDS = [
    "provider",
    "accrediting_body",
    "status",
    "applied_on",
    "valid_from",
    "valid_to",
    "conditions",
    "status_reason",
    "version",
]
PROGRAMME_FIELDS = [
    "code",
    "title",
    "kind",
    "summary",
    "status",
    "provider",
    "framework_version",
    "stage",
    "awards_credential",
    "enrol_joiners_from",
    "due_weeks",
    "min_management_level",
    "min_months_in_management",
    "applications_open_on",
    "applications_close_on",
]
#: What programme_update may change (the code identifies a programme everywhere, the API
#: included, so it never changes).
PROGRAMME_EDITABLE = set(PROGRAMME_FIELDS) - {"code"}
MODULE_FIELDS = [
    "programme",
    "code",
    "title",
    "summary",
    "duration_hours",
    "delivery_mode",
    "focus",
    "sort_order",
]
COHORT_FIELDS = [
    "programme",
    "provider",
    "region",
    "code",
    "starts_on",
    "ends_on",
    "places",
    "is_online",
    "location",
]
COHORT_EDITABLE = set(COHORT_FIELDS) - {"programme", "code"}

#: Statuses that need a reason, because they stop a provider taking enrolments.
REASON_NEEDED = (Accreditation.Status.SUSPENDED, Accreditation.Status.EXPIRED)

STALE_ACCREDITATION = (
    "Someone changed this accreditation since you opened this page. It is now {status}. "
    "Your changes are shown below: check them and save again."
)


class AccreditationConflict(ValidationError):
    """The accreditation changed since the form was opened (optimistic locking)."""

    def __init__(self, accreditation: Accreditation):
        self.accreditation = accreditation
        super().__init__(
            STALE_ACCREDITATION.format(status=accreditation.get_status_display().lower()),
            code="stale",
        )


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _check_period(errors: dict, start, end, *, end_name: str, message: str) -> None:
    if start and end and end < start:
        errors[end_name] = message


# Accreditation ----------------------------------------------------------------------------


def _check_accreditation(errors: dict, *, status, valid_from, valid_to) -> None:
    if status not in Accreditation.Status.values:
        errors["status"] = "Choose an accreditation status"
        return
    if status in Accreditation.ENROLLING and valid_from is None:
        errors["valid_from"] = "Enter the date the accreditation is valid from"
    _check_period(
        errors,
        valid_from,
        valid_to,
        end_name="valid_to",
        message="The date the accreditation ends must be the same as or after it starts",
    )


def accreditation_record(
    *,
    actor,
    provider,
    accrediting_body: str,
    status: str,
    applied_on: datetime.date,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    conditions: str = "",
) -> Accreditation:
    """Record an accreditation (or an application for one) of a training provider."""
    errors: dict[str, str] = {}
    if provider is None or provider.kind != OrganisationKind.TRAINING_PROVIDER:
        errors["provider"] = "Choose an organisation that is a training provider"
    accrediting_body = (accrediting_body or "").strip()
    if not accrediting_body:
        errors["accrediting_body"] = "Enter the accrediting body"
    if applied_on is None:
        errors["applied_on"] = "Enter the date the provider applied"
    _check_accreditation(errors, status=status, valid_from=valid_from, valid_to=valid_to)
    if status == Accreditation.Status.CONDITIONS and not (conditions or "").strip():
        errors["conditions"] = "Enter the conditions of the accreditation"
    _raise(errors)
    with transaction.atomic():
        accreditation = Accreditation.objects.create(
            provider=provider,
            accrediting_body=accrediting_body,
            status=status,
            applied_on=applied_on,
            valid_from=valid_from,
            valid_to=valid_to,
            conditions=(conditions or "").strip(),
        )
        audit_record(
            actor=actor,
            action="accreditation_recorded",
            obj=accreditation,
            after=snapshot(accreditation, ACCREDITATION_FIELDS),
            organisation_id=provider.pk,
        )
    return accreditation


def accreditation_status_change(
    *,
    actor,
    accreditation: Accreditation,
    status: str,
    reason: str,
    expected_version: int,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> Accreditation:
    """Move an accreditation to ``status``. ``expected_version`` is the version the user
    saw: if someone changed it since, AccreditationConflict says so and nothing is written.
    A reason is required to suspend or expire. ``valid_from`` and ``valid_to``, when given,
    replace the accreditation's dates (accrediting needs a valid_from)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        current = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
        if current.version != expected_version:
            raise AccreditationConflict(current)
        valid_from = valid_from or current.valid_from
        valid_to = valid_to or current.valid_to
        errors: dict[str, str] = {}
        if status == current.status and status in Accreditation.Status.values:
            errors["status"] = (
                f"The accreditation is already {current.get_status_display().lower()}: "
                "choose a different status"
            )
        _check_accreditation(errors, status=status, valid_from=valid_from, valid_to=valid_to)
        if status in REASON_NEEDED and not reason:
            errors["reason"] = f"Enter why the accreditation is {status}"
        if status == Accreditation.Status.CONDITIONS and not current.conditions and not reason:
            errors["reason"] = "Enter the conditions of the accreditation"
        _raise(errors)
        before = snapshot(current, ACCREDITATION_FIELDS)
        current.status = status
        current.status_reason = reason
        current.valid_from = valid_from
        current.valid_to = valid_to
        if status == Accreditation.Status.CONDITIONS and not current.conditions:
            current.conditions = reason
        current.version += 1
        current.save()
        audit_record(
            actor=actor,
            action="accreditation_status_changed",
            obj=current,
            before=before,
            after=snapshot(current, ACCREDITATION_FIELDS),
            organisation_id=current.provider_id,
        )
    return current


# Programmes -------------------------------------------------------------------------------


def _check_programme(programme: Programme) -> None:
    errors: dict[str, str] = {}
    if not (programme.code or "").strip():
        errors["code"] = "Enter a programme code"
    elif Programme.objects.filter(code=programme.code).exclude(pk=programme.pk).exists():
        errors["code"] = f"A programme with the code {programme.code} already exists"
    if not (programme.title or "").strip():
        errors["title"] = "Enter the programme's title"
    if programme.kind not in Programme.Kind.values:
        errors["kind"] = "Choose the kind of programme"
    if programme.status not in Programme.Status.values:
        errors["status"] = "Choose the programme's status"
    provider = programme.provider if programme.provider_id else None
    if provider is None or provider.kind != OrganisationKind.TRAINING_PROVIDER:
        errors["provider"] = "Choose an organisation that is a training provider"
    if programme.stage_id and programme.stage.version_id != programme.framework_version_id:
        errors["stage"] = "Choose a stage of the programme's framework version"
    if (
        programme.kind in (Programme.Kind.DEVELOPMENT_BUNDLE, Programme.Kind.MID_CAREER)
        and programme.awards_credential
        and not programme.stage_id
    ):
        errors["stage"] = "Choose the stage the programme develops: it awards a credential"
    _check_period(
        errors,
        programme.applications_open_on,
        programme.applications_close_on,
        end_name="applications_close_on",
        message="The date applications close must be the same as or after they open",
    )
    if (
        programme.kind == Programme.Kind.NATIONAL_INDUCTION
        and programme.status == Programme.Status.OPEN
        and Programme.objects.filter(
            kind=Programme.Kind.NATIONAL_INDUCTION, status=Programme.Status.OPEN
        )
        .exclude(pk=programme.pk)
        .exists()
    ):
        errors["status"] = (
            "Another national induction is open: close it first, so automatic enrolment "
            "knows which one to use"
        )
    _raise(errors)


def programme_create(
    *,
    actor,
    code: str,
    title: str,
    kind: str,
    provider,
    framework_version,
    summary: str = "",
    status: str = Programme.Status.DRAFT,
    stage=None,
    awards_credential: bool = False,
    enrol_joiners_from: datetime.date | None = None,
    due_weeks: int | None = None,
    min_management_level: int | None = None,
    min_months_in_management: int | None = None,
    applications_open_on: datetime.date | None = None,
    applications_close_on: datetime.date | None = None,
) -> Programme:
    programme = Programme(
        code=(code or "").strip(),
        title=(title or "").strip(),
        kind=kind,
        summary=summary,
        status=status,
        provider=provider,
        framework_version=framework_version,
        stage=stage,
        awards_credential=awards_credential,
        enrol_joiners_from=enrol_joiners_from,
        due_weeks=due_weeks,
        min_management_level=min_management_level,
        min_months_in_management=min_months_in_management,
        applications_open_on=applications_open_on,
        applications_close_on=applications_close_on,
    )
    with transaction.atomic():
        _check_programme(programme)
        programme.save()
        audit_record(
            actor=actor,
            action="programme_created",
            obj=programme,
            after=snapshot(programme, PROGRAMME_FIELDS),
            organisation_id=programme.provider_id,
        )
    return programme


def programme_update(*, actor, programme: Programme, **changes) -> Programme:
    """Change any of PROGRAMME_EDITABLE (passed by name)."""
    unknown = set(changes) - PROGRAMME_EDITABLE
    if unknown:
        raise TypeError(f"programme_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        before = snapshot(programme, PROGRAMME_FIELDS)
        for name, value in changes.items():
            setattr(programme, name, value)
        _check_programme(programme)
        after = snapshot(programme, PROGRAMME_FIELDS)
        if after != before:
            programme.save()
            audit_record(
                actor=actor,
                action="programme_updated",
                obj=programme,
                before=before,
                after=after,
                organisation_id=programme.provider_id,
            )
    return programme


def programme_outcomes_set(*, actor, programme: Programme, outcomes: list) -> list:
    """Replace the programme's outcomes with ``outcomes``, a list of (item, stage): each item
    a competency and each stage a stage of the programme's framework version."""
    errors = []
    pairs: dict[tuple[int, int], tuple] = {}
    for number, (item, stage) in enumerate(outcomes, start=1):
        if item.version_id != programme.framework_version_id or item.kind != Item.Kind.COMPETENCY:
            errors.append(
                f"Outcome {number}: {item.code} is not a competency of the programme's "
                "framework version"
            )
        if stage.version_id != programme.framework_version_id:
            errors.append(
                f"Outcome {number}: {stage.name} is not a stage of the programme's framework "
                "version"
            )
        pairs[(item.pk, stage.pk)] = (item, stage)
    if errors:
        raise ValidationError({"outcomes": errors})
    with transaction.atomic():
        existing = programme.outcomes.all()
        before = sorted([o.item_id, o.stage_id] for o in existing)
        existing.delete()
        created = ProgrammeOutcome.objects.bulk_create(
            ProgrammeOutcome(programme=programme, item=item, stage=stage)
            for item, stage in pairs.values()
        )
        audit_record(
            actor=actor,
            action="programme_outcomes_set",
            obj=programme,
            before={"outcomes": before},
            after={"outcomes": sorted([i.pk, s.pk] for i, s in pairs.values())},
            organisation_id=programme.provider_id,
        )
    return created


# Modules ----------------------------------------------------------------------------------


def module_create(
    *,
    actor,
    programme: Programme,
    code: str,
    title: str,
    duration_hours,
    delivery_mode: str,
    focus: str = Module.Focus.GENERAL,
    summary: str = "",
    sort_order: int | None = None,
) -> Module:
    errors: dict[str, str] = {}
    code = (code or "").strip()
    if not code:
        errors["code"] = "Enter a module code"
    elif programme.modules.filter(code=code).exists():
        errors["code"] = f"{programme.title} already has a module with the code {code}"
    if not (title or "").strip():
        errors["title"] = "Enter the module's title"
    if duration_hours is None or Decimal(str(duration_hours)) <= 0:
        errors["duration_hours"] = "Duration must be more than 0 hours"
    if delivery_mode not in Module.DeliveryMode.values:
        errors["delivery_mode"] = "Choose how the module is delivered"
    if focus not in Module.Focus.values:
        errors["focus"] = "Choose the module's focus"
    _raise(errors)
    with transaction.atomic():
        if sort_order is None:
            last = programme.modules.order_by("-sort_order").first()
            sort_order = last.sort_order + 1 if last else 0
        module = Module.objects.create(
            programme=programme,
            code=code,
            title=title.strip(),
            summary=summary,
            duration_hours=duration_hours,
            delivery_mode=delivery_mode,
            focus=focus,
            sort_order=sort_order,
        )
        audit_record(
            actor=actor,
            action="module_created",
            obj=module,
            after=snapshot(module, MODULE_FIELDS),
            organisation_id=programme.provider_id,
        )
    return module


# Cohorts ----------------------------------------------------------------------------------


def _places_taken(cohort: Cohort) -> int:
    if cohort.pk is None:
        return 0
    return cohort.enrolments.exclude(status=Enrolment.Status.WITHDRAWN).count()


def _check_cohort(cohort: Cohort) -> None:
    errors: dict[str, str] = {}
    if not (cohort.code or "").strip():
        errors["code"] = "Enter a cohort code"
    elif Cohort.objects.filter(code=cohort.code).exclude(pk=cohort.pk).exists():
        errors["code"] = f"A cohort with the code {cohort.code} already exists"
    provider = cohort.provider if cohort.provider_id else None
    programme = cohort.programme
    if provider is None or provider.kind != OrganisationKind.TRAINING_PROVIDER:
        errors["provider"] = "Choose an organisation that is a training provider"
    elif provider.pk != programme.provider_id and not provider_is_accredited(provider):
        errors["provider"] = (
            f"{provider.name} is not accredited, so it can only run cohorts of its own programmes"
        )
    if cohort.region_id and cohort.region.kind != OrganisationKind.REGION:
        errors["region"] = "Choose an NHS England region"
    if cohort.starts_on is None:
        errors["starts_on"] = "Enter the date the cohort starts"
    if cohort.ends_on is None:
        errors["ends_on"] = "Enter the date the cohort ends"
    _check_period(
        errors,
        cohort.starts_on,
        cohort.ends_on,
        end_name="ends_on",
        message="The end date must be the same as or after the start date",
    )
    if cohort.places is None or cohort.places < 1:
        errors["places"] = "Places must be 1 or more"
    else:
        taken = _places_taken(cohort)
        if cohort.places < taken:
            errors["places"] = (
                f"Places cannot be fewer than the {taken} already taken by enrolments"
            )
    cohort.location = (cohort.location or "").strip()
    if not cohort.is_online and not cohort.location:
        errors["location"] = "Enter where the cohort meets, or say it is online"
    _raise(errors)


def cohort_create(
    *,
    actor,
    programme: Programme,
    provider,
    code: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    places: int,
    is_online: bool = False,
    location: str = "",
    region=None,
) -> Cohort:
    """A cohort of ``programme`` run by ``provider``: the programme's own provider, or
    another training provider that is accredited."""
    cohort = Cohort(
        programme=programme,
        provider=provider,
        region=region,
        code=(code or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        places=places,
        is_online=is_online,
        location=location,
    )
    with transaction.atomic():
        _check_cohort(cohort)
        cohort.save()
        audit_record(
            actor=actor,
            action="cohort_created",
            obj=cohort,
            after=snapshot(cohort, COHORT_FIELDS),
            organisation_id=cohort.provider_id,
        )
    return cohort


def cohort_update(*, actor, cohort: Cohort, **changes) -> Cohort:
    """Change any of COHORT_EDITABLE (passed by name). Places never drop below the
    enrolments already taken."""
    unknown = set(changes) - COHORT_EDITABLE
    if unknown:
        raise TypeError(f"cohort_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        # Locked so an enrolment cannot take a place while the places are being cut.
        cohort = (
            Cohort.objects.select_for_update(of=("self",))
            .select_related("programme")
            .get(pk=cohort.pk)
        )
        before = snapshot(cohort, COHORT_FIELDS)
        for name, value in changes.items():
            setattr(cohort, name, value)
        _check_cohort(cohort)
        after = snapshot(cohort, COHORT_FIELDS)
        if after != before:
            cohort.save()
            audit_record(
                actor=actor,
                action="cohort_updated",
                obj=cohort,
                before=before,
                after=after,
                organisation_id=cohort.provider_id,
            )
    return cohort
