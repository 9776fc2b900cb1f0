"""Display-ready values for the national induction pages."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html

from carelead.learning.models import Enrolment, Module
from carelead.learning.selectors.induction import InductionModule, TeamMember, sector_of
from carelead.people.presenters import format_date

NOT_ENROLLED = "Not enrolled"

#: Why a person takes the module on the other sector, by the sector they work in.
OTHER_SECTOR_WHY = {
    Module.Focus.HEALTH: (
        "You work in health, so this module introduces adult social care: how it is "
        "organised and funded, and how to work well with colleagues in it."
    ),
    Module.Focus.SOCIAL_CARE: (
        "You work in social care, so this module introduces the NHS: how it is organised, "
        "and how to work well with colleagues in it."
    ),
    None: (
        "Your organisation is outside health and social care services, so you take the "
        "modules on both."
    ),
}


def days_word(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"


def induction_status(enrolment: Enrolment | None, today: datetime.date) -> tuple[str, str]:
    """Tag text and colour class for an induction enrolment (or none)."""
    if enrolment is None:
        return NOT_ENROLLED, "nhsuk-tag--grey"
    if enrolment.status == Enrolment.Status.COMPLETED:
        if (
            enrolment.due_on
            and enrolment.completed_on
            and enrolment.completed_on > enrolment.due_on
        ):
            return "Completed late", "nhsuk-tag--green"
        return "Completed", "nhsuk-tag--green"
    if enrolment.due_on and enrolment.due_on < today:
        return "Overdue", "nhsuk-tag--red"
    return "Not yet due", "nhsuk-tag--blue"


def is_overdue(enrolment: Enrolment | None, today: datetime.date) -> bool:
    return bool(
        enrolment
        and enrolment.status == Enrolment.Status.ENROLLED
        and enrolment.due_on
        and enrolment.due_on < today
    )


@dataclass
class ModuleRow:
    title: str
    summary: str
    hours: str
    done: bool
    other_sector: bool
    why: str

    @property
    def status(self) -> tuple[str, str]:
        return ("Done", "nhsuk-tag--green") if self.done else ("Not done", "nhsuk-tag--grey")


class MyInductionPresenter:
    def __init__(self, enrolment: Enrolment, modules: list[InductionModule], today):
        self.enrolment = enrolment
        self.today = today
        sector = sector_of(enrolment.organisation)
        self.modules = [
            ModuleRow(
                title=m.module.title,
                summary=m.module.summary,
                hours=f"{m.module.duration_hours.normalize():f}",
                done=m.done,
                other_sector=m.other_sector,
                why=OTHER_SECTOR_WHY[sector] if m.other_sector else "",
            )
            for m in modules
        ]

    @property
    def title(self) -> str:
        return self.enrolment.programme.title

    @property
    def status(self) -> tuple[str, str]:
        return induction_status(self.enrolment, self.today)

    @property
    def overdue(self) -> bool:
        return is_overdue(self.enrolment, self.today)

    @property
    def days_overdue(self) -> str:
        return days_word((self.today - self.enrolment.due_on).days)

    @property
    def due_date(self) -> str:
        return format_date(self.enrolment.due_on) or "No due date"

    @property
    def done_count(self) -> int:
        return sum(1 for m in self.modules if m.done)

    def summary_rows(self) -> list[dict]:
        text, colour = self.status
        rows = [
            {"key": {"text": "Status"}, "value": {"html": _tag_html(text, colour)}},
            {"key": {"text": "Due by"}, "value": {"text": self.due_date}},
            {
                "key": {"text": "Enrolled on"},
                "value": {"text": format_date(self.enrolment.enrolled_on)},
            },
        ]
        if self.enrolment.completed_on:
            rows.append(
                {
                    "key": {"text": "Completed on"},
                    "value": {"text": format_date(self.enrolment.completed_on)},
                }
            )
        if self.enrolment.organisation:
            rows.append(
                {
                    "key": {"text": "Enrolled through"},
                    "value": {"text": self.enrolment.organisation.name},
                }
            )
        rows.append(
            {
                "key": {"text": "Modules done"},
                "value": {"text": f"{self.done_count} of {len(self.modules)}"},
            }
        )
        return rows


def _tag_html(text: str, colour: str) -> str:
    return format_html('<strong class="nhsuk-tag {}">{}</strong>', colour, text)


@dataclass
class TeamRow:
    name: str
    href: str
    job_title: str
    status: tuple[str, str]
    due_date: str
    sort_key: tuple


def team_rows(members: list[TeamMember], today: datetime.date) -> list[TeamRow]:
    """One row per direct report: overdue first (longest overdue at the top), then those
    not yet due by due date, then those not enrolled, then those who have completed."""
    rows = []
    for member in members:
        employment, enrolment = member.employment, member.enrolment
        status = induction_status(enrolment, today)
        if is_overdue(enrolment, today):
            group = 0
        elif enrolment is None:
            group = 2
        elif enrolment.status == Enrolment.Status.COMPLETED:
            group = 3
        else:
            group = 1
        due = enrolment.due_on if enrolment and enrolment.due_on else datetime.date.max
        person = employment.person
        rows.append(
            TeamRow(
                name=person.full_name,
                href=reverse("people:person_detail", args=[person.pk]),
                job_title=employment.job_title,
                status=status,
                due_date=format_date(enrolment.due_on) if enrolment else "",
                sort_key=(group, due, person.family_name, person.given_name, person.pk),
            )
        )
    return sorted(rows, key=lambda r: r.sort_key)


@dataclass
class OverdueRow:
    name: str
    href: str
    person_number: str
    job_title: str
    due_date: str
    days_overdue: int


def overdue_rows(enrolments, today: datetime.date) -> list[OverdueRow]:
    return [
        OverdueRow(
            name=e.person.full_name,
            href=reverse("people:person_detail", args=[e.person_id]),
            person_number=e.person.person_number,
            job_title=e.employment.job_title if e.employment else "Not recorded",
            due_date=format_date(e.due_on),
            days_overdue=(today - e.due_on).days,
        )
        for e in enrolments
    ]


def count_rows(counts: dict) -> list[dict]:
    """The figures as rows for a summary list."""
    percent = counts["percent_on_time"]
    percent_text = (
        f"{percent}% ({counts['on_time_of_due']} of {counts['due']} due by today)"
        if percent is not None
        else "Nobody is due yet"
    )
    rows = [
        ("Enrolled", counts["enrolled"]),
        ("Not yet due", counts["not_yet_due"]),
        ("Overdue", counts["overdue"]),
        ("Completed on time", counts["completed_on_time"]),
        ("Completed late", counts["completed_late"]),
        ("Inducted on time", percent_text),
    ]
    return [{"key": {"text": k}, "value": {"text": str(v)}} for k, v in rows]
