"""A reader of an outside annual report who knows how its figures hang together and solves for the hidden cells.

Written apart from the code that hides them (it knows the tables by their labels, not by the cases behind the
cells): every way the published figures add up is an equation, a count shown in two tables is one unknown, and a
hidden cell is given away when the equations pin it down. Exact arithmetic (fractions), so nothing is guessed."""

from __future__ import annotations

from fractions import Fraction

from borapp.services.privacy.small_cells import is_hidden
from borapp.services.reports.labels import funding_label


def given_away(tables) -> set:
    """The hidden cells (as the reader names them) that the published figures pin down."""
    equations = _Equations()
    by_key = {t.key: t for t in tables}
    _registrations(by_key["registrations_per_municipality"], equations)
    for key in ("closed_by_registration_year", "outcomes"):
        _columns_add_up(by_key[key], equations)
    _reasons(by_key["reasons"], equations)
    if "invoicing" in by_key:  # the outside report leaves it out; a test may publish it to see what it gives away
        _invoicing(by_key["invoicing"], equations)
    if "costs" in by_key:
        _costs(by_key["costs"], equations)
    return equations.solved()


class _Equations:
    def __init__(self):
        self.rows: list[tuple[dict, Fraction]] = []  # {unknown: coefficient}, constant: sum(coef * x) = constant
        self.seen: dict = {}  # every cell read, by name: its value, or the unknown it stands for

    def cell(self, value, name):
        self.seen[name] = ("?", name) if is_hidden(value) else value
        return self.seen[name]

    def same(self, name):
        """A cell read before under this name (a count not shown there is 0)."""
        return self.seen.get(name, 0)

    def add(self, terms: list[tuple[object, int]]) -> None:
        """Σ sign × cell = 0, with each cell a number or ("?", name) for a hidden one."""
        unknown, constant = {}, Fraction(0)
        for cell, sign in terms:
            if isinstance(cell, tuple):
                unknown[cell] = unknown.get(cell, 0) + sign
            else:
                constant -= sign * (cell or 0)
        self.rows.append((unknown, constant))

    def solved(self) -> set:
        names = sorted({n for row, _c in self.rows for n in row}, key=str)
        matrix = [[Fraction(row.get(n, 0)) for n in names] for row, _c in self.rows]
        pivots = _reduce(matrix)
        return {names[col][1] for r, col in pivots if all(v == 0 for c, v in enumerate(matrix[r]) if c != col)}


def _reduce(matrix: list[list[Fraction]]) -> list[tuple[int, int]]:
    """Reduced row echelon form in place; the (row, column) of each pivot."""
    pivots, r = [], 0
    for col in range(len(matrix[0]) if matrix else 0):
        found = next((i for i in range(r, len(matrix)) if matrix[i][col] != 0), None)
        if found is None:
            continue
        matrix[r], matrix[found] = matrix[found], matrix[r]
        matrix[r] = [v / matrix[r][col] for v in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][col] != 0:
                matrix[i] = [a - matrix[i][col] * b for a, b in zip(matrix[i], matrix[r])]
        pivots.append((r, col))
        r += 1
    return pivots


def _registrations(table, equations: _Equations) -> None:
    funding, rows = "", []
    for row in table.rows:
        if row.kind == "heading":
            funding = row.cells[0]
        elif row.kind == "row":
            rows.append([equations.cell(v, ("registrations", funding, row.cells[0], c))
                         for c, v in enumerate(row.cells)])
    total = next(row.cells for row in table.rows if row.kind == "total")
    for c in range(1, 5):
        equations.add([(r[c], 1) for r in rows] + [(total[c], -1)])
    for r in rows:
        equations.add([(r[2], 1), (r[3], -1), (r[4], -1)])


def _columns_add_up(table, equations: _Equations) -> None:
    total = next(row.cells for row in table.rows if row.kind == "total")
    for c in range(1, len(total)):
        equations.add([(equations.cell(row.cells[c], (table.key, row.cells[0], c)), 1) for row in table.rows
                       if row.kind == "row"] + [(total[c], -1)])


def _reasons(table, equations: _Equations) -> None:
    groups: dict[str, list] = {}
    heading = ""
    for row in table.rows:
        if row.kind == "heading":
            heading = row.cells[0]
        else:
            groups.setdefault(heading, []).append(row.cells)
    for outcome, rows in groups.items():
        for c in (1, 2):
            parts = [(equations.cell(r[c], ("reasons", outcome, r[0], c)), 1) for r in rows]
            equations.add(parts + [(equations.same(("outcomes", outcome, c)), -1)])


def _invoicing(table, equations: _Equations) -> None:
    for row in table.rows:
        town = row.cells[0]
        for column, funding in ((3, "purchased"), (5, "per_case")):
            same = equations.same(("registrations", funding_label(funding), town, 2))
            equations.add([(equations.cell(row.cells[column], ("invoicing", town, column)), 1), (same, -1)])
        if isinstance(row.cells[2], int):
            equations.add([(row.cells[2], 1), (equations.cell(row.cells[3], ("invoicing", town, 3)), -1),
                           (equations.cell(row.cells[4], ("invoicing", town, 4)), -1)])


def _costs(table, equations: _Equations) -> None:
    total = next(row.cells[1] for row in table.rows if row.kind == "total")
    section, groups = None, {}
    for row in table.rows:
        if row.kind == "heading":
            section = row.cells[0]
        elif row.kind == "row":
            groups.setdefault(section, []).append(row.cells)
    for section, rows in groups.items():
        equations.add([(equations.cell(r[1], ("costs", section, r[0])), 1) for r in rows] + [(total, -1)])
    first = next(iter(groups), None)  # the first section is by outcome: the outcomes table's counts for the year
    for r in groups.get(first, []):
        equations.add([(equations.same(("costs", first, r[0])), 1), (equations.same(("outcomes", r[0], 2)), -1)])
