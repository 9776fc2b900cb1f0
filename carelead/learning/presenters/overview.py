"""Display values for the learning overview: the page's tables and the same tables as CSV.

Each table is described once (``OverviewTable``) and rendered twice, as NHS.UK table rows and
as CSV rows, so the download always matches what the page shows.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from carelead.config.jinja2_env import format_date, format_number
from carelead.core.csv import spreadsheet_safe
from carelead.learning.selectors.overview import MIN_DENOMINATOR, OverviewFigures

#: Shown in place of a rate whose denominator is too small.
SUPPRESSED = "–"

#: The tables the page shows and the CSV download offers, in page order.
TABLES = ("induction", "places", "completions", "credentials")


def percent(value: float | None) -> str:
    return SUPPRESSED if value is None else f"{value:.0%}"


@dataclass
class OverviewTable:
    key: str
    caption: str
    note: str
    head: list[str]
    #: Each cell is (value, numeric, href); values are raw for the CSV.
    rows: list[list[tuple]]
    empty: str

    def page_head(self) -> list[dict]:
        first, *rest = self.head
        return [{"text": first}, *({"text": h, "format": "numeric"} for h in rest)]

    def page_rows(self) -> list[list[dict]]:
        rows = []
        for row in self.rows:
            cells = []
            for value, numeric, href in row:
                cell = {"text": _display(value)}
                if numeric:
                    cell["format"] = "numeric"
                if href:
                    cell["href"] = href
                cells.append(cell)
            rows.append(cells)
        return rows

    def csv_rows(self) -> list[list[str]]:
        return [self.head, *([csv_value(v) for v, _, _ in row] for row in self.rows)]


def _display(value) -> str:
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return percent(value)
    if value is None:
        return SUPPRESSED
    return str(value)


def csv_value(value) -> str:
    if value is None:
        # Left empty rather than "–" so spreadsheets read the column as numbers.
        return ""
    if isinstance(value, float):
        return f"{value * 100:.1f}"
    return spreadsheet_safe(str(value))


def _region_link(code: str, by_region: bool) -> str | None:
    if not by_region or not code:
        return None
    return reverse("learning:overview") + "?" + urlencode({"region": code})


def _num(value: int) -> tuple:
    return (value, True, None)


def _rate(value: float | None) -> tuple:
    return (value, True, None)


class OverviewPresenter:
    def __init__(self, figures: OverviewFigures):
        self.figures = figures
        self.scope = figures.scope

    @property
    def heading(self) -> str:
        if self.scope.region is not None:
            return f"Learning overview: {self.scope.region.name}"
        return "Learning overview: England" if self.scope.national else "Learning overview"

    @property
    def group_label(self) -> str:
        return "Organisation" if self.scope.by_organisation else "Region"

    @property
    def today(self) -> str:
        return format_date(self.figures.today)

    @property
    def shows_all_regions_link(self) -> bool:
        return self.scope.region is not None and (
            self.scope.national or len(self.scope.regions) > 1
        )

    @property
    def has_suppressed(self) -> bool:
        rows = [*self.figures.induction, *self.figures.completions]
        if self.figures.induction_total:
            rows.append(self.figures.induction_total)
        return any(
            getattr(r, "due", getattr(r, "ended", MIN_DENOMINATOR)) < MIN_DENOMINATOR for r in rows
        )

    def csv_filename(self, key: str) -> str:
        where = self.scope.region.ods_code if self.scope.region else "england"
        if not self.scope.national and self.scope.region is None:
            where = "regions"
        return f"learning-{key}-{where.lower()}-{self.figures.today.isoformat()}.csv"

    def csv_url(self, key: str) -> str:
        params = {"table": key}
        if self.scope.region is not None:
            params["region"] = self.scope.region.ods_code
        return reverse("learning:overview_csv") + "?" + urlencode(params)

    def tables(self) -> list[OverviewTable]:
        return [self.table(key) for key in TABLES]

    def table(self, key: str) -> OverviewTable:
        return getattr(self, f"_{key}")()

    def _induction(self) -> OverviewTable:
        by_region = not self.scope.by_organisation
        rows = [
            [
                (r.name, False, _region_link(r.code, by_region)),
                _num(r.enrolled),
                _num(r.due),
                _num(r.on_time),
                _rate(r.on_time_rate),
                _num(r.overdue),
            ]
            for r in self.figures.induction
        ]
        total = self.figures.induction_total
        if total is not None and len(self.figures.induction) > 1:
            rows.append(
                [
                    ("Total", False, None),
                    _num(total.enrolled),
                    _num(total.due),
                    _num(total.on_time),
                    _rate(total.on_time_rate),
                    _num(total.overdue),
                ]
            )
        return OverviewTable(
            key="induction",
            caption=f"National induction by {self.group_label.lower()}",
            note=(
                "Enrolled: people on the national induction (withdrawn enrolments are left "
                f"out). Due by today: enrolments whose due date is on or before {self.today}. "
                "Completed on time: of those due, the ones completed on or before their due "
                "date. Inducted on time: completed on time as a share of those due. Overdue: "
                "past their due date and not yet completed."
            ),
            head=[
                self.group_label,
                "Enrolled",
                "Due by today",
                "Completed on time",
                "Inducted on time",
                "Overdue",
            ],
            rows=rows,
            empty="Nobody in this scope is enrolled on the national induction yet.",
        )

    def _places(self) -> OverviewTable:
        rows = [
            [
                (r.label, False, None),
                _num(r.cohorts),
                _num(r.places),
                _num(r.enrolled),
                _num(r.places_left),
            ]
            for r in self.figures.places
        ]
        return OverviewTable(
            key="places",
            caption="Programme places by kind of programme",
            note=(
                "Places in cohorts allocated to this area, the people enrolled in them "
                "(withdrawn enrolments free their place) and the places still free."
            ),
            head=["Programme", "Cohorts", "Places", "Enrolled", "Places left"],
            rows=rows,
            empty="No cohorts have places allocated to this area.",
        )

    def _completions(self) -> OverviewTable:
        rows = [
            [
                (r.label, False, None),
                _num(r.ended),
                _num(r.completed),
                _num(r.withdrawn),
                _rate(r.completion_rate),
            ]
            for r in self.figures.completions
        ]
        return OverviewTable(
            key="completions",
            caption="Completion rates by kind of programme",
            note=(
                "Enrolments that have ended, by completion or withdrawal, for people enrolled "
                "from organisations in this area; the completion rate is the share of them "
                "that were completed. Enrolments still in progress are not counted."
            ),
            head=["Programme", "Ended", "Completed", "Withdrawn", "Completion rate"],
            rows=rows,
            empty="No enrolments in this area have ended yet.",
        )

    def _credentials(self) -> OverviewTable:
        rows = [
            [(r.stage, False, None), _num(r.issued), _num(r.active), _num(r.revoked)]
            for r in self.figures.credentials
        ]
        return OverviewTable(
            key="credentials",
            caption="Credentials issued by stage",
            note=(
                "Credentials issued to people who work in this area today, by the stage of "
                "the framework they were earned for. Revoked credentials are counted as issued "
                "and shown separately."
            ),
            head=["Stage", "Issued", "Valid", "Revoked"],
            rows=rows,
            empty="No credentials have been issued to people in this area yet.",
        )
