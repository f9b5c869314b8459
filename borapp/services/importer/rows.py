"""One data row, read column by column; each bad cell becomes a problem with its row number and column."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from borapp.i18n import _
from borapp.services.importer.columns import HeaderMap
from borapp.services.importer.report import ImportReport
from borapp.services.importer.values import BadValue, is_empty

T = TypeVar("T")


class RowReader:
    def __init__(self, number: int, cells: list[object], header: HeaderMap, report: ImportReport):
        self.number = number
        self._cells = cells
        self._header = header
        self._report = report
        self.bad = False

    def heading(self, column: str) -> str:
        return self._header.headings.get(column, column)

    def raw(self, column: str) -> object:
        position = self._header.index.get(column)
        if position is None or position >= len(self._cells):
            return ""
        return self._cells[position]

    def has(self, column: str) -> bool:
        return not is_empty(self.raw(column))

    def text(self, column: str, *, required: bool = False, limit: int = 0) -> str:
        value = self.raw(column)
        text = "" if is_empty(value) else str(value).strip()
        if required and not text:
            self.error(column, _("This column needs a value."))
        elif limit and len(text) > limit:
            self.error(column, _("This is longer than {limit} characters.").format(limit=limit))
        return text

    def value(self, column: str, parse: Callable[[object], T], *, required: bool = False) -> T | None:
        raw = self.raw(column)
        if required and is_empty(raw):
            self.error(column, _("This column needs a value."))
            return None
        try:
            return parse(raw)
        except BadValue as exc:
            self.error(column, str(exc))
            return None

    def error(self, column: str, message: str) -> None:
        self.bad = True
        self._report.error(self.number, column, message, self.heading(column) if column else "")

    def warn(self, column: str, message: str) -> None:
        self._report.warn(self.number, column, message, self.heading(column) if column else "")
