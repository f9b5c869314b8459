"""Form helpers: a labelled row with its validation message under the field, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QLineEdit,
    QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from borapp.i18n import _
from borapp.ui.colours import DONE, ERROR, WARNING, text_style
from borapp.ui.widgets.wrapped_label import WrappedLabel


class FieldMessage(WrappedLabel):
    """The message shown under a field; empty and hidden when the field is fine."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(text_style(ERROR))
        self.hide()

    def show_message(self, text: str, *, warning: bool = False, fine: bool = False) -> None:
        """A refusal (red), a `warning` (brown) or a `fine` note (green: a very strong passphrase)."""
        self.warning = warning or fine
        sheet = text_style(DONE if fine else WARNING if warning else ERROR)
        if self.styleSheet() != sheet:  # re-styling re-polishes the label: a case file clears ~150 messages
            self.setStyleSheet(sheet)
        self.setText(text)
        self.setVisible(bool(text))

    def field_changed(self, *_args) -> None:
        """The field it is about was changed: a refusal no longer applies (a warning is kept up to date by whoever
        shows it)."""
        if self.text() and not getattr(self, "warning", False):
            self.show_message("")


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
    clear_when_changed(field, message)
    return message


def clear_when_changed(field: QWidget, message: FieldMessage) -> None:
    """A message about the field goes once the field is changed."""
    signal = changed_signal(field)
    if signal is not None:
        signal.connect(message.field_changed)
    typed = getattr(field, "edit", None)  # a date or time field says "changed" only for a date it can read
    if isinstance(typed, QLineEdit):  # retyped unreadable, the refusal of the date before stayed beside its own
        typed.textEdited.connect(message.field_changed)


def required_note() -> QLabel:
    note = QLabel(_("* required"))
    note.setStyleSheet("color: palette(mid);")
    return note


def changed_signal(widget: QWidget):
    """The signal a field sends when the user changes it (None for widgets without one)."""
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.editTextChanged if widget.isEditable() else widget.currentIndexChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return getattr(widget, "changed", None)


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """A yes/no question whose safe answer (No) is the default."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def show_from_start(root: QWidget) -> None:
    """Filled in by the program, a line shows its end (the cursor goes there); a long name must show its start."""
    for line in root.findChildren(QLineEdit):
        if not line.hasFocus():
            line.setCursorPosition(0)


def form_label(widget, fallback: str) -> str:
    """The text of the label a form shows beside `widget` (without the required mark), else `fallback`. A field
    added with add_field sits in a box with its message, and the form labels the box: asked of the field alone, the
    fallback ("what happened") stood in Dutch questions."""
    for _level in range(2):  # the field, then the box add_field put it in
        parent = widget.parentWidget() if widget is not None else None
        if parent is None:
            break
        layout = parent.layout()
        label = layout.labelForField(widget) if hasattr(layout, "labelForField") else None
        if label is not None and hasattr(label, "text"):
            return label.text().rstrip(" *")
        widget = parent
    return fallback


def ok_cancel(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """OK, named for what it does ("Save step"), and Cancel, wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button


def grow_with_messages(dialog: QWidget, width: int) -> None:
    """Open `dialog` `width` wide and let it grow when a message appears under a field: Qt keeps a window at least
    its layout's minimum, which counts a wrapped line of text as one line, so a refusal was drawn under the row below
    it. The window now grows to the height its rows need at its width, and shrinks back (never below the height it
    opened with) when the message goes, unless the coordinator resized it herself: a blank band stayed."""
    dialog.layout().setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
    dialog.resize(width, max(dialog.sizeHint().height(), dialog.heightForWidth(width)))
    dialog.installEventFilter(_TallEnough(dialog, dialog.height()))


class _TallEnough(QObject):
    def __init__(self, dialog: QWidget, opened: int):
        super().__init__(dialog)
        self.opened = opened
        self.fitted = opened  # the height last given here; another one is the coordinator's own

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._fit)  # dropped when the dialog (and this) are gone
        return False

    def _fit(self) -> None:
        dialog = self.parent()
        need = dialog.heightForWidth(dialog.width())
        if need > dialog.height() or (dialog.height() == self.fitted and max(need, self.opened) < dialog.height()):
            dialog.resize(dialog.width(), max(need, self.opened))
            self.fitted = dialog.height()
