"""Writes for organisations: reference data (regions, ICBs, national bodies and their dated
changes), employers created by hand or by the demo seeder, oversight segments and CQC ratings.

Every function is keyword-only, runs in one transaction and writes its audit rows in the same
transaction, with ``organisation_id`` set to the organisation the change is about.

Reference data is data, not code: a later merger (such as the 2027 ICB mergers) arrives as a
new file in ``data/changes/`` in the format described in ``docs/organisations.md``.
"""

import csv
import datetime
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carelead.core.services.audit import AuditEntry, audit_record_many, snapshot
from carelead.organisations.models import (
    BoundaryCode,
    CqcRating,
    Organisation,
    OrganisationKind,
    OrganisationParent,
    OversightSegment,
    Succession,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
CHANGES_DIRNAME = "changes"
ALIAS_SEPARATOR = "|"
ONE_DAY = datetime.timedelta(days=1)

ORGANISATION_FIELDS = (
    "ods_code",
    "name",
    "kind",
    "aliases",
    "opened_on",
    "closed_on",
    "region",
    "icb",
    "postcode",
)
PARENT_FIELDS = ("organisation", "parent", "relationship", "valid_from", "valid_to")
BOUNDARY_FIELDS = ("organisation", "ons_code", "valid_from", "valid_to")
SUCCESSION_FIELDS = ("predecessor", "successor", "effective_on", "partial", "note")
SEGMENT_FIELDS = ("organisation", "segment", "effective_from", "effective_to", "source")
CQC_FIELDS = ("organisation", "overall", "well_led", "rated_on")

ODS_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,11}$")
ONS_CODE_RE = re.compile(r"^[EWSN]\d{8}$")

#: The denormalised foreign key each parent relationship keeps up to date.
DENORMALISED_PARENT = {
    OrganisationParent.Relationship.IN_REGION: "region",
    OrganisationParent.Relationship.IN_ICB: "icb",
}
#: The kind a parent must be for each relationship.
PARENT_KIND = {
    OrganisationParent.Relationship.IN_REGION: OrganisationKind.REGION,
    OrganisationParent.Relationship.IN_ICB: OrganisationKind.ICB,
    OrganisationParent.Relationship.IN_PCN: OrganisationKind.PCN,
}


class ReferenceDataError(ValidationError):
    """A reference or change file that cannot be applied. ``messages`` lists every problem,
    each naming the file, row and column; nothing has been written."""


# ---------------------------------------------------------------------------------------------
# Shared write helpers. Each returns whether it changed anything, so a second run of the
# reference data load writes no rows and no audit events.
# ---------------------------------------------------------------------------------------------


@dataclass
class _Writer:
    """Collects audit entries and counts for one load, and remembers which organisations
    need their denormalised region and ICB refreshed."""

    actor: object = None
    today: datetime.date = field(default_factory=timezone.localdate)
    entries: list[AuditEntry] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    touched: dict[int, Organisation] = field(default_factory=dict)

    def audit(self, action, obj, before, after, organisation):
        self.entries.append(AuditEntry(action, obj, before, after, organisation.pk))
        self.counts[action] += 1

    def flush(self) -> int:
        for organisation in self.touched.values():
            _refresh_current_parents(organisation, today=self.today, writer=self)
        self.touched.clear()
        written = audit_record_many(actor=self.actor, entries=self.entries)
        self.entries = []
        return written


def _organisation_upsert(
    writer: _Writer,
    *,
    ods_code: str,
    name: str,
    kind: str,
    opened_on: datetime.date | None = None,
    aliases: Iterable[str] = (),
) -> Organisation:
    """Create or bring up to date. Aliases are only ever added, and closed_on is left alone,
    so that changes applied later (an alias, a closure) survive a re-run of the base files."""
    organisation = Organisation.objects.filter(ods_code=ods_code).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            ods_code=ods_code, name=name, kind=kind, opened_on=opened_on, aliases=list(aliases)
        )
        writer.audit(
            "organisation_created",
            organisation,
            None,
            snapshot(organisation, ORGANISATION_FIELDS),
            organisation,
        )
        return organisation
    before = snapshot(organisation, ORGANISATION_FIELDS)
    organisation.name = name
    organisation.kind = kind
    if opened_on is not None:
        organisation.opened_on = opened_on
    organisation.aliases = organisation.aliases + [
        a for a in aliases if a not in organisation.aliases
    ]
    after = snapshot(organisation, ORGANISATION_FIELDS)
    if after != before:
        organisation.save()
        writer.audit("organisation_updated", organisation, before, after, organisation)
    return organisation


def _alias_add(writer: _Writer, organisation: Organisation, alias: str) -> None:
    if alias in organisation.aliases:
        return
    before = snapshot(organisation, ("aliases",))
    organisation.aliases = [*organisation.aliases, alias]
    organisation.save(update_fields=["aliases", "updated_at"])
    writer.audit(
        "organisation_alias_added",
        organisation,
        before,
        snapshot(organisation, ("aliases",)),
        organisation,
    )


def _organisation_close(writer: _Writer, organisation: Organisation, last_day) -> None:
    """Close on ``last_day``, ending its open memberships and boundary codes the same day."""
    if organisation.closed_on != last_day:
        before = snapshot(organisation, ORGANISATION_FIELDS)
        organisation.closed_on = last_day
        organisation.save(update_fields=["closed_on", "updated_at"])
        writer.audit(
            "organisation_closed",
            organisation,
            before,
            snapshot(organisation, ORGANISATION_FIELDS),
            organisation,
        )
    for row in organisation.parents.filter(valid_to__isnull=True):
        _end_period(writer, row, "valid_to", last_day, PARENT_FIELDS, organisation)
    for code in organisation.boundary_codes.filter(valid_to__isnull=True):
        _end_period(writer, code, "valid_to", last_day, BOUNDARY_FIELDS, organisation)


def _end_period(writer, obj, attr, last_day, fields, organisation) -> None:
    before = snapshot(obj, fields)
    setattr(obj, attr, last_day)
    obj.save(update_fields=[attr, "updated_at"])
    writer.audit(f"{obj._meta.model_name}_ended", obj, before, snapshot(obj, fields), organisation)


def _parent_set(
    writer: _Writer,
    organisation: Organisation,
    parent: Organisation,
    relationship: str,
    valid_from: datetime.date | None,
) -> None:
    """Make ``parent`` the organisation's parent from ``valid_from``, ending any other
    membership of the same kind the day before."""
    rows = list(organisation.parents.filter(relationship=relationship))
    for row in rows:
        if row.parent_id == parent.pk and row.valid_from == valid_from:
            return
        covers = (
            row.valid_from is None or valid_from is None or row.valid_from <= valid_from
        ) and (row.valid_to is None or valid_from is None or row.valid_to >= valid_from)
        if covers and row.parent_id == parent.pk:
            return
    same_start = next((r for r in rows if r.valid_from == valid_from), None)
    if same_start is not None:
        # A correction of a membership that starts the same day, not a move.
        before = snapshot(same_start, PARENT_FIELDS)
        same_start.parent = parent
        same_start.save(update_fields=["parent", "updated_at"])
        writer.audit(
            "organisation_parent_corrected",
            same_start,
            before,
            snapshot(same_start, PARENT_FIELDS),
            organisation,
        )
        writer.touched[organisation.pk] = organisation
        return
    for row in rows:
        if valid_from is None:
            continue
        started_before = row.valid_from is None or row.valid_from < valid_from
        still_open = row.valid_to is None or row.valid_to >= valid_from
        if started_before and still_open:
            _end_period(writer, row, "valid_to", valid_from - ONE_DAY, PARENT_FIELDS, organisation)
    row = OrganisationParent.objects.create(
        organisation=organisation, parent=parent, relationship=relationship, valid_from=valid_from
    )
    writer.audit("organisation_parent_set", row, None, snapshot(row, PARENT_FIELDS), organisation)
    writer.touched[organisation.pk] = organisation


def _boundary_code_set(
    writer: _Writer,
    organisation: Organisation,
    ons_code: str,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None = None,
    *,
    end_previous: bool,
) -> None:
    existing = organisation.boundary_codes.filter(ons_code=ons_code).first()
    if existing is not None:
        before = snapshot(existing, BOUNDARY_FIELDS)
        if valid_from is not None:
            existing.valid_from = valid_from
        if valid_to is not None:
            existing.valid_to = valid_to
        after = snapshot(existing, BOUNDARY_FIELDS)
        if after != before:
            existing.save()
            writer.audit("boundarycode_updated", existing, before, after, organisation)
        return
    if end_previous and valid_from is not None:
        for code in organisation.boundary_codes.exclude(ons_code=ons_code):
            started_before = code.valid_from is None or code.valid_from < valid_from
            still_open = code.valid_to is None or code.valid_to >= valid_from
            if started_before and still_open:
                _end_period(
                    writer, code, "valid_to", valid_from - ONE_DAY, BOUNDARY_FIELDS, organisation
                )
    code = BoundaryCode.objects.create(
        organisation=organisation, ons_code=ons_code, valid_from=valid_from, valid_to=valid_to
    )
    writer.audit("boundarycode_added", code, None, snapshot(code, BOUNDARY_FIELDS), organisation)


def _succession_set(writer, predecessor, successor, effective_on, partial, note) -> None:
    existing = Succession.objects.filter(
        predecessor=predecessor, successor=successor, effective_on=effective_on
    ).first()
    if existing is None:
        row = Succession.objects.create(
            predecessor=predecessor,
            successor=successor,
            effective_on=effective_on,
            partial=partial,
            note=note,
        )
        writer.audit("succession_recorded", row, None, snapshot(row, SUCCESSION_FIELDS), successor)
        return
    before = snapshot(existing, SUCCESSION_FIELDS)
    existing.partial = partial
    existing.note = note
    after = snapshot(existing, SUCCESSION_FIELDS)
    if after != before:
        existing.save()
        writer.audit("succession_updated", existing, before, after, successor)


def _refresh_current_parents(organisation: Organisation, *, today, writer=None) -> None:
    """Point ``region`` and ``icb`` at the membership in force today; for a closed (or not yet
    open) organisation, at its last (or first) membership, so it still files under a region."""
    rows = list(organisation.parents.filter(relationship__in=list(DENORMALISED_PARENT)))
    before = snapshot(organisation, ("region", "icb"))
    for relationship, attr in DENORMALISED_PARENT.items():
        candidates = [r for r in rows if r.relationship == relationship]
        started = [r for r in candidates if r.valid_from is None or r.valid_from <= today]
        current = [r for r in started if r.valid_to is None or r.valid_to >= today]
        low = datetime.date.min
        if current:
            chosen = max(current, key=lambda r: r.valid_from or low)
        elif started:
            chosen = max(started, key=lambda r: (r.valid_to or low, r.valid_from or low))
        elif candidates:
            chosen = min(candidates, key=lambda r: r.valid_from)
        else:
            chosen = None
        setattr(organisation, f"{attr}_id", chosen.parent_id if chosen else None)
    after = snapshot(organisation, ("region", "icb"))
    if after != before:
        organisation.save(update_fields=["region", "icb", "updated_at"])
        if writer is not None:
            writer.audit("organisation_updated", organisation, before, after, organisation)


# ---------------------------------------------------------------------------------------------
# Reading CSV files with row and column messages
# ---------------------------------------------------------------------------------------------


class _CsvFile:
    """Rows of a CSV file, numbered as a spreadsheet shows them (the header is row 1)."""

    def __init__(self, path: Path, required: Iterable[str]):
        self.path = Path(path)
        self.errors: list[str] = []
        self.rows: list[tuple[int, dict[str, str]]] = []
        try:
            with self.path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                columns = reader.fieldnames or []
                missing = [c for c in required if c not in columns]
                for column in missing:
                    self.errors.append(f"{self.path.name}: the column '{column}' is missing")
                if missing:
                    return
                for number, row in enumerate(reader, start=2):
                    if None in row:
                        self.error(number, "(end)", "has more values than the header has columns")
                        continue
                    self.rows.append((number, {k: (v or "").strip() for k, v in row.items() if k}))
        except FileNotFoundError:
            self.errors.append(f"{self.path.name}: the file does not exist")
        except UnicodeDecodeError:
            self.errors.append(f"{self.path.name}: the file is not UTF-8 text")

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(f"{self.path.name}, row {row}, column '{column}': {message}")

    def date(self, number, row, column, *, required=True) -> datetime.date | None:
        value = row.get(column, "")
        if not value:
            if required:
                self.error(number, column, "enter a date")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(number, column, f"'{value}' is not a date in the form YYYY-MM-DD")
            return None

    def ods_code(self, number, row, column) -> str:
        value = row.get(column, "").upper()
        if not value:
            self.error(number, column, "enter an ODS code")
        elif not ODS_CODE_RE.match(value):
            self.error(
                number,
                column,
                f"'{value}' is not an ODS code (2 to 12 letters, digits or hyphens)",
            )
        return value

    def ons_code(self, number, row, column) -> str:
        value = row.get(column, "").upper()
        if not ONS_CODE_RE.match(value):
            self.error(number, column, f"'{value}' is not an ONS code (a letter then 8 digits)")
        return value

    def choice(self, number, row, column, choices) -> str:
        value = row.get(column, "")
        if value not in choices:
            self.error(
                number,
                column,
                f"'{value}' is not one of: {', '.join(sorted(str(c) for c in choices))}",
            )
        return value

    def required(self, number, row, column) -> str:
        value = row.get(column, "")
        if not value:
            self.error(number, column, "must not be empty")
        return value

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ReferenceDataError(self.errors)


def _aliases(value: str) -> list[str]:
    return [a.strip() for a in value.split(ALIAS_SEPARATOR) if a.strip()]


# ---------------------------------------------------------------------------------------------
# Change files
# ---------------------------------------------------------------------------------------------


class ChangeAction:
    OPEN = "open"
    CLOSE = "close"
    SUCCESSION = "succession"
    PARENT = "parent"
    BOUNDARY_CODE = "boundary_code"
    ALIAS = "alias"

    ALL = (OPEN, CLOSE, SUCCESSION, PARENT, BOUNDARY_CODE, ALIAS)


CHANGE_COLUMNS = (
    "date",
    "action",
    "ods_code",
    "name",
    "kind",
    "related_ods_code",
    "relationship",
    "ons_code",
    "partial",
    "alias",
    "mark",
    "note",
)
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class _Change:
    row: int
    date: datetime.date
    action: str
    ods_code: str
    name: str = ""
    kind: str = ""
    related_ods_code: str = ""
    relationship: str = ""
    ons_code: str = ""
    partial: bool = False
    alias: str = ""
    note: str = ""


def _change_file_validate(path: Path) -> list[_Change]:
    """Parse and check the whole file before anything is written."""
    sheet = _CsvFile(path, CHANGE_COLUMNS)
    sheet.raise_if_errors()
    mentioned = set()
    for _, row in sheet.rows:
        mentioned.update({row.get("ods_code", "").upper(), row.get("related_ods_code", "").upper()})
    kinds = dict(
        Organisation.objects.filter(ods_code__in=mentioned - {""}).values_list("ods_code", "kind")
    )
    changes = []
    for number, row in sheet.rows:
        errors_before = len(sheet.errors)
        day = sheet.date(number, row, "date")
        action = sheet.choice(number, row, "action", ChangeAction.ALL)
        ods_code = sheet.ods_code(number, row, "ods_code")
        values = {}
        if action == ChangeAction.OPEN:
            values["name"] = sheet.required(number, row, "name")
            values["kind"] = sheet.choice(number, row, "kind", OrganisationKind.values)
            known_kind = kinds.get(ods_code)
            if known_kind and values["kind"] and known_kind != values["kind"]:
                sheet.error(
                    number,
                    "kind",
                    f"{ods_code} already exists as '{known_kind}', not '{row['kind']}'",
                )
            if ods_code and values["kind"]:
                kinds[ods_code] = values["kind"]
        elif ods_code and ods_code not in kinds and not sheet.errors[errors_before:]:
            sheet.error(number, "ods_code", f"no organisation has the ODS code {ods_code}")
        if action in (ChangeAction.SUCCESSION, ChangeAction.PARENT):
            related = sheet.ods_code(number, row, "related_ods_code")
            values["related_ods_code"] = related
            if related and related not in kinds:
                sheet.error(
                    number, "related_ods_code", f"no organisation has the ODS code {related}"
                )
            elif related and related == ods_code:
                sheet.error(number, "related_ods_code", "must differ from ods_code")
        if action == ChangeAction.SUCCESSION:
            partial = row.get("partial", "").lower()
            if partial not in YES | NO:
                sheet.error(number, "partial", f"'{row['partial']}' is not yes or no")
            values["partial"] = partial in YES
            values["note"] = row.get("note", "")[:300]
        if action == ChangeAction.PARENT:
            relationship = sheet.choice(
                number, row, "relationship", OrganisationParent.Relationship.values
            )
            values["relationship"] = relationship
            parent_kind = kinds.get(values["related_ods_code"])
            wanted = PARENT_KIND.get(relationship)
            if parent_kind and wanted and parent_kind != wanted:
                sheet.error(
                    number,
                    "related_ods_code",
                    f"{values['related_ods_code']} is a '{parent_kind}', "
                    f"but '{relationship}' needs a '{wanted}'",
                )
        if action == ChangeAction.BOUNDARY_CODE:
            values["ons_code"] = sheet.ons_code(number, row, "ons_code")
        if action == ChangeAction.ALIAS:
            values["alias"] = sheet.required(number, row, "alias")
        if len(sheet.errors) == errors_before:
            changes.append(
                _Change(row=number, date=day, action=action, ods_code=ods_code, **values)
            )
    if not sheet.rows and not sheet.errors:
        sheet.errors.append(f"{sheet.path.name}: the file has no rows")
    sheet.raise_if_errors()
    return changes


def _change_apply(writer: _Writer, change: _Change) -> None:
    organisation = Organisation.objects.filter(ods_code=change.ods_code).first()
    if change.action == ChangeAction.OPEN:
        organisation = _organisation_upsert(
            writer,
            ods_code=change.ods_code,
            name=change.name,
            kind=change.kind,
            opened_on=change.date,
        )
    elif change.action == ChangeAction.CLOSE:
        _organisation_close(writer, organisation, change.date - ONE_DAY)
        writer.touched[organisation.pk] = organisation
    elif change.action == ChangeAction.SUCCESSION:
        successor = Organisation.objects.get(ods_code=change.related_ods_code)
        _succession_set(writer, organisation, successor, change.date, change.partial, change.note)
    elif change.action == ChangeAction.PARENT:
        parent = Organisation.objects.get(ods_code=change.related_ods_code)
        _parent_set(writer, organisation, parent, change.relationship, change.date)
    elif change.action == ChangeAction.BOUNDARY_CODE:
        _boundary_code_set(writer, organisation, change.ons_code, change.date, end_previous=True)
    elif change.action == ChangeAction.ALIAS:
        _alias_add(writer, organisation, change.alias)


def organisation_changes_apply(*, path, actor=None) -> dict:
    """Apply one change file (see docs/organisations.md), all rows or none.

    Raises :class:`ReferenceDataError` listing every bad row and column before anything is
    written. Applying the same file again changes nothing. Returns counts by audit action and
    ``audit_events``, the number of audit rows written (0 when nothing changed).
    """
    changes = _change_file_validate(Path(path))
    writer = _Writer(actor=actor)
    with transaction.atomic():
        for change in changes:
            _change_apply(writer, change)
        written = writer.flush()
    return {**writer.counts, "rows": len(changes), "audit_events": written}


# ---------------------------------------------------------------------------------------------
# Base reference data
# ---------------------------------------------------------------------------------------------


def _load_organisations(writer, sheet: _CsvFile, *, kind=None) -> list[tuple[int, Organisation]]:
    parsed = []
    for number, row in sheet.rows:
        ods_code = sheet.ods_code(number, row, "ods_code")
        name = sheet.required(number, row, "name")
        row_kind = kind or sheet.choice(number, row, "kind", OrganisationKind.values)
        opened_on = sheet.date(number, row, "opened_on", required=False)
        parsed.append((number, row, ods_code, name, row_kind, opened_on))
    sheet.raise_if_errors()
    loaded = []
    for number, row, ods_code, name, row_kind, opened_on in parsed:
        organisation = _organisation_upsert(
            writer,
            ods_code=ods_code,
            name=name,
            kind=row_kind,
            opened_on=opened_on,
            aliases=_aliases(row.get("aliases", "")),
        )
        loaded.append((number, organisation))
    return loaded


def reference_data_load(*, data_dir=None, actor=None) -> dict:
    """Load regions, ICBs, national bodies, region memberships and ONS codes from
    ``data_dir`` (default: this app's ``data/``), then apply every file in ``changes/`` in
    file-name (date) order. Idempotent: a second run writes nothing. All or nothing.

    Returns counts: ``organisations`` by kind, ``changes`` (file names applied) and
    ``audit_events``, the number of audit rows written.
    """
    root = Path(data_dir) if data_dir else DATA_DIR
    writer = _Writer(actor=actor)
    summary = {"changes": [], "audit_events": 0}
    with transaction.atomic():
        regions = _CsvFile(root / "regions.csv", ("ods_code", "name", "opened_on", "aliases"))
        regions.raise_if_errors()
        _load_organisations(writer, regions, kind=OrganisationKind.REGION)

        icbs = _CsvFile(root / "icbs.csv", ("ods_code", "name", "region_ods_code", "opened_on"))
        icbs.raise_if_errors()
        region_by_code = {
            o.ods_code: o for o in Organisation.objects.filter(kind=OrganisationKind.REGION)
        }
        for number, row in icbs.rows:
            code = row.get("region_ods_code", "").upper()
            if code not in region_by_code:
                icbs.error(number, "region_ods_code", f"'{code}' is not a region in regions.csv")
        icb_rows = dict(icbs.rows)
        for number, organisation in _load_organisations(writer, icbs, kind=OrganisationKind.ICB):
            _parent_set(
                writer,
                organisation,
                region_by_code[icb_rows[number]["region_ods_code"].upper()],
                OrganisationParent.Relationship.IN_REGION,
                organisation.opened_on,
            )

        bodies_path = root / "national_bodies.csv"
        if bodies_path.exists():
            bodies = _CsvFile(bodies_path, ("ods_code", "name", "kind", "opened_on", "aliases"))
            bodies.raise_if_errors()
            _load_organisations(writer, bodies)

        codes = _CsvFile(
            root / "boundary_codes.csv", ("ods_code", "ons_code", "valid_from", "valid_to")
        )
        codes.raise_if_errors()
        by_code = {
            o.ods_code: o
            for o in Organisation.objects.filter(
                ods_code__in=[r.get("ods_code", "").upper() for _, r in codes.rows]
            )
        }
        parsed = []
        for number, row in codes.rows:
            ods_code = row.get("ods_code", "").upper()
            if ods_code not in by_code:
                codes.error(number, "ods_code", f"no organisation has the ODS code '{ods_code}'")
            ons_code = codes.ons_code(number, row, "ons_code")
            valid_from = codes.date(number, row, "valid_from", required=False)
            valid_to = codes.date(number, row, "valid_to", required=False)
            if valid_from and valid_to and valid_to < valid_from:
                codes.error(number, "valid_to", "must be on or after valid_from")
            parsed.append((ods_code, ons_code, valid_from, valid_to))
        codes.raise_if_errors()
        for ods_code, ons_code, valid_from, valid_to in parsed:
            _boundary_code_set(
                writer, by_code[ods_code], ons_code, valid_from, valid_to, end_previous=False
            )
        summary["audit_events"] += writer.flush()

        change_dir = root / CHANGES_DIRNAME
        for path in sorted(change_dir.glob("*.csv")) if change_dir.is_dir() else []:
            result = organisation_changes_apply(path=path, actor=actor)
            summary["changes"].append(path.name)
            summary["audit_events"] += result["audit_events"]
    summary["organisations"] = dict(Counter(Organisation.objects.values_list("kind", flat=True)))
    return summary


# ---------------------------------------------------------------------------------------------
# Employers and other organisations created one at a time
# ---------------------------------------------------------------------------------------------

_UNSET = object()


def _resolve(value, kind: str, field_name: str) -> Organisation | None:
    """An Organisation or its ODS code, checked to be of ``kind``."""
    if value is None:
        return None
    organisation = value
    if isinstance(value, str):
        organisation = Organisation.objects.filter(ods_code=value.strip().upper()).first()
        if organisation is None:
            raise ValidationError({field_name: f"No organisation has the ODS code {value}"})
    if organisation.kind != kind:
        raise ValidationError(
            {field_name: f"{organisation} is not a {OrganisationKind(kind).label.lower()}"}
        )
    return organisation


def _check_dates(opened_on, closed_on) -> None:
    if opened_on and closed_on and closed_on < opened_on:
        raise ValidationError(
            {"closed_on": "The closing date must be on or after the opening date"}
        )


def organisation_create(
    *,
    ods_code: str,
    name: str,
    kind: str,
    region: Organisation | str | None = None,
    icb: Organisation | str | None = None,
    pcn: Organisation | str | None = None,
    opened_on: datetime.date | None = None,
    closed_on: datetime.date | None = None,
    aliases: Iterable[str] = (),
    postcode: str = "",
    actor=None,
) -> Organisation:
    """Create a trust, practice, provider or any other organisation, with its memberships.

    ``region``, ``icb`` and ``pcn`` take an Organisation or an ODS code. With an ICB and no
    region, the region is the ICB's. Each becomes an OrganisationParent row from
    ``opened_on``, and region/icb are set to match. Raises ValidationError on bad input.
    """
    icb_org = _resolve(icb, OrganisationKind.ICB, "icb")
    region_org = _resolve(region, OrganisationKind.REGION, "region")
    if region_org is None and icb_org is not None and icb_org.region_id:
        region_org = icb_org.region
    pcn_org = _resolve(pcn, OrganisationKind.PCN, "pcn")
    _check_dates(opened_on, closed_on)
    organisation = Organisation(
        ods_code=(ods_code or "").strip().upper(),
        name=(name or "").strip(),
        kind=kind,
        opened_on=opened_on,
        closed_on=closed_on,
        aliases=[a.strip() for a in aliases if a and a.strip()],
        postcode=(postcode or "").strip().upper(),
        region=region_org,
        icb=icb_org,
    )
    if organisation.ods_code and not ODS_CODE_RE.match(organisation.ods_code):
        raise ValidationError(
            {"ods_code": "Enter an ODS code of 2 to 12 letters, digits or hyphens"}
        )
    organisation.full_clean()
    writer = _Writer(actor=actor)
    with transaction.atomic():
        organisation.save()
        writer.audit(
            "organisation_created",
            organisation,
            None,
            snapshot(organisation, ORGANISATION_FIELDS),
            organisation,
        )
        memberships = (
            (region_org, OrganisationParent.Relationship.IN_REGION),
            (icb_org, OrganisationParent.Relationship.IN_ICB),
            (pcn_org, OrganisationParent.Relationship.IN_PCN),
        )
        for parent, relationship in memberships:
            if parent is not None:
                _parent_set(writer, organisation, parent, relationship, opened_on)
        writer.touched.clear()  # region and icb were set on creation
        writer.flush()
    return organisation


def organisation_update(
    *,
    organisation: Organisation,
    name=_UNSET,
    aliases=_UNSET,
    opened_on=_UNSET,
    closed_on=_UNSET,
    postcode=_UNSET,
    region=_UNSET,
    icb=_UNSET,
    memberships_from: datetime.date | None = None,
    actor=None,
) -> Organisation:
    """Change the named fields only. A new ``region`` or ``icb`` (Organisation, ODS code or
    None) ends the current membership the day before ``memberships_from`` (default today)
    and starts the new one that day, keeping the denormalised foreign keys in step."""
    writer = _Writer(actor=actor)
    start = memberships_from or writer.today
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = snapshot(organisation, ORGANISATION_FIELDS)
        if name is not _UNSET:
            organisation.name = (name or "").strip()
        if aliases is not _UNSET:
            organisation.aliases = [a.strip() for a in aliases or () if a and a.strip()]
        if opened_on is not _UNSET:
            organisation.opened_on = opened_on
        if closed_on is not _UNSET:
            organisation.closed_on = closed_on
        if postcode is not _UNSET:
            organisation.postcode = (postcode or "").strip().upper()
        _check_dates(organisation.opened_on, organisation.closed_on)
        organisation.full_clean()
        after = snapshot(organisation, ORGANISATION_FIELDS)
        if after != before:
            organisation.save()
            writer.audit("organisation_updated", organisation, before, after, organisation)
        for value, kind, relationship, attr in (
            (region, OrganisationKind.REGION, OrganisationParent.Relationship.IN_REGION, "region"),
            (icb, OrganisationKind.ICB, OrganisationParent.Relationship.IN_ICB, "icb"),
        ):
            if value is _UNSET:
                continue
            parent = _resolve(value, kind, attr)
            if parent is not None:
                _parent_set(writer, organisation, parent, relationship, start)
            else:
                for row in organisation.parents.filter(
                    relationship=relationship, valid_to__isnull=True
                ):
                    _end_period(
                        writer, row, "valid_to", start - ONE_DAY, PARENT_FIELDS, organisation
                    )
                writer.touched[organisation.pk] = organisation
        writer.flush()
    return organisation


# ---------------------------------------------------------------------------------------------
# Oversight segments and CQC ratings
# ---------------------------------------------------------------------------------------------


def oversight_segment_record(
    *,
    organisation: Organisation,
    segment: int,
    effective_from: datetime.date,
    source: str = "",
    actor=None,
) -> OversightSegment:
    """Record the NHS Oversight Framework segment from ``effective_from``.

    The segment in force before it ends the day before; a later segment already recorded
    bounds this one. Recording the same start date again corrects that row.
    """
    try:
        segment = int(segment)
    except (TypeError, ValueError):
        raise ValidationError({"segment": "Segment must be a number from 1 to 5"}) from None
    if segment not in OversightSegment.Segment.values:
        raise ValidationError({"segment": "Segment must be a number from 1 to 5"})
    if effective_from is None:
        raise ValidationError({"effective_from": "Enter the date the segment applies from"})
    writer = _Writer(actor=actor)
    with transaction.atomic():
        rows = list(
            OversightSegment.objects.select_for_update()
            .filter(organisation=organisation)
            .order_by("effective_from")
        )
        same_day = next((r for r in rows if r.effective_from == effective_from), None)
        later = [r for r in rows if r.effective_from > effective_from]
        effective_to = later[0].effective_from - ONE_DAY if later else None
        if same_day is not None:
            before = snapshot(same_day, SEGMENT_FIELDS)
            same_day.segment = segment
            same_day.source = source
            same_day.effective_to = effective_to
            after = snapshot(same_day, SEGMENT_FIELDS)
            if after != before:
                same_day.save()
                writer.audit("oversight_segment_corrected", same_day, before, after, organisation)
            writer.flush()
            return same_day
        for row in rows:
            if row.effective_from < effective_from and (
                row.effective_to is None or row.effective_to >= effective_from
            ):
                _end_period(
                    writer,
                    row,
                    "effective_to",
                    effective_from - ONE_DAY,
                    SEGMENT_FIELDS,
                    organisation,
                )
        record = OversightSegment.objects.create(
            organisation=organisation,
            segment=segment,
            effective_from=effective_from,
            effective_to=effective_to,
            source=source,
        )
        writer.audit(
            "oversight_segment_recorded",
            record,
            None,
            snapshot(record, SEGMENT_FIELDS),
            organisation,
        )
        writer.flush()
    return record


def cqc_rating_record(
    *,
    organisation: Organisation,
    overall: str,
    rated_on: datetime.date,
    well_led: str = "",
    actor=None,
) -> CqcRating:
    """Record a CQC rating published on ``rated_on``; the same date again corrects it."""
    ratings = CqcRating.Rating.values
    errors = {}
    if overall not in ratings:
        errors["overall"] = f"Overall rating must be one of: {', '.join(ratings)}"
    if well_led and well_led not in ratings:
        errors["well_led"] = f"Well-led rating must be one of: {', '.join(ratings)}"
    if rated_on is None:
        errors["rated_on"] = "Enter the date of the rating"
    if errors:
        raise ValidationError(errors)
    writer = _Writer(actor=actor)
    with transaction.atomic():
        existing = (
            CqcRating.objects.select_for_update()
            .filter(organisation=organisation, rated_on=rated_on)
            .first()
        )
        if existing is None:
            record = CqcRating.objects.create(
                organisation=organisation, overall=overall, well_led=well_led, rated_on=rated_on
            )
            writer.audit(
                "cqc_rating_recorded", record, None, snapshot(record, CQC_FIELDS), organisation
            )
        else:
            record = existing
            before = snapshot(record, CQC_FIELDS)
            record.overall = overall
            record.well_led = well_led
            after = snapshot(record, CQC_FIELDS)
            if after != before:
                record.save()
                writer.audit("cqc_rating_corrected", record, before, after, organisation)
        writer.flush()
    return record
