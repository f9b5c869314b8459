"""A table for the terminal: headings over columns as wide as their widest cell, numbers to the right."""

from __future__ import annotations

from collections.abc import Sequence


def text_table(headings: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """The lines of the table; the columns whose index is in `right` are aligned to the right."""
    widths = [max([len(h), *(len(str(row[i])) for row in rows)]) for i, h in enumerate(headings)]

    def line(cells: Sequence[str]) -> str:
        parts = [str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(parts).rstrip()

    return [line(headings), line(["-" * w for w in widths]), *(line(row) for row in rows)]
