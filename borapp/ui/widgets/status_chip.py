"""Status chips: one colour per case status, used in every list, header and dashboard, always with text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from borapp.services.cases.status import status_label

# Background and text colours chosen for WCAG AA contrast (≥ 4.5:1) in light and dark palettes alike.
CHIP_COLOURS: dict[str, tuple[str, str]] = {
    "registered": ("#E3E8EF", "#1F2933"),
    "waiting": ("#FDE7C2", "#5C3B00"),
    "intake": ("#D6E4FF", "#0B2E6F"),
    "contract": ("#E5DBFF", "#3B1E7A"),
    "matching": ("#D3F2F4", "#0B4A50"),
    "visits": ("#D5F0DC", "#11522A"),
    "evaluation": ("#FFE0EC", "#6B1435"),
    "closing": ("#EDE3D1", "#4A3512"),
    "closed": ("#D9D9D9", "#262626"),
}


def chip_colours(status: str) -> tuple[QColor, QColor]:
    background, text = CHIP_COLOURS.get(status, CHIP_COLOURS["registered"])
    return QColor(background), QColor(text)


class StatusChip(QLabel):
    def __init__(self, status: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_status(status)

    def set_status(self, status: str) -> None:
        background, text = CHIP_COLOURS.get(status, CHIP_COLOURS["registered"])
        self.setText(status_label(status) if status else "")
        self.setAccessibleName(self.text())
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {text}; border-radius: 9px; padding: 2px 10px; "
            "font-weight: 600; }"
        )
        self.setVisible(bool(status))
