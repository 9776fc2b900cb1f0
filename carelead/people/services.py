"""Writes to people, employments, equality monitoring and the people reference data.

Every function here is keyword-only, runs in one transaction and writes its audit events in
that same transaction. Validation failures raise ``django.core.exceptions.ValidationError``
with a dict keyed by field name, so a form can put each message next to its input.
"""

import csv
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from carelead.accounts.roles import Role
from carelead.accounts.scoping import organisations_in_scope
from carelead.core.services.audit import AuditEntry, audit_record, audit_record_many, snapshot
from carelead.people.models import (
    Employment,
    EqualityMonitoring,
    EqualityOption,
    PayBand,
    Person,
    StaffGroup,
)
from carelead.people.signals import announce_employments_started

DATA_DIR = Path(__file__).resolve().parent / "data"

PERSON_FIELDS = ["person_number", "given_name", "family_name", "email"]
EMPLOYMENT_FIELDS = [
    "person",
    "organisation",
    "assignment_number",
    "job_title",
    "staff_group",
    "pay_band",
    "management_level",
    "line_manager",
    "start_date",
    "end_date",
    "fte",
]
# Person and organisation define what an employment is; changing either is a new employment.
EMPLOYMENT_EDITABLE_FIELDS = [f for f in EMPLOYMENT_FIELDS if f not in ("person", "organisation")]

FTE_MIN = Decimal("0")
FTE_MAX = Decimal("2")


class EqualityMonitoringConflict(Exception):
    """The answers were saved by someone else (another tab, another device) after the form
    being submitted was opened. Nothing was written."""

    def __init__(self, *, expected_version: int, current_version: int):
        self.expected_version = expected_version
        self.current_version = current_version
        super().__init__(
            "These equality monitoring answers were changed since the form was opened "
            f"(form version {expected_version}, saved version {current_version})."
        )


# --- Reference data -------------------------------------------------------------------------


def _read_csv(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
        # Line 1 is the header, so the first data row is line 2.
        return [
            (line, {k: (v or "").strip() for k, v in row.items()})
            for line, row in enumerate(reader, start=2)
        ]


def _int(value: str, *, where: str) -> int:
    try:
        return int(value or 0)
    except ValueError:
        raise ValueError(f"{where}: '{value}' is not a whole number") from None


def _flag(value: str, *, where: str) -> bool:
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "y"}:
        return True
    if lowered in {"", "0", "false", "no", "n"}:
        return False
    raise ValueError(f"{where}: '{value}' is not 1 or 0")


def reference_data_load(*, data_dir: Path | str | None = None) -> dict[str, int]:
    """Create or update staff groups, pay bands and equality options from the CSV files in
    ``data_dir`` (default carelead/people/data). Safe to run again: rows are matched on their
    codes and updated in place; rows missing from the files are left alone, because
    employments and answers may still point at them.

    Returns how many rows of each file were loaded. Raises ValueError naming the file and
    line when a file is malformed; nothing is written in that case.
    """
    base = Path(data_dir) if data_dir else DATA_DIR
    staff_rows = _read_csv(base / "staff_groups.csv", ["code", "name", "sort_order"])
    band_rows = _read_csv(base / "pay_bands.csv", ["code", "name", "family", "rank"])
    option_rows = _read_csv(
        base / "equality_options.csv",
        ["question", "code", "label", "group", "wres_group", "sort_order", "is_not_stated"],
    )
    families = set(PayBand.Family.values)
    questions = set(EqualityOption.Question.values)

    with transaction.atomic():
        for line, row in staff_rows:
            where = f"staff_groups.csv line {line}"
            if not row["code"] or not row["name"]:
                raise ValueError(f"{where}: code and name are required")
            StaffGroup.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "sort_order": _int(row["sort_order"], where=where),
                },
            )
        for line, row in band_rows:
            where = f"pay_bands.csv line {line}"
            if not row["code"] or not row["name"]:
                raise ValueError(f"{where}: code and name are required")
            if row["family"] not in families:
                raise ValueError(
                    f"{where}: family '{row['family']}' is not one of {', '.join(sorted(families))}"
                )
            PayBand.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "family": row["family"],
                    "rank": _int(row["rank"], where=where),
                },
            )
        for line, row in option_rows:
            where = f"equality_options.csv line {line}"
            if row["question"] not in questions:
                raise ValueError(f"{where}: question '{row['question']}' is not known")
            if not row["code"] or not row["label"]:
                raise ValueError(f"{where}: code and label are required")
            EqualityOption.objects.update_or_create(
                question=row["question"],
                code=row["code"],
                defaults={
                    "label": row["label"],
                    "group": row["group"],
                    "wres_group": row["wres_group"],
                    "sort_order": _int(row["sort_order"], where=where),
                    "is_not_stated": _flag(row["is_not_stated"], where=where),
                },
            )
    return {
        "staff_groups": len(staff_rows),
        "pay_bands": len(band_rows),
        "equality_options": len(option_rows),
    }


# --- People ---------------------------------------------------------------------------------


def _person_organisation_ids(person: Person) -> list[int | None]:
    """Organisations whose audit trail a change to this person belongs on: every current
    employer, so each employer's people lead sees it (none: an unscoped row)."""
    ids = sorted(set(person.employments.current().values_list("organisation_id", flat=True)))
    return ids or [None]


def _validate_person(person: Person) -> None:
    errors: dict[str, list[str]] = {}
    if not person.person_number:
        errors.setdefault("person_number", []).append("Enter a person number")
    elif Person.objects.filter(person_number=person.person_number).exclude(pk=person.pk).exists():
        errors.setdefault("person_number", []).append(
            f"Person number {person.person_number} already belongs to someone else"
        )
    if not person.given_name:
        errors.setdefault("given_name", []).append("Enter a given name")
    if not person.family_name:
        errors.setdefault("family_name", []).append("Enter a family name")
    if errors:
        raise ValidationError(errors)
    person.full_clean()


def person_create(
    *,
    actor,
    person_number: str,
    given_name: str,
    family_name: str,
    email: str = "",
    organisation_id: int | None = None,
) -> Person:
    """Create a person. ``organisation_id`` is the organisation on whose behalf the person
    is added (for the audit trail), since a new person has no employments yet."""
    person = Person(
        person_number=(person_number or "").strip(),
        given_name=(given_name or "").strip(),
        family_name=(family_name or "").strip(),
        email=(email or "").strip(),
    )
    with transaction.atomic():
        _validate_person(person)
        person.save()
        audit_record(
            actor=actor,
            action="person_created",
            obj=person,
            after=snapshot(person, PERSON_FIELDS),
            organisation_id=organisation_id,
        )
    return person


def person_update(*, actor, person: Person, data: Mapping[str, Any]) -> Person:
    """Change a person's name, email or person number. Unknown keys are refused rather than
    ignored, so a typo in a caller cannot silently drop a change."""
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(sorted(unknown))} on a person")
    with transaction.atomic():
        before = snapshot(person, PERSON_FIELDS)
        for name, value in data.items():
            setattr(person, name, (value or "").strip())
        after = snapshot(person, PERSON_FIELDS)
        if before == after:
            return person
        _validate_person(person)
        person.save()
        audit_record_many(
            actor=actor,
            entries=[
                AuditEntry("person_updated", person, before, after, organisation_id)
                for organisation_id in _person_organisation_ids(person)
            ],
        )
    return person


# --- Employments ----------------------------------------------------------------------------


def _fte(value):
    """FTE as a two-place Decimal, so 1, "1" and Decimal("1.00") compare equal in snapshots;
    anything unparseable is returned as it came, for validation to report."""
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return value


def _is_current(employment: Employment, day: date) -> bool:
    return employment.start_date <= day and (
        employment.end_date is None or employment.end_date >= day
    )


def _validate_employment(employment: Employment, *, check_line_manager: bool) -> None:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if not employment.assignment_number:
        add("assignment_number", "Enter an assignment number")
    elif (
        employment.person_id
        and Employment.objects.filter(
            person_id=employment.person_id, assignment_number=employment.assignment_number
        )
        .exclude(pk=employment.pk)
        .exists()
    ):
        add(
            "assignment_number",
            f"This person already has an employment with assignment number "
            f"{employment.assignment_number}",
        )
    if not employment.job_title:
        add("job_title", "Enter a job title")
    if not employment.staff_group_id:
        add("staff_group", "Choose a staff group")
    if not isinstance(employment.start_date, date):
        add("start_date", "Enter a start date")
    elif employment.end_date is not None and employment.end_date < employment.start_date:
        add("end_date", "End date must be the same as or after the start date")
    employment.fte = _fte(employment.fte)
    if not isinstance(employment.fte, Decimal) or not employment.fte.is_finite():
        add("fte", "FTE must be a number, like 1 or 0.6")
    elif not FTE_MIN <= employment.fte <= FTE_MAX:
        add("fte", "FTE must be between 0 and 2")
    if employment.management_level is not None and (
        employment.management_level not in Employment.ManagementLevel.values
    ):
        add("management_level", "Management level must be between 1 and 5")

    manager = employment.line_manager
    if check_line_manager and manager is not None:
        if manager.pk is not None and manager.pk == employment.pk:
            add("line_manager", "An employment cannot be its own line manager")
        elif manager.person_id == employment.person_id:
            add("line_manager", "A person cannot be their own line manager")
        elif manager.organisation_id != employment.organisation_id:
            add("line_manager", "The line manager must work for the same organisation")
        elif not _is_current(manager, timezone.localdate()):
            add("line_manager", "The line manager's employment must be current")
    if errors:
        raise ValidationError(errors)
    employment.full_clean(validate_unique=False, validate_constraints=False)


def employment_create(
    *,
    actor,
    person: Person,
    organisation,
    assignment_number: str,
    job_title: str,
    staff_group: StaffGroup,
    start_date: date,
    pay_band: PayBand | None = None,
    management_level: int | None = None,
    line_manager: Employment | None = None,
    end_date: date | None = None,
    fte: Decimal | str | int = Decimal("1"),
    notes: list[str] | None = None,
) -> Employment:
    """Add an employment (an ESR assignment) for a person at an organisation.

    Other apps hear of it through ``signals.employments_started`` in the same transaction;
    pass a list as ``notes`` to receive what they want the user told (e.g. an induction
    enrolment)."""
    employment = Employment(
        person=person,
        organisation=organisation,
        assignment_number=(assignment_number or "").strip(),
        job_title=(job_title or "").strip(),
        staff_group=staff_group,
        pay_band=pay_band,
        management_level=management_level,
        line_manager=line_manager,
        start_date=start_date,
        end_date=end_date,
        fte=fte,
    )
    with transaction.atomic():
        _validate_employment(employment, check_line_manager=True)
        employment.save()
        audit_record(
            actor=actor,
            action="employment_created",
            obj=employment,
            after=snapshot(employment, EMPLOYMENT_FIELDS),
            organisation_id=employment.organisation_id,
        )
        announced = announce_employments_started(
            sender=Employment, employment_ids=[employment.pk], actor=actor
        )
        if notes is not None:
            notes.extend(announced)
    return employment


def employment_update(*, actor, employment: Employment, data: Mapping[str, Any]) -> Employment:
    """Change an employment. ``data`` maps field names (see EMPLOYMENT_EDITABLE_FIELDS) to
    new values; foreign keys are given as instances. Unchanged data writes nothing."""
    unknown = set(data) - set(EMPLOYMENT_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(sorted(unknown))} on an employment")
    with transaction.atomic():
        employment.fte = _fte(employment.fte)
        before = snapshot(employment, EMPLOYMENT_FIELDS)
        for name, value in data.items():
            if isinstance(value, str) and name in ("assignment_number", "job_title"):
                value = value.strip()
            setattr(employment, name, value)
        employment.fte = _fte(employment.fte)
        after = snapshot(employment, EMPLOYMENT_FIELDS)
        if before == after:
            return employment
        # Only a newly chosen manager is checked: an old one who has since left must not
        # block unrelated changes such as ending the employment.
        _validate_employment(
            employment, check_line_manager=before["line_manager"] != after["line_manager"]
        )
        employment.save()
        audit_record(
            actor=actor,
            action="employment_updated",
            obj=employment,
            before=before,
            after=after,
            organisation_id=employment.organisation_id,
        )
    return employment


def employment_end(*, actor, employment: Employment, end_date: date) -> Employment:
    """End an employment on ``end_date`` (the last day worked)."""
    if not isinstance(end_date, date):
        raise ValidationError({"end_date": ["Enter the last day of the employment"]})
    with transaction.atomic():
        employment.fte = _fte(employment.fte)
        before = snapshot(employment, EMPLOYMENT_FIELDS)
        employment.end_date = end_date
        _validate_employment(employment, check_line_manager=False)
        employment.save(update_fields=["end_date", "updated_at"])
        audit_record(
            actor=actor,
            action="employment_ended",
            obj=employment,
            before=before,
            after=snapshot(employment, EMPLOYMENT_FIELDS),
            organisation_id=employment.organisation_id,
        )
    return employment


# --- Equality monitoring --------------------------------------------------------------------


def _valid_codes() -> dict[str, set[str]]:
    codes: dict[str, set[str]] = {q: set() for q in EqualityMonitoring.QUESTIONS}
    for question, code in EqualityOption.objects.values_list("question", "code"):
        codes.setdefault(question, set()).add(code)
    return codes


def equality_monitoring_update(
    *, person: Person, actor, data: Mapping[str, str], expected_version: int
) -> EqualityMonitoring:
    """Save a person's own equality monitoring answers.

    ``data`` maps question names (EqualityMonitoring.QUESTIONS) to option codes; a blank
    value means "not answered". ``expected_version`` is the version the form was opened at
    (0 when the person had no answers yet); if the saved version has moved on, nothing is
    written and EqualityMonitoringConflict is raised.

    Only the person (or the system, actor=None) may change the answers. The audit event
    names which questions changed and never the answers, because this is special category
    data; it carries no organisation, so it appears on no employer's audit page.
    """
    if actor is not None and getattr(actor, "person_id", None) != person.pk:
        raise PermissionDenied("Only the person can change their equality monitoring answers")
    unknown = set(data) - set(EqualityMonitoring.QUESTIONS)
    if unknown:
        raise ValidationError(f"Unknown equality question(s): {', '.join(sorted(unknown))}")
    answers = {q: (data.get(q) or "").strip() for q in EqualityMonitoring.QUESTIONS if q in data}
    valid = _valid_codes()
    errors = {
        q: ["Choose one of the options"]
        for q, code in answers.items()
        if code and code not in valid.get(q, set())
    }
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        record = EqualityMonitoring.objects.filter(person=person).first()
        current_version = record.version if record else 0
        if expected_version != current_version:
            raise EqualityMonitoringConflict(
                expected_version=expected_version, current_version=current_version
            )
        created = record is None
        if created:
            record = EqualityMonitoring(person=person, version=1, **answers)
            changed = sorted(q for q, code in answers.items() if code)
            try:
                # A savepoint, so a lost race leaves the outer transaction usable.
                with transaction.atomic():
                    record.save()
            except IntegrityError:
                raise EqualityMonitoringConflict(
                    expected_version=expected_version, current_version=1
                ) from None
        else:
            changed = sorted(q for q, code in answers.items() if getattr(record, q) != code)
            if not changed:
                return record
            # The version condition makes the write itself the lock check, so two saves
            # racing from the same version cannot both succeed.
            updated = EqualityMonitoring.objects.filter(
                pk=record.pk, version=expected_version
            ).update(
                **{q: answers[q] for q in changed},
                version=F("version") + 1,
                updated_at=timezone.now(),
            )
            if not updated:
                record.refresh_from_db(fields=["version"])
                raise EqualityMonitoringConflict(
                    expected_version=expected_version, current_version=record.version
                )
            record.refresh_from_db()
        if changed or created:
            audit_record(
                actor=actor,
                action="equality_monitoring_updated",
                obj=record,
                before={"version": current_version},
                after={"version": record.version, "questions_changed": changed},
                organisation_id=None,
            )
    return record


# --- New starters added by hand ---------------------------------------------------------------


def _same_name(person: Person, given_name: str, family_name: str) -> bool:
    return (person.given_name.casefold(), person.family_name.casefold()) == (
        given_name.strip().casefold(),
        family_name.strip().casefold(),
    )


def new_starter_add(
    *,
    actor,
    organisation,
    person_number: str,
    given_name: str,
    family_name: str,
    email: str = "",
    assignment_number: str,
    job_title: str,
    staff_group: StaffGroup | None,
    start_date: date | None,
    pay_band: PayBand | None = None,
    management_level: int | None = None,
    line_manager_assignment: str = "",
    fte: Decimal | str | int = Decimal("1"),
) -> tuple[Employment, list[str]]:
    """Add someone who has just joined ``organisation``, by hand: the person (or, when the
    person number is already in carelead, the person who moves with it) and their new
    employment, all or nothing.

    Returns the employment and what other apps did with it, a sentence each (the national
    induction enrols new starters). Every problem is a ValidationError keyed by field name.
    """
    errors: dict[str, list[str]] = {}
    person_number = (person_number or "").strip()
    line_manager_assignment = (line_manager_assignment or "").strip()
    if (
        actor is not None
        and not organisations_in_scope(actor, Role.PEOPLE_LEAD).filter(pk=organisation.pk).exists()
    ):
        raise ValidationError({"organisation": "You are not a people lead for that organisation"})
    line_manager = None
    if line_manager_assignment:
        line_manager = (
            Employment.objects.current()
            .filter(organisation=organisation, assignment_number=line_manager_assignment)
            .first()
        )
        if line_manager is None:
            errors["line_manager_assignment"] = [
                f"No one at {organisation.name} has a current employment with assignment "
                f"number {line_manager_assignment}"
            ]
    existing = Person.objects.filter(person_number=person_number).first() if person_number else None
    if existing and not _same_name(existing, given_name, family_name):
        errors["person_number"] = [
            f"Person number {person_number} is already in carelead under another name. Check "
            "the number; if the name has changed, correct it in the next workforce extract"
        ]
    # Check the person and the employment together, so the form shows every problem at once.
    checks = [
        lambda: (
            existing
            or _validate_person(
                Person(person_number=person_number, given_name=given_name, family_name=family_name)
            )
        ),
        lambda: _validate_employment(
            Employment(
                person_id=existing.pk if existing else None,
                organisation=organisation,
                assignment_number=(assignment_number or "").strip(),
                job_title=(job_title or "").strip(),
                staff_group=staff_group,
                start_date=start_date,
                pay_band=pay_band,
                management_level=management_level,
                fte=fte,
            ),
            check_line_manager=False,
        ),
    ]
    for check in checks:
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field == "person":
                    continue  # a new person has no key yet; it is made below
                errors.setdefault(field, []).extend(
                    m for m in messages if m not in errors.get(field, [])
                )
    if errors:
        raise ValidationError(errors)
    notes: list[str] = []
    with transaction.atomic():
        person = existing or person_create(
            actor=actor,
            person_number=person_number,
            given_name=given_name,
            family_name=family_name,
            email=email,
            organisation_id=organisation.pk,
        )
        employment = employment_create(
            actor=actor,
            person=person,
            organisation=organisation,
            assignment_number=assignment_number,
            job_title=job_title,
            staff_group=staff_group,
            start_date=start_date,
            pay_band=pay_band,
            management_level=management_level,
            line_manager=line_manager,
            fte=fte,
            notes=notes,
        )
    return employment, notes
