"""The one date field and the one time field of the app: typed as a Dutch user types them, shown back as read.

Typing `17-11-2026`, `17-11-26`, `17112026`, `1-3-2026` or `vandaag` into an empty or a filled field gives that date,
shown back as 17-11-2026 when the field is left; what cannot be read stays as typed, with a message under the field,
and `value()` refuses it (ValidationError) instead of saving another date. The calendar button opens a readable month
on the field's date, or on today when it is empty. Times the same way: `14:00`, `1400`, `9:30`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services import typed_dates
from borapp.services.errors import ValidationError
from borapp.ui.colours import ERROR, text_style
from borapp.ui.icons import icon
from borapp.ui.widgets.wrapped_label import WrappedLabel

ERROR_STYLE = f"QLineEdit {{ border: 1px solid {ERROR}; }}"
CALENDAR_STYLE = "QTableView::item { padding: 0px; margin: 0px; }"  # the app's item padding made days read "…"


class _TypedField(QWidget):
    """A line to type in and a message line under it; subclasses say how text becomes a value."""

    changed = Signal()

    def __init__(self, parent: QWidget | None, placeholder: str, width: int):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(4)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 60)
        self.row.addWidget(self.edit)
        self.row.addStretch()
        outer.addLayout(self.row)
        self.message = WrappedLabel()
        self.message.setStyleSheet(text_style(ERROR))
        self.message.hide()
        outer.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self._shown = ""  # the text as last read, to tell a change
        self.edit.editingFinished.connect(self.commit)

    # ---- what callers use ---------------------------------------------------------------------------------------

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt name; the line carries it for screen readers
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def text(self) -> str:
        return self.edit.text()

    def typed(self) -> str:
        """For a form's state and drafts: the value as ISO text (2026-11-17, 14:00) when it can be read, else the
        text as typed, so a draft keeps it and `set_typed` puts it back."""
        try:
            value = self._parse(self.edit.text())
        except ValidationError:
            return self.edit.text()
        return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else \
            (value.isoformat() if value else "")

    def set_typed(self, text: str | None) -> None:
        """Show `text` (ISO or as a person typed it) and read it, with a message when it cannot be read."""
        self.edit.setText(text or "")
        self.commit()

    def problem(self) -> str:
        """Why the text cannot be read ("" when it can), in the words of the message under the field: without the
        field's name, which its label beside it says already ("'30-2-2026' is geen datum (Datum)")."""
        try:
            self._parse(self.edit.text(), named=False)
        except ValidationError as exc:
            return str(exc)
        return ""

    def commit(self) -> None:
        """Read what was typed: show it back as read, or say why not (the text stays as typed)."""
        try:
            value = self._parse(self.edit.text(), named=False)
        except ValidationError as exc:
            self._show_problem(str(exc))
            return
        self._show_problem("")
        self.edit.setText(self._format(value))
        if self.edit.text() != self._shown:
            self._shown = self.edit.text()
            self.changed.emit()

    def _show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.edit.setStyleSheet(ERROR_STYLE if text else "")
        self.edit.setToolTip(text)

    def _set(self, value) -> None:
        self._show_problem("")
        self.edit.setText(self._format(value))
        if self.edit.text() != self._shown:
            self._shown = self.edit.text()
            self.changed.emit()

    def refuse(self, text: str) -> None:
        """Say under the field why what it holds cannot be used (e.g. nothing where a date is needed), and go there."""
        self._show_problem(text)
        self.edit.setFocus()

    def take_message(self) -> WrappedLabel:
        """The message line, taken out of the field for a caller to place under a wider part of its row: a field in a
        narrow column (a birth date beside a child's name) wrapped its message into a column of words."""
        self.layout().removeWidget(self.message)
        return self.message

    def value(self):
        """The value as typed; None when empty; ValidationError (naming the field: it may be said elsewhere) when it
        cannot be read."""
        return self._parse(self.edit.text())

    def value_or_none(self):
        """For drafts and previews: None instead of a refusal (the typed text is kept separately)."""
        try:
            return self.value()
        except ValidationError:
            return None

    def set_value(self, value) -> None:
        self._set(value)

    def _what(self, named: bool = True) -> str:
        return self.accessibleName() if named else ""

    def _parse(self, text: str, named: bool = True):  # pragma: no cover - each field says
        raise NotImplementedError

    def _format(self, value) -> str:  # pragma: no cover
        raise NotImplementedError


class DateField(_TypedField):
    def __init__(self, parent: QWidget | None = None, *, optional: bool = True):
        super().__init__(parent, _("dd-mm-yyyy"), 110)
        self.calendar_button = QToolButton()
        self.calendar_button.setIcon(icon("calendar-blank"))
        self.calendar_button.setToolTip(_("Choose a date (Alt+Down or F4)"))
        self.calendar_button.setAccessibleName(_("Choose a date"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        self.calendar_button.clicked.connect(self.open_calendar)
        self.row.insertWidget(1, self.calendar_button)
        self.calendar: QCalendarWidget | None = None
        self.edit.installEventFilter(self)
        if not optional:
            self._set(dt.date.today())

    def _parse(self, text: str, named: bool = True) -> dt.date | None:
        return typed_dates.parse_date(text, what=self._what(named))

    def _format(self, value: dt.date | None) -> str:
        return typed_dates.date_text(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Alt+Down or F4 in the line opens the calendar, as in a combo box: it was for the mouse only."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and opens_calendar(event):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> QCalendarWidget:
        """A month to click in, on the field's date or else on today; the keyboard in it: the arrows move a day or a
        week, Page Up/Down a month, Enter chooses, Escape closes it and the field keeps its date."""
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        calendar.setStyleSheet(CALENDAR_STYLE)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        calendar.setSelectedDate(QDate(self.value_or_none() or dt.date.today()))
        calendar.clicked.connect(lambda date: self._picked(calendar, date))
        calendar.activated.connect(lambda date: self._picked(calendar, date))
        calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        self.calendar = calendar
        return calendar

    def _picked(self, calendar: QCalendarWidget, date: QDate) -> None:
        calendar.close()
        self._set(date.toPython())
        self.edit.setFocus()


def opens_calendar(event: QKeyEvent) -> bool:
    alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
    return bool(alt_down) or (event.key() == Qt.Key.Key_F4 and not event.modifiers())


class TimeField(_TypedField):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, _("hh:mm"), 70)

    def _parse(self, text: str, named: bool = True) -> dt.time | None:
        return typed_dates.parse_time(text, what=self._what(named))

    def _format(self, value: dt.time | None) -> str:
        return typed_dates.time_text(value)


def refuse_unreadable(root: QWidget, *, focus: bool = True) -> bool:
    """Before saving: read every date and time field under `root`; when one cannot be read its message shows under
    it, the first such field gets the focus (unless not `focus`), and True says not to save."""
    bad = []
    for field in root.findChildren(_TypedField):
        field.commit()
        if field.problem():
            bad.append(field)
    if bad and focus:
        bad[0].edit.setFocus()
    return bool(bad)
