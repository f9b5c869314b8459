"""The plain values every group of figures returns: a number with its parts and the cases behind it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from borapp.services.reports.selection import CaseSelection


@dataclass(frozen=True)
class Figure:
    """One number of the report. `key` is stable (JSON, CSV), `label` is for people. When it has `parts`, they add
    up to `value`; `selection` says which cases stand behind it (None where no cases do, e.g. volunteers)."""

    key: str
    label: str
    value: int
    parts: tuple[Figure, ...] = ()
    selection: CaseSelection | None = None

    def part(self, key: str) -> Figure | None:
        return next((p for p in self.parts if p.key == key), None)

    def part_value(self, key: str) -> int:
        found = self.part(key)
        return found.value if found else 0

    def as_dict(self) -> dict[str, int]:
        """{part key: value}."""
        return {p.key: p.value for p in self.parts}

    def walk(self) -> Iterator[Figure]:
        """This figure and every part below it."""
        yield self
        for part in self.parts:
            yield from part.walk()


def figure(key: str, label: str, parts: list[Figure] | tuple[Figure, ...],
           selection: CaseSelection | None = None) -> Figure:
    """A figure whose value is the sum of its parts, so it cannot disagree with them."""
    parts = tuple(parts)
    return Figure(key, label, sum(p.value for p in parts), parts, selection)
