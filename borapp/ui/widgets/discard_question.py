"""Asking before typing is thrown away, with a button that says what the question asks ("Weggooien").

Qt's own Discard button says "Verwerpen" in Dutch, beside questions and buttons of ours that say "weggooien"; the
button keeps its standard role, so whatever presses it (a person, a test) finds it as Discard."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from borapp.i18n import _
from borapp.ui.kept_typing import closed_by_lock, typing

DISCARD, CANCEL = QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel


def ask_to_discard(parent: QWidget | None, title: str, question: str) -> bool:
    """True when the person chose to throw the typing away; Cancel, Escape or a lock keep it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, DISCARD | CANCEL, parent)
    box.setDefaultButton(CANCEL)
    box.button(DISCARD).setText(_("Throw away"))
    return box.exec() == DISCARD


class AsksBeforeDiscarding:
    """Mixed into a QDialog (listed before it): Cancel, Escape and the window's close button ask before typing is
    thrown away, and Cancel in the question keeps the dialog open as it was; a lock closes it unasked (the lock keeps
    the typing as a draft). The dialog calls `remember_typing()` at the end of its __init__, once its fields are laid
    out in it (a field not yet in a layout is not its child) and hold what it opened with."""

    _opened_with: dict | None = None

    def remember_typing(self) -> None:
        self._opened_with = self.typed_values()

    def typed_values(self) -> dict:
        """What was typed into the named fields (text, numbers, dates and times), as a lock keeps them; a choice in a
        list or a tick is not asked about, being quickly made again."""
        return {name: value for name, value in typing(self).items()
                if not isinstance(value, bool) and not (isinstance(value, dict) and "index" in value)}

    def discard_question(self) -> str:
        return _("What you typed has not been saved. Throw it away?")

    def reject(self) -> None:
        if not closed_by_lock(self) and self._opened_with is not None and self.typed_values() != self._opened_with:
            if not ask_to_discard(self, _("Not saved"), self.discard_question()) or closed_by_lock(self):
                return  # kept open; or the lock closed it meanwhile and keeps the typing as a draft
        super().reject()
