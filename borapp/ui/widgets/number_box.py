"""A whole number typed as typed: its range is said, not enforced by dropping keys."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox

from borapp.i18n import _


class NumberBox(QSpinBox):
    """A whole number with the range a service allows (a setting, a volunteer's cases). Typing is not held to that
    range: a spin box that is drops the key that leaves it, so "31" years became 3 and "500" minutes 50, saved
    without a word. The arrows stay within it, and `problem` says when the typing does not."""

    WIDEST = 999_999
    limits = (-WIDEST, WIDEST)  # until __init__ sets them: a style sheet set app-wide can ask stepEnabled before

    def __init__(self, minimum: int, maximum: int, suffix: str = ""):
        super().__init__(suffix=suffix)
        self.limits = (minimum, maximum)
        self.setRange(min(minimum, -self.WIDEST), max(maximum, self.WIDEST))

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt name
        low, high = self.limits
        self.setValue(max(low, min(high, self.value() + steps)))

    def stepEnabled(self):  # noqa: N802 - Qt name
        low, high = self.limits
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.value() > low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if self.value() < high:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags

    def problem(self) -> str:
        low, high = self.limits
        return "" if low <= self.value() <= high else _("choose from {minimum} to {maximum}.").format(
            minimum=low, maximum=high)
