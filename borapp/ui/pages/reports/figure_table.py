"""One table of the annual report (a `services.reports.tables.Table`) as a read-only grid that is as tall as its
rows. Numbers right-aligned in the user's language; totals bold; a cell with cases behind it says so in its tooltip,
and a double-click (or Enter) on it asks for them. The version for outside lists no cases (`cases=False`): behind a
"<5" or an "x" stand the few families it hides."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidgetItem, QWidget

from borapp.i18n import _
from borapp.services.reports.selection import CaseSelection
from borapp.services.reports.tables import Table, cell_text
from borapp.ui.widgets.list_table import ListTable

SELECTION_ROLE = Qt.ItemDataRole.UserRole + 1


class FigureTable(ListTable):
    cases_asked = Signal(object, str)  # CaseSelection, what the figure is ("Den Helder · 2019")

    def __init__(self, table: Table, parent: QWidget | None = None, *, cases: bool = True):
        super().__init__(len(table.rows), len(table.columns), parent)
        self.table = table
        self.cases = cases
        self.setObjectName(f"report-{table.key}")
        self.setAccessibleName(table.title)
        self.setHorizontalHeaderLabels(list(table.columns))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # one line a row: measured before the columns had their widths, a long bold label ("Totaal financiering niet
        # vastgelegd") was wrapped and its row made taller than the others
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(table.columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row.cells):
                self.setItem(r, c, self._item(row, c, value))
        self.resizeRowsToContents()
        self.cellDoubleClicked.connect(self._ask)
        self.cellActivated.connect(self._ask)
        self.setFixedHeight(self._height())

    def _item(self, row, column: int, value) -> QTableWidgetItem:
        item = QTableWidgetItem(cell_text(value))
        if column:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if row.kind != "row":
            font = item.font()
            font.setBold(True)
            font.setItalic(row.kind == "heading")
            item.setFont(font)
        selection = row.selection(column) if self.cases else None
        if selection is not None:
            item.setData(SELECTION_ROLE, selection)
            item.setToolTip(_("Double-click to see the cases behind this figure."))
        return item

    def _height(self) -> int:
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        return rows + self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2

    def selection_at(self, row: int, column: int) -> CaseSelection | None:
        item = self.item(row, column)
        return item.data(SELECTION_ROLE) if item is not None else None

    def _ask(self, row: int, column: int) -> None:
        selection = self.selection_at(row, column)
        if selection is None:
            return
        label = self.item(row, 0).text() if self.item(row, 0) else ""
        header = self.horizontalHeaderItem(column).text() if column else ""
        self.cases_asked.emit(selection, " · ".join(p for p in (label, header) if p))
