"""Display values for 360 feedback: the manage page's tables and the report's tables (shared
by the page and the PDF, so both say the same thing)."""

from dataclasses import dataclass

from carelead.appraisals.selectors.feedback import (
    GroupFigures,
    GroupProgress,
    ItemFigure,
    Questionnaire,
    Summary,
)
from carelead.standards.models import RatingLevel

HIDDEN_TEXT = "Not shown"


def format_date(value) -> str:
    return value.strftime("%-d %B %Y") if value else ""


def progress_rows(progress: list[GroupProgress]) -> list[list[dict]]:
    return [
        [{"text": p.label}, {"text": str(p.invited)}, {"text": str(p.responded)}] for p in progress
    ]


def format_mean(figure: ItemFigure) -> str:
    if not figure.shown:
        return HIDDEN_TEXT
    return f"{figure.mean:.1f} ({figure.raters} rated)"


@dataclass
class Report:
    """The report's tables, from a summary and the questionnaire."""

    summary: Summary
    questionnaire: Questionnaire
    self_ratings: dict[int, RatingLevel]

    @property
    def min_group_size(self) -> int:
        return self.summary.min_group_size

    @property
    def anything_shown(self) -> bool:
        return bool(self.summary.groups)

    @property
    def total_text(self) -> str:
        total = self.summary.total_shown
        if total is None:
            return f"Fewer than {self.min_group_size} people answered"
        return f"{total} {'person' if total == 1 else 'people'} answered"

    def _columns(self) -> list[GroupFigures]:
        columns = []
        if self.summary.overall is not None:
            columns.append(self.summary.overall)
        columns.extend(self.summary.groups)
        return columns

    def group_head(self) -> list[dict]:
        return [{"text": "Group"}, {"text": "Responses"}]

    def group_rows(self) -> list[list[dict]]:
        return [[{"text": g.label}, {"text": str(g.responses)}] for g in self._columns()]

    def means_head(self) -> list[dict]:
        head = [{"text": "Behaviour"}, {"text": "Appraisee's own rating"}]
        head.extend({"text": g.label} for g in self._columns())
        return head

    def means_rows(self) -> list[list[dict]]:
        rows = []
        for question in self.questionnaire.questions:
            item = question.item
            own = self.self_ratings.get(item.pk)
            row = [
                {"text": f"{item.code} {item.title}"},
                {"text": f"{own.value}: {own.label}" if own and own.value else "Not rated"},
            ]
            for group in self._columns():
                row.append({"text": format_mean(group.items.get(item.pk, ItemFigure(False)))})
            rows.append(row)
        return rows

    def spread_head(self) -> list[dict]:
        head = [{"text": "Behaviour"}]
        head.extend({"text": label} for _, label in self.questionnaire.levels)
        return head

    def spread_rows(self) -> list[list[dict]]:
        """How many of all raters gave each rating, per behaviour (only where all raters'
        figures are shown)."""
        overall = self.summary.overall
        if overall is None:
            return []
        rows = []
        for question in self.questionnaire.questions:
            figure = overall.items.get(question.item.pk, ItemFigure(False))
            counts = dict(figure.distribution)
            row = [{"text": f"{question.item.code} {question.item.title}"}]
            for value, _ in self.questionnaire.levels:
                row.append({"text": str(counts.get(value, 0)) if figure.shown else HIDDEN_TEXT})
            rows.append(row)
        return rows

    @property
    def comments(self) -> list[tuple[str, tuple[str, ...]]]:
        from carelead.appraisals.models import FeedbackComment

        if not self.summary.comments_shown:
            return []
        return [
            (label, self.summary.comments.get(kind, ()))
            for kind, label in FeedbackComment.Kind.choices
        ]
