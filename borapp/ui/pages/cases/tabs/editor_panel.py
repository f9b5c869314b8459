"""An inline editor panel: a scrollable form with Save and Cancel, messages under the fields, and "not saved".

Subclasses add their rows with `add_row()` and then call `finish()`; they turn their fields into a JSON-able state
(`state()`) and back (`fill()`). The state is what a draft keeps across a lock, so whatever is typed survives it; a
validation error keeps everything typed and only shows the message under the field it is about.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _
from borapp.ui.colours import WARNING, text_style
from borapp.ui.icons import icon
from borapp.ui.widgets.date_field import DateField, TimeField
from borapp.ui.widgets.forms import FieldMessage, add_field, changed_signal, required_note
from borapp.ui.widgets.scrolling import vertical_scroll


def text_box(accessible_name: str, lines: int = 3) -> QPlainTextEdit:
    """A few lines of notes; Tab moves on to the next field instead of typing a tab."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setAccessibleName(accessible_name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


def inline(*widgets: QWidget) -> QWidget:
    """Widgets side by side in one form row (a start and an end time, a group of choices). A time or date field's
    message goes under the whole row: under the field alone it was squeezed into the field's width and pushed the
    widgets beside it along."""
    row = QWidget()
    column = QVBoxLayout(row)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    line = QHBoxLayout()
    line.setContentsMargins(0, 0, 0, 0)
    column.addLayout(line)
    for widget in widgets:
        line.addWidget(widget)
        if isinstance(widget, (DateField, TimeField)):
            column.addWidget(widget.take_message())
    line.addStretch()
    return row


READ_ONLY_TEXT = "QPlainTextEdit { background: palette(window); }"
PLACEHOLDER = "borPlaceholder"  # a read-only field's placeholder, put back when it can be typed in again


def _show_read_only(box: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    """A read-only text on the window's background, so it does not look like a field waiting for typing."""
    if isinstance(box, QPlainTextEdit):  # under the app's style sheet a text area ignores its own palette
        box.setStyleSheet(READ_ONLY_TEXT if read_only else "")
    else:
        palette = QPalette()  # empty: the platform's colours, light or dark
        if read_only:
            palette = box.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        box.setPalette(palette)
    hint = box.property(PLACEHOLDER)  # an example of what to type is no use when nothing can be typed
    if read_only and hint is None:
        box.setProperty(PLACEHOLDER, box.placeholderText())
        box.setPlaceholderText("")
    elif not read_only and hint is not None:
        box.setPlaceholderText(hint)
        box.setProperty(PLACEHOLDER, None)


class EditorPanel(QFrame):
    save_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.record_id: int | None = None
        self._dirty = False
        self._loading = False
        self._messages: dict[str, FieldMessage] = {}
        self._fields: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(self._header())
        self.scroll = vertical_scroll()
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.scroll.setWidget(self.body)
        layout.addWidget(self.scroll, 1)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save_shortcut,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Escape is Cancel, as in a dialog: the tab closes the editor, asking first when typing would be lost
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _save_shortcut(self) -> None:
        if not self.save_button.isHidden() and self.save_button.isEnabled():  # a read-only record has no Save
            self.save_requested.emit()

    def finish(self) -> None:
        """Add Cancel and Save after the fields, so the tab order reads fields first, then the buttons."""
        self.body_layout.addStretch()
        self.layout().addLayout(self._footer())
        self.set_state({})

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.unsaved = QLabel()
        self.unsaved.setStyleSheet(text_style(WARNING, bold=True))
        self.unsaved.setWordWrap(True)
        self.unsaved.hide()
        row.addWidget(self.title, 1)
        row.addWidget(self.unsaved)
        return row

    def _footer(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.problem = FieldMessage()
        column.addWidget(self.problem)
        self.footer_row = row = QHBoxLayout()  # a subclass may add its own buttons before Cancel
        self.required_note = required_note()
        row.addWidget(self.required_note)
        row.addStretch()
        self.close_button = QPushButton()
        self.save_button = QPushButton(icon("floppy-disk"), _("Save"))
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self._name_close_button(False)
        self.close_button.clicked.connect(self.close_requested)
        self.save_button.clicked.connect(self.save_requested)
        row.addWidget(self.close_button)
        row.addWidget(self.save_button)
        column.addLayout(row)
        return column

    # ---- building ----------------------------------------------------------------------------------------------

    def add_form(self, title: str = "") -> QFormLayout:
        """A form section in the scrolling body; with a title it is a group box."""
        box = QGroupBox(title) if title else QWidget()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        if not title:
            form.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(box)
        return form

    def add_row(self, form: QFormLayout, label: str, widget: QWidget, *fields: str, required: bool = False,
                focus: QWidget | None = None) -> FieldMessage:
        """Add a labelled field whose message shows what the service says about `fields`."""
        message = add_field(form, label, widget, required=required)
        for name in fields:
            self._messages[name] = message
            self._fields[name] = focus or widget
        self.watch(widget)
        return message

    def share_row(self, field: str, row_field: str, focus: QWidget) -> None:
        """`field` is shown in the same row as `row_field` (e.g. the end time beside the start time)."""
        self._messages[field] = self._messages[row_field]
        self._fields[field] = focus
        signal = changed_signal(focus)
        if signal is not None:  # fixing this field also takes the row's message away
            signal.connect(self._messages[row_field].field_changed)

    def watch(self, *widgets: QWidget) -> None:
        """Typing in any of these (or the fields inside them) makes the editor "not saved"."""
        for widget in widgets:
            if not self._watch_one(widget):
                self.watch(*widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly))

    def _watch_one(self, widget: QWidget) -> bool:
        if isinstance(widget, (QPlainTextEdit, QLineEdit)):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QDateTimeEdit):
            widget.dateTimeChanged.connect(self._changed)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self._changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._changed)
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            widget.toggled.connect(self._changed)
        else:
            return False
        return True

    # ---- state -------------------------------------------------------------------------------------------------

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Fill the fields without counting it as typing."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.set_dirty(True)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_dirty(self, dirty: bool, *, restored: bool = False) -> None:
        self._dirty = dirty
        self.unsaved.setText(_("Not saved (kept from before the lock)") if restored else _("Not saved"))
        self.unsaved.setVisible(dirty)
        self.unsaved.setAccessibleName(self.unsaved.text())

    def state(self) -> dict:
        raise NotImplementedError

    def set_state(self, state: dict, *, restored: bool = False) -> None:
        """Show `state`; `restored` marks it as typing brought back from a draft, not yet saved."""
        self.clear_problems()
        self.record_id = state.get("record_id")
        with self.loading():
            self.fill(state)
        self.set_dirty(restored, restored=restored)
        self.scroll.verticalScrollBar().setValue(0)

    def fill(self, state: dict) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool, *, keep: tuple[QWidget, ...] = ()) -> None:
        """Show the record without letting it change (a finished report): texts stay readable and can be selected
        and copied, choices are disabled, Save goes and Cancel reads Close. Widgets in `keep` stay as they are."""
        for widget in self.body.findChildren(QWidget):
            if any(widget is k or k.isAncestorOf(widget) for k in keep):
                continue
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                inner = isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))
                if not inner and widget.isReadOnly() != read_only:  # re-styling costs: only what changes
                    widget.setReadOnly(read_only)
                    _show_read_only(widget, read_only)
            elif isinstance(widget, (QAbstractButton, QComboBox, QAbstractSpinBox)):
                widget.setEnabled(not read_only)
        self.save_button.setHidden(read_only)
        self.required_note.setHidden(read_only)
        self._name_close_button(read_only)

    def _name_close_button(self, read_only: bool) -> None:
        self.close_button.setText(_("Close") if read_only else _("Cancel"))
        self.close_button.setAccessibleName(_("Close the editor") if read_only else _("Cancel and close the editor"))
        self.close_button.setToolTip(_("Close (Esc)") if read_only else _("Cancel (Esc)"))

    # ---- messages ----------------------------------------------------------------------------------------------

    def clear_problems(self) -> None:
        for message in self._messages.values():
            message.show_message("")
        self.problem.show_message("")

    def show_problem(self, field: str, message: str, summary: str = "") -> None:
        """Show a service's message under its field (or above the buttons), scroll there and put the cursor in it;
        `summary` is the line above the buttons then (by default: not saved)."""
        self.clear_problems()
        label = self._messages.get(field)
        if label is None or not self._fields[field].isVisibleTo(self):
            self.problem.show_message(message)
            return
        label.show_message(message)
        self.problem.show_message(summary or _("Not saved: check the marked field."))
        widget = self._fields[field]
        self.scroll.ensureWidgetVisible(label.parentWidget())
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self) -> None:
        first = next(iter(self._fields.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def message_for(self, field: str) -> FieldMessage | None:
        return self._messages.get(field)

    def field(self, name: str) -> QWidget | None:
        return self._fields.get(name)
