"""Typing a value that settles a conflict: a label saying which field, a text box to type it in, OK and Cancel.

Our own small dialog rather than QInputDialog, whose text box Qt makes itself: the lock keeps what is typed here
only when the box has a name, and naming it meant reaching into QInputDialog's insides."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.screen_fit import resize_within_screen


class TypedValueDialog(AsksBeforeDiscarding, QDialog):
    chosen = Signal(str)  # the text, when OK is clicked

    def __init__(self, title: str, label: str, value: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.text = QPlainTextEdit(value)
        self.text.setAccessibleName(_("Value"))
        self.label.setBuddy(self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.label, self.text, self.buttons):
            layout.addWidget(widget)
        resize_within_screen(self, 480, 260)
        self.remember_typing()  # the value it opened with is not asked about

    def accept(self) -> None:
        self.chosen.emit(self.text.toPlainText())
        super().accept()
