"""The scroll area of forms and pages: no frame, up and down only, the content as wide as the view (what does not
fit that width must arrange itself narrower: see side_by_side.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class VerticalScroll(QScrollArea):
    """Asks for at least its content's narrowest width: with no scrolling sideways, a splitter or layout that gave
    it less cut the fields off on the right (the visit editor on a 1093-pixel screen: a 471-pixel form in 430)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() \
            + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())


def vertical_scroll(content: QWidget | None = None) -> QScrollArea:
    scroll = VerticalScroll()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if content is not None:
        scroll.setWidget(content)
    return scroll
