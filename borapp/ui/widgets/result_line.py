"""A line under a form that tells how a service call went: its error in the user's language, or what was done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from borapp.services.errors import describe
from borapp.ui.colours import DONE, ERROR, WARNING, text_style



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
        self.setStyleSheet(text_style(ERROR))
        self.setText(text)

    def show_note(self, text: str) -> None:
        """Something to act on that is not an error (typing not saved yet)."""
        self.setStyleSheet(text_style(WARNING))
        self.setText(text)

    def show_done(self, text: str) -> None:
        self.setStyleSheet(text_style(DONE))
        self.setText(text)
