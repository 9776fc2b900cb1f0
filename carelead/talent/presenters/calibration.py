"""Display values for calibration sessions: list rows, the session summary, the grid with its
counts (and names while the session is small), the placement table and the fairness figures.
Figures arrive already suppressed from the selectors; these only format them."""

from django.urls import reverse
from django.utils.http import urlencode

from carelead.talent.models import CalibrationSession
from carelead.talent.presenters.grid import grid_of, level_label
from carelead.talent.selectors.calibration import SessionFairness

STATUS_COLOURS = {
    CalibrationSession.Status.PLANNED: "grey",
    CalibrationSession.Status.IN_PROGRESS: "blue",
    CalibrationSession.Status.CLOSED: "green",
}
TREND_WORDS = {
    "grew": "Disparity grew in the session",
    "shrank": "Disparity shrank in the session",
    "no change": "No change from the proposed placements",
}


def status_tag(session: CalibrationSession) -> dict:
    return {
        "text": session.get_status_display(),
        "classes": f"nhsuk-tag--{STATUS_COLOURS[session.status]}",
    }


def _user_name(user) -> str:
    if user is None:
        return "Not recorded"
    return str(user)


def scope_text(session: CalibrationSession) -> str:
    return f"{session.organisation.name} ({session.get_level_display().lower()} level)"


def session_rows(sessions) -> list[dict]:
    return [
        {
            "title": s.title,
            "href": reverse("talent:calibration", kwargs={"pk": s.pk}),
            "scope": scope_text(s),
            "facilitator": _user_name(s.facilitator),
            "date": f"{s.scheduled_on:%-d %B %Y}",
            "people": s.placement_count,
            "tag": status_tag(s),
        }
        for s in sessions
    ]


def session_summary(session: CalibrationSession) -> list[dict]:
    rows = [
        ("Covers", scope_text(session)),
        ("Facilitator", _user_name(session.facilitator)),
        ("Date", f"{session.scheduled_on:%-d %B %Y}"),
        ("Grid", session.grid.title),
        ("Status", session.get_status_display()),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def cell_href(session: CalibrationSession, x: int, y: int) -> str:
    base = reverse("talent:calibration", kwargs={"pk": session.pk})
    return f"{base}?{urlencode({'cell': f'{x}-{y}'})}#placements"


def grid_rows(
    session: CalibrationSession,
    counts: dict[tuple[int, int], int],
    names: list[tuple[int, int, str]] | None,
    selected: tuple[int, int] | None,
) -> dict:
    """The grid as rows of cells (top row first). Names appear in every cell only when the
    session is small enough (``names`` is None otherwise)."""
    grid = grid_of(
        session.grid,
        names or (),
        place=lambda item: (item[0], item[1]),
    )
    preset = session.grid
    rows = []
    for row in grid.rows:
        cells = []
        for cell in row:
            cells.append(
                {
                    "label": cell.label,
                    "description": cell.description,
                    "count": counts.get((cell.x, cell.y), 0),
                    "names": [item[2] for item in cell.items] if names is not None else None,
                    "href": cell_href(session, cell.x, cell.y),
                    "selected": selected == (cell.x, cell.y),
                    "where": (
                        f"{level_label(preset, 'x', cell.x)}, {level_label(preset, 'y', cell.y)}"
                    ),
                }
            )
        rows.append({"level": level_label(preset, "y", row[0].y), "cells": cells})
    return {
        "rows": rows,
        "x_label": grid.x_label,
        "y_label": grid.y_label,
        "x_levels": [level_label(preset, "x", x) for x in (1, 2, 3)],
        "source": preset.source,
        "source_url": preset.source_url,
        "title": preset.title,
    }


def placement_rows(session: CalibrationSession, placements, *, can_move: bool) -> list[dict]:
    preset = session.grid

    def where(x, y):
        return f"{level_label(preset, 'x', x)}, {level_label(preset, 'y', y)}"

    return [
        {
            "name": str(p.assessment.person),
            "organisation": p.assessment.organisation.name,
            "proposed": where(p.proposed_performance, p.proposed_potential),
            "calibrated": where(p.performance, p.potential),
            "moved": "Yes" if p.moved else "No",
            "reason": p.reason,
            "move_href": reverse(
                "talent:calibration_move", kwargs={"session_pk": session.pk, "pk": p.pk}
            )
            if can_move
            else None,
        }
        for p in placements
    ]


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def fairness_tables(fairness: SessionFairness) -> list[dict]:
    """One table per question: each group's share of the session and of those placed high
    on potential, its relative likelihood and whether it is outside the band."""
    low, high = fairness.band
    tables = []
    for question in fairness.questions:
        rows = []
        for g in question.groups:
            hidden = f"Fewer than {fairness.minimum}"
            if g.likelihood is not None:
                likelihood = f"{g.likelihood:.2f}"
            elif not g.compared:
                likelihood = "Not compared"
            else:
                likelihood = g.note or "Not calculable"
            rows.append(
                {
                    "group": g.group,
                    "people": hidden
                    if g.people is None
                    else f"{g.people} ({_percent(g.people_share)})",
                    "high": hidden if g.high is None else f"{g.high} ({_percent(g.high_share)})",
                    "likelihood": likelihood,
                    "alert": g.alert,
                    "status": (
                        f"Outside {low:g} to {high:g}"
                        if g.alert
                        else (f"Within {low:g} to {high:g}" if g.likelihood is not None else "")
                    ),
                    "trend": TREND_WORDS.get(g.trend, ""),
                }
            )
        tables.append({"title": question.title, "rows": rows})
    return tables


def alert_messages(fairness: SessionFairness) -> list[str]:
    """The alerts in words: about a group, never a person."""
    low, high = fairness.band
    messages = []
    for question, g in fairness.alerts:
        direction = "less" if g.likelihood < low else "more"
        messages.append(
            f"{question.title}: {g.group} people are {direction} likely to be placed high on "
            f"potential than everyone else (relative likelihood {g.likelihood:.2f}, outside "
            f"{low:g} to {high:g})."
        )
    return messages
