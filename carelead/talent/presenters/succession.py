"""Display values for critical roles, succession plans and the risk map: labels, tags (always
with words, never colour alone) and links."""

import csv
import datetime
import io

from django.urls import reverse

from carelead.core.csv import spreadsheet_safe
from carelead.talent.models import CriticalRole, Readiness, SuccessionCandidate
from carelead.talent.selectors.succession import OrganisationRisk

RISK_TAGS = {
    "high": {"text": "High risk", "classes": "nhsuk-tag--red"},
    "medium": {"text": "Some risk", "classes": "nhsuk-tag--yellow"},
    "low": {"text": "Lower risk", "classes": "nhsuk-tag--green"},
    "none": {"text": "No roles recorded", "classes": "nhsuk-tag--grey"},
}
READINESS_TAGS = {
    Readiness.READY_NOW: "nhsuk-tag--green",
    Readiness.ONE_TO_TWO_YEARS: "nhsuk-tag--blue",
    Readiness.THREE_PLUS_YEARS: "nhsuk-tag--grey",
}
#: What each risk level means, shown beside the map.
RISK_RULES = [
    (
        "High risk",
        "a role expected to fall vacant within 12 months has no ready-now successor, or half "
        "or more of the organisation's critical roles have no ready-now successor",
    ),
    ("Some risk", "at least one critical role has no ready-now successor or no emergency cover"),
    ("Lower risk", "every critical role has a ready-now successor and emergency cover"),
    ("No roles recorded", "the organisation has no live critical roles on carelead"),
]


def date_text(day: datetime.date | None, empty: str = "Not set") -> str:
    return f"{day:%-d %B %Y}" if day else empty


def incumbent_text(role: CriticalRole) -> str:
    if role.incumbent_id is None:
        return "Not recorded"
    employment = role.incumbent
    return f"{employment.person.full_name}, {employment.job_title}"


def role_rows(roles: list[CriticalRole]) -> list[dict]:
    """One row per role for the list (needs ``roles_for_user``'s counts)."""
    rows = []
    for role in roles:
        if not role.is_active:
            status = {"text": "Retired", "classes": "nhsuk-tag--grey"}
        elif not role.ready_now_count:
            status = {"text": "No ready-now successor", "classes": "nhsuk-tag--red"}
        elif not role.cover_count:
            status = {"text": "No emergency cover", "classes": "nhsuk-tag--yellow"}
        else:
            status = {"text": "Covered", "classes": "nhsuk-tag--green"}
        rows.append(
            {
                "href": reverse("talent:critical_role", kwargs={"pk": role.pk}),
                "title": role.title,
                "kind": role.get_kind_display(),
                "organisation": role.organisation.name,
                "incumbent": incumbent_text(role),
                "expected_vacancy": date_text(role.expected_vacancy_on, "Not known"),
                "candidates": role.candidate_count,
                "ready_now": role.ready_now_count,
                "cover": role.cover_count,
                "tag": status,
            }
        )
    return rows


def role_summary(role: CriticalRole) -> list[dict]:
    """Summary list rows for the role page."""

    def row(key, value):
        return {"key": {"text": key}, "value": {"text": value}}

    rows = [
        row("Organisation", role.organisation.name),
        row("Kind of post", role.get_kind_display()),
        row("Current post holder", incumbent_text(role)),
        row("Framework stage", role.stage.name if role.stage_id else "Not set"),
        row("Expected vacancy date", date_text(role.expected_vacancy_on, "Not known")),
        row("Last reviewed", date_text(role.reviewed_on, "Not recorded")),
    ]
    if role.notes:
        rows.append(row("Notes", role.notes))
    if not role.is_active:
        rows.append(row("Status", "Retired: no longer a critical role"))
    return rows


def candidate_rows(candidates: list[SuccessionCandidate], *, editable: bool) -> list[dict]:
    """One row per candidate (needs ``role_candidates``' extras). No equality data, ever."""
    rows = []
    for candidate in candidates:
        job = candidate.current_employment
        if candidate.meets_prerequisite is None:
            prerequisite = "No stage set for the role"
        else:
            prerequisite = "Yes" if candidate.meets_prerequisite else "Not yet"
        rows.append(
            {
                "name": candidate.person.full_name,
                "person_number": candidate.person.person_number,
                "employer": job.organisation.name if job else "No current job on record",
                "job_title": job.job_title if job else "",
                "readiness": {
                    "text": candidate.get_readiness_display(),
                    "classes": READINESS_TAGS.get(candidate.readiness, ""),
                },
                "cover": "Yes" if candidate.is_emergency_cover else "No",
                "prerequisite": prerequisite,
                "in_pool": "Yes" if candidate.in_pool else "No",
                "note": candidate.note,
                "edit_href": reverse(
                    "talent:succession_candidate_edit", kwargs={"pk": candidate.pk}
                )
                if editable
                else None,
            }
        )
    return rows


def plan_warnings(role: CriticalRole, candidates: list[SuccessionCandidate]) -> list[str]:
    """What the plan lacks: a ready-now successor, emergency cover."""
    if not role.is_active:
        return []
    warnings = []
    if not any(c.readiness == Readiness.READY_NOW for c in candidates):
        warnings.append("No one on this plan is ready now.")
    if not any(c.is_emergency_cover for c in candidates):
        warnings.append(
            "No one is named as emergency cover. Name at least one person who could act up at "
            "short notice."
        )
    return warnings


def risk_row(row: OrganisationRisk) -> dict:
    org = row.organisation
    return {
        "name": org.name,
        "ods_code": org.ods_code,
        "href": reverse("talent:succession") + f"?organisation={org.ods_code}",
        "roles": row.roles,
        "no_ready_now": row.no_ready_now,
        "no_cover": row.no_cover,
        "vacant_soon": row.vacant_soon,
        "tag": RISK_TAGS[row.level],
    }


CSV_HEADER = [
    "ICB",
    "Organisation",
    "ODS code",
    "Critical roles",
    "No ready-now successor",
    "No emergency cover",
    "Expected vacant within 12 months",
    "Expected vacant within 12 months with no ready-now successor",
    "Risk",
]


def risk_csv(groups) -> str:
    """The risk map as CSV, every cell made safe for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for group in groups:
        for row in group.rows:
            org = row.organisation
            writer.writerow(
                [
                    spreadsheet_safe(value) if isinstance(value, str) else value
                    for value in (
                        group.name,
                        org.name,
                        org.ods_code,
                        row.roles,
                        row.no_ready_now,
                        row.no_cover,
                        row.vacant_soon,
                        row.vacant_soon_no_ready_now,
                        RISK_TAGS[row.level]["text"],
                    )
                ]
            )
    return out.getvalue()
