"""Display values for the insight pages: NHS.UK table rows built from the selectors' figures,
with "–" for every suppressed figure, and the CSV export's header and cells."""

from urllib.parse import urlencode

from django.urls import reverse

from carelead.appraisals.models import Appraisal
from carelead.appraisals.selectors.insight import (
    ICB,
    NATION,
    ORGANISATION,
    QUALITY,
    REGION,
    Dashboard,
    Demand,
    Figures,
    GroupRow,
    Heatmap,
    InsightScope,
    Rollup,
    quality_rates,
    suppression_minimum,
)
from carelead.config.jinja2_env import format_date, format_number
from carelead.core.csv import spreadsheet_safe

SUPPRESSED = "–"
STATUS_LABELS = dict(Appraisal.Status.choices)
LEVEL_PARAMETER = {REGION: "region", ICB: "icb", ORGANISATION: "organisation"}


def percent(value: float | None) -> str:
    return SUPPRESSED if value is None else f"{value:.0%}"


def number(value: int | None) -> str:
    return SUPPRESSED if value is None else format_number(value)


def _numeric(text: str) -> dict:
    return {"text": text, "format": "numeric"}


def _head(first: str, *rest: str) -> list[dict]:
    return [{"text": first}, *({"text": h, "format": "numeric"} for h in rest)]


def scope_url(name: str, level: str, code: str = "", **extra) -> str:
    params = {LEVEL_PARAMETER[level]: code} if level in LEVEL_PARAMETER and code else {}
    params.update({k: v for k, v in extra.items() if v})
    query = urlencode(params)
    return reverse(name) + (f"?{query}" if query else "")


class ScopeMixin:
    scope: InsightScope

    @property
    def place(self) -> str:
        return self.scope.name

    @property
    def minimum(self) -> int:
        return suppression_minimum()

    def link(self, name: str) -> str:
        """``name``'s page for the same scope."""
        organisation = self.scope.organisation
        return scope_url(name, self.scope.level, organisation.ods_code if organisation else "")

    @staticmethod
    def group_head(first: str) -> list[dict]:
        return group_head(first)

    @property
    def scope_parameter(self) -> str:
        return LEVEL_PARAMETER.get(self.scope.level, "")

    def up_link(self, name: str) -> dict | None:
        """A back link one level up (ICB, region or England), when the user may see it."""
        if self.scope.up is None:
            return None
        level, code = self.scope.up
        text = {NATION: "England", REGION: "Region", ICB: "ICB"}[level]
        if level == ICB and self.scope.organisation and self.scope.organisation.icb:
            text = self.scope.organisation.icb.name
        elif level == REGION and self.scope.organisation and self.scope.organisation.region:
            text = self.scope.organisation.region.name
        return {"href": scope_url(name, level, code), "text": text}


# --- dashboard ---------------------------------------------------------------------------


COMPLETION_HEAD = ("Appraisals", "Completed", "% completed", "Overdue")
QUALITY_HEAD = tuple(label for _, _, label in QUALITY)


def _completion_cells(figures: Figures, shown: bool = True) -> list[dict]:
    if not shown:
        return [_numeric(SUPPRESSED) for _ in COMPLETION_HEAD]
    return [
        _numeric(number(figures.appraisals)),
        _numeric(number(figures.completed)),
        _numeric(percent(figures.completion_rate)),
        _numeric(number(figures.overdue)),
    ]


def _quality_cells(figures: Figures, shown: bool = True) -> list[dict]:
    rates = quality_rates(figures, shown=shown)
    return [_numeric(percent(rates[key])) for key, _, _ in QUALITY]


def _group_rows(rows: list[GroupRow], link=None) -> list[list[dict]]:
    result = []
    for row in rows:
        first = {"text": row.label}
        href = link(row) if link else None
        if href:
            first["href"] = href
        result.append(
            [
                first,
                *_completion_cells(row.figures, row.shown),
                *_quality_cells(row.figures, row.quality_shown),
            ]
        )
    return result


def group_head(first: str) -> list[dict]:
    return _head(first, *COMPLETION_HEAD, *(f"{label} (% of completed)" for label in QUALITY_HEAD))


class DashboardPresenter:
    def __init__(self, dashboard: Dashboard):
        self.dashboard = dashboard
        self.scope = dashboard.scope
        self.total = dashboard.total

    @property
    def heading(self) -> str:
        if self.scope.organisation is None:
            return "Appraisal dashboard"
        return f"Appraisal dashboard: {self.scope.organisation.name}"

    @property
    def minimum(self) -> int:
        return suppression_minimum()

    @staticmethod
    def group_head(first: str) -> list[dict]:
        return group_head(first)

    @property
    def today(self) -> str:
        return format_date(self.dashboard.today)

    @property
    def cycle_choices(self) -> list[tuple[str, str]]:
        return [
            (str(c.pk), f"{c.title} ({c.get_status_display().lower()})") for c in self.scope.cycles
        ]

    @property
    def cycle_summary(self) -> list[dict]:
        cycle = self.scope.cycle
        return [
            {"key": {"text": "Window"}, "value": {"text": self._window(cycle)}},
            {
                "key": {"text": "Preparation due"},
                "value": {"text": format_date(cycle.preparation_due_on)},
            },
            {
                "key": {"text": "Discussion due"},
                "value": {"text": format_date(cycle.discussion_due_on)},
            },
            {
                "key": {"text": "Sign-off due"},
                "value": {"text": format_date(cycle.sign_off_due_on)},
            },
        ]

    @staticmethod
    def _window(cycle) -> str:
        return f"{format_date(cycle.opens_on)} to {format_date(cycle.closes_on)}"

    def status_rows(self) -> list[list[dict]]:
        t = self.total
        return [
            [{"text": label}, _numeric(number(getattr(t, status)))]
            for status, label in Appraisal.Status.choices
        ]

    def overdue_rows(self) -> list[list[dict]]:
        t = self.total
        return [
            [
                {"text": "Preparation deadline passed, not yet ready to discuss"},
                _numeric(number(t.overdue_preparation)),
            ],
            [
                {"text": "Discussion deadline passed, not yet discussed"},
                _numeric(number(t.overdue_discussion)),
            ],
            [
                {"text": "Sign-off deadline passed, not yet completed"},
                _numeric(number(t.overdue_sign_off)),
            ],
            [{"text": "Overdue in total"}, _numeric(number(t.overdue))],
        ]

    def quality_rows(self) -> list[list[dict]]:
        rates = quality_rates(self.total)
        rows = []
        for key, denominator, label in QUALITY:
            rows.append(
                [
                    {"text": label},
                    _numeric(percent(rates[key])),
                    _numeric(number(getattr(self.total, denominator))),
                ]
            )
        return rows

    @property
    def completed_text(self) -> str:
        return percent(self.total.completion_rate) if self.total.appraisals else "0%"

    def staff_group_rows(self) -> list[list[dict]]:
        return _group_rows(self.dashboard.by_staff_group)

    def level_rows(self) -> list[list[dict]]:
        return _group_rows(self.dashboard.by_management_level)

    @property
    def export_url(self) -> str:
        return (
            reverse("appraisals:export_csv")
            + "?"
            + urlencode(
                {"organisation": self.scope.organisation.ods_code, "cycle": self.scope.cycle.pk}
            )
        )


# --- roll-up ------------------------------------------------------------------------------


class RollupPresenter(ScopeMixin):
    def __init__(self, rollup: Rollup):
        self.rollup = rollup
        self.scope = rollup.scope

    @property
    def heading(self) -> str:
        return f"Appraisals roll-up: {self.place}" if self.place else "Appraisals roll-up"

    @property
    def today(self) -> str:
        return format_date(self.rollup.today)

    @property
    def back(self) -> dict | None:
        return self.up_link("appraisals:rollup")

    def total_rows(self) -> list[list[dict]]:
        row = GroupRow(None, "All", self.rollup.total)
        return _group_rows([row])

    def tables(self) -> list[dict]:
        result = []
        for table in self.rollup.tables:

            def link(row, level=table.row_level):
                if not row.code:
                    return None
                if level == ORGANISATION:
                    return scope_url("appraisals:dashboard", ORGANISATION, row.code)
                return scope_url("appraisals:rollup", level, row.code)

            result.append(
                {
                    "key": table.key,
                    "caption": f"Appraisals by {table.caption_label}",
                    "head": group_head(table.group_label),
                    "rows": _group_rows(table.rows, link),
                }
            )
        return result


# --- heatmap ------------------------------------------------------------------------------

#: Background bands by where the mean sits on the scale: one hue getting darker, each light
#: enough that the page's text colour keeps AA contrast (at least 7:1) on it. Colour is only an
#: extra cue: every cell shows its value in text.
BANDS = (
    (0.25, "#eef5fb", "Lower quarter of the scale"),
    (0.5, "#d2e5f5", "Second quarter"),
    (0.75, "#b0d1ee", "Third quarter"),
    (1.01, "#8dbde6", "Upper quarter of the scale"),
)


class HeatmapPresenter(ScopeMixin):
    def __init__(self, heatmap: Heatmap):
        self.heatmap = heatmap
        self.scope = heatmap.scope

    @property
    def heading(self) -> str:
        return f"Capability heatmap: {self.place}" if self.place else "Capability heatmap"

    @property
    def back(self) -> dict | None:
        return self.up_link("appraisals:heatmap")

    @property
    def version_choices(self) -> list[tuple[str, str]]:
        return [(str(v.pk), v.title) for v in self.heatmap.versions]

    @property
    def scale_text(self) -> str:
        low, high = self.heatmap.scale_range
        middle = self.heatmap.middle
        middle_text = f"{middle:g}"
        return f"Ratings run from {low} to {high}; the middle value is {middle_text}."

    def legend(self) -> list[dict]:
        return [{"colour": colour, "text": text} for _, colour, text in BANDS]

    def _band(self, mean: float) -> str:
        low, high = self.heatmap.scale_range
        position = (mean - low) / (high - low) if high > low else 1
        return next(colour for limit, colour, _ in BANDS if position < limit)

    def rows(self) -> list[dict]:
        result = []
        for item in self.heatmap.items:
            cells = []
            for stage in self.heatmap.stages:
                cell = self.heatmap.cell(item, stage)
                if cell is None:
                    cells.append({"text": "No ratings", "colour": "", "detail": ""})
                elif cell.mean is None:
                    cells.append({"text": SUPPRESSED, "colour": "", "detail": "too few to show"})
                else:
                    cells.append(
                        {
                            "text": f"{cell.mean:.1f}",
                            "colour": self._band(cell.mean),
                            "detail": f"{cell.at_or_above_middle:.0%} at or above middle; "
                            f"{format_number(cell.ratings)} ratings",
                        }
                    )
            result.append({"code": item.code, "title": item.title, "cells": cells})
        return result


# --- demand ---------------------------------------------------------------------------------


class DemandPresenter(ScopeMixin):
    def __init__(self, demand: Demand):
        self.demand = demand
        self.scope = demand.scope

    @property
    def heading(self) -> str:
        return f"Development demand: {self.place}" if self.place else "Development demand"

    @property
    def back(self) -> dict | None:
        return self.up_link("appraisals:demand")

    def programme_rows(self) -> list[list[dict]]:
        return [
            [
                {
                    "text": d.programme.title,
                    "href": reverse("learning:programme_detail", args=[d.programme.code]),
                },
                _numeric(number(d.people)),
                _numeric(number(d.items)),
                _numeric(format_number(d.places_left)),
            ]
            for d in self.demand.programmes
        ]

    def competency_rows(self) -> list[list[dict]]:
        return [
            [
                {"text": f"{d.code} {d.title}"},
                _numeric(number(d.people)),
                _numeric(number(d.items)),
            ]
            for d in self.demand.competencies
        ]


# --- CSV ----------------------------------------------------------------------------------

EXPORT_HEADER = (
    "Person number",
    "Name",
    "Job title",
    "Appraiser",
    "Stage",
    "Status",
    "Appraiser signed on",
    "Appraisee signed on",
    "Completed on",
    "Objectives",
    "EDI objective",
    "Behaviours agreed",
    "Development plan items",
    "Signed by both",
)


def _day(value) -> str:
    if value is None:
        return ""
    return (value.date() if hasattr(value, "date") else value).isoformat()


def export_cells(row: tuple) -> list[str]:
    """One CSV row from selectors.insight.export_rows, every text cell spreadsheet-safe."""
    (
        person_number,
        given,
        family,
        job_title,
        appraiser_given,
        appraiser_family,
        stage,
        status,
        appraiser_signed,
        appraisee_signed,
        completed_on,
        objectives,
        edi,
        agreed,
        development,
    ) = row
    appraiser = f"{appraiser_given} {appraiser_family}" if appraiser_given is not None else ""
    return [
        spreadsheet_safe(person_number or ""),
        spreadsheet_safe(f"{given} {family}"),
        spreadsheet_safe(job_title or ""),
        spreadsheet_safe(appraiser),
        spreadsheet_safe(stage or ""),
        STATUS_LABELS.get(status, status),
        _day(appraiser_signed),
        _day(appraisee_signed),
        _day(completed_on),
        str(objectives),
        "yes" if edi else "no",
        str(agreed),
        str(development),
        "yes" if appraiser_signed and appraisee_signed else "no",
    ]


def export_filename(organisation, cycle) -> str:
    return f"appraisals-{organisation.ods_code.lower()}-cycle-{cycle.pk}.csv"
