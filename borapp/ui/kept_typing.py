"""What a person typed into a dialog, read out and put back: so a lock can close every window and lose nothing.

A dialog that holds typing worth keeping names its draft with `keep_as(dialog, key)` (the key says what it is about,
e.g. "case/12/status"). On lock the main window reads `typing()` of every such window into an encrypted draft and
closes all windows but itself; when a dialog with the same key is shown again after unlock, `put_back()` fills it in.
Fields are known by their accessible name (or object name), so the same dialog built anew finds its own fields.
Typing is kept against a crash too: `TypingPause` tells the main window when typing stops for `TYPING_PAUSE_MS`, and
it then keeps every screen's and kept dialog's typing as it stands (once per pause, never at every key).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from borapp.ui.app_filter import AppFilter
from borapp.ui.widgets.date_field import DateField, TimeField

TYPING_PAUSE_MS = 2_000  # typing kept this long after the last key: a crash loses no more than a breath
DRAFT_KEY = "borDraftKey"
CLOSED_BY_LOCK = "borClosedByLock"
NOT_KEPT = "borNotKept"  # a field whose typing a lock drops (not_kept)


def keep_as(window: QWidget, key: str) -> None:
    """Mark `window` as holding typing that a lock keeps, under `key`."""
    window.setProperty(DRAFT_KEY, key)


def not_kept(widget: QWidget) -> None:
    """A field a lock must not keep: a confirmation typed on purpose ("type the case number to confirm") is an act,
    and kept over a lock it came back already given."""
    widget.setProperty(NOT_KEPT, True)


def draft_key(window: QWidget) -> str:
    return str(window.property(DRAFT_KEY) or "")


def closed_by_lock(window: QWidget) -> bool:
    return bool(window.property(CLOSED_BY_LOCK))


def fields(window: QWidget) -> dict[str, QWidget]:
    """The named fields of `window`; a password field is never one (a passphrase is not kept in a draft), nor a field
    of a dialog opened over it (that dialog keeps its own, under its own key)."""
    found: dict[str, QWidget] = {}
    kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QAbstractButton, QSpinBox, QDoubleSpinBox,
             DateField, TimeField)
    for widget in window.findChildren(QWidget):
        if widget.window() is not window.window():
            continue
        owner = widget.parentWidget()
        if not isinstance(widget, kinds) or isinstance(owner, (QComboBox, QAbstractSpinBox, DateField, TimeField)):
            continue  # a combo box's, spin box's or date field's own line edit is read through its owner
        if isinstance(widget, QAbstractButton) and not widget.isCheckable():
            continue
        if isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal:
            continue
        if widget.property(NOT_KEPT):
            continue
        name = widget.accessibleName() or widget.objectName()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text()  # a tick box is known by its words
        if name and name not in found:
            found[name] = widget
    return found


def typing(window: QWidget) -> dict[str, object]:
    """Every named field's value: text as typed, a choice by its position, a date as ISO text, a tick as a bool."""
    values: dict[str, object] = {}
    for name, widget in fields(window).items():
        if isinstance(widget, (DateField, TimeField)):
            values[name] = {"typed": widget.typed()}  # a date or time alone is not typing worth a draft
        elif isinstance(widget, QDateEdit):
            values[name] = widget.date().toString(Qt.DateFormat.ISODate)
        elif isinstance(widget, QComboBox):
            values[name] = {"index": widget.currentIndex(), "text": widget.currentText()}
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            values[name] = {"number": widget.value()}
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            values[name] = widget.toPlainText()
        elif isinstance(widget, QLineEdit):
            values[name] = widget.text()
        else:
            values[name] = widget.isChecked()
    return values


def has_typing(values: dict[str, object]) -> bool:
    """Whether any free text was typed (a choice or a date alone is not worth a draft)."""
    return any(isinstance(v, str) and v.strip() and not _iso_date(v) for v in values.values())


def _iso_date(text: str) -> bool:
    return QDate.fromString(text, Qt.DateFormat.ISODate).isValid()


def put_back(window: QWidget, values: dict[str, object]) -> int:
    """Fill the fields of `window` from `typing()`'s values; returns how many were filled."""
    filled = 0
    for name, widget in fields(window).items():
        if name not in values:
            continue
        value = values[name]
        if isinstance(widget, (DateField, TimeField)) and isinstance(value, dict):
            widget.set_typed(str(value.get("typed", "")))
        elif isinstance(widget, QDateEdit) and isinstance(value, str):
            widget.setDate(QDate.fromString(value, Qt.DateFormat.ISODate))
        elif isinstance(widget, QComboBox) and isinstance(value, dict):
            index = widget.findText(str(value.get("text", "")))
            widget.setCurrentIndex(index if index >= 0 else int(value.get("index", widget.currentIndex())))
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)) and isinstance(value, dict) and "number" in value:
            widget.setValue(value["number"])
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and isinstance(value, str):
            widget.setPlainText(value)
        elif isinstance(widget, QLineEdit) and isinstance(value, str):
            widget.setText(value)
        elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
            widget.setChecked(value)
        else:
            continue
        filled += 1
    return filled


def other_windows(keep: QWidget) -> list[QWidget]:
    """Every visible top-level window of the app except `keep` (dialogs, previews, message boxes, popups)."""
    return [w for w in QApplication.topLevelWidgets() if w is not keep and w.isVisible()]


def close_for_lock(window: QWidget) -> None:
    """Close a window because the app locks; its owner can tell (`closed_by_lock`) and must not act on it."""
    window.setProperty(CLOSED_BY_LOCK, True)
    if isinstance(window, QDialog):
        window.reject()
    window.close()


class TypingPause(AppFilter):
    """Installed on the application: `paused` once typing stops for `TYPING_PAUSE_MS` (debounced: every key that
    types, deletes or pastes starts the wait again), so what was typed is kept without a write at every key."""

    paused = Signal()

    def __init__(self, parent: QObject | None = None, wait_ms: int = TYPING_PAUSE_MS):
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=wait_ms, timeout=self.paused.emit)
        self.enabled = False
        self.attach()

    def filter(self, watched: QObject, event: QEvent) -> bool:
        if self.enabled and event.type() in _TYPING and _types(event):
            self._timer.start()
        return False

    @property
    def waiting(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()


_TYPING = {QEvent.Type.KeyPress, QEvent.Type.InputMethod}
_EDITING_KEYS = {Qt.Key.Key_Backspace, Qt.Key.Key_Delete}


def _types(event: QEvent) -> bool:
    """A key that changes text (a letter, a deletion, Ctrl+V), not one that only moves (Tab, arrows, Ctrl+L)."""
    if event.type() == QEvent.Type.InputMethod:
        return True
    control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    if event.key() in _EDITING_KEYS or control and event.key() == Qt.Key.Key_V:
        return True
    return not control and event.text().isprintable() and bool(event.text())
