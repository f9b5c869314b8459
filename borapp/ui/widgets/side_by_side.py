"""Widgets side by side while they fit, one under the other in a narrow window, instead of cut off at the right.

A form tab scrolls only up and down, so a row wider than the window lost its right end: the non-resident parent's
fields on a 1366 px screen at 125 % (1,093 px). Only the widths decide, so the choice never flips back and forth:
this widget asks no more width than its widest child, and arranges itself for the width it is given, again when a
child's content changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QBoxLayout, QLayout, QWidget


class SideBySide(QWidget):
    def __init__(self, widgets: list[QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self.widgets = widgets
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the box's own minimum is not ours
        for widget in widgets:
            self.box.addWidget(widget, 1)

    @property
    def stacked(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def width_side_by_side(self) -> int:
        return (sum(w.minimumSizeHint().width() for w in self.widgets)
                + self.box.spacing() * (len(self.widgets) - 1))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        widest = max((w.minimumSizeHint().width() for w in self.widgets), default=0)
        return QSize(widest, self.box.minimumSize().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.width_side_by_side(), self.box.sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def event(self, event) -> bool:
        """What a child holds changed (another case's longer next step): arranged again at the same width."""
        if event.type() == QEvent.Type.LayoutRequest:
            self._arrange(self.width())
            self.updateGeometry()  # the widest child, and so this widget's minimum, may have changed
        return super().event(event)

    def _arrange(self, width: int) -> None:
        direction = (QBoxLayout.Direction.LeftToRight if width >= self.width_side_by_side()
                     else QBoxLayout.Direction.TopToBottom)
        if direction != self.box.direction():
            self.box.setDirection(direction)
            self.updateGeometry()  # the height it needs changed
