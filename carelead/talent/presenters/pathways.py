"""Display values for career pathways: the list by audience, the steps with their credential
and programmes, the suppressed evidence table and the signed-in person's position."""

from dataclasses import dataclass

from django.urls import reverse

from carelead.people.selectors import suppress
from carelead.talent.models import Pathway
from carelead.talent.selectors.pathways import OUTCOMES, Position, StepEvidence

OUTCOME_LABELS = {
    "next_step": "Moved to the next step",
    "later_step": "Moved to a later step",
    "earlier_step": "Moved to an earlier step",
    "other_role": "Moved to another role",
    "no_move": "No move recorded",
}
HIDDEN = "Not shown"


def step_name(step) -> str:
    """A step named with its place on its pathway, e.g. "Team leader, step 1 of General
    management: from team leader to chief operating officer"."""
    return f"{step.title}, step {step.order} of {step.pathway.title}"


STATUS_COLOURS = {
    Pathway.Status.PUBLISHED: "green",
    Pathway.Status.DRAFT: "grey",
    Pathway.Status.RETIRED: "red",
}


def status_tag(pathway: Pathway) -> dict:
    return {
        "text": pathway.get_status_display(),
        "classes": f"nhsuk-tag--{STATUS_COLOURS[pathway.status]}",
    }


def pathway_url(pathway: Pathway) -> str:
    return reverse("talent:pathway", kwargs={"code": pathway.code})


@dataclass
class AudienceGroup:
    label: str
    pathways: list


def by_audience(pathways) -> list[AudienceGroup]:
    """Pathways grouped by audience, in the audience order of the model."""
    grouped: dict[str, list] = {}
    for pathway in pathways:
        grouped.setdefault(pathway.audience, []).append(pathway)
    return [
        AudienceGroup(label, grouped[value])
        for value, label in Pathway.Audience.choices
        if value in grouped
    ]


def stage_url(stage) -> str | None:
    """The standards page showing the stage's descriptors."""
    if stage is None:
        return None
    version = stage.version
    url = reverse(
        "standards:version_detail",
        kwargs={"slug": version.framework.slug, "version": version.version},
    )
    return f"{url}?stage={stage.code}#by-stage"


def programme_url(programme) -> str:
    return reverse("learning:programme_detail", kwargs={"code": programme.code})


def credential_text(step) -> str:
    if step.credential_stage is None:
        return "No credential needed"
    return f"The {step.credential_stage.name} credential"


# --- evidence ---------------------------------------------------------------------------------


@dataclass
class EvidenceRow:
    step_title: str
    total: str
    cells: list[str]
    median: str


def _shown(value: int | None) -> str:
    return HIDDEN if value is None else str(value)


def evidence_rows(evidence: list[StepEvidence], *, minimum: int | None = None) -> list[EvidenceRow]:
    """One row per step. Fewer than the minimum (10) people in a step shows nothing for it;
    otherwise each outcome below the minimum is hidden, with a second one when only one
    would be (``people.selectors.suppress``), so no count can be worked out from the total.
    The median time in the step is shown only when at least the minimum moved on."""
    rows = []
    for item in evidence:
        total = suppress({"total": item.total}, minimum=minimum)["total"]
        if total is None:
            rows.append(
                EvidenceRow(item.step.title, "Fewer than 10", [HIDDEN] * len(OUTCOMES), HIDDEN)
            )
            continue
        counts = suppress(item.counts, minimum=minimum)
        moved = suppress({"moved": item.moved}, minimum=minimum)["moved"]
        median = HIDDEN
        if moved is not None and item.median_months is not None:
            median = _months_text(item.median_months)
        rows.append(
            EvidenceRow(
                item.step.title,
                str(total),
                [_shown(counts[outcome]) for outcome in OUTCOMES],
                median,
            )
        )
    return rows


def _months_text(months: float) -> str:
    months = round(months)
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest or not years:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts)


def evidence_table(rows: list[EvidenceRow]) -> dict:
    """Arguments for the NHS.UK table macro."""
    head = [{"text": "Step"}, {"text": "People who held it", "format": "numeric"}]
    head += [{"text": OUTCOME_LABELS[o], "format": "numeric"} for o in OUTCOMES]
    head.append({"text": "Median time in the step (movers)", "format": "numeric"})
    return {
        "caption": "Where people who held each step went next",
        "captionSize": "s",
        "firstCellIsHeader": True,
        # Eight columns: stacked on small screens rather than scrolled.
        "responsive": True,
        "head": head,
        "rows": [
            [
                {"text": row.step_title},
                {"text": row.total, "format": "numeric"},
                *({"text": cell, "format": "numeric"} for cell in row.cells),
                {"text": row.median, "format": "numeric"},
            ]
            for row in rows
        ],
    }


# --- the signed-in person's position ----------------------------------------------------------


def position_text(position: Position | None) -> dict | None:
    """What "Where you are" says; None when there is nothing to say (signed out, no job)."""
    if position is None:
        return None
    if position.step is None:
        return {
            "summary": f"Your current job, {position.job_title}, does not match a step on this "
            "pathway.",
            "next": None,
        }
    summary = f"Your current job, {position.job_title}, matches the step {position.step.title}."
    if position.next_step is None:
        return {"summary": summary, "next": "This is the last step on the pathway."}
    if position.holds_next_credential is None:
        need = f"The next step, {position.next_step.title}, needs no credential."
    elif position.holds_next_credential:
        need = (
            f"The next step, {position.next_step.title}, needs "
            f"the {position.next_step.credential_stage.name} credential: you hold it."
        )
    else:
        need = (
            f"The next step, {position.next_step.title}, needs "
            f"the {position.next_step.credential_stage.name} credential: you do not hold it "
            "yet. "
            "The programmes below prepare for it."
        )
    return {
        "summary": summary,
        "next": need,
        "programmes": [
            {"title": p.title, "href": programme_url(p)}
            for p in position.next_step.programmes.all()
        ],
    }
