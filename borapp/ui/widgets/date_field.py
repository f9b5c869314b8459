"""A date field with a calendar popup that also takes typed Dutch input (5-3-2026), and may be empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

_EMPTY = QDate(1900, 1, 1)


class DateField(QDateEdit):
    def __init__(self, parent: QWidget | None = None, *, optional: bool = True):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("d-M-yyyy")
        self.setMaximumDate(QDate(2100, 12, 31))
        if optional:
            self.setMinimumDate(_EMPTY)
            self.setSpecialValueText(" ")
            self.setDate(_EMPTY)
        else:
            self.setDate(QDate.currentDate())
        self.calendarWidget().setGridVisible(True) if self.calendarWidget() else None

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date == _EMPTY and self.specialValueText() else date.toPython()

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(QDate(value) if value else _EMPTY)
