"""The cases behind a figure: case number, registration date, municipality, today's status, closing date. A
double-click (or Enter) on a case opens its case file. Erased cases the figure counts are said in a line: they have
no number to list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from borapp.formatting import short_date
from borapp.i18n import _, ngettext
from borapp.services.reports.selection import CaseLine
from borapp.ui.widgets.list_table import ListTable
from borapp.ui.widgets.screen_fit import resize_within_screen


MUNICIPALITY = 2  # the column that takes what the others leave


class CasesDialog(QDialog):
    open_case = Signal(int)

    def __init__(self, title: str, lines: list[CaseLine], parent: QWidget | None = None, erased: int = 0):
        super().__init__(parent)
        self.setWindowTitle(_("Cases behind a figure"))
        self.lines = lines
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(QLabel(ngettext("{n} case. Double-click a case to open it.",
                                         "{n} cases. Double-click a case to open it.", len(lines)).format(n=len(lines))))
        self.erased = QLabel(ngettext(  # the figure counts them too: without this line the list looks short
            "The figure also counts {n} erased case; it has no case number any more, so it is not listed.",
            "The figure also counts {n} erased cases; they have no case number any more, so they are not listed.",
            erased).format(n=erased))
        self.erased.setObjectName("hint")
        self.erased.setWordWrap(True)
        self.erased.setVisible(erased > 0)
        layout.addWidget(self.erased)
        self.table = self._table(lines)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_within_screen(self, 640, 420)

    def _table(self, lines: list[CaseLine]) -> QTableWidget:
        columns = (_("Case"), _("Registered"), _("Municipality"), _("Status"), _("Closed"))
        table = ListTable(len(lines), len(columns))
        table.setAccessibleName(_("Cases behind a figure"))
        table.setHorizontalHeaderLabels(list(columns))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for r, line in enumerate(lines):
            cells = (line.ref, short_date(line.registered_on), line.municipality, line.status,
                     short_date(line.closed_on))
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                table.setItem(r, c, item)
        header = table.horizontalHeader()  # five equal columns cut "Midway evaluation" to "Midway …"
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MUNICIPALITY, QHeaderView.ResizeMode.Stretch)  # the rest: names wrap or elide
        table.cellDoubleClicked.connect(lambda row, _column: self._open(row))
        table.cellActivated.connect(lambda row, _column: self._open(row))
        return table

    def _open(self, row: int) -> None:
        self.open_case.emit(self.lines[row].id)
        self.accept()
