"""Reading and validating an ESR-style workforce extract (see docs/workforce-import.md).

Every row is checked before anything is written, and every problem is reported with the row
number as a spreadsheet shows it (the header is row 1) and the column it is about. The
checks that need the database (organisations, reference codes, line managers already in
carelead) are made with a handful of set-based queries, never one per row.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from carelead.organisations.models import Organisation
from carelead.people.models import Employment, PayBand, StaffGroup

PERSON_NUMBER = "Person Number"
ASSIGNMENT_NUMBER = "Assignment Number"
FIRST_NAME = "First Name"
LAST_NAME = "Last Name"
EMAIL = "Email"
ORGANISATION_CODE = "Organisation Code"
JOB_TITLE = "Job Title"
STAFF_GROUP = "Staff Group"
PAY_BAND = "Pay Band"
MANAGEMENT_LEVEL = "Management Level"
LINE_MANAGER = "Line Manager Assignment Number"
START_DATE = "Start Date"
END_DATE = "End Date"
FTE = "FTE"

#: The columns of an extract, in the order carelead writes them (any order is accepted).
COLUMNS = [
    PERSON_NUMBER,
    ASSIGNMENT_NUMBER,
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    ORGANISATION_CODE,
    JOB_TITLE,
    STAFF_GROUP,
    PAY_BAND,
    MANAGEMENT_LEVEL,
    LINE_MANAGER,
    START_DATE,
    END_DATE,
    FTE,
]
REQUIRED = frozenset(
    {
        PERSON_NUMBER,
        ASSIGNMENT_NUMBER,
        FIRST_NAME,
        LAST_NAME,
        ORGANISATION_CODE,
        JOB_TITLE,
        STAFF_GROUP,
        START_DATE,
        FTE,
    }
)
#: Longest value each text column may hold (the database column sizes).
MAX_LENGTHS = {
    PERSON_NUMBER: 20,
    ASSIGNMENT_NUMBER: 30,
    FIRST_NAME: 100,
    LAST_NAME: 100,
    EMAIL: 254,
    ORGANISATION_CODE: 12,
    JOB_TITLE: 200,
    LINE_MANAGER: 30,
}

#: Errors kept in full; past this only the count grows, so a wholly wrong file of a million
#: rows cannot exhaust memory.
MAX_ERRORS = 10_000

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FTE_RE = re.compile(r"\d{1,2}(\.\d{1,2})?|\.\d{1,2}")
_FORBIDDEN_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOOKUP_CHUNK = 2000

ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RowError:
    """One problem: the row as numbered in the file (header = 1; 0 for the whole file),
    the column it is about (blank for a whole row or file) and what is wrong."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(slots=True)
class ExtractRow:
    """One valid data row, with values converted to what the models store."""

    row: int
    person_number: str
    assignment_number: str
    given_name: str
    family_name: str
    email: str
    organisation_code: str
    job_title: str
    staff_group_id: str
    pay_band_id: str | None
    management_level: int | None
    line_manager_assignment: str
    start_date: datetime.date
    end_date: datetime.date | None
    fte: Decimal
    organisation_id: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.person_number, self.assignment_number)


@dataclass
class ParsedExtract:
    """The outcome of reading a file. ``rows`` is only complete when ``errors`` is empty."""

    rows: list[ExtractRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    total_rows: int = 0
    organisations: dict[int, Organisation] = field(default_factory=dict)
    #: Line managers found in carelead rather than in the file: (organisation id,
    #: assignment number) -> employment id.
    existing_managers: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, message))


def _decode(content: bytes, result: ParsedExtract) -> str | None:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        result.add(
            line,
            "",
            f"The file is not UTF-8 text (the first character that is not is on line {line}). "
            "Save it as 'CSV UTF-8' and upload it again.",
        )
        return None


def _header_positions(header: list[str], result: ParsedExtract) -> dict[str, int] | None:
    wanted = {name.lower(): name for name in COLUMNS}
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip()
        canonical = wanted.get(name.lower())
        if canonical is None:
            label = name or f"column {index + 1}"
            result.add(1, label, f"'{label}' is not a column of a workforce extract.")
        elif canonical in positions:
            result.add(1, canonical, f"The column '{canonical}' appears more than once.")
        else:
            positions[canonical] = index
    for name in COLUMNS:
        if name not in positions:
            result.add(1, name, f"The column '{name}' is missing.")
    return positions if result.ok else None


def _parse_date(value: str) -> datetime.date | None:
    if not _DATE_RE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


class _Checker:
    """Validates one file. Per-row checks run while reading; checks against the database and
    across rows run once every row has been read."""

    def __init__(self, result: ParsedExtract, allowed_organisation_ids: set[int] | None):
        self.result = result
        self.allowed = allowed_organisation_ids
        self.staff_groups = {
            code.lower(): code for code in StaffGroup.objects.values_list("code", flat=True)
        }
        self.pay_bands = {
            code.lower(): code for code in PayBand.objects.values_list("code", flat=True)
        }
        self.keys: dict[tuple[str, str], int] = {}
        self.people: dict[str, tuple[str, str, str, int]] = {}
        self.emails_valid: dict[str, bool] = {}
        self.organisation_refs: list[tuple[int, str]] = []

    def row(self, number: int, cells: list[str], positions: dict[str, int]) -> ExtractRow | None:
        add = self.result.add
        errors_before = self.result.error_count
        values = {}
        for name, index in positions.items():
            value = cells[index].strip()
            if _FORBIDDEN_RE.search(value):
                add(number, name, f"{name} contains a control character; remove it.")
            elif len(value) > MAX_LENGTHS.get(name, 10_000):
                add(number, name, f"{name} must be {MAX_LENGTHS[name]} characters or fewer.")
            elif name in REQUIRED and not value:
                add(number, name, f"Enter a value for {name}.")
            else:
                values[name] = value
                continue
            # Blank, so that the checks below do not report the same cell twice.
            values[name] = ""

        email = values[EMAIL]
        if email:
            valid = self.emails_valid.get(email)
            if valid is None:
                try:
                    validate_email(email)
                    valid = True
                except ValidationError:
                    valid = False
                self.emails_valid[email] = valid
            if not valid:
                add(number, EMAIL, f"'{email}' is not a valid email address.")

        staff_group = self.staff_groups.get(values[STAFF_GROUP].lower())
        if values[STAFF_GROUP] and staff_group is None:
            add(number, STAFF_GROUP, f"'{values[STAFF_GROUP]}' is not a known staff group code.")
        pay_band = None
        if values[PAY_BAND]:
            pay_band = self.pay_bands.get(values[PAY_BAND].lower())
            if pay_band is None:
                add(number, PAY_BAND, f"'{values[PAY_BAND]}' is not a known pay band code.")

        level = None
        if values[MANAGEMENT_LEVEL]:
            if values[MANAGEMENT_LEVEL] in {"1", "2", "3", "4", "5"}:
                level = int(values[MANAGEMENT_LEVEL])
            else:
                add(number, MANAGEMENT_LEVEL, "Management Level must be 1, 2, 3, 4, 5 or blank.")

        start = end = None
        if values[START_DATE]:
            start = _parse_date(values[START_DATE])
            if start is None:
                add(number, START_DATE, "Start Date must be a real date written as YYYY-MM-DD.")
        if values[END_DATE]:
            end = _parse_date(values[END_DATE])
            if end is None:
                add(number, END_DATE, "End Date must be a real date written as YYYY-MM-DD.")
            elif start is not None and end < start:
                add(number, END_DATE, "End Date must be the same as or after Start Date.")

        fte = None
        if values[FTE]:
            try:
                fte = Decimal(values[FTE]) if _FTE_RE.fullmatch(values[FTE]) else None
            except InvalidOperation:
                fte = None
            if fte is None or fte > 2:
                add(number, FTE, "FTE must be a number from 0 to 2, with up to 2 decimal places.")
                fte = None

        if values[ORGANISATION_CODE]:
            self.organisation_refs.append((number, values[ORGANISATION_CODE].upper()))
        person_number = values[PERSON_NUMBER]
        assignment = values[ASSIGNMENT_NUMBER]
        if person_number and assignment:
            first = self.keys.get((person_number, assignment))
            if first is not None:
                add(
                    number,
                    ASSIGNMENT_NUMBER,
                    f"Person {person_number} assignment {assignment} is already on row {first}.",
                )
            else:
                self.keys[(person_number, assignment)] = number
        if person_number and values[FIRST_NAME] and values[LAST_NAME]:
            identity = (values[FIRST_NAME], values[LAST_NAME], email.lower())
            seen = self.people.get(person_number)
            if seen is None:
                self.people[person_number] = (*identity, number)
            else:
                for column, mine, theirs in (
                    (FIRST_NAME, identity[0], seen[0]),
                    (LAST_NAME, identity[1], seen[1]),
                    (EMAIL, identity[2], seen[2]),
                ):
                    if mine != theirs:
                        add(
                            number,
                            column,
                            f"Person {person_number} has {column} '{theirs}' on row {seen[3]} "
                            f"but '{mine}' here; one person must have one {column}.",
                        )

        if self.result.error_count != errors_before:
            return None
        manager = values[LINE_MANAGER]
        if manager and manager == assignment:
            add(number, LINE_MANAGER, "A person cannot be their own line manager.")
            return None
        return ExtractRow(
            row=number,
            person_number=person_number,
            assignment_number=assignment,
            given_name=values[FIRST_NAME],
            family_name=values[LAST_NAME],
            email=email,
            organisation_code=values[ORGANISATION_CODE].upper(),
            job_title=values[JOB_TITLE],
            staff_group_id=staff_group,
            pay_band_id=pay_band,
            management_level=level,
            line_manager_assignment=manager,
            start_date=start,
            end_date=end,
            fte=fte,
        )

    def organisations(self, rows: list[ExtractRow]) -> None:
        """Check every row's organisation, including rows with other errors, so that one
        report lists everything to fix."""
        codes = sorted({code for _, code in self.organisation_refs})
        by_code = {}
        for chunk in chunked(codes):
            for organisation in Organisation.objects.filter(ods_code__in=chunk):
                by_code[organisation.ods_code.upper()] = organisation
        for number, code in self.organisation_refs:
            organisation = by_code.get(code)
            if organisation is None:
                self.result.add(
                    number, ORGANISATION_CODE, f"'{code}' is not an organisation carelead knows."
                )
            elif self.allowed is not None and organisation.pk not in self.allowed:
                self.result.add(
                    number,
                    ORGANISATION_CODE,
                    f"You cannot import staff of {organisation.name} ({organisation.ods_code}): "
                    "it is not an organisation you are the people lead for.",
                )
        for row in rows:
            organisation = by_code.get(row.organisation_code)
            if organisation is not None and (
                self.allowed is None or organisation.pk in self.allowed
            ):
                row.organisation_id = organisation.pk
                self.result.organisations[organisation.pk] = organisation

    def line_managers(self, rows: list[ExtractRow]) -> None:
        in_file: dict[tuple[int, str], set[str]] = {}
        for row in rows:
            in_file.setdefault((row.organisation_id, row.assignment_number), set()).add(
                row.person_number
            )
        wanted = {
            (row.organisation_id, row.line_manager_assignment)
            for row in rows
            if row.line_manager_assignment and row.organisation_id
        }
        missing = wanted - in_file.keys()
        found: dict[tuple[int, str], list[int]] = {}
        by_organisation: dict[int, list[str]] = {}
        for organisation_id, assignment in missing:
            by_organisation.setdefault(organisation_id, []).append(assignment)
        for organisation_id, assignments in by_organisation.items():
            for chunk in chunked(sorted(assignments)):
                for pk, assignment in Employment.objects.filter(
                    organisation_id=organisation_id, assignment_number__in=chunk
                ).values_list("pk", "assignment_number"):
                    found.setdefault((organisation_id, assignment), []).append(pk)
        for row in rows:
            if not row.line_manager_assignment or not row.organisation_id:
                continue
            key = (row.organisation_id, row.line_manager_assignment)
            matches = len(in_file.get(key, ())) or len(found.get(key, ()))
            if matches == 0:
                self.result.add(
                    row.row,
                    LINE_MANAGER,
                    f"No assignment {row.line_manager_assignment} at {row.organisation_code} "
                    "in this file or in carelead.",
                )
            elif matches > 1:
                self.result.add(
                    row.row,
                    LINE_MANAGER,
                    f"Assignment {row.line_manager_assignment} at {row.organisation_code} "
                    "belongs to more than one person; use an assignment number that is unique.",
                )
            elif key not in in_file:
                self.result.existing_managers[key] = found[key][0]


def chunked(values: list, size: int = _LOOKUP_CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def extract_parse(
    content: bytes,
    *,
    allowed_organisation_ids: set[int] | None,
    progress: ProgressCallback | None = None,
) -> ParsedExtract:
    """Read and check a whole extract. ``allowed_organisation_ids`` None means any
    organisation (a system import); otherwise rows for other organisations are errors."""
    result = ParsedExtract()
    text = _decode(content, result)
    if text is None:
        return result
    total = text.count("\n") + (0 if text.endswith("\n") else 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            result.add(1, "", "The file is empty: the first row must be the column names.")
            return result
        positions = _header_positions(header, result)
        if positions is None:
            return result
        checker = _Checker(result, allowed_organisation_ids)
        rows: list[ExtractRow] = []
        width = len(header)
        step = max(1000, total // 100)
        number = 1
        for number, cells in enumerate(reader, start=2):
            if progress and number % step == 0:
                progress("validating", number, total)
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != width:
                result.add(
                    number, "", f"This row has {len(cells)} cells but the header has {width}."
                )
                continue
            row = checker.row(number, cells, positions)
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        result.add(reader.line_num, "", f"The file is not valid CSV here: {exc}.")
        return result
    result.total_rows = len(rows)
    if not rows and result.ok:
        result.add(2, "", "The file has a header but no rows of staff.")
    checker.organisations(rows)
    checker.line_managers(rows)
    if progress:
        progress("validating", total, total)
    if result.ok:
        result.rows = rows
    return result
