"""Small-cell suppression for reports that leave the organisation: a count of 1 to N−1 families in one cell (one
municipality, one outcome) could name a family in a small municipality, so it is shown as "<N".

Hiding one cell of a breakdown is not enough when the total is shown: total minus the other cells gives it back.
So within each breakdown (a dict of counts), when exactly one cell is hidden the next smallest cell is hidden too
(secondary suppression). Totals stay: they are what funders need, and with two or more cells hidden they no longer
give any one of them away. Every hidden cell tells the truth: "<N" only when each hidden cell of its breakdown is
under N (a zero is); when the second cell is N or more, all of that breakdown's hidden cells say "x" (not shown), so
that none is told apart from the others (with one "<5" and one "x" the "<5" would follow from the total again).
Nor may the hidden cells' sum pin them down: two "<5" adding up to 8 are 4 each, so they say "x"; two adding up to
2 are 1 each whatever they say, so a further cell is hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    counts = {k: v for k, v in values.items() if _is_count(v)}
    small = {k for k, v in counts.items() if 0 < v < threshold}
    if len(small) == 1 and len(counts) > 1:
        small.add(_next_smallest(counts, small))
    marker = NOT_SHOWN
    while small:
        marker = hidden(threshold) if all(counts[k] < threshold for k in small) else NOT_SHOWN
        if marker != NOT_SHOWN and not _gives_away([counts[k] for k in small], threshold - 1):
            break
        if not _gives_away([counts[k] for k in small], None):
            marker = NOT_SHOWN
            break
        if len(small) == len(counts):
            marker = NOT_SHOWN  # every cell hidden: only the total is shown, which stays
            break
        small.add(_next_smallest(counts, small))
    return {k: marker if k in small else v for k, v in values.items()}


def _next_smallest(counts: Mapping, taken: set):
    """The smallest non-zero cell not yet hidden; a zero only when there is no other (a hidden zero tells an
    attacker less)."""
    rest = sorted((v == 0, v, str(k)) for k, v in counts.items() if k not in taken)
    return next(k for k in counts if str(k) == rest[0][2])


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
