"""Small-cell suppression for reports that leave the organisation: a count of 1 to N−1 families in one cell (one
municipality, one outcome) could name a family in a small municipality, so it is shown as "<N".

Hiding one cell of a breakdown is not enough when the total is shown: total minus the other cells gives it back.
So within each breakdown (a dict of counts), when exactly one cell is hidden the next smallest cell is hidden too
(secondary suppression). Totals stay: they are what funders need, and with two or more cells hidden they no longer
give any one of them away. Every hidden cell tells the truth: "<N" (1 to N−1, as the outside PDF says) only when
each hidden cell of its breakdown is 1 to N−1; when the second cell is N or more, or 0, all of that breakdown's
hidden cells say "x" (not shown), so that none is told apart from the others (with one "<5" and one "x" the "<5"
would follow from the total again). Nor may the hidden cells' sum pin them down: two "<5" adding up to 8 are 4 each,
so they say "x"; two adding up to 2 are 1 each whatever they say, so a further cell is hidden.

Last, the whole: every sum of every table, each "<N" read as 1 to N−1 and each shown 0 as 0 (bounded_pins). Closed
10, Successful 5 and two outcomes "<5" whose reasons are two and three "<5": the outcomes are at least 2 and 3, the
5 left, and every one was pinned down. While a cell is, one more is hidden beside it (or its group says "x").
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from borapp.services.privacy.bounded_pins import pinned_within
from borapp.services.privacy.joined import group_of
from borapp.services.privacy.linear_pins import pinned

INTERNAL, EXTERNAL = "internal", "external"
AUDIENCES = (INTERNAL, EXTERNAL)
NOT_SHOWN = "x"  # a count hidden so that another one does not follow from a total; says nothing of its size


def hidden(threshold: int) -> str:
    return f"<{threshold}"


def is_hidden(value: Any) -> bool:
    """A count shown as "<N" or "x": still a number for layout (right-aligned, a number's width)."""
    return isinstance(value, str) and (value == NOT_SHOWN or (value.startswith("<") and value[1:].isdigit()))


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def suppress_breakdown(values: Mapping, threshold: int) -> dict:
    """One breakdown (a dict of counts whose total is shown): small cells hidden, with secondary suppression."""
    marks = suppress_linked(values, [Sum(tuple(values))], threshold)
    return {k: marks.get(k, v) for k, v in values.items()}


@dataclass(frozen=True)
class Sum:
    """Cells that add up to `total`: a cell that may be hidden itself, or None for a figure the reader has (a
    table's total, the organisation's figures). A cell is any hashable name; the same name in two tables is one
    count, hidden in both or in neither."""

    parts: tuple[Hashable, ...]
    total: Hashable | None = None

    def cells(self) -> tuple[Hashable, ...]:
        return self.parts if self.total is None else (*self.parts, self.total)


def suppress_linked(values: Mapping, sums: Sequence[Sum], threshold: int, public: Set = frozenset(), *,
                    totals_shown: bool = True) -> dict:
    """The cells to hide, each with what it says ("<N" or "x"), when every sum is published with the cells it adds
    up: no hidden cell may follow from a sum's other cells, in whichever table they stand. One breakdown's rules
    hold for each sum, until none asks for more; cells hidden together in any sum say the same ("x" when one of
    them is N or more), or one would be told apart. `public` cells are figures shown as they are; with
    `totals_shown` the sums' known totals are printed too (False: only taken as known, to be safe)."""
    counts = {k: v for k, v in values.items() if _is_count(v)}
    if totals_shown:
        public = set(public) | _given_by_public(counts, sums, public)
    secret = {k for k, v in counts.items() if 0 < v < threshold and k not in public}
    crossed: set = set()  # cells that say "x" so that "<N" would not pin their sum's hidden cells down
    while True:
        marks = _marks(secret, crossed, sums, counts, threshold)
        step = next((s for s in (_next_step(x, secret, marks, counts, threshold, public) for x in sums) if s), None)
        if step is None:
            step = _taken_together(secret, sums, counts, public)
        found = set() if step else pinned_within(_readings(marks, counts, threshold), counts,
                                                 _equations(marks, sums, counts))
        if found:
            step = _within_bounds(found, marks, sums, counts, public)
        if step is None:  # a hidden 0 the figures still tell (a column of zeros) says nothing new as its 0
            return {c: mark for c, mark in marks.items() if not (c in found and counts[c] == 0)}
        (secret if step[0] == "hide" else crossed).add(step[1])


def _given_by_public(counts: Mapping, sums: Sequence[Sum], public: Set) -> set:
    """The cells that the public figures and the printed totals give by themselves (total 11, this year's 7 public:
    the year before is 4): they are as public as those figures, and an "x" there would only pretend to hide them."""
    return pinned(set(counts) - set(public), [(tuple(c for c in s.parts if c in counts),
                                               s.total if s.total in counts else None) for s in sums])


def _taken_together(secret: set, sums: Sequence[Sum], counts: Mapping, public: Set):
    """When no sum alone gives a cell away but all of them together do: hide one more cell beside it."""
    found = pinned(secret, [(tuple(c for c in s.parts if c in counts), s.total if s.total in counts else None)
                            for s in sums])
    for s in sums:
        cells = [c for c in s.cells() if c in counts]
        free = [c for c in cells if c not in secret and c not in public]
        if free and found & set(cells):
            return "hide", _smallest(free, counts)
    return None


def _within_bounds(found: set, marks: dict, sums: Sequence[Sum], counts: Mapping, public: Set):
    """When the sums and what each mark says of its size ("<N": 1 to N-1, "x": anything, a shown 0: 0) pin cells
    down (`found`): hide one more cell in a sum of one, or where every cell of those sums is hidden, let it say
    "x"."""
    for near in (found, _linked_to(found, sums, marks)):  # its own sums first, else one its hidden cells reach
        for s in sums:
            cells = [c for c in s.cells() if c in counts]
            free = [c for c in cells if c not in marks and c not in public]
            if free and near & set(cells):
                return "hide", _smallest(free, counts)
    bounded = sorted((c for c in found if marks[c] != NOT_SHOWN), key=str)
    return ("cross", bounded[0]) if bounded else None  # hidden zeros adding up to a shown 0 stay 0: nothing to hide


def _linked_to(found: set, sums: Sequence[Sum], marks: dict) -> set:
    """The hidden cells joined to `found` through sums: a row total pinned by the columns' totals when its own row is
    all hidden is freed by hiding a cell of another row."""
    linked, grown = set(found), True
    while grown:
        grown = False
        for s in sums:
            together = {c for c in s.cells() if c in marks}
            if together & linked and not together <= linked:
                linked |= together
                grown = True
    return linked


def _readings(marks: dict, counts: Mapping, threshold: int) -> dict:
    """Each hidden cell's range as a reader takes it: "<N" is 1 to N-1; "x" is 0 to the most any count can be."""
    most = sum(counts.values())
    return {c: (0, most) if mark == NOT_SHOWN else (1, threshold - 1) for c, mark in marks.items()}


def _equations(marks: dict, sums: Sequence[Sum], counts: Mapping) -> list:
    """Each sum as an equation in the hidden cells, the shown ones (and a total the reader has) as numbers."""
    equations = []
    for s in sums:
        parts = [c for c in s.parts if c in counts]
        total = s.total if s.total in counts else None
        terms: dict = {}
        constant = 0 if total is not None else sum(counts[c] for c in parts)
        for cell, sign in [(c, 1) for c in parts] + ([(total, -1)] if total is not None else []):
            if cell in marks:
                terms[cell] = terms.get(cell, 0) + sign
            else:
                constant -= sign * counts[cell]
        equations.append(({c: a for c, a in terms.items() if a}, constant))
    return equations


def _next_step(s: Sum, secret: set, marks: dict, counts: Mapping, threshold: int, public: Set):
    """("hide", cell), ("cross", cell) or None: what this sum still needs."""
    cells = [c for c in s.cells() if c in counts]
    unknown = [c for c in cells if c in secret]
    if not unknown:
        return None
    free = [c for c in cells if c not in secret and c not in public]
    if len(unknown) == 1 and free:
        return "hide", _smallest(free, counts)
    if s.total in secret:
        return None  # the sum itself is unknown: with two cells or more hidden nothing follows
    crossed = any(marks[c] == NOT_SHOWN for c in unknown)
    hidden_values = [counts[c] for c in unknown]
    if not crossed and not _gives_away(hidden_values, threshold - 1):
        return None
    if not _gives_away(hidden_values, None):
        return None if crossed else ("cross", unknown[0])
    if free:
        return "hide", _smallest(free, counts)
    return None if crossed else ("cross", unknown[0])  # every cell hidden: only the total is shown, which stays


def _smallest(cells: list, counts: Mapping):
    """The smallest non-zero cell; a zero only when there is no other (a hidden zero tells an attacker less)."""
    return min(cells, key=lambda c: (counts[c] == 0, counts[c], str(c)))


def _marks(secret: set, crossed: set, sums: Sequence[Sum], counts: Mapping, threshold: int) -> dict:
    """What each hidden cell says: cells hidden together in a sum are one group (joined across sums), and a group
    says "<N" only when each of its cells is under N and none had to say "x"."""
    root = group_of(secret, (s.cells() for s in sums))
    crossed_roots = {root[c] for c in secret if counts[c] >= threshold or counts[c] == 0 or c in crossed}
    return {c: NOT_SHOWN if root[c] in crossed_roots else hidden(threshold) for c in secret}


def _gives_away(hidden_values: list[int], most: int | None) -> bool:
    """Whether the hidden cells' sum (the total minus the shown cells) pins one of them down for a reader who
    takes each hidden cell to be at least 1 (or 0, when that cannot add up) and at most `most` ("<N": N-1; "x":
    no bound). Two cells of "<5" adding up to 8 are 4 each, and two adding up to 2 are 1 each."""
    total, k = sum(hidden_values), len(hidden_values)
    top = total if most is None else most
    low = 1 if k <= total <= k * top else 0
    if not low * k <= total <= k * top:
        return False  # no reading adds up; nothing follows
    return max(low, total - top * (k - 1)) == min(top, total - low * (k - 1))
