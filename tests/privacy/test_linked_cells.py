"""Small counts hidden across sums that share cells (a table's rows and columns, one count in two tables): no hidden
cell follows from the published figures taken together, and what each hidden cell says is true and the same as
the cells hidden with it."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from borapp.services.privacy.linear_pins import pinned
from borapp.services.privacy.small_cells import Sum, suppress_linked
from tests.reports.outside_reader import _Equations


def _grid(values: list[list[int]]):
    """A table with a total per row (which may be hidden itself) and a known total per column."""
    cells = {(r, c): v for r, row in enumerate(values) for c, v in enumerate(row)}
    cells |= {("row total", r): sum(row) for r, row in enumerate(values)}
    columns = range(len(values[0]))
    sums = [Sum(tuple((r, c) for c in columns), ("row total", r)) for r in range(len(values))]
    sums += [Sum(tuple((r, c) for r in range(len(values)))) for c in columns]
    sums += [Sum(tuple(("row total", r) for r in range(len(values))))]
    return cells, sums


def _given_away(cells: dict, sums: list[Sum], marks: dict) -> set:
    equations = _Equations()
    for s in sums:
        terms = [(equations.cell(marks.get(p, cells[p]), p), 1) for p in s.parts]
        total = s.total if s.total is not None else None
        known = sum(cells[p] for p in s.parts)  # a column's total, as the table prints it
        equations.add(terms + [((equations.cell(marks.get(total, cells[total]), total)) if total else known, -1)])
    return equations.solved()


def test_sums_taken_together_pin_a_cell_down_that_no_sum_gives_away_alone():
    """A + B, A + C and B + C known: each has two hidden cells, and together they give all three."""
    assert pinned({"A", "B", "C"}, [(("A", "B"), None), (("A", "C"), None), (("B", "C"), None)]) == {"A", "B", "C"}
    assert pinned({"A", "B", "C", "D"}, [(("A", "B"), None), (("C", "D"), None), (("A", "C"), None)]) == set()


@settings(max_examples=300, deadline=None)
@example([[0, 0, 0, 0, 0], [0, 0, 0, 0, 1], [0, 1, 4, 0, 0], [0, 2, 1, 0, 0]])  # row 3's total: each sum had two
@given(st.integers(min_value=2, max_value=5).flatmap(lambda width: st.lists(
    st.lists(st.integers(min_value=0, max_value=14), min_size=width, max_size=width), min_size=2, max_size=5)))
def test_no_hidden_cell_follows_from_the_rows_and_columns_together(values):
    cells, sums = _grid(values)
    marks = suppress_linked(cells, sums, 5)
    assert all(name in marks for name, v in cells.items() if 0 < v < 5), "a small count shown"
    assert all(cells[name] < 5 for name, mark in marks.items() if mark == "<5"), "a '<5' that is not under 5"
    for s in sums:
        assert len({marks[c] for c in s.cells() if c in marks}) <= 1, "a '<5' beside an 'x' is told apart"
    assert not _given_away(cells, sums, marks), (values, marks)


@settings(max_examples=300, deadline=None)
@example([(4, False), (7, True)])  # closed 11: registered the year before x, this year 7 (the summary gives it)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=9), st.booleans()), min_size=1, max_size=4))
def test_no_hidden_cell_follows_from_the_public_cells_and_the_total(rows):
    """Public cells (figures the report gives elsewhere) and a printed total: what they give by subtraction is no
    secret, and an "x" there would only pretend; every other small count is hidden so that none follows."""
    cells = {r: v for r, (v, _public) in enumerate(rows)}
    public = {r for r, (_v, shown) in enumerate(rows) if shown}
    marks = suppress_linked(cells, [Sum(tuple(cells))], 5, public)
    equations = _Equations()
    equations.add([(equations.cell(marks.get(c, cells[c]), c), 1) for c in cells] + [(sum(cells.values()), -1)])
    assert not equations.solved(), (rows, marks)
    for c, v in cells.items():
        others_public = all(o in public for o in cells if o != c)
        assert c in marks or c in public or not 0 < v < 5 or others_public, ("a small count shown", rows, marks)
