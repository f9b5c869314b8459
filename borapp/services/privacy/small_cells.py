"""Small-cell suppression for reports that leave the organisation: a count of 1 to N−1 families in one cell (one
municipality, one outcome) could name a family in a small municipality, so it is shown as "<N".

Hiding one cell of a breakdown is not enough when the total is shown: total minus the other cells gives it back.
So within each breakdown (a dict of counts), when exactly one cell is hidden the next smallest cell is hidden too
(secondary suppression; "<5" is true of a zero as well). Otherwise zero stays zero: it names nobody. Totals stay: they are what funders need,
and with two or more cells hidden they no longer give any one of them away.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

INTERNAL, EXTERNAL = "internal", "external"
AUDIENCES = (INTERNAL, EXTERNAL)


def hidden(threshold: int) -> str:
    return f"<{threshold}"


def is_hidden(value: Any) -> bool:
    """A count shown as "<N": still a number for layout (right-aligned, a number's width)."""
    return isinstance(value, str) and value.startswith("<") and value[1:].isdigit()


def suppress(report: Any, threshold: int, *, keep: frozenset[str] = frozenset()) -> Any:
    """A copy of `report` (JSON-like: dicts, lists, numbers) with small counts hidden. A dict whose values are all
    whole numbers is a breakdown and gets secondary suppression; keys in `keep` (e.g. "year", "total") are never
    touched, nor are floats (percentages and medians are not counts of families)."""
    if isinstance(report, Mapping):
        if _is_breakdown(report, keep):
            return _suppress_breakdown(report, threshold)
        return {key: value if key in keep else suppress(value, threshold, keep=keep) for key, value in report.items()}
    if isinstance(report, list):
        return [suppress(value, threshold, keep=keep) for value in report]
    if _is_count(report) and 0 < report < threshold:
        return hidden(threshold)
    return report


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_breakdown(values: Mapping, keep: frozenset[str]) -> bool:
    counts = [v for k, v in values.items() if k not in keep]
    return len(counts) >= 2 and all(_is_count(v) for v in counts)


def suppress_breakdown(values: Mapping, threshold: int) -> dict:
    """One breakdown (a dict of counts): small cells hidden, with secondary suppression."""
    return _suppress_breakdown(values, threshold)


def _suppress_breakdown(values: Mapping, threshold: int) -> dict:
    small = {k for k, v in values.items() if _is_count(v) and 0 < v < threshold}
    if len(small) == 1:
        # the smallest non-zero cell; a zero only when there is no other (a hidden zero tells an attacker less)
        rest = sorted((v == 0, v, str(k)) for k, v in values.items() if k not in small and _is_count(v))
        if rest:
            small.add(next(k for k in values if str(k) == rest[0][2]))
    return {k: hidden(threshold) if k in small else v for k, v in values.items()}
