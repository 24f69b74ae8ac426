"""CSV files that stream and that a spreadsheet opens safely, for every domain's exports.

Every cell goes through ``excel_safe``: a cell that starts with = + - @ (or a tab or carriage
return) gets a ' in front, so a spreadsheet shows it as text and never runs it as a formula
(CSV injection). A byte order mark comes first, so Excel reads UTF-8.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(value: str) -> str:
    """Text a spreadsheet shows as text, never runs."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Echo:
    """A file whose ``write`` hands back what it was given, so csv.writer makes one line."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The CSV, line by line, every cell made safe: stream it as it is made."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([excel_safe("" if cell is None else str(cell)) for cell in row])
