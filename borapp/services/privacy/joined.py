"""Cells joined into groups by the sums they share (union-find): the suppression says alike what is hidden together,
and the solver works each group of linked hidden cells apart."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


def group_of(cells: Iterable[Hashable], links: Iterable[Iterable[Hashable]]) -> dict:
    """Each of `cells` with one cell standing for its group: two cells in one link are in one group, and so are
    cells linked through others. Cells of a link that are not among `cells` are passed over."""
    parent = {c: c for c in cells}

    def root(c):
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for link in links:
        together = [c for c in link if c in parent]
        for c in together[1:]:
            parent[root(c)] = root(together[0])
    return {c: root(c) for c in parent}
