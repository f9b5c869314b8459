"""A finished visit report in the visit editor: the line that says since when it is finished, and its addenda under
the report (date, author, text; newest last) with the button that adds one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services.visits.addenda import REPORT_FIELDS
from borapp.services.visits.records import VisitDetail
from borapp.ui.icons import icon
from borapp.ui.pages.cases.tabs.editor_panel import EditorPanel

ICON_SIZE = 18


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


class ReportSection:
    """Adds the finished line (at the top of `editor`'s form) and the addenda box (where it is built, under the
    report); `fill()` shows them for a finished report and hides them otherwise."""

    def __init__(self, editor: EditorPanel):
        self.line = self._finished_line()
        editor.body_layout.insertWidget(0, self.line)
        self.box = QGroupBox(_("Addenda"))
        column = QVBoxLayout(self.box)
        self.entries = QVBoxLayout()
        self.entries.setSpacing(2)
        column.addLayout(self.entries)
        self.none = QLabel(_("No addenda yet."))
        self.none.setObjectName("rowDate")
        column.addWidget(self.none)
        self.add_button = QPushButton(icon("note-pencil"), _("Add addendum…"))
        self.add_button.setAccessibleName(_("Add an addendum to the finished report"))
        column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        editor.body_layout.addWidget(self.box)
        self._shown: list[QWidget] = []

    def _finished_line(self) -> QWidget:
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 6)
        lock = QLabel()
        lock.setPixmap(icon("lock-simple").pixmap(ICON_SIZE, ICON_SIZE))
        row.addWidget(lock, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(0)
        self.finished = QLabel()
        self.finished.setObjectName("rowTitle")
        self.finished.setWordWrap(True)
        hint = QLabel(_("It stays as it is; an addendum corrects or completes it."))
        hint.setObjectName("rowDate")
        hint.setWordWrap(True)
        column.addWidget(self.finished)
        column.addWidget(hint)
        row.addLayout(column, 1)
        return line

    def fill(self, final_on: dt.date | None, addenda: list) -> None:
        """`addenda`: [written_on as ISO text, author, text] in the order the service gives them (newest last)."""
        self.line.setVisible(final_on is not None)
        self.finished.setText(_("Report finished on {date}").format(date=long_date(final_on)) if final_on else "")
        for widget in self._shown:  # gone from the widgets at once: a lock leaves no notes behind
            widget.setParent(None)
            widget.deleteLater()
        self._shown = []
        for written_on, author, text in addenda:
            self._add_entry(_date(written_on), author, text)
        self.none.setVisible(not addenda)
        self.box.setVisible(final_on is not None or bool(addenda))

    def _add_entry(self, written_on: dt.date | None, author: str, text: str) -> None:
        signed = QLabel(_("{date} · {author}").format(date=long_date(written_on), author=author))
        signed.setObjectName("rowDate")
        body = QLabel(text)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.setContentsMargins(0, 0, 0, 8)
        for widget in (signed, body):
            self.entries.addWidget(widget)
            widget.show()  # at once, not when the event loop gets to it: a screen reader reads it now
            self._shown.append(widget)


def report_state(detail: VisitDetail) -> dict:
    """The finished report's part of the editor's state (JSON-able, as drafts are)."""
    return {"stored_state": detail.state,
            "report_final_on": detail.report_final_on.isoformat() if detail.report_final_on else None,
            "addenda": [[a.written_on.isoformat(), a.author, a.text] for a in detail.addenda]}


def typed_as_addendum(loaded: dict | None, typed: dict) -> str:
    """What was typed into a report that was finished meanwhile, as the lines of an addendum: each report field
    changed since the editor was filled ("What happened: …"); every filled-in field when that is not known."""
    lines = []
    for name, label in REPORT_FIELDS.items():
        value = str(typed.get(name) or "").strip()
        if not value or (loaded is not None and value == str(loaded.get(name) or "").strip()):
            continue
        if name == "on" and _date(value):
            value = long_date(_date(value))
        lines.append(f"{_(label)}: {value}")
    return "\n".join(lines)
