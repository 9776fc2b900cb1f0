"""Display values for the workflow pages: status tags, the task list, deadlines, the history
and the lists. The wellbeing note is never read here: only the wellbeing page shows it."""

import datetime

from django.urls import reverse
from django.utils import timezone

from carelead.appraisals import workflow
from carelead.appraisals.models import Appraisal, FeedbackRequest
from carelead.appraisals.selectors.workflow import DEADLINE_FIELD, TaskCounts

S = Appraisal.Status

STATUS_COLOURS = {
    S.NOT_STARTED: "nhsuk-tag--grey",
    S.PREPARING: "nhsuk-tag--blue",
    S.READY_TO_DISCUSS: "nhsuk-tag--purple",
    S.DISCUSSED: "nhsuk-tag--aqua-green",
    S.AWAITING_SIGN_OFF: "nhsuk-tag--yellow",
    S.COMPLETED: "nhsuk-tag--green",
    S.CANCELLED: "nhsuk-tag--grey",
}

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"
TASK_COLOURS = {NOT_STARTED: "nhsuk-tag--grey", IN_PROGRESS: "nhsuk-tag--blue", COMPLETED: ""}

DEADLINE_LABELS = {
    "preparation_due_on": "Preparation due",
    "discussion_due_on": "Discussion due",
    "sign_off_due_on": "Sign-off due",
}


def link(name: str, *args) -> str:
    return reverse(name, args=args)


def format_date(value) -> str:
    return value.strftime("%-d %B %Y") if value else ""


def format_datetime(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local:%-d %B %Y} at {local:%-I:%M%p}".replace("AM", "am").replace("PM", "pm")


def status_tag(appraisal: Appraisal) -> dict:
    return {"text": appraisal.get_status_display(), "classes": STATUS_COLOURS[appraisal.status]}


def next_due_on(appraisal: Appraisal) -> datetime.date | None:
    name = DEADLINE_FIELD.get(appraisal.status)
    return getattr(appraisal.cycle, name) if name else None


def is_overdue(appraisal: Appraisal, today: datetime.date | None = None) -> bool:
    due = getattr(appraisal, "next_due_on", None) or next_due_on(appraisal)
    return bool(due) and due < (today or timezone.localdate())


def deadline_text(appraisal: Appraisal, today: datetime.date | None = None) -> str:
    due = getattr(appraisal, "next_due_on", None) or next_due_on(appraisal)
    if not due:
        return ""
    label = DEADLINE_LABELS[DEADLINE_FIELD[appraisal.status]]
    overdue = " (overdue)" if due < (today or timezone.localdate()) else ""
    return f"{label} {format_date(due)}{overdue}"


def list_rows(appraisals, *, show_person: bool) -> list[dict]:
    """One row per appraisal for the two lists (everything from select_related)."""
    today = timezone.localdate()
    rows = []
    for a in appraisals:
        rows.append(
            {
                "href": reverse("appraisals:detail", args=[a.pk]),
                "name": a.person.full_name if show_person else a.cycle.title,
                "cycle": a.cycle.title,
                "organisation": a.organisation.name,
                "job": a.employment.job_title,
                "appraiser": a.appraiser.full_name if a.appraiser else "Not assigned",
                "status": status_tag(a),
                "deadline": deadline_text(a, today),
                "overdue": is_overdue(a, today),
                "completed": format_date(a.completed_on),
                "live": a.status in workflow.LIVE,
            }
        )
    return rows


def _tag(text: str) -> dict:
    return {"tag": {"text": text, "classes": TASK_COLOURS[text]}} if TASK_COLOURS[text] else text


def task_items(appraisal: Appraisal, counts: TaskCounts) -> list[dict]:
    """The NHS.UK task list: each section, its link (hidden until that page exists) and
    whether it is not started, in progress or completed."""
    pk = appraisal.pk
    finished_preparing = appraisal.status not in (S.NOT_STARTED, S.PREPARING)

    def state(done: bool, begun: bool) -> str:
        return COMPLETED if done else IN_PROGRESS if begun else NOT_STARTED

    edi_missing = counts.objectives and not counts.edi_objectives
    items = [
        (
            "Reflection on the year",
            "appraisals:reflection",
            state(bool(appraisal.reflection) and finished_preparing, bool(appraisal.reflection)),
            "What went well, what was hard, what you learned.",
        ),
        (
            "Behaviours",
            "appraisals:behaviours",
            state(
                counts.behaviours > 0 and counts.behaviours_agreed == counts.behaviours,
                counts.behaviours_self_rated > 0 or counts.behaviours_agreed > 0,
            ),
            "The Code's principles and the competencies of your stage, rated and agreed.",
        ),
        (
            "Objectives",
            "appraisals:objectives",
            state(counts.objectives > 0 and not edi_missing, counts.objectives > 0),
            "SMART objectives for the year ahead.",
        ),
        (
            "Development plan",
            "appraisals:development",
            state(counts.development_items > 0, False),
            "What you will learn and how, including programmes.",
        ),
        (
            "Evidence",
            "appraisals:evidence",
            state(counts.evidence > 0, False),
            "Examples that support your reflection and ratings.",
        ),
        (
            "360 feedback",
            "appraisals:feedback",
            state(
                counts.feedback_status == FeedbackRequest.Status.CLOSED,
                counts.feedback_status == FeedbackRequest.Status.OPEN,
            ),
            "Feedback from colleagues and partners.",
        ),
        (
            "Wellbeing conversation",
            "appraisals:wellbeing",
            state(
                bool(appraisal.wellbeing_held_on),
                bool(appraisal.wellbeing_offered_on),
            ),
            "Private to the two of you.",
        ),
        (
            "Career aspiration",
            "appraisals:aspiration",
            state(
                bool(appraisal.career_aspiration),
                bool(appraisal.career_aspiration_note),
            ),
            "Depth, breadth or stretch.",
        ),
        (
            "Summary and sign-off",
            "appraisals:summary",
            state(
                appraisal.status == S.COMPLETED,
                bool(appraisal.summary) or bool(appraisal.appraiser_signed_at),
            ),
            "The summary both of you sign.",
        ),
    ]
    return [
        {
            "title": {"text": title},
            "href": link(name, pk) or None,
            "hint": {"text": hint},
            "status": _tag(status),
        }
        for title, name, status, hint in items
    ]


def summary_rows(appraisal: Appraisal) -> list[dict]:
    cycle = appraisal.cycle
    rows = [
        ("Appraisee", appraisal.person.full_name),
        ("Job", f"{appraisal.employment.job_title}, {appraisal.organisation.name}"),
        ("Appraiser", appraisal.appraiser.full_name if appraisal.appraiser else "Not assigned"),
        ("Cycle", cycle.title),
        ("Stage", appraisal.stage.name),
        ("Preparation due", format_date(cycle.preparation_due_on)),
        ("Discussion due", format_date(cycle.discussion_due_on)),
        ("Sign-off due", format_date(cycle.sign_off_due_on)),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows] + signature_rows(appraisal)


def signature_rows(appraisal: Appraisal) -> list[dict]:
    rows = [
        ("Signed by the appraiser", format_datetime(appraisal.appraiser_signed_at) or "Not yet"),
        ("Signed by the appraisee", format_datetime(appraisal.appraisee_signed_at) or "Not yet"),
    ]
    if appraisal.completed_on:
        rows.append(("Completed", format_date(appraisal.completed_on)))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def history_rows(transitions) -> list[dict]:
    labels = dict(S.choices)
    rows = []
    for t in transitions:
        step = workflow.TRANSITIONS.get((t.from_status, t.action))
        what = "Created" if t.action == workflow.CREATE else (step.label if step else t.action)
        rows.append(
            {
                "when": format_datetime(t.occurred_at),
                "what": what,
                "status": labels.get(t.to_status, t.to_status),
                "who": t.actor_label,
                "reason": t.reason,
            }
        )
    return rows


def completion_rows(completions) -> list[dict]:
    rows = []
    for c in completions:
        title = c.programme.title if c.programme_id else (c.module.title if c.module_id else "")
        rows.append(
            {
                "title": title or c.title,
                "completed": format_date(c.completed_on),
                "status": c.get_status_display(),
            }
        )
    return rows
