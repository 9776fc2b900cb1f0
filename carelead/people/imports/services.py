"""Writes for the workforce import: the import itself, and the upload-and-run record the
people lead's page uses.

The import is set-based so that it scales to a national extract: existing people and
employments are read into dicts with a few chunked queries, then written with bulk_create and
bulk_update in batches, line managers are set in a second pass, and the audit events go in
with audit_record_many. Everything after validation happens in one transaction: a file with
any error changes nothing.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from carelead.accounts.roles import Role
from carelead.accounts.scoping import organisations_in_scope
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import AuditEntry, audit_record_many
from carelead.organisations.models import Organisation
from carelead.people.imports.extract import (
    ORGANISATION_CODE,
    ExtractRow,
    ParsedExtract,
    ProgressCallback,
    RowError,
    chunked,
    extract_parse,
)
from carelead.people.imports.models import WorkforceImport
from carelead.people.models import Employment, Person
from carelead.people.signals import announce_employments_started

logger = logging.getLogger(__name__)

UPDATE_BATCH = 500
AUDIT_BATCH = 2000
#: Errors kept on a run record for the page; the count says how many there were in all.
STORED_ERRORS = 1000

PERSON_FIELDS = ("given_name", "family_name", "email")
EMPLOYMENT_FIELDS = (
    "job_title",
    "staff_group",
    "pay_band",
    "management_level",
    "start_date",
    "end_date",
    "fte",
)
_EMPLOYMENT_COLUMNS = (
    "pk",
    "person_id",
    "assignment_number",
    "organisation_id",
    "job_title",
    "staff_group_id",
    "pay_band_id",
    "management_level",
    "start_date",
    "end_date",
    "fte",
    "line_manager_id",
)


@dataclass
class WorkforceImportResult:
    """What an import did, or why it did nothing (``errors``)."""

    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    total_rows: int = 0
    people_created: int = 0
    people_updated: int = 0
    employments_created: int = 0
    employments_updated: int = 0
    employments_ended: int = 0
    employments_unchanged: int = 0
    organisation_ids: list[int] = field(default_factory=list)
    #: What other apps did with the new employments, in a sentence each (people signals).
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def counts(self) -> dict[str, int]:
        return {
            "people_created": self.people_created,
            "people_updated": self.people_updated,
            "employments_created": self.employments_created,
            "employments_updated": self.employments_updated,
            "employments_ended": self.employments_ended,
            "employments_unchanged": self.employments_unchanged,
        }


class _Rejected(Exception):
    """Raised inside the transaction to roll it back when a row conflicts with carelead."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} rows conflict with carelead")
        self.errors = errors


class _Audit:
    """Collects audit entries and writes them a batch at a time, so a national extract
    never holds a million unsaved events."""

    def __init__(self, actor):
        self.actor = actor
        self.entries: list[AuditEntry] = []

    def add(self, action, obj, *, before=None, after=None, organisation_id=None) -> None:
        self.entries.append(AuditEntry(action, obj, before, after, organisation_id))
        if len(self.entries) >= AUDIT_BATCH:
            self.flush()

    def flush(self) -> None:
        if self.entries:
            audit_record_many(actor=self.actor, entries=self.entries)
            self.entries = []


def _employment_values(row: ExtractRow) -> tuple:
    return (
        row.job_title,
        row.staff_group_id,
        row.pay_band_id,
        row.management_level,
        row.start_date,
        row.end_date,
        row.fte,
    )


def _diff(fields, before: tuple, after: tuple) -> tuple[dict, dict]:
    old, new = {}, {}
    for name, b, a in zip(fields, before, after, strict=True):
        if b != a:
            old[name], new[name] = b, a
    return old, new


def _bulk_set(model, objs: list, field_names: list[str]) -> None:
    """Write ``field_names`` of each object to its row, by primary key, a batch at a time.

    One ``UPDATE ... FROM (VALUES ...)`` per batch: Django's bulk_update builds a CASE
    expression per field per row in Python, which is over ten times slower at import sizes.
    SQLite (3.33+) and PostgreSQL both take this syntax and name the VALUES columns
    column1, column2, and so on.
    """
    if not objs:
        return
    if connection.vendor not in ("sqlite", "postgresql"):
        model.objects.bulk_update(objs, field_names, batch_size=UPDATE_BATCH)
        return
    fields = [model._meta.get_field(name) for name in field_names]
    if connection.vendor == "postgresql":
        _bulk_set_postgresql(model, objs, fields)
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = model._meta.pk

    def column(field, index):
        value = f"v.column{index}"
        if connection.vendor == "postgresql":
            # A VALUES column of only NULLs is text to PostgreSQL; say what it is.
            value = f"CAST({value} AS {field.db_type(connection)})"
        return value

    assignments = ", ".join(
        f"{quote(field.column)} = {column(field, index)}"
        for index, field in enumerate(fields, start=2)
    )
    placeholders = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    batch = min(2000, 30_000 // (len(fields) + 1))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            chunk = objs[start : start + batch]
            params = []
            for obj in chunk:
                params.append(obj.pk)
                for field in fields:
                    params.append(field.get_db_prep_save(getattr(obj, field.attname), connection))
            cursor.execute(
                f"UPDATE {table} SET {assignments} "
                f"FROM (VALUES {', '.join([placeholders] * len(chunk))}) AS v "
                f"WHERE {table}.{quote(pk.column)} = {column(pk, 1)}",
                params,
            )


_EMPLOYMENT_INSERT_FIELDS = [
    "person_id",
    "organisation_id",
    "assignment_number",
    *[f"{name}_id" if name in ("staff_group", "pay_band") else name for name in EMPLOYMENT_FIELDS],
]


def _insert(model, objs: list, attnames: list[str]) -> None:
    """Insert new rows set-based (core.bulk) and give each object its new primary key."""
    rows = [{name: getattr(obj, name) for name in attnames} for obj in objs]
    for obj, pk in zip(objs, bulk_insert(model, rows, returning=True), strict=True):
        obj.pk = pk
        obj._state.adding = False


def _bulk_set_postgresql(model, objs: list, fields: list) -> None:
    """PostgreSQL: COPY the new values into a temporary table and UPDATE from it in one
    statement, several times faster than UPDATE ... FROM (VALUES ...) batches."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = model._meta.pk
    temp = quote(f"bulk_set_{uuid.uuid4().hex[:12]}")
    definitions = ", ".join(f"{quote(f.column)} {f.db_type(connection)}" for f in [pk, *fields])
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {temp} ({definitions}) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY {temp} FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([obj.pk, *(getattr(obj, f.attname) for f in fields)])
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM {temp} AS v "
            f"WHERE {table}.{quote(pk.column)} = v.{quote(pk.column)}"
        )
        cursor.execute(f"DROP TABLE {temp}")


def _apply(
    parsed: ParsedExtract,
    *,
    actor,
    end_missing: bool,
    extract_date: date,
    result: WorkforceImportResult,
    progress: ProgressCallback | None,
) -> None:
    rows = parsed.rows
    organisations = parsed.organisations
    now = timezone.now()
    total = len(rows)
    audit = _Audit(actor)

    def report(done: int) -> None:
        if progress:
            progress("importing", done, total)

    # Read everything that exists first, so a conflict is found before anything is written.
    first_row: dict[str, ExtractRow] = {}
    for row in rows:
        first_row.setdefault(row.person_number, row)
    people: dict[str, tuple] = {}
    for chunk in chunked(list(first_row)):
        for pk, number, *names in Person.objects.filter(person_number__in=chunk).values_list(
            "pk", "person_number", *PERSON_FIELDS
        ):
            people[number] = (pk, tuple(names))
    existing: dict[tuple[int, str], tuple] = {}
    for chunk in chunked([pk for pk, _ in people.values()]):
        for values in Employment.objects.filter(person_id__in=chunk).values_list(
            *_EMPLOYMENT_COLUMNS
        ):
            existing[(values[1], values[2])] = values

    conflicts = []
    for row in rows:
        person = people.get(row.person_number)
        found = existing.get((person[0], row.assignment_number)) if person else None
        if found and found[3] != row.organisation_id:
            conflicts.append((row, found[3]))
    if conflicts:
        codes = dict(
            Organisation.objects.filter(pk__in={o for _, o in conflicts}).values_list(
                "pk", "ods_code"
            )
        )
        raise _Rejected(
            [
                RowError(
                    row.row,
                    ORGANISATION_CODE,
                    f"Assignment {row.assignment_number} of person {row.person_number} belongs "
                    f"to {codes.get(other, other)} in carelead; an assignment cannot move to "
                    "another organisation.",
                )
                for row, other in conflicts
            ]
        )

    # People: create the new, update the changed.
    new_people, changed_people = [], []
    for number, row in first_row.items():
        names = (row.given_name, row.family_name, row.email)
        if number not in people:
            new_people.append(
                Person(
                    person_number=number,
                    given_name=row.given_name,
                    family_name=row.family_name,
                    email=row.email,
                )
            )
        elif people[number][1] != names:
            before, after = _diff(PERSON_FIELDS, people[number][1], names)
            person = Person(pk=people[number][0], person_number=number, updated_at=now)
            person.given_name, person.family_name, person.email = names
            changed_people.append(person)
            audit.add(
                "person_updated",
                person,
                before=before,
                after=after,
                organisation_id=row.organisation_id,
            )
    _insert(Person, new_people, ["person_number", *PERSON_FIELDS])
    _bulk_set(Person, changed_people, [*PERSON_FIELDS, "updated_at"])
    for person in new_people:
        people[person.person_number] = (person.pk, None)
    result.people_created, result.people_updated = len(new_people), len(changed_people)
    report(total // 10)

    # Where each line manager is: an assignment in this file (by key) or already in carelead.
    file_assignments = {
        (row.organisation_id, row.assignment_number): (
            people[row.person_number][0],
            row.assignment_number,
        )
        for row in rows
    }

    def manager_of(row: ExtractRow, ids: dict[tuple[int, str], int]) -> int | None | bool:
        """The manager's employment id; False when the manager is being created now."""
        if not row.line_manager_assignment:
            return None
        place = (row.organisation_id, row.line_manager_assignment)
        key = file_assignments.get(place)
        if key is None:
            return parsed.existing_managers[place]
        return ids.get(key, False)

    known_ids = {key: values[0] for key, values in existing.items()}
    created: list[Employment] = []
    created_rows: list[ExtractRow] = []
    updated: list[Employment] = []
    for done, row in enumerate(rows, start=1):
        person_id = people[row.person_number][0]
        found = existing.get((person_id, row.assignment_number))
        employment = Employment(
            person_id=person_id,
            organisation=organisations[row.organisation_id],
            assignment_number=row.assignment_number,
            job_title=row.job_title,
            staff_group_id=row.staff_group_id,
            pay_band_id=row.pay_band_id,
            management_level=row.management_level,
            start_date=row.start_date,
            end_date=row.end_date,
            fte=row.fte,
        )
        if found is None:
            created.append(employment)
            created_rows.append(row)
        else:
            employment.pk = found[0]
            employment.updated_at = now
            before, after = _diff(EMPLOYMENT_FIELDS, found[4:11], _employment_values(row))
            manager = manager_of(row, known_ids)
            if manager is False or manager != found[11]:
                # False: the manager is new in this file, so the id is not known yet.
                before["line_manager"], after["line_manager"] = found[11], manager or None
            if after:
                updated.append(employment)
                audit.add(
                    "employment_updated",
                    employment,
                    before=before,
                    after=after,
                    organisation_id=row.organisation_id,
                )
            else:
                result.employments_unchanged += 1
        if done % 5000 == 0:
            report(total // 10 + done * 4 // 10)
    _insert(Employment, created, _EMPLOYMENT_INSERT_FIELDS)
    report(total * 6 // 10)
    _bulk_set(Employment, updated, [*EMPLOYMENT_FIELDS, "updated_at"])
    result.employments_created, result.employments_updated = len(created), len(updated)
    report(total * 7 // 10)

    # Second pass: line managers, now that every employment in the file has an id.
    ids = dict(known_ids)
    for employment in created:
        ids[(employment.person_id, employment.assignment_number)] = employment.pk
    current_managers = {values[0]: values[11] for values in existing.values()}
    managed = []
    for row in rows:
        pk = ids[(people[row.person_number][0], row.assignment_number)]
        manager = manager_of(row, ids)
        if manager != current_managers.get(pk):
            # Only _bulk_set reads these, so a plain object saves building model instances.
            managed.append(SimpleNamespace(pk=pk, line_manager_id=manager, updated_at=now))
    _bulk_set(Employment, managed, ["line_manager", "updated_at"])
    report(total * 8 // 10)

    for employment, row in zip(created, created_rows, strict=True):
        audit.add(
            "employment_created",
            employment,
            after={
                "person": employment.person_id,
                "person_number": row.person_number,
                "assignment_number": row.assignment_number,
                "organisation": row.organisation_id,
                **dict(zip(EMPLOYMENT_FIELDS, _employment_values(row), strict=True)),
                "line_manager": manager_of(row, ids),
            },
            organisation_id=row.organisation_id,
        )
    if end_missing:
        result.employments_ended = _end_missing(
            organisations, set(ids.values()), extract_date=extract_date, now=now, audit=audit
        )
    audit.flush()
    if created:
        result.notes = announce_employments_started(
            sender=Employment, employment_ids=[e.pk for e in created], actor=actor
        )
    report(total)


def _end_missing(organisations, in_file: set[int], *, extract_date, now, audit) -> int:
    """End the employments of the file's organisations that the full extract leaves out."""
    ended = []
    candidates = Employment.objects.filter(organisation_id__in=list(organisations)).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=extract_date)
    )
    for pk, organisation_id, job_title, start, end in candidates.values_list(
        "pk", "organisation_id", "job_title", "start_date", "end_date"
    ).iterator(chunk_size=5000):
        if pk in in_file:
            continue
        # An employment that had not started by the extract date ends the day it would start,
        # so that the end is never before the start.
        new_end = max(extract_date, start)
        if new_end == end:
            continue
        employment = Employment(
            pk=pk,
            organisation=organisations[organisation_id],
            job_title=job_title,
            end_date=new_end,
            updated_at=now,
        )
        ended.append(employment)
        audit.add(
            "employment_ended",
            employment,
            before={"end_date": end},
            after={"end_date": new_end},
            organisation_id=organisation_id,
        )
    _bulk_set(Employment, ended, ["end_date", "updated_at"])
    return len(ended)


def workforce_import_run(
    *,
    content: bytes,
    actor,
    system: bool = False,
    end_missing: bool = False,
    extract_date: date | None = None,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> WorkforceImportResult:
    """Import an ESR-style workforce extract (the raw bytes of the CSV file).

    ``actor`` is the people lead importing; rows for organisations outside their scope are
    errors. ``system=True`` (with ``actor=None``) imports for any organisation, for the
    command line. ``end_missing`` treats the file as a full extract: employments of the
    organisations in it that it leaves out end on ``extract_date`` (default today).
    ``dry_run`` does everything, reports the counts, and rolls back. ``progress`` is called
    as ``progress(phase, done, total)`` with phase "validating" then "importing".

    Returns the counts, or the errors (and changes nothing) if any row is wrong.
    """
    if actor is None and not system:
        raise ValueError("An import needs an actor, or system=True for a system import.")
    allowed = None
    if not system:
        allowed = set(organisations_in_scope(actor, Role.PEOPLE_LEAD).values_list("pk", flat=True))
    parsed = extract_parse(content, allowed_organisation_ids=allowed, progress=progress)
    result = WorkforceImportResult(
        errors=parsed.errors,
        error_count=parsed.error_count,
        total_rows=parsed.total_rows,
        dry_run=dry_run,
    )
    if not parsed.ok:
        return result
    if progress:
        progress("importing", 0, len(parsed.rows))
    try:
        with transaction.atomic():
            _apply(
                parsed,
                actor=actor,
                end_missing=end_missing,
                extract_date=extract_date or timezone.localdate(),
                result=result,
                progress=progress,
            )
            if dry_run:
                transaction.set_rollback(True)
    except _Rejected as rejected:
        return WorkforceImportResult(
            errors=rejected.errors,
            error_count=len(rejected.errors),
            total_rows=parsed.total_rows,
            dry_run=dry_run,
        )
    result.organisation_ids = sorted(parsed.organisations)
    return result


def workforce_import_start(*, actor, uploaded_file, end_missing: bool = False) -> WorkforceImport:
    """Store an uploaded extract as a queued run and enqueue the task that imports it.

    The run belongs to the uploader's people-lead organisations until it has been imported.
    """
    from carelead.people.imports.tasks import workforce_import_process

    organisations = list(organisations_in_scope(actor, Role.PEOPLE_LEAD))
    with transaction.atomic():
        run = WorkforceImport(
            original_filename=(uploaded_file.name or "extract.csv")[-255:],
            actor=actor,
            actor_label=actor.get_username(),
            end_missing=end_missing,
            extract_date=timezone.localdate(),
        )
        # A generated name: the uploader's file name is kept only as text.
        run.uploaded_file.save(f"{uuid.uuid4().hex}.csv", uploaded_file, save=False)
        run.save()
        run.organisations.set(organisations)
        audit_record_many(
            actor=actor,
            entries=[
                AuditEntry(
                    "workforce_import_uploaded",
                    run,
                    after={"file": run.original_filename, "end_missing": end_missing},
                    organisation_id=organisation.pk,
                )
                for organisation in organisations
            ],
        )
        # Enqueued after commit so that a worker never picks up a run it cannot see yet.
        transaction.on_commit(lambda: workforce_import_process.enqueue(run.pk))
    return run


def _run_update(run_id: int, **values) -> None:
    WorkforceImport.objects.filter(pk=run_id).update(updated_at=timezone.now(), **values)


def progress_key(run_id: int) -> str:
    return f"workforce-import:{run_id}:progress"


class _RunProgress:
    """Turns the import's progress calls into the run's status and percentage: validating
    fills the first half of the bar and importing the second.

    While importing, the work is inside one transaction, so updates to the run row would only
    show once it commits. The percentage goes to the shared "progress" cache instead, which
    the run page reads while the run is importing (see selectors.import_run_progress).
    """

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.last = (None, -1)

    def __call__(self, phase: str, done: int, total: int) -> None:
        share = min(done, total) * 50 // max(total, 1)
        percent = share if phase == "validating" else 50 + share
        if (phase, percent) == self.last:
            return
        self.last = (phase, percent)
        if phase == "importing" and done > 0:
            caches["progress"].set(progress_key(self.run_id), percent, timeout=6 * 3600)
        else:
            _run_update(self.run_id, status=phase, progress=percent)


def workforce_import_execute(*, run_id: int) -> WorkforceImport | None:
    """Run a queued import (the background task's body). Records the outcome on the run;
    a run that is no longer queued is left alone, so a task delivered twice is harmless."""
    claimed = WorkforceImport.objects.filter(
        pk=run_id, status=WorkforceImport.Status.QUEUED
    ).update(
        status=WorkforceImport.Status.VALIDATING,
        started_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not claimed:
        return None
    run = WorkforceImport.objects.select_related("actor").get(pk=run_id)
    try:
        if run.actor is None:
            raise _Rejected(
                [RowError(0, "", "The person who uploaded this file no longer has an account.")]
            )
        with run.uploaded_file.open("rb") as handle:
            content = handle.read()
        result = workforce_import_run(
            content=content,
            actor=run.actor,
            end_missing=run.end_missing,
            extract_date=run.extract_date,
            progress=_RunProgress(run_id),
        )
    except _Rejected as rejected:
        result = WorkforceImportResult(errors=rejected.errors, error_count=len(rejected.errors))
    except Exception:
        logger.exception("Workforce import %s stopped with an unexpected error", run_id)
        result = WorkforceImportResult(
            errors=[
                RowError(
                    0,
                    "",
                    "The import stopped because of an unexpected problem, and nothing was "
                    "changed. Try again later, or contact the service team.",
                )
            ],
            error_count=1,
        )
    with transaction.atomic():
        if result.ok:
            _run_update(
                run_id,
                status=WorkforceImport.Status.DONE,
                progress=100,
                total_rows=result.total_rows,
                finished_at=timezone.now(),
                notes=result.notes,
                **result.counts(),
            )
            run.organisations.set(result.organisation_ids)
        else:
            _run_update(
                run_id,
                status=WorkforceImport.Status.FAILED,
                total_rows=result.total_rows,
                error_count=result.error_count,
                errors=[error.as_dict() for error in result.errors[:STORED_ERRORS]],
                finished_at=timezone.now(),
            )
    run.refresh_from_db()
    return run
