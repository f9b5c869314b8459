"""Table cells whose text wraps, with rows as tall as the text needs where it is painted.

Qt measures a wrapped cell at the column's whole width, but paints its text inside the style sheet's padding and the
item's margins: a row it measured could cut the last line off ("(laptop-anna, 6 december 2026 …"). This delegate
measures the text at the width it is painted in."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from borapp.ui.style import ITEM_PADDING


class WrappedCells(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return size
        margin = option.widget.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1 \
            if option.widget is not None else 3
        width = max(option.rect.width() - 2 * (ITEM_PADDING + margin), 16)
        needed = option.fontMetrics.boundingRect(QRect(0, 0, width, 1_000_000), Qt.TextFlag.TextWordWrap,
                                                 str(text).replace("\u2028", "\n")).height()
        return QSize(size.width(), max(size.height(), needed + 2 * ITEM_PADDING + 2))
