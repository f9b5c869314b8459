"""Small-cell suppression for reports that leave the organisation: a count of 1 to N−1 families in one cell (one
municipality, one outcome) could name a family in a small municipality, so it is shown as "<N".

Hiding one cell of a breakdown is not enough when the total is shown: total minus the other cells gives it back.
So within each breakdown (a dict of counts), when exactly one cell is hidden the next smallest cell is hidden too
(secondary suppression). Totals stay: they are what funders need, and with two or more cells hidden they no longer
give any one of them away. Every hidden cell tells the truth: "<N" only when each hidden cell of its breakdown is
under N (a zero is); when the second cell is N or more, all of that breakdown's hidden cells say "x" (not shown), so
that none is told apart from the others (with one "<5" and one "x" the "<5" would follow from the total again).
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
    small = {k for k, v in values.items() if _is_count(v) and 0 < v < threshold}
    if len(small) == 1:
        # the smallest non-zero cell; a zero only when there is no other (a hidden zero tells an attacker less)
        rest = sorted((v == 0, v, str(k)) for k, v in values.items() if k not in small and _is_count(v))
        if rest:
            small.add(next(k for k in values if str(k) == rest[0][2]))
    marker = hidden(threshold) if all(values[k] < threshold for k in small) else NOT_SHOWN
    return {k: marker if k in small else v for k, v in values.items()}
