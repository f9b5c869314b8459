"""A line under a form that tells how a service call went: its error in the user's language, or what was done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from borapp.services.errors import describe

ERROR_COLOUR, DONE_COLOUR, NOTE_COLOUR = "#B3261E", "#11522A", "#8A5300"


class ResultLine(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)

    def attempt(self, action: Callable[[], object], done_text: str = "") -> bool:
        """Run `action`; on a failure show what went wrong in words and return False, else show `done_text`.
        A full disk or a read-only folder (an OSError, or SQLite saying so) is said as such, never a traceback."""
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - said in words (describe), never a traceback
            self.show_problem(describe(exc))
            return False
        self.show_done(done_text)
        return True

    def show_problem(self, text: str) -> None:
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setText(text)

    def show_note(self, text: str) -> None:
        """Something to act on that is not an error (typing not saved yet)."""
        self.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.setText(text)

    def show_done(self, text: str) -> None:
        self.setStyleSheet(f"color: {DONE_COLOUR};")
        self.setText(text)
