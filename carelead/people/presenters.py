"""Display-ready values for the people pages. Nothing here reads equality monitoring."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from carelead.people.models import Employment, Person

NOT_RECORDED = "Not recorded"


def format_date(value) -> str:
    """NHS.UK style: 1 April 2026."""
    return value.strftime("%-d %B %Y") if value else ""


def _fte(value) -> str:
    if value is None:
        return NOT_RECORDED
    number = Decimal(str(value)).normalize()
    # normalize() turns 1.00 into 1 but 10 into 1E+1; format back to plain digits.
    return f"{number:f}"


class EmploymentPresenter:
    def __init__(self, employment: Employment, *, today=None):
        self.employment = employment
        self.today = today or timezone.localdate()

    @property
    def organisation(self) -> str:
        return self.employment.organisation.name

    @property
    def job_title(self) -> str:
        return self.employment.job_title

    @property
    def staff_group(self) -> str:
        return self.employment.staff_group.name

    @property
    def band(self) -> str:
        band = self.employment.pay_band
        return band.name if band else NOT_RECORDED

    @property
    def management_level(self) -> str:
        level = self.employment.management_level
        return self.employment.get_management_level_display() if level else "Not a manager"

    @property
    def line_manager(self) -> str:
        manager = self.employment.line_manager
        return manager.person.full_name if manager else "None recorded"

    @property
    def start_date(self) -> str:
        return format_date(self.employment.start_date)

    @property
    def end_date(self) -> str:
        return format_date(self.employment.end_date) if self.employment.end_date else ""

    @property
    def dates(self) -> str:
        if self.employment.end_date:
            return f"{self.start_date} to {self.end_date}"
        return f"From {self.start_date}"

    @property
    def fte(self) -> str:
        return _fte(self.employment.fte)

    @property
    def status(self) -> tuple[str, str]:
        """Tag text and colour class."""
        e = self.employment
        if e.start_date > self.today:
            return "Starting", "nhsuk-tag--blue"
        if e.end_date is not None and e.end_date < self.today:
            return "Ended", "nhsuk-tag--grey"
        return "Current", "nhsuk-tag--green"

    @property
    def heading(self) -> str:
        return f"{self.job_title}, {self.organisation}"

    def summary_rows(self) -> list[dict]:
        """Rows for the NHS.UK summary list."""
        rows = [
            ("Organisation", self.organisation),
            ("Job title", self.job_title),
            ("Assignment number", self.employment.assignment_number),
            ("Staff group", self.staff_group),
            ("Band or grade", self.band),
            ("Management level", self.management_level),
            ("Line manager", self.line_manager),
            ("Start date", self.start_date),
            ("End date", self.end_date or "Not ended"),
            ("Full-time equivalent (FTE)", self.fte),
        ]
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


class PersonPresenter:
    def __init__(self, person: Person, employments):
        self.person = person
        self.employments = [EmploymentPresenter(e) for e in employments]

    @property
    def name(self) -> str:
        return self.person.full_name

    def summary_rows(self) -> list[dict]:
        rows = [
            ("Name", self.person.full_name),
            ("Person number", self.person.person_number),
            ("Email", self.person.email or NOT_RECORDED),
        ]
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


@dataclass
class PersonRow:
    """One row of the people or team table."""

    employment: Employment
    report_count: int | None = None

    @cached_property
    def display(self) -> EmploymentPresenter:
        return EmploymentPresenter(self.employment)

    @property
    def name(self) -> str:
        return self.employment.person.full_name

    @property
    def person_number(self) -> str:
        return self.employment.person.person_number

    @property
    def href(self) -> str:
        return reverse("people:person_detail", args=[self.employment.person_id])


def person_rows(employments) -> list[PersonRow]:
    return [PersonRow(e, getattr(e, "report_count", None)) for e in employments]
