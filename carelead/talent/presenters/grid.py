"""A three-by-three grid for display: the rows top down (high on the vertical axis first),
each cell with its data-driven label and whatever items the caller places in it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from carelead.talent.models import GridPreset

#: Levels on either axis, as the models store them.
LEVELS = {1: "Low", 2: "Moderate", 3: "High"}


@dataclass
class Cell:
    x: int
    y: int
    label: str
    description: str
    items: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class Grid:
    preset: GridPreset
    #: Top row first; each row left to right.
    rows: list[list[Cell]]

    @property
    def x_label(self) -> str:
        return self.preset.x_axis_label

    @property
    def y_label(self) -> str:
        return self.preset.y_axis_label

    def cell(self, x: int, y: int) -> Cell:
        return self.rows[3 - y][x - 1]


def grid_of(
    preset: GridPreset,
    items: Iterable = (),
    *,
    place: Callable[[object], tuple[int, int] | None] | None = None,
) -> Grid:
    """Lay ``items`` out on ``preset``'s cells; ``place(item)`` gives (x, y) or None to leave
    an item off. Reads ``preset.cells`` (prefetch it to keep a page's query count fixed)."""
    cells = {(c.x, c.y): c for c in preset.cells.all()}
    rows = [
        [
            Cell(x, y, cells[(x, y)].label, cells[(x, y)].description)
            if (x, y) in cells
            else Cell(x, y, "", "")
            for x in (1, 2, 3)
        ]
        for y in (3, 2, 1)
    ]
    grid = Grid(preset, rows)
    if place is not None:
        for item in items:
            where = place(item)
            if where is not None:
                grid.cell(*where).items.append(item)
    return grid


def level_label(preset: GridPreset, axis: str, value: int | None) -> str:
    """The preset's name for level ``value`` on axis ``"x"`` or ``"y"``."""
    if value is None:
        return "Not placed"
    names = preset.x_levels if axis == "x" else preset.y_levels
    try:
        return names[value - 1]
    except (IndexError, TypeError):
        return LEVELS.get(value, str(value))
