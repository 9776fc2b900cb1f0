"""Completions, declared learning and credentials: recording what a person completed,
verifying what they declare, and issuing and revoking the credential a programme earns.

Every write is atomic and audited. A provider's completion is idempotent by the provider's
own key (``idempotency_key``), so a file or an API call sent twice records one completion.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.core.services.audit import audit_record, snapshot
from carelead.learning.models import Completion, Credential, Enrolment, Module, Programme
from carelead.learning.services.enrolments import enrolment_complete
from carelead.people.imports.extract import RowError
from carelead.people.models import Employment, Person, current_q

COMPLETION_FIELDS = [
    "person",
    "programme",
    "module",
    "enrolment",
    "provider",
    "title",
    "provider_name",
    "hours",
    "completed_on",
    "source",
    "status",
    "evidence_url",
    "idempotency_key",
]
CREDENTIAL_FIELDS = [
    "person",
    "stage",
    "framework_version",
    "programme",
    "completion",
    "issuer",
    "issued_on",
    "status",
]
IDEMPOTENCY_KEY_MAX = 100


class CompletionConflict(ValidationError):
    """The idempotency key was used before for a different completion."""


def _payload(*, person, programme, module, completed_on) -> tuple:
    return (
        person.pk,
        programme.pk if programme else None,
        module.pk if module else None,
        completed_on,
    )


def _existing_payload(completion: Completion) -> tuple:
    return (
        completion.person_id,
        completion.programme_id,
        completion.module_id,
        completion.completed_on,
    )


def _check_date(completed_on, *, today=None) -> None:
    today = today or timezone.localdate()
    if completed_on is None:
        raise ValidationError({"completed_on": "Enter the date the learning was completed."})
    if completed_on > today:
        raise ValidationError({"completed_on": "The completion date must be today or earlier."})


def completion_record(
    *,
    actor,
    provider,
    person: Person,
    programme: Programme | None,
    completed_on: datetime.date,
    module: Module | None = None,
    source: str,
    idempotency_key: str = "",
) -> Completion:
    """Record that ``person`` completed ``programme`` (or one of its ``module``\\ s), as
    reported by ``provider``.

    The provider must own the programme or run the person's cohort, and the person must have
    a live enrolment on the programme. A programme completion marks the enrolment completed
    and, when the programme awards a credential, issues the credential for its stage unless
    the person already holds an active one for that stage. The same (provider,
    ``idempotency_key``) returns the completion recorded first and changes nothing; the same
    key with a different person, programme, module or date raises CompletionConflict.
    Other problems raise ValidationError keyed by the argument at fault.
    """
    idempotency_key = (idempotency_key or "").strip()
    if len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
        raise ValidationError(
            {"idempotency_key": f"The reference must be {IDEMPOTENCY_KEY_MAX} characters or fewer."}
        )
    if module is not None:
        if programme is None:
            programme = module.programme
        elif module.programme_id != programme.pk:
            raise ValidationError(
                {"module": f"Module {module.code} is not a module of {programme.title}."}
            )
    if programme is None:
        raise ValidationError({"programme": "Say which programme was completed."})
    if source == Completion.Source.SELF_DECLARED:
        raise ValidationError("Use learning_declare for learning a person declares.")

    with transaction.atomic():
        if idempotency_key:
            existing = (
                Completion.objects.select_for_update()
                .filter(provider=provider, idempotency_key=idempotency_key)
                .first()
            )
            if existing is not None:
                wanted = _payload(
                    person=person, programme=programme, module=module, completed_on=completed_on
                )
                if _existing_payload(existing) != wanted:
                    raise CompletionConflict(
                        f"The reference {idempotency_key!r} was already used for a different "
                        "completion. Send a new reference for a new completion.",
                        code="conflict",
                    )
                return existing

        _check_date(completed_on)
        enrolment = (
            # Only the enrolment is locked: PostgreSQL cannot lock the nullable side of the
            # outer join to the cohort.
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .filter(person=person, programme=programme)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .first()
        )
        if enrolment is None:
            raise ValidationError(
                {
                    "person": ValidationError(
                        f"{person} has no current enrolment on {programme.title}.",
                        code="not_enrolled",
                    )
                }
            )
        runs_cohort = enrolment.cohort is not None and enrolment.cohort.provider_id == provider.pk
        if programme.provider_id != provider.pk and not runs_cohort:
            raise ValidationError(
                {
                    "programme": ValidationError(
                        f"{provider.name} does not run {programme.title} for {person}.",
                        code="not_provider",
                    )
                }
            )
        already = Completion.objects.filter(
            person=person, programme=programme, module=module
        ).exclude(source=Completion.Source.SELF_DECLARED)
        if already.exists():
            what = module.title if module else programme.title
            raise ValidationError(
                {
                    "person": ValidationError(
                        f"{person}'s completion of {what} is already recorded.",
                        code="already_recorded",
                    )
                }
            )

        completion = Completion.objects.create(
            person=person,
            programme=programme,
            module=module,
            enrolment=enrolment,
            provider=provider,
            completed_on=completed_on,
            source=source,
            status=Completion.Status.VERIFIED,
            idempotency_key=idempotency_key,
        )
        audit_record(
            actor=actor,
            action="completion_recorded",
            obj=completion,
            after=snapshot(completion, COMPLETION_FIELDS),
            organisation_id=enrolment.organisation_id,
        )
        if module is None:
            enrolment_complete(actor=actor, enrolment=enrolment, completed_on=completed_on)
            if programme.awards_credential and programme.stage_id:
                _credential_issue(actor=actor, completion=completion, enrolment=enrolment)
    return completion


def _credential_issue(*, actor, completion: Completion, enrolment: Enrolment) -> Credential | None:
    programme = completion.programme
    held = Credential.objects.filter(
        person_id=completion.person_id,
        stage_id=programme.stage_id,
        status=Credential.Status.ACTIVE,
    ).exists()
    if held:
        return None
    credential = Credential.objects.create(
        person_id=completion.person_id,
        stage_id=programme.stage_id,
        framework_version_id=programme.framework_version_id,
        programme=programme,
        completion=completion,
        issuer=completion.provider,
        issued_on=completion.completed_on,
    )
    audit_record(
        actor=actor,
        action="credential_issued",
        obj=credential,
        after=snapshot(credential, CREDENTIAL_FIELDS),
        organisation_id=enrolment.organisation_id,
    )
    return credential


# --- the provider's completions file -----------------------------------------------------

PERSON_NUMBER = "person_number"
PROGRAMME_CODE = "programme_code"
MODULE_CODE = "module_code"
COMPLETED_ON = "completed_on"
REFERENCE = "reference"
UPLOAD_COLUMNS = [PERSON_NUMBER, PROGRAMME_CODE, MODULE_CODE, COMPLETED_ON, REFERENCE]
UPLOAD_REQUIRED = frozenset({PERSON_NUMBER, PROGRAMME_CODE, COMPLETED_ON, REFERENCE})
MAX_UPLOAD_ERRORS = 1000
# Which file column a service error keyed by argument is about.
_COLUMN_FOR_ARGUMENT = {
    "person": PERSON_NUMBER,
    "programme": PROGRAMME_CODE,
    "module": MODULE_CODE,
    "completed_on": COMPLETED_ON,
    "idempotency_key": REFERENCE,
}


@dataclass
class CompletionsUploadResult:
    """What an upload did. ``errors`` empty means every row was applied; otherwise nothing
    was written."""

    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    unchanged: int = 0
    credentials_issued: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.errors) < MAX_UPLOAD_ERRORS:
            self.errors.append(RowError(row, column, message))


class _RollBack(Exception):
    pass


@dataclass
class _Row:
    number: int
    person: Person
    programme: Programme
    module: Module | None
    completed_on: datetime.date
    reference: str


def _read_rows(content: bytes, result: CompletionsUploadResult) -> list[_Row]:
    """Parse and check each row on its own (with set-based look-ups); no writes."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.add(0, "", "The file is not UTF-8 text. Save it as 'CSV UTF-8' and upload it again.")
        return []
    records = list(csv.reader(io.StringIO(text)))
    if not records or not any(cell.strip() for cell in records[0]):
        result.add(0, "", "The file is empty: it needs a header row and at least one row.")
        return []
    header = [cell.strip().lower() for cell in records[0]]
    positions = {}
    for index, name in enumerate(header):
        if name not in UPLOAD_COLUMNS:
            result.add(1, name or f"column {index + 1}", f"'{name}' is not a column of the file.")
        elif name in positions:
            result.add(1, name, f"The column '{name}' appears more than once.")
        else:
            positions[name] = index
    for name in UPLOAD_REQUIRED:
        if name not in positions:
            result.add(1, name, f"The column '{name}' is missing.")
    if not result.ok:
        return []

    raw = []
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            name: (cells[i].strip() if i < len(cells) else "") for name, i in positions.items()
        }
        values.setdefault(MODULE_CODE, "")
        raw.append((number, values))
    result.rows = len(raw)
    if not raw:
        result.add(0, "", "The file has a header row but no completions.")
        return []

    people = {
        p.person_number: p
        for p in Person.objects.filter(person_number__in={v[PERSON_NUMBER] for _, v in raw})
    }
    programmes = {
        p.code: p for p in Programme.objects.filter(code__in={v[PROGRAMME_CODE] for _, v in raw})
    }
    modules = {
        (m.programme_id, m.code): m
        for m in Module.objects.filter(
            programme__in=programmes.values(), code__in={v[MODULE_CODE] for _, v in raw}
        )
    }
    today = timezone.localdate()
    rows = []
    for number, values in raw:
        errors_before = len(result.errors)
        for name in UPLOAD_REQUIRED:
            if not values[name]:
                result.add(number, name, f"Enter a value for {name}.")
        person = people.get(values[PERSON_NUMBER])
        if values[PERSON_NUMBER] and person is None:
            result.add(
                number,
                PERSON_NUMBER,
                f"Nobody with the number {values[PERSON_NUMBER]!r} is enrolled with you.",
            )
        programme = programmes.get(values[PROGRAMME_CODE])
        if values[PROGRAMME_CODE] and programme is None:
            result.add(
                number, PROGRAMME_CODE, f"No programme has the code {values[PROGRAMME_CODE]!r}."
            )
        module = None
        if values[MODULE_CODE] and programme is not None:
            module = modules.get((programme.pk, values[MODULE_CODE]))
            if module is None:
                result.add(
                    number,
                    MODULE_CODE,
                    f"{programme.title} has no module with the code {values[MODULE_CODE]!r}.",
                )
        completed_on = None
        if values[COMPLETED_ON]:
            try:
                completed_on = datetime.date.fromisoformat(values[COMPLETED_ON])
            except ValueError:
                result.add(
                    number,
                    COMPLETED_ON,
                    f"{values[COMPLETED_ON]!r} is not a date written as YYYY-MM-DD.",
                )
            else:
                if completed_on > today:
                    result.add(number, COMPLETED_ON, "The completion date is in the future.")
        if len(values[REFERENCE]) > IDEMPOTENCY_KEY_MAX:
            result.add(
                number,
                REFERENCE,
                f"The reference must be {IDEMPOTENCY_KEY_MAX} characters or fewer.",
            )
        if len(result.errors) == errors_before:
            rows.append(_Row(number, person, programme, module, completed_on, values[REFERENCE]))
    seen: dict[str, int] = {}
    unique = []
    for row in rows:
        if row.reference in seen:
            result.add(
                row.number,
                REFERENCE,
                f"The reference {row.reference!r} is also used on row {seen[row.reference]}.",
            )
        else:
            seen[row.reference] = row.number
            unique.append(row)
    return unique


def completions_upload(*, actor, provider, content: bytes) -> CompletionsUploadResult:
    """Record a provider's file of completions (columns in UPLOAD_COLUMNS; ``reference`` is
    the row's idempotency key). Every row is checked, and every problem reported with its row
    (the header is row 1) and column; if there is any, nothing is written. Otherwise all rows
    are recorded in one transaction. Rows already recorded under their reference are left as
    they are, so the same file can be uploaded twice."""
    result = CompletionsUploadResult()
    rows = _read_rows(content, result)
    # Rows that read well are still tried (and rolled back) when others did not, so one
    # upload reports every problem, including those only the database can find.
    try:
        with transaction.atomic():
            for row in rows:
                known = Completion.objects.filter(
                    provider=provider, idempotency_key=row.reference
                ).exists()
                try:
                    completion = completion_record(
                        actor=actor,
                        provider=provider,
                        person=row.person,
                        programme=row.programme,
                        module=row.module,
                        completed_on=row.completed_on,
                        source=Completion.Source.PROVIDER_FILE,
                        idempotency_key=row.reference,
                    )
                except ValidationError as error:
                    _add_service_error(result, row, error)
                    continue
                if known:
                    result.unchanged += 1
                else:
                    result.created += 1
                    if Credential.objects.filter(completion=completion).exists():
                        result.credentials_issued += 1
            if not result.ok:
                raise _RollBack
    except _RollBack:
        result.created = result.unchanged = result.credentials_issued = 0
    result.errors.sort(key=lambda e: e.row)
    return result


def _add_service_error(result: CompletionsUploadResult, row: _Row, error: ValidationError):
    if isinstance(error, CompletionConflict):
        result.add(row.number, REFERENCE, error.messages[0])
    elif hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            for item in errors:
                if item.code in ("not_enrolled", "not_provider"):
                    # Never name a person who is not this provider's learner.
                    result.add(
                        row.number,
                        PERSON_NUMBER,
                        f"Nobody with the number {row.person.person_number!r} is enrolled with "
                        f"you on {row.programme.title}.",
                    )
                else:
                    result.add(row.number, _COLUMN_FOR_ARGUMENT.get(key, ""), item.messages[0])
    else:
        for message in error.messages:
            result.add(row.number, "", message)


# --- learning a person declares ----------------------------------------------------------


def learning_declare(
    *,
    actor,
    person: Person,
    title: str,
    provider_name: str,
    completed_on: datetime.date,
    hours: Decimal | None = None,
    evidence: str = "",
    evidence_url: str = "",
) -> Completion:
    """Record learning the person did elsewhere, with evidence; it waits for their line
    manager or people lead to verify it, and never earns a credential."""
    title = (title or "").strip()
    provider_name = (provider_name or "").strip()
    evidence = (evidence or "").strip()
    evidence_url = (evidence_url or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter the name of the learning."
    if not provider_name:
        errors["provider_name"] = "Enter who ran the learning."
    if hours is not None and hours <= 0:
        errors["hours"] = "Hours must be more than 0."
    if not evidence and not evidence_url:
        errors["evidence"] = "Describe your evidence or give a link to it."
    try:
        _check_date(completed_on)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        completion = Completion.objects.create(
            person=person,
            title=title,
            provider_name=provider_name,
            hours=hours,
            completed_on=completed_on,
            source=Completion.Source.SELF_DECLARED,
            status=Completion.Status.AWAITING_VERIFICATION,
            evidence=evidence,
            evidence_url=evidence_url,
        )
        audit_record(
            actor=actor,
            action="learning_declared",
            obj=completion,
            after=snapshot(completion, COMPLETION_FIELDS),
        )
    return completion


def may_verify(user, person_id: int) -> bool:
    """Whether ``user`` may verify learning that person ``person_id`` declares: they are the
    person's current line manager, or a people lead for an organisation that currently
    employs them. Nobody verifies their own."""
    if getattr(user, "person_id", None) == person_id:
        return False
    employments = Employment.objects.current().filter(person_id=person_id)
    parts = []
    if getattr(user, "person_id", None):
        parts.append(
            employments.filter(
                current_q(prefix="line_manager__"), line_manager__person_id=user.person_id
            )
        )
    scope = scoping.scope_q(user, Role.PEOPLE_LEAD, prefix="organisation__")
    if scope is not None:
        parts.append(employments.filter(scope))
    return any(part.exists() for part in parts)


VERIFY_DECISIONS = (Completion.Status.VERIFIED, Completion.Status.REJECTED)


def learning_verify(*, actor, completion: Completion, decision: str, note: str = "") -> Completion:
    """Verify or reject declared learning. Only the person's current line manager or a people
    lead of their organisation may; a rejection needs a note saying why."""
    note = (note or "").strip()
    if decision not in VERIFY_DECISIONS:
        raise ValidationError({"decision": "Choose whether the learning is verified or not."})
    if decision == Completion.Status.REJECTED and not note:
        raise ValidationError({"note": "Enter why the learning is not verified."})
    with transaction.atomic():
        completion = Completion.objects.select_for_update().get(pk=completion.pk)
        if not may_verify(actor, completion.person_id):
            raise PermissionDenied("You cannot verify this person's learning.")
        if (
            completion.source != Completion.Source.SELF_DECLARED
            or completion.status != Completion.Status.AWAITING_VERIFICATION
        ):
            raise ValidationError("This learning is not waiting for verification.")
        before = snapshot(completion, ["status", "verification_note"])
        completion.status = decision
        completion.verified_by = actor
        completion.verified_at = timezone.now()
        completion.verification_note = note
        completion.save(
            update_fields=[
                "status",
                "verified_by",
                "verified_at",
                "verification_note",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="learning_verified" if decision == "verified" else "learning_rejected",
            obj=completion,
            before=before,
            after=snapshot(completion, ["status", "verification_note"]),
        )
    return completion


# --- credentials ---------------------------------------------------------------------------


def may_revoke(user, credential: Credential) -> bool:
    """The issuing provider's training provider users, and the implementation office."""
    if scoping.has_role(user, Role.IMPLEMENTATION_OFFICE):
        return True
    return any(
        a.organisation_id == credential.issuer_id
        for a in scoping.assignments(user, Role.TRAINING_PROVIDER)
    )


def credential_revoke(*, actor, credential: Credential, reason: str) -> Credential:
    """Revoke a credential with a reason (kept, never shown publicly). The public page and
    the badge then show it as revoked on today's date."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the credential is revoked."})
    with transaction.atomic():
        credential = Credential.objects.select_for_update().get(pk=credential.pk)
        if not may_revoke(actor, credential):
            raise PermissionDenied("You cannot revoke this credential.")
        if credential.status == Credential.Status.REVOKED:
            raise ValidationError("This credential is already revoked.")
        before = snapshot(credential, ["status", "revoked_on"])
        credential.status = Credential.Status.REVOKED
        credential.revoked_on = timezone.localdate()
        credential.revoked_reason = reason
        credential.save(update_fields=["status", "revoked_on", "revoked_reason", "updated_at"])
        audit_record(
            actor=actor,
            action="credential_revoked",
            obj=credential,
            before=before,
            after={**snapshot(credential, ["status", "revoked_on"]), "reason": reason},
        )
    return credential
