"""Display values for talent assessments: placement labels from the default grid preset,
status tags, table rows and the CSV download."""

from dataclasses import dataclass

from django.urls import reverse

from carelead.core.csv import spreadsheet_safe
from carelead.talent.models import GridPreset, TalentAssessment
from carelead.talent.presenters.grid import LEVELS, Grid, grid_of, level_label

S = TalentAssessment.Status

STATUS_COLOURS = {
    S.DRAFT: "nhsuk-tag--grey",
    S.PROPOSED: "nhsuk-tag--blue",
    S.CALIBRATED: "nhsuk-tag--green",
    S.WITHDRAWN: "nhsuk-tag--white",
}

CSV_HEADER = [
    "Person number",
    "Name",
    "Job title",
    "Status",
    "Performance",
    "Potential",
    "Placement",
    "Calibrated performance",
    "Calibrated potential",
    "Calibrated placement",
    "Readiness",
    "Assessed on",
]


def status_tag(assessment: TalentAssessment) -> dict:
    return {
        "text": assessment.get_status_display(),
        "classes": STATUS_COLOURS.get(assessment.status, ""),
    }


def cell_label(grid: GridPreset | None, x: int | None, y: int | None) -> str:
    """The preset's name for the cell at (x, y); reads the prefetched cells."""
    if x is None or y is None:
        return "Not placed"
    if grid is None:
        return f"{LEVELS.get(x, x)} performance, {LEVELS.get(y, y)} potential"
    for cell in grid.cells.all():
        if cell.x == x and cell.y == y:
            return cell.label
    return ""


def level(grid: GridPreset | None, axis: str, value: int | None) -> str:
    if grid is None:
        return LEVELS.get(value, "Not placed") if value else "Not placed"
    return level_label(grid, axis, value)


def placement(grid: GridPreset | None, assessment: TalentAssessment) -> str:
    """The proposed placement, e.g. "Potential leader"."""
    return cell_label(grid, assessment.performance, assessment.potential)


def calibrated_placement(grid: GridPreset | None, assessment: TalentAssessment) -> str | None:
    if assessment.calibrated_performance is None or assessment.calibrated_potential is None:
        return None
    return cell_label(grid, assessment.calibrated_performance, assessment.calibrated_potential)


def assessment_href(assessment: TalentAssessment) -> str:
    return reverse("talent:assessment", kwargs={"pk": assessment.pk})


def _performance_text(reading) -> str:
    if reading is None:
        return "No completed appraisal"
    if reading.level is None:
        return f"Not enough in the appraisal to read: {reading.explanation.lower()}"
    return f"{LEVELS[reading.level]}: {reading.explanation}"


@dataclass
class TeamRow:
    name: str
    job_title: str
    performance: str
    status: dict | None
    placement: str
    assessment_href: str | None
    assess_href: str
    assess_text: str


def team_rows(reports, readings: dict, grid: GridPreset | None) -> list[TeamRow]:
    rows = []
    for employment in reports:
        latest = employment.latest_assessment
        is_open = latest is not None and latest.status in (S.DRAFT, S.PROPOSED)
        rows.append(
            TeamRow(
                name=employment.person.full_name,
                job_title=employment.job_title,
                performance=_performance_text(readings.get(employment.person_id)),
                status=status_tag(latest) if latest else None,
                placement=(
                    calibrated_placement(grid, latest) or placement(grid, latest)
                    if latest
                    else "Not assessed"
                ),
                assessment_href=assessment_href(latest) if latest else None,
                assess_href=reverse(
                    "talent:assessment_create", kwargs={"person_id": employment.person_id}
                ),
                assess_text="Change the assessment" if is_open else "Assess",
            )
        )
    return rows


def organisation_rows(assessments, grid: GridPreset | None) -> list[dict]:
    return [
        {
            "href": assessment_href(a),
            "name": a.person.full_name,
            "job_title": a.employment.job_title,
            "status": status_tag(a),
            "placement": placement(grid, a),
            "calibrated": calibrated_placement(grid, a) or "",
            "assessed_on": a.assessed_on,
            "assessed_by": a.assessed_by.display_name if a.assessed_by else "",
        }
        for a in assessments
    ]


def csv_rows(assessments, grid: GridPreset | None):
    yield CSV_HEADER
    for a in assessments:
        yield [
            spreadsheet_safe(str(v))
            for v in (
                a.person.person_number,
                a.person.full_name,
                a.employment.job_title,
                a.get_status_display(),
                level(grid, "x", a.performance),
                level(grid, "y", a.potential),
                placement(grid, a),
                level(grid, "x", a.calibrated_performance) if a.calibrated_performance else "",
                level(grid, "y", a.calibrated_potential) if a.calibrated_potential else "",
                calibrated_placement(grid, a) or "",
                a.get_readiness_display() if a.readiness else "",
                a.assessed_on.isoformat(),
            )
        ]


def assessment_grid(grid: GridPreset | None, assessment: TalentAssessment) -> Grid | None:
    """The grid with the assessment placed: where calibration put it, or as proposed."""
    if grid is None:
        return None
    x = assessment.calibrated_performance or assessment.performance
    y = assessment.calibrated_potential or assessment.potential
    return grid_of(grid, [assessment], place=lambda _: (x, y))


def summary_rows(grid: GridPreset | None, assessment: TalentAssessment, reading_text: str):
    rows = [
        ("Person", assessment.person.full_name),
        ("Job", str(assessment.employment)),
        ("Status", assessment.get_status_display()),
    ]
    if assessment.status == S.WITHDRAWN and assessment.withdrawn_reason:
        rows.append(("Why it was withdrawn", assessment.withdrawn_reason))
    rows += [
        ("Performance", level(grid, "x", assessment.performance)),
        ("How performance was read", reading_text),
    ]
    if assessment.performance_note:
        rows.append(("Performance note", assessment.performance_note))
    rows.append(("Overall potential", level(grid, "y", assessment.potential)))
    if assessment.potential_summary:
        rows.append(("Summary of potential", assessment.potential_summary))
    rows.append(("Proposed placement", placement(grid, assessment)))
    calibrated = calibrated_placement(grid, assessment)
    if calibrated:
        rows.append(("Calibrated placement", calibrated))
    rows.append(
        ("Readiness", assessment.get_readiness_display() if assessment.readiness else "Not stated")
    )
    by = assessment.assessed_by.display_name if assessment.assessed_by else "Unknown"
    rows.append(("Assessed", f"{assessment.assessed_on:%-d %B %Y} by {by}"))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def reading_text(assessment: TalentAssessment) -> str:
    if assessment.appraisal_id is None:
        return "No completed appraisal: the assessor's own rating"
    completed = assessment.appraisal.completed_on if assessment.appraisal else None
    when = f" completed on {completed:%-d %B %Y}" if completed else ""
    return f"From the appraisal{when}"
