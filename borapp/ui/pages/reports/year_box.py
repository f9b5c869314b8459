"""The report year as a spin box that says why a typed year is not taken: Qt's own dropped the last digit of 2031
without a word (the old year stayed). A whole year outside the range is brought within it when the typing ends (Enter,
Tab, leaving the field), and `clamped` says which year was typed and which is shown instead."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox


class YearBox(QSpinBox):
    clamped = Signal(int, int)  # the year typed, the year shown instead

    def validate(self, text: str, pos: int):  # noqa: D102 (Qt's)
        state, text, pos = super().validate(text, pos)
        if state == QValidator.State.Invalid and text.strip().isdigit() and len(text.strip()) <= 4:
            state = QValidator.State.Intermediate  # kept while typing; fixup brings it within the range
        return state, text, pos

    def fixup(self, text: str) -> str:  # noqa: D102 (Qt's)
        typed = text.strip()
        if not typed.isdigit():
            return super().fixup(text)
        year = min(max(int(typed), self.minimum()), self.maximum())
        if year != int(typed):
            self.clamped.emit(int(typed), year)
        return str(year)
