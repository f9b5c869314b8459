"""A reader of an outside report knows more than the sums: "<5" is 1 to 4 and a shown 0 is 0. Closed 10, Successful
5, Stagnated "<5" with two reasons "<5" below it, Stopped "<5" with three: Stagnated is at least 2 and Stopped at
least 3, which is the 5 left, so every hidden cell was pinned down although no sum had one hidden cell alone.

The reader here is written apart from the code that hides: it tries every whole-number reading of the hidden cells
within what their marks say, and keeps those that add up."""

from __future__ import annotations

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from borapp.services.privacy.bounded_pins import pinned_within
from borapp.services.privacy.small_cells import NOT_SHOWN, Sum, suppress_linked

OUTCOMES_2025 = [[5], [1, 1, 0], [1, 1, 1, 0]]  # the walker's year: Successful 5; two reasons of 1; three of 1


def _tree(outcomes: list[list[int]]):
    """Outcomes, each the sum of its reasons (an outcome of one reason has none listed), adding up to a total the
    reader has: the outcomes table and the reasons under it."""
    cells, sums = {}, []
    for o, reasons in enumerate(outcomes):
        cells[("outcome", o)] = sum(reasons)
        if len(reasons) > 1:
            cells |= {("reason", o, r): v for r, v in enumerate(reasons)}
            sums.append(Sum(tuple(("reason", o, r) for r in range(len(reasons))), ("outcome", o)))
    sums.append(Sum(tuple(("outcome", o) for o in range(len(outcomes)))))
    return cells, sums


def _range(mark, value, most: int) -> range:
    """What a reader takes a published cell to be."""
    if mark is None:
        return range(value, value + 1)
    return range(0, most + 1) if mark == NOT_SHOWN else range(1, 5)


def _tree_readings(outcomes: list[list[int]], marks: dict) -> dict:
    """Every value each hidden cell can have: per outcome the readings of its reasons that add up to it, then the
    outcomes' readings that add up to the total."""
    total = sum(map(sum, outcomes))
    per_outcome = []
    for o, reasons in enumerate(outcomes):
        found = []  # (outcome's value, reasons' values)
        for value in _range(marks.get(("outcome", o)), sum(reasons), total):
            if len(reasons) == 1:
                found.append((value, ()))
                continue
            ranges = [_range(marks.get(("reason", o, r)), v, value) for r, v in enumerate(reasons)]
            found += [(value, tuple(parts)) for parts in itertools.product(*ranges) if sum(parts) == value]
        per_outcome.append(found)
    seen: dict = {}
    for reading in itertools.product(*per_outcome):
        if sum(value for value, _parts in reading) != total:
            continue
        for o, (value, parts) in enumerate(reading):
            seen.setdefault(("outcome", o), set()).add(value)
            for r, v in enumerate(parts):
                seen.setdefault(("reason", o, r), set()).add(v)
    return {cell: values for cell, values in seen.items() if cell in marks}


def _grid(values: list[list[int]]):
    """A table with a total per row (which may be hidden) and a known total per column and in all."""
    cells = {(r, c): v for r, row in enumerate(values) for c, v in enumerate(row)}
    cells |= {("row", r): sum(row) for r, row in enumerate(values)}
    columns = range(len(values[0]))
    sums = [Sum(tuple((r, c) for c in columns), ("row", r)) for r in range(len(values))]
    sums += [Sum(tuple((r, c) for r in range(len(values)))) for c in columns]
    return cells, sums


def _grid_readings(values: list[list[int]], marks: dict) -> dict:
    """Every value each hidden cell can have: per column the readings that add up to its total, then the rows."""
    rows, columns = len(values), len(values[0])
    per_column = []
    for c in range(columns):
        total = sum(values[r][c] for r in range(rows))
        ranges = [_range(marks.get((r, c)), values[r][c], total) for r in range(rows)]
        per_column.append([parts for parts in itertools.product(*ranges) if sum(parts) == total])
    seen: dict = {}
    for reading in itertools.product(*per_column):
        row_totals = [sum(reading[c][r] for c in range(columns)) for r in range(rows)]
        if all(t in _range(marks.get(("row", r)), sum(values[r]), t) for r, t in enumerate(row_totals)):
            for c, parts in enumerate(reading):
                for r, v in enumerate(parts):
                    seen.setdefault((r, c), set()).add(v)
            for r, t in enumerate(row_totals):
                seen.setdefault(("row", r), set()).add(t)
    return {cell: values for cell, values in seen.items() if cell in marks}


def _check(cells: dict, marks: dict, readings: dict) -> None:
    assert all(name in marks for name, v in cells.items() if 0 < v < 5), "a small count shown"
    assert all(0 < cells[name] < 5 for name, mark in marks.items() if mark == "<5"), "a '<5' that is not 1 to 4"
    for cell in marks:
        assert cells[cell] in readings[cell], "the reader's rules do not hold for the truth"
        assert len(readings[cell]) > 1, (cell, marks, readings)


def test_the_walkers_outcomes_and_reasons_no_longer_pin_each_hidden_cell_down():
    cells, sums = _tree(OUTCOMES_2025)
    before = {c: "<5" for c, v in cells.items() if 0 < v < 5}
    assert all(len(values) == 1 for values in _tree_readings(OUTCOMES_2025, before).values()), "the walker's find"
    marks = suppress_linked(cells, sums, 5)
    _check(cells, marks, _tree_readings(OUTCOMES_2025, marks))


def test_a_mark_and_its_bounds_pin_a_cell_that_no_sum_gives_away_alone():
    """A + B = 5 with A and B "<5" has readings 1+4, 2+3, ...; with A + B = 2 both are 1."""
    assert pinned_within({"A": (1, 4), "B": (1, 4)}, {"A": 2, "B": 3}, [({"A": 1, "B": 1}, 5)]) == set()
    assert pinned_within({"A": (1, 4), "B": (1, 4)}, {"A": 1, "B": 1}, [({"A": 1, "B": 1}, 2)]) == {"A", "B"}
    assert pinned_within({"A": (1, 4), "B": (0, 9)}, {"A": 4, "B": 0}, [({"A": 1, "B": 1}, 4)]) == set()


@settings(max_examples=300, deadline=None)
@example(OUTCOMES_2025)
@given(st.lists(st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=3), min_size=2, max_size=3))
def test_no_hidden_outcome_or_reason_has_one_possible_value(outcomes):
    cells, sums = _tree(outcomes)
    marks = suppress_linked(cells, sums, 5)
    _check(cells, marks, _tree_readings(outcomes, marks))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([(2, 2), (2, 3), (3, 2), (2, 4)]).flatmap(lambda shape: st.lists(
    st.lists(st.integers(min_value=0, max_value=6), min_size=shape[1], max_size=shape[1]),
    min_size=shape[0], max_size=shape[0])))
def test_no_hidden_cell_of_a_table_has_one_possible_value_given_its_rows_columns_and_bounds(values):
    cells, sums = _grid(values)
    marks = suppress_linked(cells, sums, 5)
    _check(cells, marks, _grid_readings(values, marks))
