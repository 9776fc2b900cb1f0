"""Display values for the appraisal record (the PDF). Built from ``AppraisalRecord``; the
wellbeing conversation appears only as the dates it was offered and held."""

from dataclasses import dataclass

from carelead.appraisals import workflow
from carelead.appraisals.models import Appraisal
from carelead.appraisals.selectors.outputs import AppraisalRecord
from carelead.config.jinja2_env import format_date, format_datetime

NOT_RECORDED = "Not recorded"


def rating_text(level) -> str:
    if level is None:
        return NOT_RECORDED
    if level.value is None:
        return level.label
    return f"{level.value} – {level.label}"


def status_label(status: str) -> str:
    if not status:
        return ""
    try:
        return Appraisal.Status(status).label
    except ValueError:
        return status


def action_label(action: str, from_status: str) -> str:
    if action == workflow.CREATE:
        return "Appraisal created"
    transition = workflow.TRANSITIONS.get((from_status, action))
    return transition.label if transition and transition.label else action.replace("_", " ")


def record_filename(appraisal: Appraisal) -> str:
    return f"appraisal-{appraisal.person.person_number}-{appraisal.cycle_id}.pdf"


@dataclass
class RecordPresenter:
    record: AppraisalRecord

    @property
    def appraisal(self) -> Appraisal:
        return self.record.appraisal

    @property
    def title(self) -> str:
        a = self.appraisal
        return f"Appraisal record: {a.person.given_name} {a.person.family_name}, {a.cycle.title}"

    def details(self) -> list[tuple[str, str]]:
        a = self.appraisal
        version = a.cycle.framework_version
        appraiser = f"{a.appraiser.given_name} {a.appraiser.family_name}" if a.appraiser else "None"
        rows = [
            ("Name", f"{a.person.given_name} {a.person.family_name}"),
            ("Person number", a.person.person_number),
            ("Role", a.employment.job_title),
            ("Organisation", a.organisation.name),
            ("Cycle", a.cycle.title),
            ("Framework", f"{version.framework.title}, version {version.version}"),
            ("Stage", a.stage.name),
            ("Appraiser", appraiser),
        ]
        if a.delegation_reason:
            rows.append(("Why the appraiser was delegated", a.delegation_reason))
        if a.board_role:
            rows.append(("Board role", a.get_board_role_display()))
        rows += [
            ("Status", a.get_status_display()),
            (
                "Cycle window",
                f"{format_date(a.cycle.opens_on)} to {format_date(a.cycle.closes_on)}",
            ),
            ("Completed on", format_date(a.completed_on) or "Not completed"),
        ]
        if a.board_role:
            rows.append(("Submission due on", format_date(a.submission_due_on) or "None"))
            rows.append(
                (
                    "Submitted to the region",
                    format_datetime(a.submitted_to_region_at) or "Not submitted",
                )
            )
        return rows

    def wellbeing(self) -> list[tuple[str, str]]:
        # Dates only: what was said stays between the appraisee and the appraiser.
        a = self.appraisal
        return [
            ("Offered on", format_date(a.wellbeing_offered_on) or "Not offered"),
            ("Held on", format_date(a.wellbeing_held_on) or "Not held"),
        ]

    def behaviours(self) -> list[dict]:
        return [
            {
                "item": f"{b.item.code} {b.item.title}",
                "self": rating_text(b.self_rating),
                "self_evidence": b.self_evidence,
                "appraiser": rating_text(b.appraiser_rating),
                "appraiser_comment": b.appraiser_comment,
                "agreed": rating_text(b.agreed_rating),
            }
            for b in self.record.behaviours
        ]

    def objectives(self) -> list[dict]:
        return [
            {
                "title": o.title,
                "rows": [
                    ("Specific: what", o.description),
                    ("Measurable: how success is measured", o.measure),
                    ("Relevant: why it matters", o.relevance or NOT_RECORDED),
                    ("Time-bound: due on", format_date(o.due_on)),
                    ("Organisational priority", o.priority.title if o.priority else "None"),
                    ("Equality, diversity and inclusion objective", "Yes" if o.is_edi else "No"),
                    ("Progress", o.get_progress_display()),
                    *([("Progress note", o.progress_note)] if o.progress_note else []),
                    *([("Carried forward from last year", "Yes")] if o.carried_from_id else []),
                ],
            }
            for o in self.record.objectives
        ]

    def development_items(self) -> list[dict]:
        return [
            {
                "description": d.description,
                "standard": f"{d.item.code} {d.item.title}" if d.item else "",
                "programme": d.programme.title if d.programme else "",
                "status": d.get_status_display(),
                "due_on": format_date(d.due_on),
            }
            for d in self.record.development_items
        ]

    def aspiration(self) -> list[tuple[str, str]]:
        a = self.appraisal
        rows = [("Aspiration", a.get_career_aspiration_display())]
        if a.career_aspiration_note:
            rows.append(("In their words", a.career_aspiration_note))
        return rows

    def signatures(self) -> list[tuple[str, str]]:
        a = self.appraisal
        return [
            ("Appraiser signed", format_datetime(a.appraiser_signed_at) or "Not signed"),
            ("Appraisee signed", format_datetime(a.appraisee_signed_at) or "Not signed"),
        ]

    def history(self) -> list[dict]:
        return [
            {
                "when": format_datetime(t.occurred_at),
                "action": action_label(t.action, t.from_status),
                "from": status_label(t.from_status) or "None",
                "to": status_label(t.to_status),
                "who": t.actor_label,
                "reason": t.reason,
            }
            for t in self.record.transitions
        ]
