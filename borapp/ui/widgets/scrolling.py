"""The scroll area of forms and pages: no frame, up and down only, the content as wide as the view (what does not
fit that width must arrange itself narrower: see side_by_side.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def vertical_scroll(content: QWidget | None = None) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if content is not None:
        scroll.setWidget(content)
    return scroll
