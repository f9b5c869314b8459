"""Asking before typing is thrown away, with a button that says what the question asks ("Weggooien").

Qt's own Discard button says "Verwerpen" in Dutch, beside questions and buttons of ours that say "weggooien"; the
button keeps its standard role, so whatever presses it (a person, a test) finds it as Discard."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from borapp.i18n import _

DISCARD, CANCEL = QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel


def ask_to_discard(parent: QWidget | None, title: str, question: str) -> bool:
    """True when the person chose to throw the typing away; Cancel, Escape or a lock keep it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, DISCARD | CANCEL, parent)
    box.setDefaultButton(CANCEL)
    box.button(DISCARD).setText(_("Throw away"))
    return box.exec() == DISCARD
