"""A short list of rich rows, each opened by a click or Enter/Space, sized to its rows (the page scrolls, not it).

Rows are widgets (so text can wrap and chips can sit beside it); each carries a payload that `item_activated`
emits. The list keeps one tab stop; arrow keys move between rows, as in any list.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

_PAYLOAD = Qt.ItemDataRole.UserRole


class ActivationList(QListWidget):
    item_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("activationList")  # its look is in ui/style.py: a style sheet of its own made every row
        # widget added cost a style resolution of the whole list (1.7 ms a row)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def add_row(self, widget: QWidget, payload: object, accessible_text: str, fit: bool = True) -> QListWidgetItem:
        """`fit=False` when more rows follow: call `fit()` after the last (sizing every row per row added made a
        section of n rows cost n² layouts)."""
        item = QListWidgetItem()
        item.setData(_PAYLOAD, payload)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, accessible_text)
        item.setToolTip(accessible_text)
        if payload is None:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.addItem(item)
        self.setItemWidget(item, widget)
        if fit:
            self._fit()
        return item

    def fit(self) -> None:
        self._fit()

    def clear_rows(self) -> None:
        self.clear()
        self._fit()

    def payload(self, row: int) -> object:
        item = self.item(row)
        return item.data(_PAYLOAD) if item is not None else None

    def activate_row(self, row: int) -> None:
        payload = self.payload(row)
        if payload is not None:
            self.item_activated.emit(payload)

    # ---- keys and clicks ----------------------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentRow() >= 0:
            self.activate_row(self.currentRow())
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        item = self.itemAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and item is not None:
            self.activate_row(self.row(item))

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if self.currentRow() < 0 and self.count():
            self.setCurrentRow(0)

    # ---- sizing: every row as tall as its wrapped text, the list as tall as its rows -----------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(self.viewport().width(), 200)
        total = 0
        for row in range(self.count()):
            item = self.item(row)
            widget = self.itemWidget(item)
            if widget is None:
                continue
            height = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
            height = max(height, widget.minimumSizeHint().height(), widget.sizeHint().height() if height < 0 else 0)
            if item.sizeHint() != QSize(width, height + 2):
                item.setSizeHint(QSize(width, height + 2))
            total += height + 4
        self.setFixedHeight(total + 2 * self.frameWidth() + 2 if self.count() else 0)
