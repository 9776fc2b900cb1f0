"""Display values for the board pages, the board panel of an appraisal, and the regional
submissions CSV. Status and dates only: nothing here reads an appraisal's content."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from carelead.appraisals.models import Appraisal
from carelead.appraisals.selectors.board import (
    BoardMember,
    Submission,
    holder_of,
    may_submit,
    submission_state,
)
from carelead.config.jinja2_env import format_date, format_number
from carelead.core.csv import spreadsheet_safe

BoardRole = Appraisal.BoardRole

HELD_LOCALLY = "Held locally: not sent to the region"
NOT_ADDED = "Not on the board in this cycle"
TAG_COLOURS = {
    Submission.ON_TIME: "green",
    Submission.LATE: "orange",
    Submission.OVERDUE: "red",
    Submission.NOT_YET_DUE: "grey",
}


def submission_text(state: str | None, submitted_at) -> str:
    """'Submitted on 3 June 2026', 'Submitted late on …', 'Overdue', 'Not yet due', or held
    locally."""
    if state is None:
        return HELD_LOCALLY
    if state == Submission.ON_TIME:
        return f"Submitted on {format_date(submitted_at)}"
    if state == Submission.LATE:
        return f"Submitted late on {format_date(submitted_at)}"
    return Submission.LABELS[state]


def _submitter(appraisal: Appraisal) -> str:
    if appraisal.submission_due_on is None:
        return "Nobody: the appraisal stays with the organisation"
    if appraisal.board_role == BoardRole.CHAIR:
        return "The organisation's people lead"
    chair = holder_of(appraisal.cycle, BoardRole.CHAIR)
    return f"The chair, {chair.person}" if chair else "The chair (not added yet)"


def board_panel(appraisal: Appraisal, *, viewer=None) -> dict | None:
    """The board panel for an appraisal's page: its board role, when and by whom it goes to
    the region and where that stands, as summary list ``rows``; None for a staff appraisal.
    With ``viewer``, ``submit_href`` links to the submission page when the viewer is the one
    to submit and the appraisal is ready to go (completed, not yet sent)."""
    if not appraisal.board_role:
        return None
    today = timezone.localdate()
    state = submission_state(appraisal.submission_due_on, appraisal.submitted_to_region_at, today)
    due = format_date(appraisal.submission_due_on) if appraisal.submission_due_on else HELD_LOCALLY
    submission = submission_text(state, appraisal.submitted_to_region_at)
    submitter = _submitter(appraisal)
    submit_href = None
    if (
        viewer is not None
        and appraisal.submission_due_on is not None
        and appraisal.submitted_to_region_at is None
        and appraisal.status == Appraisal.Status.COMPLETED
        and may_submit(viewer, appraisal)
    ):
        submit_href = reverse("appraisals:board_submit", kwargs={"pk": appraisal.pk})
    rows = [
        {"key": {"text": "Board role"}, "value": {"text": appraisal.get_board_role_display()}},
        {"key": {"text": "Due at the region"}, "value": {"text": due}},
    ]
    if state is not None:
        rows += [
            {"key": {"text": "Submission"}, "value": {"text": submission}},
            {"key": {"text": "Submitted by"}, "value": {"text": submitter}},
        ]
    return {
        "role": appraisal.get_board_role_display(),
        "due": due,
        "state": state,
        "submission": submission,
        "submitter": submitter,
        "submit_href": submit_href,
        "rows": rows,
    }


# --- the people lead's board page --------------------------------------------------------------


def _detail_href(pk: int) -> str:
    return reverse("appraisals:detail", kwargs={"pk": pk})


@dataclass
class MemberRow:
    name: str
    job_title: str
    role: str
    appraiser: str
    due: str
    status: str
    href: str | None


def member_rows(members: list[BoardMember]) -> list[MemberRow]:
    rows = []
    for m in members:
        a = m.appraisal
        rows.append(
            MemberRow(
                name=m.employment.person.full_name,
                job_title=m.employment.job_title,
                role=a.get_board_role_display() if a else NOT_ADDED,
                appraiser=str(a.appraiser) if a and a.appraiser_id else "",
                due=(format_date(a.submission_due_on) or HELD_LOCALLY) if a else "",
                status=a.get_status_display() if a else "",
                href=_detail_href(a.pk) if a else None,
            )
        )
    return rows


def employment_choices(members: list[BoardMember]) -> list[tuple[str, str]]:
    return [
        (str(m.employment.pk), f"{m.employment.person.full_name}, {m.employment.job_title}")
        for m in members
    ]


def appraiser_choices(members: list[BoardMember]) -> list[tuple[str, str]]:
    """Who may be named to appraise the chair: the people on this page, once each."""
    seen, choices = set(), [("", "Choose who appraises the chair")]
    for m in members:
        person = m.employment.person
        if person.pk not in seen:
            seen.add(person.pk)
            choices.append((str(person.pk), person.full_name))
    return choices


# --- the regional submissions page and CSV ------------------------------------------------------


@dataclass
class SubmissionRow:
    region: str
    organisation: str
    ods_code: str
    name: str
    role: str
    due: str
    status: str
    submission: str
    tag_colour: str


def submission_rows(appraisals) -> list[SubmissionRow]:
    return [
        SubmissionRow(
            region=a.organisation.region.name if a.organisation.region_id else "",
            organisation=a.organisation.name,
            ods_code=a.organisation.ods_code,
            name=a.person.full_name,
            role=a.get_board_role_display(),
            due=format_date(a.submission_due_on),
            status=a.get_status_display(),
            submission=submission_text(a.submission, a.submitted_to_region_at),
            tag_colour=TAG_COLOURS[a.submission],
        )
        for a in appraisals
    ]


def count_rows(counts: dict[str, int]) -> list[dict]:
    """Summary list rows, one per Submission state, zeros included."""
    return [
        {"key": {"text": label}, "value": {"text": format_number(counts[state])}}
        for state, label in Submission.LABELS.items()
    ]


CSV_HEAD = [
    "Region",
    "Organisation",
    "ODS code",
    "Name",
    "Board role",
    "Due at the region",
    "Appraisal status",
    "Submission",
]


def csv_rows(rows: list[SubmissionRow]) -> list[list[str]]:
    return [CSV_HEAD] + [
        [
            spreadsheet_safe(r.region),
            spreadsheet_safe(r.organisation),
            r.ods_code,
            spreadsheet_safe(r.name),
            r.role,
            r.due,
            r.status,
            r.submission,
        ]
        for r in rows
    ]


def csv_filename(today: datetime.date) -> str:
    return f"board-appraisal-submissions-{today.isoformat()}.csv"


def csv_url(query: dict[str, str]) -> str:
    base = reverse("appraisals:board_submissions_csv")
    query = {k: v for k, v in query.items() if v}
    return f"{base}?{urlencode(query)}" if query else base
