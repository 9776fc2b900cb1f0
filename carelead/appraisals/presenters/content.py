"""Display values for the content pages: who sees which ratings, how objectives and plan
items read, and where a programme link goes."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from carelead.appraisals.models import Appraisal, DevelopmentItem, Objective
from carelead.appraisals.policy import edi_objective_required
from carelead.appraisals.selectors import content as selectors
from carelead.appraisals.workflow import APPRAISEE, APPRAISER
from carelead.learning.models import Programme

NOT_RATED = "Not rated"

PROGRESS_TAGS = {
    Objective.Progress.NOT_STARTED: "nhsuk-tag--grey",
    Objective.Progress.ON_TRACK: "nhsuk-tag--blue",
    Objective.Progress.AT_RISK: "nhsuk-tag--orange",
    Objective.Progress.ACHIEVED: "nhsuk-tag--green",
    Objective.Progress.NOT_ACHIEVED: "nhsuk-tag--red",
    Objective.Progress.CARRIED_FORWARD: "nhsuk-tag--purple",
}
DEVELOPMENT_TAGS = {
    DevelopmentItem.Status.PLANNED: "nhsuk-tag--grey",
    DevelopmentItem.Status.IN_PROGRESS: "nhsuk-tag--blue",
    DevelopmentItem.Status.DONE: "nhsuk-tag--green",
    DevelopmentItem.Status.CARRIED_FORWARD: "nhsuk-tag--purple",
}


def appraisal_home_url(appraisal: Appraisal) -> str:
    """The appraisal's task list, which every section page leads back to."""
    return reverse("appraisals:detail", kwargs={"pk": appraisal.pk})


def _label(level) -> str:
    return level.label if level is not None else NOT_RATED


@dataclass
class BehaviourRow:
    """One behaviour as the viewer may see it: the other party's ratings are hidden until
    the appraisal is ready to discuss (the self-assessment is a private draft until then)."""

    title: str
    code: str
    descriptor: str
    self_rating: str | None
    self_evidence: str | None
    appraiser_rating: str | None
    appraiser_comment: str | None
    agreed_rating: str


def behaviour_rows(appraisal: Appraisal, assessments, roles: set[str]) -> list[BehaviourRow]:
    shared = appraisal.status in selectors.SHARED_RATING_STATUSES
    sees_self = APPRAISEE in roles or shared
    sees_appraiser = APPRAISER in roles or shared
    rows = []
    for a in assessments:
        rows.append(
            BehaviourRow(
                title=a.item.title,
                code=a.item.code,
                descriptor=a.descriptor.text if a.descriptor else "",
                self_rating=_label(a.self_rating) if sees_self else None,
                self_evidence=(a.self_evidence or "None given") if sees_self else None,
                appraiser_rating=_label(a.appraiser_rating) if sees_appraiser else None,
                appraiser_comment=(a.appraiser_comment or "None given") if sees_appraiser else None,
                agreed_rating=_label(a.agreed_rating),
            )
        )
    return rows


def behaviour_party(appraisal: Appraisal, roles: set[str]) -> tuple[str | None, bool]:
    """Which behaviours form the viewer gets now ("self", "appraiser" or None) and whether
    it includes the agreed rating."""
    if APPRAISEE in roles and appraisal.status in selectors.SELF_RATING_STATUSES:
        return "self", False
    if APPRAISER in roles and appraisal.status in selectors.APPRAISER_RATING_STATUSES:
        return "appraiser", appraisal.status in selectors.AGREED_RATING_STATUSES
    return None, False


def carried_from_text(record) -> str:
    source = record.carried_from
    if source is None:
        return ""
    return f"Carried forward from {source.appraisal.cycle.title}"


@dataclass
class ObjectiveRow:
    pk: int
    title: str
    description: str
    measure: str
    relevance: str
    due_on: object
    priority: str
    is_edi: bool
    progress: str
    progress_tag: str
    progress_note: str
    carried_from: str

    @property
    def progress_note_html(self) -> SafeString:
        return format_html("<br>{}", self.progress_note) if self.progress_note else ""


def objective_rows(objectives) -> list[ObjectiveRow]:
    return [
        ObjectiveRow(
            pk=o.pk,
            title=o.title,
            description=o.description,
            measure=o.measure,
            relevance=o.relevance,
            due_on=o.due_on,
            priority=o.priority.title if o.priority else "None",
            is_edi=o.is_edi,
            progress=o.get_progress_display(),
            progress_tag=PROGRESS_TAGS.get(o.progress, ""),
            progress_note=o.progress_note,
            carried_from=carried_from_text(o),
        )
        for o in objectives
    ]


def edi_status(appraisal: Appraisal, objectives) -> dict:
    required = edi_objective_required(appraisal)
    has_one = any(o.is_edi for o in objectives)
    return {"required": required, "missing": required and not has_one}


def programme_link(programme: Programme) -> tuple[str, str]:
    """(href, text): mid-career programmes are applied for; others are enrolled on from
    the programme's page."""
    if programme.kind == Programme.Kind.MID_CAREER:
        return reverse("learning:mid_career_apply"), f"Apply for {programme.title}"
    return (
        reverse("learning:programme_detail", kwargs={"code": programme.code}),
        f"Enrol on {programme.title}",
    )


@dataclass
class DevelopmentRow:
    pk: int
    description: str
    competency: str
    programme: str
    programme_href: str
    programme_link_text: str
    programme_html: SafeString
    due_on: object
    status: str
    status_value: str
    status_tag: str
    carried_from: str
    suggestions: list


def development_rows(items, suggestions: dict) -> list[DevelopmentRow]:
    rows = []
    for d in items:
        href, text = programme_link(d.programme) if d.programme else ("", "")
        suggested = []
        if d.programme is None and d.item_id:
            suggested = [(p.title, *programme_link(p)) for p in suggestions.get(d.item_id, [])]
        rows.append(
            DevelopmentRow(
                pk=d.pk,
                description=d.description,
                competency=f"{d.item.code} {d.item.title}" if d.item else "Not linked",
                programme=d.programme.title if d.programme else "None",
                programme_href=href,
                programme_link_text=text,
                programme_html=(
                    format_html('{}<br><a href="{}">{}</a>', d.programme.title, href, text)
                    if d.programme
                    else format_html("{}", "None")
                ),
                due_on=d.due_on,
                status=d.get_status_display(),
                status_value=d.status,
                status_tag=DEVELOPMENT_TAGS.get(d.status, ""),
                carried_from=carried_from_text(d),
                suggestions=suggested,
            )
        )
    return rows
