"""Which hidden cells a set of published sums pins down when a reader takes them all together.

Each sum is one equation in the hidden cells (the shown cells and totals are known numbers). One sum with a single
hidden cell gives it away, but so can several sums, none of which has one alone: two groups of hidden cells joined by
one cell (A + B = 5, A + C = 6 and B + C = 7 give A = 2). A cell is pinned down when its unit vector lies in the
span of the equations, which Gauss-Jordan elimination in exact fractions tells."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from fractions import Fraction


def pinned(hidden: set, sums: Iterable[tuple[tuple[Hashable, ...], Hashable | None]]) -> set:
    """The cells of `hidden` that follow from the sums, each given as (parts, total or None for a known total)."""
    cells = sorted(hidden, key=str)
    column = {c: i for i, c in enumerate(cells)}
    rows = []
    for parts, total in sums:
        row = [Fraction(0)] * len(cells)
        for cell, sign in [(p, 1) for p in parts] + ([(total, -1)] if total is not None else []):
            if cell in column:
                row[column[cell]] += sign
        if any(row):
            rows.append(row)
    return {cells[c] for r, c in eliminate(rows) if not any(v for i, v in enumerate(rows[r]) if i != c)}


def eliminate(rows: list[list[Fraction]]) -> list[tuple[int, int]]:
    """Bring `rows` to reduced row echelon form in place; each pivot as (row, column)."""
    pivots: list[tuple[int, int]] = []
    width = len(rows[0]) if rows else 0
    for c in range(width):
        r = len(pivots)
        lead = next((i for i in range(r, len(rows)) if rows[i][c]), None)
        if lead is None:
            continue
        rows[r], rows[lead] = rows[lead], rows[r]
        rows[r] = [v / rows[r][c] for v in rows[r]]
        for i, row in enumerate(rows):
            if i != r and row[c]:
                factor = row[c]
                rows[i] = [a - factor * b for a, b in zip(row, rows[r])]
        pivots.append((r, c))
    return pivots
