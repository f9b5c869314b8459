"""What the editing tabs of the case file share: field values as a plain dict, unsaved-change tracking, drafts,
the save bar (Save disabled only with a visible reason) and validation messages under the fields.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _
from borapp.services import drafts as draft_store
from borapp.services.cases.case_file import CaseFile, load_case
from borapp.services.errors import BorError, ValidationError
from borapp.services.volunteers.profiles import format_availability, parse_availability, parse_languages
from borapp.ui.colours import ERROR, WARNING, text_style
from borapp.ui.icons import icon
from borapp.ui.pages.cases.tabs.base import CaseTab
from borapp.ui.pages.volunteers.availability_grid import AvailabilityGrid
from borapp.ui.pages.volunteers.small_editors import LanguagePicker
from borapp.ui.widgets.changed_meanwhile import save_over
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.forms import FieldMessage, changed_signal, form_label
from borapp.ui.widgets.scrolling import vertical_scroll

DRAFT_PREFIX = draft_store.UI_PREFIX  # MainWindow keeps page drafts under this prefix
CHECKED = "_checked"  # in a draft: its problems were on screen when it was kept, and come back with it


def read(widget: QWidget):
    """A field's value as JSON-able data."""
    if isinstance(widget, AvailabilityGrid):  # as stored: "sat-morning;wed-afternoon"
        return format_availability(widget.value())
    if isinstance(widget, LanguagePicker):  # as stored: "en;tr"
        return ";".join(widget.value())
    if isinstance(widget, DateField):
        return widget.typed() or None  # ISO when it can be read, else as typed (kept in drafts, refused on save)
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentData()
    raise TypeError(type(widget))


def write(widget: QWidget, value) -> None:
    if isinstance(widget, AvailabilityGrid):
        widget.set_value(parse_availability(value or ""))
    elif isinstance(widget, LanguagePicker):
        widget.set_value(parse_languages(value or ""))
    elif isinstance(widget, DateField):
        widget.set_typed(value.isoformat() if isinstance(value, dt.date) else value or "")
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")
        widget.setCursorPosition(0)  # a long name shows its start
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        if widget.isEditable():
            widget.setEditText(value or "")
        else:
            widget.setCurrentIndex(max(widget.findData(value), 0))
    else:
        raise TypeError(type(widget))


def text_box(name: str, height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(height)
    return box


class FormTab(CaseTab):
    """An editing tab: subclasses build their fields, `bind()` them, and implement `fill()` and `save_values()`."""

    key = ""  # the tab's part of the draft key: "case/<id>/<key>/form"

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.facts: CaseFile | None = None
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self._loaded: dict = {}
        self._restored = False
        self._just_saved = False  # "Saved." stays until the next edit
        self._was_dirty = False
        self._filling = False
        self._checked = False  # problems shown since the last Save (kept with a draft)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.body = QWidget()
        self.scroll = vertical_scroll(self.body)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self._save_bar())

    def _save_bar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 8, 4)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName(_("Save state"))
        self.revert_button = QPushButton(_("Undo changes"))
        self.revert_button.setAccessibleName(_("Undo unsaved changes"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(icon("floppy-disk"), _("Save"))
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        row.addWidget(self.state_label, 1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        return bar

    # ---- fields -------------------------------------------------------------------------------------------------

    def bind(self, name: str, widget: QWidget, message: FieldMessage | None = None) -> QWidget:
        self.fields[name] = widget
        if message is not None:
            self.messages[name] = message
        changed_signal(widget).connect(self._edited)
        typed = getattr(widget, "edit", None)  # a date field says "changed" only for a date it can read: an
        if isinstance(typed, QLineEdit):      # unreadable one left "Geen wijzigingen om op te slaan." beside its error
            typed.editingFinished.connect(self._edited)
        if isinstance(widget, LanguagePicker):  # a language typed and not yet added is unsaved typing too
            widget.other.textChanged.connect(self._edited)
        return widget

    def values(self) -> dict:
        return {name: read(widget) for name, widget in self.fields.items()}

    def set_values(self, values: dict) -> None:
        was_filling, self._filling = self._filling, True
        try:
            for name, value in values.items():
                if name in self.fields:
                    write(self.fields[name], value)
        finally:
            self._filling = was_filling
        self._edited()

    def is_dirty(self) -> bool:
        return self.case_id is not None and (self.values() != self._loaded or any(
            isinstance(w, LanguagePicker) and w.pending() for w in self.fields.values()))

    def _take_typed_languages(self) -> None:
        """A language typed and not yet added is meant to be saved with the rest (as the volunteer profile does)."""
        for widget in self.fields.values():
            if isinstance(widget, LanguagePicker):
                widget.add_typed()

    # ---- CaseTab ------------------------------------------------------------------------------------------------

    def load(self, case_id: int) -> None:
        self.show_case(load_case(self.workspace, case_id, record_open=False))

    def show_case(self, facts: CaseFile) -> None:
        """Show `facts`; typing not yet saved for this same case stays as it is."""
        self._show(facts, keep_typing=self.is_dirty() and self.case_id == facts.id)

    def _show(self, facts: CaseFile, *, keep_typing: bool) -> None:
        typed = self.values() if keep_typing else None
        if facts.id != self.case_id:
            self._just_saved = self._was_dirty = False
        self.case_id, self.facts = facts.id, facts
        self._filling = True
        try:
            self.fill(facts)
        finally:
            self._filling = False
        self._loaded = self.values()
        self._restored = self._restored and keep_typing
        if typed is not None:
            self.set_values(typed)
        self.clear_messages()
        self._edited()

    def clear(self) -> None:
        self._filling = True
        try:
            for widget in self.fields.values():
                if isinstance(widget, QComboBox) and not widget.isEditable():
                    widget.setCurrentIndex(-1)
                else:
                    write(widget, None)
        finally:
            self._filling = False
        self.case_id = self.facts = None
        self._loaded, self._restored, self._just_saved, self._was_dirty = {}, False, False, False
        self.clear_messages()
        self._edited()

    def draft_key(self) -> str:
        return f"case/{self.case_id}/{self.key}/form"

    def drafts(self) -> dict[str, dict]:
        if not self.is_dirty():
            return {}
        return {self.draft_key(): self.values() | ({CHECKED: True} if self._checked else {})}

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        if self.case_id is not None and self.draft_key() in drafts:
            draft = drafts[self.draft_key()]
            self.set_values(draft)
            self._restored = self.is_dirty()
            self._edited()
            if draft.get(CHECKED) and self._restored:  # typing back without its red messages looked accepted
                refuse_unreadable(self, focus=False)
                self.show_messages(self.problems(self.values()))

    def forget_draft(self) -> None:
        if self.case_id is not None and self.workspace is not None and not self.workspace.is_locked:
            draft_store.delete_draft(self.workspace, DRAFT_PREFIX + self.draft_key())

    # ---- saving -------------------------------------------------------------------------------------------------

    def save(self) -> bool:
        self._take_typed_languages()
        if not self.is_dirty():
            return True
        self.clear_messages()
        unreadable = refuse_unreadable(self)  # a date that cannot be read says so under itself
        problems = self.problems(self.values())
        if unreadable or problems:  # every problem marked at once, not one round of Save each
            self.show_problems(problems, focus=not unreadable)
            return False
        values = self._merged_with_stored(self.values())
        if values is None:
            return False
        try:
            self.save_values(values)
        except ValidationError as exc:
            self.show_problem(str(exc), exc.field)
            return False
        except BorError as exc:
            self.show_problem(str(exc), "")
            return False
        self.forget_draft()
        self._just_saved = True
        self._show(load_case(self.workspace, self.case_id, record_open=False), keep_typing=False)
        self.changed.emit()
        return True

    def _merged_with_stored(self, typed: dict) -> dict | None:
        """What to save when the stored case changed since this form was filled (a colleague's change arrived by
        team sync, or another window saved): fields only changed there keep their new value; a field changed
        both there and here is shown to the coordinator, who chooses. None: she chose to look first."""
        fresh = load_case(self.workspace, self.case_id, record_open=False)
        was_filling, self._filling = self._filling, True
        try:
            self.fill(fresh)
            stored = self.values()
        finally:
            self._filling = was_filling
        self.set_values(typed)
        values, save = save_over(self, self._loaded, stored, typed, self._label_of, self.workspace)
        if values is None:  # locked while asked: the form stays as the lock left it
            return None
        if not save:
            self._loaded = stored  # what is stored now is the new starting point: only her typing is unsaved
            self.set_values(values)
            self._edited()
            return None
        return values

    def _label_of(self, name: str) -> str:
        return form_label(self.fields.get(name), name.replace("_", " "))

    def revert(self) -> None:
        """Throw the typing away: the stored facts again, and no draft left behind."""
        if self.facts is not None:
            self.forget_draft()
            self._show(self.facts, keep_typing=False)

    def show_problem(self, text: str, field: str) -> None:
        """The message under the field it concerns (and that field focused); the typing stays."""
        self._checked = True
        message = self.message_for(field)
        if message is not None:
            message.show_message(text)
            widget = self.fields.get(field)
            if widget is not None:
                self.scroll.ensureWidgetVisible(widget)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.state_label.setText(_("Not saved: check the marked field."))
        else:
            self.state_label.setText(_("Not saved: {reason}").format(reason=text))
        self.state_label.setStyleSheet(text_style(ERROR))

    def show_problems(self, problems: dict[str, str], *, focus: bool) -> None:
        """Each message under its field, and "Not saved" in the save bar (focus: on the first marked field)."""
        self.show_messages(problems)
        loose = [text for field, text in problems.items() if self.message_for(field) is None]
        first = next((self.fields[f] for f in problems if f in self.fields), None)
        if focus and first is not None:
            self.scroll.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.state_label.setText(_("Not saved: {reason}").format(reason=loose[0]) if loose
                                 else _("Not saved: check the marked fields."))
        self.state_label.setStyleSheet(text_style(ERROR))

    def show_messages(self, problems: dict[str, str]) -> None:
        self._checked = True
        for field, text in problems.items():
            message = self.message_for(field)
            if message is not None:
                message.show_message(text)

    def problems(self, values: dict) -> dict[str, str]:
        """What the tab can tell is wrong without saving, {field: message}; a date that cannot be read counts as
        empty here (its own message says why). The service checks again on save."""
        return {}

    def message_for(self, field: str) -> FieldMessage | None:
        return self.messages.get(field)

    def clear_messages(self) -> None:
        self._checked = False
        for message in set(self.messages.values()):
            message.show_message("")

    def _edited(self, *_args) -> None:
        if self._filling:
            return
        dirty = self.is_dirty()
        if self._was_dirty and not dirty:
            self.forget_draft()  # typed back to what is stored: a kept draft would bring stale typing back
        self._was_dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self._just_saved = False
            text = (_("Unsaved changes, brought back after the vault was locked.") if self._restored
                    else _("Unsaved changes."))
            self.state_label.setStyleSheet(text_style(WARNING))
        elif self._just_saved:
            text = _("Saved.")
            self.state_label.setStyleSheet("")
        else:
            text = _("No changes to save.") if self.case_id is not None else ""
            self.state_label.setStyleSheet("")
        self.state_label.setText(text)

    # ---- to implement -------------------------------------------------------------------------------------------

    def fill(self, facts: CaseFile) -> None:
        raise NotImplementedError

    def save_values(self, values: dict) -> None:
        raise NotImplementedError
