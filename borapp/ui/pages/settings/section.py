"""A settings tab: loads from services, clears on lock, shows a status line after saving."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QWidget

from borapp.services import settings
from borapp.ui.widgets.forms import form_label
from borapp.ui.widgets.number_box import NumberBox
from borapp.ui.widgets.result_line import ResultLine


class SettingsSection(QWidget):
    saved = Signal()
    title = ""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = None
        self.status = ResultLine()

    def load(self, workspace) -> None:
        self.workspace = workspace
        self.fill()

    def fill(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        self.workspace = None
        self.status.clear()

    def attempt(self, action, done_text: str) -> bool:
        """Run a service call; show its error in the user's language, or `done_text`. A number typed outside its
        range is said first, and nothing is saved."""
        for box in self.findChildren(NumberBox):
            if box.problem():
                label = form_label(box, box.accessibleName())
                self.status.show_problem(f"{label}: {box.problem()}" if label else box.problem())
                box.setFocus()
                return False
        if not self.status.attempt(action, done_text):
            return False
        self.saved.emit()
        return True


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons at their natural width, on the left, as the platform lays out a form's actions."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    return row


def compact_form() -> QFormLayout:
    """A form whose fields keep their natural width instead of running across the whole screen."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


def spin_box(key: str, suffix: str = "") -> NumberBox:
    """A spin box for a whole-number setting, with the range the settings service allows."""
    minimum, maximum = settings.limits(key)
    return NumberBox(minimum, maximum, suffix)
