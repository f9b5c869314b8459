"""Which hidden cells a reader can work out exactly from the published sums and what each mark says of its size.

`linear_pins` finds the cells that the sums alone give away; a reader also knows that "<5" is 1 to 4 and that a
shown 0 is 0. With a total of 10, "Successful 5", two outcomes "<5" and their reasons below (two "<5" under one
outcome, three under the other, the rest 0), the outcomes are at least 2 and 3, which add up to the 5 left, so every
one of them is pinned down although no sum has a single hidden cell. Here each hidden cell has a range (its mark's),
each sum is an equation over whole numbers, and a cell is pinned down when no solution gives it another value than
its own: bounds are narrowed sum by sum until nothing changes, then the few values left are searched, one group of
linked cells at a time."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction

from borapp.services.privacy.joined import group_of
from borapp.services.privacy.linear_pins import eliminate

Equation = tuple[dict[Hashable, int], int]  # {cell: coefficient}, constant: Σ coefficient × cell = constant


def pinned_within(bounds: Mapping[Hashable, tuple[int, int]], truth: Mapping[Hashable, int],
                  equations: Sequence[Equation]) -> set:
    """The cells of `bounds` (each hidden cell's lowest and highest reading) that have one possible value only."""
    equations = [(terms, constant) for terms, constant in equations if terms]
    found = set()
    for group in _linked(bounds, equations):
        linked = [(t, k) for t, k in equations if set(t) & group]
        linked += _reduced(sorted(group, key=str), linked)
        ranges = {c: list(bounds[c]) for c in group}
        _narrow(ranges, linked)
        told_apart: set = set()  # cells a solution found so far gives another value than their own
        for cell in sorted(group, key=str):
            if cell in told_apart:
                continue
            for part in ((ranges[cell][0], truth[cell] - 1), (truth[cell] + 1, ranges[cell][1])):
                solution = _solution(ranges, linked, cell, part)
                if solution is not None:
                    told_apart |= {c for c, v in solution.items() if v != truth[c]}
                    break
            else:
                found.add(cell)
    return found


def _reduced(cells: list, equations: list[Equation]) -> list[Equation]:
    """The equations brought to reduced row echelon form (whole numbers again): what they say together, one cell
    at a time. A row total that the columns' totals give back is then one equation of one cell, where narrowing
    sum by sum would leave a wide search to prove it."""
    column = {c: i for i, c in enumerate(cells)}
    rows = []
    for terms, constant in equations:
        row = [Fraction(0)] * (len(cells) + 1)
        for c, a in terms.items():
            row[column[c]] += a
        row[-1] = Fraction(constant)
        rows.append(row)
    reduced = []
    for r, _c in eliminate(rows):
        denominators = math.lcm(*(v.denominator for v in rows[r]))
        terms = {cells[i]: int(v * denominators) for i, v in enumerate(rows[r][:-1]) if v}
        reduced.append((terms, int(rows[r][-1] * denominators)))
    return reduced


def _linked(bounds: Mapping, equations: Sequence[Equation]) -> list[set]:
    """The hidden cells in groups that share no sum: each group is solved apart (a search over unrelated cells
    would multiply its work for nothing)."""
    groups: dict = {}
    for c, root in group_of(bounds, (terms for terms, _constant in equations)).items():
        groups.setdefault(root, set()).add(c)
    return list(groups.values())


def _solution(ranges: dict, equations: list[Equation], cell, part: tuple[int, int]) -> dict | None:
    low, high = max(part[0], ranges[cell][0]), min(part[1], ranges[cell][1])
    if low > high:
        return None
    trial = {c: list(r) for c, r in ranges.items()}
    trial[cell] = [low, high]
    return _search(trial, equations)


def _search(ranges: dict, equations: list[Equation]) -> dict | None:
    """Whole numbers within `ranges` that satisfy every equation, or None: narrow, then split the narrowest open
    range."""
    if not _narrow(ranges, equations):
        return None
    open_cells = [c for c, (low, high) in ranges.items() if low < high]
    if not open_cells:
        return {c: low for c, (low, _high) in ranges.items()}  # every cell fixed, each sum exact
    cell = min(open_cells, key=lambda c: (ranges[c][1] - ranges[c][0], str(c)))
    low, high = ranges[cell]
    middle = (low + high) // 2
    for part in ((low, middle), (middle + 1, high)):
        trial = {c: list(r) for c, r in ranges.items()}
        trial[cell] = list(part)
        found = _search(trial, equations)
        if found is not None:
            return found
    return None


def _narrow(ranges: dict, equations: list[Equation]) -> bool:
    """Each cell's range narrowed to what every equation leaves it, until none changes; False when one cannot hold."""
    changed = True
    while changed:
        changed = False
        for terms, constant in equations:
            spans = {c: _span(a, ranges[c]) for c, a in terms.items()}
            low, high = sum(s[0] for s in spans.values()), sum(s[1] for s in spans.values())
            if not low <= constant <= high:
                return False
            for c, a in terms.items():
                # a × c lies between the constant minus the most and the least the other cells can add
                least, most = constant - (high - spans[c][1]), constant - (low - spans[c][0])
                new = [-(-least // a), most // a] if a > 0 else [-(-most // a), least // a]
                new = [max(new[0], ranges[c][0]), min(new[1], ranges[c][1])]
                if new[0] > new[1]:
                    return False
                if new != ranges[c]:
                    ranges[c] = new
                    changed = True
                    spans[c] = _span(a, new)
                    low, high = sum(s[0] for s in spans.values()), sum(s[1] for s in spans.values())
    return True


def _span(coefficient: int, bounds: list[int]) -> tuple[int, int]:
    ends = (coefficient * bounds[0], coefficient * bounds[1])
    return min(ends), max(ends)
