"""Small numbers kept out of turnout tables, in pure Python.

Fewer than 10 people is too few to show: someone who knows who was at the youth club could
tell who voted. So a count under 10 is shown as "fewer than 10". That alone is not enough when
the table also shows its total, which every turnout table does (the number who voted): with
one count hidden, the total take away the others gives it back, and with two small ones
hidden, it gives away their sum. So while the counts hidden in a table add up to fewer than
10, the smallest count still shown is hidden too ("not shown"). Then every number shown is 10
or more, and what can be worked out from them (the hidden counts together) is 10 or more too.
The total itself is shown only when it is 10 or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

SMALLEST_SHOWN = 10


class Shown(StrEnum):
    NUMBER = "number"
    FEWER_THAN_10 = "fewer"
    """Under 10."""
    NOT_SHOWN = "not_shown"
    """10 or more, hidden so that a count under 10 beside it cannot be worked out."""


@dataclass(frozen=True, slots=True)
class Cell:
    key: str
    count: int
    shown: Shown

    @property
    def number(self) -> int | None:
        """The count if it may be shown."""
        return self.count if self.shown is Shown.NUMBER else None


def total_cell(total: int) -> Cell:
    return Cell("total", total, Shown.NUMBER if total >= SMALLEST_SHOWN else Shown.FEWER_THAN_10)


def suppress(counts: Sequence[tuple[str, int]]) -> list[Cell]:
    """Each count of one table (whose parts add up to its total), as it may be shown."""
    cells = [
        Cell(key, n, Shown.NUMBER if n >= SMALLEST_SHOWN else Shown.FEWER_THAN_10)
        for key, n in counts
    ]
    if all(cell.shown is Shown.NUMBER for cell in cells):
        return cells
    hidden = sum(cell.count for cell in cells if cell.shown is not Shown.NUMBER)
    by_size = sorted(
        (i for i, cell in enumerate(cells) if cell.shown is Shown.NUMBER),
        key=lambda i: cells[i].count,
    )
    for i in by_size:
        if hidden >= SMALLEST_SHOWN:
            break
        cells[i] = Cell(cells[i].key, cells[i].count, Shown.NOT_SHOWN)
        hidden += cells[i].count
    return cells
