"""Writes for the senior vacancy register and incentive packages: adding, changing and
withdrawing a vacancy, flagging it as challenged (only for an organisation in NOF segment 4
or 5 today), defining a region's packages and attaching a published one to a challenged
vacancy.

Every function checks that its actor may act (a people lead of the vacancy's organisation,
or a regional talent lead of the package's region) and raises ``PermissionDenied``
otherwise; the views have already answered 404 outside the user's scope, so this is a second
line. Bad input raises ``ValidationError``, keyed by form field name where there is one.
Every change is audited in the same transaction.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from carelead.accounts.roles import Role
from carelead.accounts.scoping import organisations_in_scope
from carelead.core.services.audit import audit_record, snapshot
from carelead.organisations.models import Organisation
from carelead.organisations.selectors import current_segment
from carelead.talent.models import IncentivePackage, Vacancy
from carelead.talent.selectors.access import regions_led
from carelead.talent.selectors.vacancies import CHALLENGED_SEGMENTS, framework_stages

VACANCY_FIELDS = (
    "reference",
    "organisation",
    "title",
    "description",
    "critical_role",
    "management_level",
    "stage",
    "opened_on",
    "closes_on",
    "status",
    "is_challenged",
    "segment_when_flagged",
    "flagged_at",
    "package",
)
PACKAGE_FIELDS = (
    "region",
    "title",
    "pay_premium_percent",
    "pay_premium_cap",
    "pay_premium_months",
    "relocation_support",
    "relocation_cap",
    "development_offer",
    "programme",
    "mentoring",
    "peer_support_network",
    "guaranteed_return",
    "return_route",
    "status",
)
#: The 10 Year Health Plan's premium for challenged posts: up to 15%, capped at £45,000.
MAX_PREMIUM_PERCENT = Decimal("15")
MAX_PREMIUM_CAP = 45_000
MAX_PREMIUM_MONTHS = 60
EDITABLE_VACANCY = ("title", "description", "critical_role", "management_level", "stage")
OUT_OF_DATE = "Someone else changed this {thing} while you were editing it. Check it and try again."


def _require_people_lead(actor, organisation_id: int) -> None:
    if actor is None:
        return
    if not organisations_in_scope(actor, Role.PEOPLE_LEAD).filter(pk=organisation_id).exists():
        raise PermissionDenied("Only a people lead of the organisation can do this.")


def _require_region_lead(actor, region_id: int | None) -> None:
    if actor is None:
        return
    if region_id is None or not regions_led(actor).filter(pk=region_id).exists():
        raise PermissionDenied("Only a regional talent lead of the region can do this.")


def _check_version(obj, expected_version: int | None, thing: str) -> None:
    if expected_version is not None and expected_version != obj.version:
        raise ValidationError(OUT_OF_DATE.format(thing=thing))


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": f"Enter the reason {what}"})
    if len(reason) > 500:
        raise ValidationError({"reason": "Reason must be 500 characters or fewer"})
    return reason


# --- Vacancies -------------------------------------------------------------------------------


def _vacancy_errors(*, organisation, title, critical_role, stage, opened_on, closes_on) -> dict:
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter the job title of the vacancy"
    elif len(title.strip()) > 200:
        errors["title"] = "Job title must be 200 characters or fewer"
    if critical_role is not None and critical_role.organisation_id != organisation.pk:
        errors["critical_role"] = f"Choose a critical role of {organisation.name}"
    if stage is not None and stage.pk not in {s.pk for s in framework_stages()}:
        errors["stage"] = "Choose a stage of the published framework"
    if opened_on and closes_on and closes_on < opened_on:
        errors["closes_on"] = "The closing date must be on or after the opening date"
    return errors


def _next_reference(year: int) -> str:
    prefix = f"V{year}-"
    taken = Vacancy.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(r[len(prefix) :]) for r in taken if r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def vacancy_create(
    *,
    actor,
    organisation: Organisation,
    title: str,
    opened_on: datetime.date,
    description: str = "",
    critical_role=None,
    management_level: int | None = None,
    stage=None,
    closes_on: datetime.date | None = None,
) -> Vacancy:
    """Add an open vacancy to the register, with a generated reference like V2026-0001
    (the year it opened and a sequence)."""
    _require_people_lead(actor, organisation.pk)
    errors = _vacancy_errors(
        organisation=organisation,
        title=title,
        critical_role=critical_role,
        stage=stage,
        opened_on=opened_on,
        closes_on=closes_on,
    )
    if errors:
        raise ValidationError(errors)
    # Two people adding at once could pick the same number: the unique reference refuses
    # the second, which then takes the next.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                vacancy = Vacancy.objects.create(
                    reference=_next_reference(opened_on.year),
                    organisation=organisation,
                    title=title.strip(),
                    description=(description or "").strip(),
                    critical_role=critical_role,
                    management_level=management_level,
                    stage=stage,
                    opened_on=opened_on,
                    closes_on=closes_on,
                    created_by=actor,
                )
                audit_record(
                    actor=actor,
                    action="vacancy_created",
                    obj=vacancy,
                    after=snapshot(vacancy, VACANCY_FIELDS),
                    organisation_id=organisation.pk,
                )
            return vacancy
        except IntegrityError:
            continue
    raise ValidationError("The vacancy could not be given a reference. Try again.")


def _locked(vacancy: Vacancy) -> Vacancy:
    return (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=vacancy.pk)
    )


def vacancy_update(
    *,
    actor,
    vacancy: Vacancy,
    expected_version: int | None,
    title: str,
    opened_on: datetime.date,
    description: str = "",
    critical_role=None,
    management_level: int | None = None,
    stage=None,
    closes_on: datetime.date | None = None,
) -> Vacancy:
    """Change an open vacancy's details (not its reference, status or flag)."""
    _require_people_lead(actor, vacancy.organisation_id)
    with transaction.atomic():
        vacancy = _locked(vacancy)
        _check_version(vacancy, expected_version, "vacancy")
        if vacancy.status != Vacancy.Status.OPEN:
            raise ValidationError(
                f"{vacancy.reference} is {vacancy.get_status_display().lower()}, so it "
                "cannot be changed."
            )
        errors = _vacancy_errors(
            organisation=vacancy.organisation,
            title=title,
            critical_role=critical_role,
            stage=stage,
            opened_on=opened_on,
            closes_on=closes_on,
        )
        if errors:
            raise ValidationError(errors)
        before = snapshot(vacancy, VACANCY_FIELDS)
        vacancy.title = title.strip()
        vacancy.description = (description or "").strip()
        vacancy.critical_role = critical_role
        vacancy.management_level = management_level
        vacancy.stage = stage
        vacancy.opened_on = opened_on
        vacancy.closes_on = closes_on
        after = snapshot(vacancy, VACANCY_FIELDS)
        if before != after:
            vacancy.version += 1
            vacancy.save()
            audit_record(
                actor=actor,
                action="vacancy_updated",
                obj=vacancy,
                before=before,
                after=after,
                organisation_id=vacancy.organisation_id,
            )
    return vacancy


def vacancy_withdraw(
    *, actor, vacancy: Vacancy, reason: str, expected_version: int | None = None
) -> Vacancy:
    """Take an open vacancy off the register, with the reason (shown on its page)."""
    _require_people_lead(actor, vacancy.organisation_id)
    reason = _reason(reason, "the vacancy is withdrawn")
    with transaction.atomic():
        vacancy = _locked(vacancy)
        _check_version(vacancy, expected_version, "vacancy")
        if vacancy.status != Vacancy.Status.OPEN:
            raise ValidationError(
                f"{vacancy.reference} is already {vacancy.get_status_display().lower()}."
            )
        vacancy.status = Vacancy.Status.WITHDRAWN
        vacancy.withdrawn_reason = reason
        vacancy.version += 1
        vacancy.save(update_fields=["status", "withdrawn_reason", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="vacancy_withdrawn",
            obj=vacancy,
            before={"status": Vacancy.Status.OPEN},
            after={"status": vacancy.status, "reason": reason},
            organisation_id=vacancy.organisation_id,
        )
    return vacancy


def challenge_refusal(organisation: Organisation, segment: int | None) -> str | None:
    """Why the organisation cannot flag a vacancy as challenged today, or None if it can."""
    if segment in CHALLENGED_SEGMENTS:
        return None
    if segment is None:
        where = f"{organisation.name} has no NOF segment in force today"
    else:
        where = f"{organisation.name} is in segment {segment}"
    return f"{where}; only organisations in segment 4 or 5 can flag a vacancy as challenged"


def vacancy_flag(
    *,
    actor,
    vacancy: Vacancy,
    expected_version: int | None = None,
    today: datetime.date | None = None,
) -> Vacancy:
    """Flag an open vacancy as challenged, recording the segment in force today (4 or 5)."""
    _require_people_lead(actor, vacancy.organisation_id)
    with transaction.atomic():
        vacancy = _locked(vacancy)
        _check_version(vacancy, expected_version, "vacancy")
        if vacancy.status != Vacancy.Status.OPEN:
            raise ValidationError(
                f"{vacancy.reference} is {vacancy.get_status_display().lower()}, so it "
                "cannot be flagged."
            )
        if vacancy.is_challenged:
            raise ValidationError(f"{vacancy.reference} is already flagged as challenged.")
        found = current_segment(vacancy.organisation, on_date=today)
        segment = found.segment if found is not None else None
        refusal = challenge_refusal(vacancy.organisation, segment)
        if refusal:
            raise ValidationError(refusal)
        vacancy.is_challenged = True
        vacancy.segment_when_flagged = segment
        vacancy.flagged_at = timezone.now()
        vacancy.version += 1
        vacancy.save(
            update_fields=[
                "is_challenged",
                "segment_when_flagged",
                "flagged_at",
                "version",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="vacancy_flagged_challenged",
            obj=vacancy,
            before={"is_challenged": False},
            after={"is_challenged": True, "segment_when_flagged": segment},
            organisation_id=vacancy.organisation_id,
        )
    return vacancy


def vacancy_unflag(
    *, actor, vacancy: Vacancy, reason: str, expected_version: int | None = None
) -> Vacancy:
    """Remove the challenged flag, with a reason. Only challenged vacancies carry a package,
    so an attached package is detached too."""
    _require_people_lead(actor, vacancy.organisation_id)
    reason = _reason(reason, "the flag is removed")
    with transaction.atomic():
        vacancy = _locked(vacancy)
        _check_version(vacancy, expected_version, "vacancy")
        if not vacancy.is_challenged:
            raise ValidationError(f"{vacancy.reference} is not flagged as challenged.")
        before = snapshot(vacancy, ("is_challenged", "segment_when_flagged", "package"))
        vacancy.is_challenged = False
        vacancy.segment_when_flagged = None
        vacancy.flagged_at = None
        vacancy.package = None
        vacancy.version += 1
        vacancy.save()
        audit_record(
            actor=actor,
            action="vacancy_unflagged_challenged",
            obj=vacancy,
            before=before,
            after={
                **snapshot(vacancy, ("is_challenged", "segment_when_flagged", "package")),
                "reason": reason,
            },
            organisation_id=vacancy.organisation_id,
        )
    return vacancy


def vacancy_package_set(
    *,
    actor,
    vacancy: Vacancy,
    package: IncentivePackage | None,
    expected_version: int | None = None,
) -> Vacancy:
    """Attach a published package of the vacancy's region to a challenged, open vacancy, or
    detach it (``package`` None). By a regional talent lead of the region."""
    _require_region_lead(actor, vacancy.organisation.region_id)
    with transaction.atomic():
        vacancy = _locked(vacancy)
        _check_version(vacancy, expected_version, "vacancy")
        if package is not None:
            if vacancy.status != Vacancy.Status.OPEN:
                raise ValidationError(
                    f"{vacancy.reference} is {vacancy.get_status_display().lower()}; only an "
                    "open vacancy can be given a package."
                )
            if not vacancy.is_challenged:
                raise ValidationError(
                    f"{vacancy.reference} is not flagged as challenged; only challenged "
                    "vacancies can carry an incentive package."
                )
            if package.region_id != vacancy.organisation.region_id:
                raise ValidationError({"package": "Choose a package of the vacancy's region"})
            if package.status != IncentivePackage.Status.PUBLISHED:
                raise ValidationError({"package": f"{package.title} is not published"})
        if vacancy.package_id == (package.pk if package else None):
            return vacancy
        before = {"package": vacancy.package_id}
        vacancy.package = package
        vacancy.version += 1
        vacancy.save(update_fields=["package", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="vacancy_package_attached" if package else "vacancy_package_removed",
            obj=vacancy,
            before=before,
            after={"package": vacancy.package_id},
            organisation_id=vacancy.organisation_id,
        )
    return vacancy


# --- Packages --------------------------------------------------------------------------------


def package_errors(values: dict) -> dict[str, str]:
    """Field name -> message for a package's values that break the rules: the premium is
    more than 0% and at most 15%, capped at £45,000, for a stated number of months."""
    errors = {}
    title = (values.get("title") or "").strip()
    if not title:
        errors["title"] = "Enter a title for the package"
    elif len(title) > 200:
        errors["title"] = "Title must be 200 characters or fewer"
    percent = values.get("pay_premium_percent")
    cap = values.get("pay_premium_cap")
    months = values.get("pay_premium_months")
    if percent is not None:
        if percent <= 0 or percent > MAX_PREMIUM_PERCENT:
            errors["pay_premium_percent"] = "Pay premium must be more than 0% and at most 15%"
        if cap is None:
            errors["pay_premium_cap"] = "Enter the yearly cap on the pay premium, up to £45,000"
        if months is None:
            errors["pay_premium_months"] = "Enter how many months the pay premium lasts"
    elif cap is not None or months is not None:
        errors["pay_premium_percent"] = (
            "Enter the pay premium percentage, or clear its cap and months"
        )
    if cap is not None and not 0 < cap <= MAX_PREMIUM_CAP:
        errors["pay_premium_cap"] = "Pay premium cap must be between £1 and £45,000 a year"
    if months is not None and not 0 < months <= MAX_PREMIUM_MONTHS:
        errors["pay_premium_months"] = "Pay premium months must be between 1 and 60"
    if (
        values.get("relocation_cap") is not None
        and not (values.get("relocation_support") or "").strip()
    ):
        errors["relocation_support"] = "Describe the relocation support the cap applies to"
    if values.get("guaranteed_return") and not (values.get("return_route") or "").strip():
        errors["return_route"] = "Describe the guaranteed return route"
    for name in ("relocation_support", "development_offer", "return_route"):
        if len(values.get(name) or "") > 300:
            errors[name] = "Must be 300 characters or fewer"
    return errors


def _package_values(values: dict) -> dict:
    cleaned = {name: values.get(name) for name in PACKAGE_FIELDS if name in values}
    for name in ("title", "relocation_support", "development_offer", "return_route"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    for name in ("mentoring", "peer_support_network", "guaranteed_return"):
        if name in cleaned:
            cleaned[name] = bool(cleaned[name])
    return cleaned


def package_create(*, actor, region: Organisation, **values) -> IncentivePackage:
    """A region's package, draft unless ``status`` says otherwise. ``values`` are the
    package's fields (see ``PACKAGE_FIELDS``)."""
    _require_region_lead(actor, region.pk)
    errors = package_errors(values)
    if errors:
        raise ValidationError(errors)
    values = _package_values(values)
    values.pop("region", None)
    with transaction.atomic():
        package = IncentivePackage.objects.create(region=region, created_by=actor, **values)
        audit_record(
            actor=actor,
            action="incentive_package_created",
            obj=package,
            after=snapshot(package, PACKAGE_FIELDS),
            organisation_id=region.pk,
        )
    return package


def package_update(
    *, actor, package: IncentivePackage, expected_version: int | None, **values
) -> IncentivePackage:
    """Change a package. Vacancies already carrying it keep it, whatever its status: a
    withdrawn package can no longer be attached, but an offer made stands."""
    _require_region_lead(actor, package.region_id)
    errors = package_errors(values)
    if errors:
        raise ValidationError(errors)
    values = _package_values(values)
    values.pop("region", None)
    with transaction.atomic():
        package = IncentivePackage.objects.select_for_update().get(pk=package.pk)
        _check_version(package, expected_version, "package")
        before = snapshot(package, PACKAGE_FIELDS)
        for name, value in values.items():
            setattr(package, name, value)
        after = snapshot(package, PACKAGE_FIELDS)
        if before != after:
            package.version += 1
            package.save()
            audit_record(
                actor=actor,
                action="incentive_package_updated",
                obj=package,
                before=before,
                after=after,
                organisation_id=package.region_id,
            )
    return package
