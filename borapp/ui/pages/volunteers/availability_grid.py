"""Availability as a grid: seven days down, morning/afternoon/evening across, one checkbox per part of a day."""

from __future__ import annotations

from babel.dates import get_day_names
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from borapp.i18n import N_, _, babel_locale
from borapp.services.volunteers.profiles import DAY_PARTS, WEEKDAYS, Slot

PART_LABELS = {"morning": N_("Morning"), "afternoon": N_("Afternoon"), "evening": N_("Evening")}


def day_names() -> dict[str, str]:
    """Monday..Sunday in the user's language, capitalised (babel counts from Monday = 0)."""
    names = get_day_names("wide", locale=babel_locale())
    return {code: names[i][:1].upper() + names[i][1:] for i, code in enumerate(WEEKDAYS)}


class AvailabilityGrid(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Availability"))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        parts = {p: _(PART_LABELS[p]) for p in DAY_PARTS}
        for column, part in enumerate(DAY_PARTS, start=1):
            header = QLabel(parts[part])
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, column)
        self.boxes: dict[Slot, QCheckBox] = {}
        for row, (day, name) in enumerate(day_names().items(), start=1):
            grid.addWidget(QLabel(name), row, 0)
            for column, part in enumerate(DAY_PARTS, start=1):
                box = QCheckBox()
                box.setAccessibleName(f"{name} {parts[part].lower()}")
                box.setToolTip(box.accessibleName())
                box.toggled.connect(self.changed)
                grid.addWidget(box, row, column, Qt.AlignmentFlag.AlignCenter)
                self.boxes[(day, part)] = box
        grid.setColumnStretch(len(DAY_PARTS) + 1, 1)

    def value(self) -> frozenset[Slot]:
        return frozenset(slot for slot, box in self.boxes.items() if box.isChecked())

    def set_value(self, slots) -> None:
        wanted = set(slots)
        for slot, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(slot in wanted)
            box.blockSignals(False)
        self.changed.emit()
