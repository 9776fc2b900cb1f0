"""Display values for the programme places page and its CSV download."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from carelead.config.jinja2_env import format_date, format_number
from carelead.learning.models import Application, Enrolment, Programme
from carelead.learning.presenters.overview import csv_value
from carelead.learning.selectors.places import CredentialRow, ProgrammeRow

NO_STAGE = "No stage"
NO_COHORT = "No cohort"
NOT_RECORDED = "Not recorded"

CSV_HEAD = [
    "Name",
    "Person number",
    "Job title",
    "Programme",
    "Cohort",
    "Cohort starts",
    "Cohort ends",
    "Enrolled on",
]


@dataclass
class ProgrammeTableRow:
    title: str
    href: str
    kind: str
    stage: str
    enrolled: str
    completed: str
    withdrawn: str
    completed_last_year: str


def programme_rows(rows: list[ProgrammeRow]) -> list[ProgrammeTableRow]:
    """Rows of the table of enrolments by programme."""
    return [
        ProgrammeTableRow(
            title=r.title,
            href=reverse("learning:programme_detail", kwargs={"code": r.code}),
            kind=Programme.Kind(r.kind).label,
            stage=r.stage or NO_STAGE,
            enrolled=format_number(r.enrolled),
            completed=format_number(r.completed),
            withdrawn=format_number(r.withdrawn),
            completed_last_year=format_number(r.completed_last_year),
        )
        for r in rows
    ]


def application_rows(counts: dict[str, int]) -> list[dict]:
    """Summary list rows, one per status that has applications, in the order an application
    moves through them, then the total. Counts only: a people lead may not open
    applications (that is the applicant's, their line manager's and the panel's)."""
    rows = [
        {"key": {"text": label}, "value": {"text": format_number(counts[status])}}
        for status, label in Application.Status.choices
        if counts.get(status)
    ]
    if rows:
        rows.append(
            {"key": {"text": "Total"}, "value": {"text": format_number(sum(counts.values()))}}
        )
    return rows


def credential_rows(rows: list[CredentialRow]) -> list[tuple[str, str, str]]:
    """(framework, stage, number held) for the table of credentials."""
    return [(r.framework, r.stage, format_number(r.held)) for r in rows]


@dataclass
class StaffRow:
    name: str
    href: str
    person_number: str
    job_title: str
    programme: str
    cohort: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    enrolled_on: datetime.date

    @property
    def cohort_dates(self) -> str:
        if self.starts_on is None:
            return ""
        return f"{format_date(self.starts_on)} to {format_date(self.ends_on)}"

    @property
    def enrolled_date(self) -> str:
        return format_date(self.enrolled_on)

    def csv_row(self) -> list[str]:
        return [
            csv_value(v)
            for v in (
                self.name,
                self.person_number,
                self.job_title,
                self.programme,
                self.cohort,
                self.starts_on.isoformat() if self.starts_on else None,
                self.ends_on.isoformat() if self.ends_on else None,
                self.enrolled_on.isoformat(),
            )
        ]


def staff_rows(enrolments: Iterable[Enrolment]) -> list[StaffRow]:
    """Rows of the list of staff on programmes now; ``enrolments`` come from
    ``selectors.places.staff_on_programmes`` (with ``job_title`` annotated)."""
    rows = []
    for e in enrolments:
        cohort = e.cohort
        rows.append(
            StaffRow(
                name=e.person.full_name,
                href=reverse("people:person_detail", args=[e.person_id]),
                person_number=e.person.person_number,
                job_title=e.job_title or NOT_RECORDED,
                programme=e.programme.title,
                cohort=cohort.code if cohort else NO_COHORT,
                starts_on=cohort.starts_on if cohort else None,
                ends_on=cohort.ends_on if cohort else None,
                enrolled_on=e.enrolled_on,
            )
        )
    return rows


def csv_rows(rows: list[StaffRow]) -> list[list[str]]:
    """The staff list as CSV rows, head first; values a spreadsheet could run as a formula
    are escaped by the overview's ``csv_value``, reused so the two downloads never differ."""
    return [CSV_HEAD, *(row.csv_row() for row in rows)]


def csv_filename(organisation, today: datetime.date) -> str:
    return f"programme-places-{organisation.ods_code.lower()}-{today.isoformat()}.csv"


def csv_url(organisation) -> str:
    return (
        reverse("learning:organisation_places_csv")
        + "?"
        + urlencode({"organisation": organisation.ods_code})
    )
