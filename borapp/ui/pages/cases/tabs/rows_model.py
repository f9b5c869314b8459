"""A table model over a plain list of frozen rows (service DTOs), and the table view the case file tabs share.

Columns are declared once (title, text, sort key); `set_rows()` swaps the list in a model reset; sorting is the
model's own `sort()` over the few rows a case has (no proxy model calling Python per comparison).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from borapp.collation import sort_key
from borapp.formatting import local_time  # noqa: F401 - the tabs import it from here
from borapp.i18n import _
from borapp.ui.widgets.list_table import ListTableView

ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str  # an English msgid, translated when the header is shown
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str] | None = None
    icon: Callable[[Any], QIcon] | None = None


class RowsModel(QAbstractTableModel):
    columns: tuple[Column, ...] = ()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    # ---- the rows ----------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._sort_rows(*self._sorted_by)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    # ---- Qt's side ---------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.DecorationRole:
            return column.icon(row) if column.icon else None
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns) and \
                role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            self._sorted_by = None
            return
        self.beginResetModel()
        self._sorted_by = (column, order)
        self._sort_rows(column, order)
        self.endResetModel()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        spec = self.columns[column]
        key = spec.sort_key or (lambda r: sort_key(spec.text(r)))
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)


def table_view(model: RowsModel, accessible_name: str) -> QTableView:
    """A calm, readable, keyboard-friendly list: whole rows, one at a time, sortable headers."""
    view = ListTableView()
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 14)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a header is clicked
    view.setSortingEnabled(True)
    return view


def fit_columns(view: QTableView, widest: int = 280) -> None:
    """Columns as wide as their contents, none wider than `widest` (the tooltip shows the rest)."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount() - 1):
        if view.columnWidth(column) > widest:
            view.setColumnWidth(column, widest)


def selected_id(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].data(ID_ROLE) if rows else None


def selected_row(view: QTableView) -> Any | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    model = view.model()
    return model.row_at(rows[0].row()) if rows and isinstance(model, RowsModel) else None


def select_id(view: QTableView, record_id: int | None) -> None:
    model = view.model()
    row = model.row_of(record_id) if record_id is not None and isinstance(model, RowsModel) else -1
    if row >= 0:
        view.selectRow(row)
        view.scrollTo(model.index(row, 0))
