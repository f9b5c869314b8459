"""Form helpers: a labelled row with its validation message under the field, in the user's language."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from borapp.i18n import _


class FieldMessage(QLabel):
    """The message shown under a field; empty and hidden when the field is fine."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #B3261E;")
        self.hide()

    def show_message(self, text: str, *, warning: bool = False) -> None:
        self.setStyleSheet("color: #8A5300;" if warning else "color: #B3261E;")
        self.setText(text)
        self.setVisible(bool(text))


def add_field(form: QFormLayout, label: str, field: QWidget, *, required: bool = False) -> FieldMessage:
    """Add `field` with `label` (marked * when required) and return the message label placed under it."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    message = FieldMessage()
    column.addWidget(message)
    text = f"{label} *" if required else label
    field.setAccessibleName(label)
    form.addRow(text, box)
    return message


def required_note() -> QLabel:
    note = QLabel(_("* required"))
    note.setStyleSheet("color: palette(mid);")
    return note
