"""A time field (10:00) that may be empty, like `DateField`: a visit planned without a time shows a blank."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QTimeEdit, QWidget

_EMPTY = QTime(0, 0)


class TimeField(QTimeEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setMinimumTime(_EMPTY)
        self.setSpecialValueText(" ")
        self.setTime(_EMPTY)
        self.setCurrentSection(QTimeEdit.Section.HourSection)

    def value(self) -> dt.time | None:
        time = self.time()
        return None if time == _EMPTY else dt.time(time.hour(), time.minute())

    def set_value(self, value: dt.time | None) -> None:
        self.setTime(QTime(value.hour, value.minute) if value else _EMPTY)


def time_text(value: dt.time | None) -> str:
    return f"{value:%H:%M}" if value else ""


def parse_time(text: str | None) -> dt.time | None:
    try:
        return dt.time.fromisoformat(text) if text else None
    except ValueError:
        return None
