"""A form row for the wizard's pages: the field with its message right under it, both kept at the top of the row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QSizePolicy, QVBoxLayout, QWidget

from borapp.services.errors import BorError, ValidationError
from borapp.ui.widgets.forms import FieldMessage, clear_when_changed


def field_row(form: QFormLayout, label: str, field: QWidget, *, required: bool = False) -> FieldMessage:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    message = FieldMessage()
    message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    column.addWidget(message)
    column.setAlignment(Qt.AlignmentFlag.AlignTop)  # a taller row leaves its room below, not around the field
    field.setAccessibleName(label)
    form.addRow(f"{label} *" if required else label, box)
    clear_when_changed(field, message)
    return message


def say_refusal(error: BorError, beside: dict[str, FieldMessage], otherwise: FieldMessage) -> None:
    """A refusal under the field it names ("on": a future date under the date, not at the page's foot)."""
    target = beside.get(error.field, otherwise) if isinstance(error, ValidationError) else otherwise
    target.show_message(str(error))


class _NaturalHeight(QWidget):
    """Laid out by its size hint: the form's height-for-width fell a message's line short once a refused date's
    message showed, and the Note box under it was cut off."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt name
        return False


def compact_form() -> tuple[QWidget, QFormLayout]:
    """A form that keeps its natural height, so the page's spare room goes below it."""
    box = _NaturalHeight()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    form = QFormLayout(box)
    form.setContentsMargins(0, 0, 0, 0)
    return box, form
