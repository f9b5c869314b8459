"""The outbox table: one row per letter, its state in a chip colour (always with the word)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from borapp.collation import natural
from borapp.formatting import date_time
from borapp.i18n import N_
from borapp.services.outbox.listing import LetterRow, kind_label, state_label
from borapp.ui.pages.cases.tabs.rows_model import Column, Index, RowsModel, local_time

# Background and text colours with at least WCAG AA contrast (≥ 4.5:1), as the case status chips.
STATE_COLOURS: dict[str, tuple[str, str]] = {
    "draft": ("#E3E8EF", "#1F2933"),
    "ready": ("#D6E4FF", "#0B2E6F"),
    "failed": ("#FFDAD6", "#7A1712"),
    "exported": ("#E5DBFF", "#3B1E7A"),
    "sent": ("#D5F0DC", "#11522A"),
}


def state_colours(state: str) -> tuple[QColor, QColor]:
    background, text = STATE_COLOURS.get(state, STATE_COLOURS["draft"])
    return QColor(background), QColor(text)


def _state(row: LetterRow) -> str:
    return state_label(row.state) + (" ⚠" if row.error and row.state in ("draft", "ready", "failed") else "")


class LettersModel(RowsModel):
    columns = (
        Column(N_("Case"), lambda r: r.case_ref, sort_key=lambda r: natural(r.case_ref or "")),  # 999 before 1000
        Column(N_("Letter"), lambda r: kind_label(r.kind)),
        Column(N_("Recipient"), lambda r: r.recipient, tooltip=lambda r: r.recipient_email or None),
        Column(N_("Subject"), lambda r: r.subject, tooltip=lambda r: r.subject or None),
        Column(N_("Status"), _state, sort_key=lambda r: (r.state, r.state_changed_at),
               tooltip=lambda r: r.error or None),
        Column(N_("Since"), lambda r: date_time(local_time(r.state_changed_at)),
               sort_key=lambda r: r.state_changed_at),
    )
    SUBJECT_COLUMN, STATE_COLUMN = 3, 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.STATE_COLUMN and role in (
                Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            row = self.row_at(index.row())
            if row is None:
                return None
            background, text = state_colours(row.state)
            return background if role == Qt.ItemDataRole.BackgroundRole else text
        return super().data(index, role)

    def rows(self) -> list[LetterRow]:
        return [self.row_at(i) for i in range(self.rowCount())]
