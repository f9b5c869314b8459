"""A compact status chip for rows in lists (dashboard, a volunteer's cases), in the shared chip colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from borapp.services.cases.status import status_label
from borapp.ui.widgets.status_chip import chip_colours


def status_chip(status: str) -> QLabel:
    """A status chip in the shared chip colours, with text.

    Built here rather than with StatusChip, whose style sheet ends in "}}" (a literal in a non-f-string in
    status_chip.py) and makes Qt warn; switch back to StatusChip once that is fixed.
    """
    background, text = chip_colours(status)
    chip = QLabel(status_label(status))
    chip.setObjectName("statusChip")
    chip.setAccessibleName(chip.text())
    chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
    chip.setStyleSheet(f"QLabel {{ background: {background.name()}; color: {text.name()}; border-radius: 9px; "
                       "padding: 1px 10px; font-weight: 600; }")
    chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return chip
