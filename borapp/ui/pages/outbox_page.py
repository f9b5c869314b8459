"""The outbox: letters waiting (draft, ready, failed) or done, each opening its case."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from borapp.formatting import date_time
from borapp.i18n import _
from borapp.services.outbox_list import LETTER_STATE_LABELS, WAITING_STATES, OutboxRow, kind_label, list_outbox, state_label
from borapp.ui.pages.base import Page

HEADERS = ("Case", "Letter", "Recipient", "State", "Since")


class OutboxModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[OutboxRow] = []

    def set_rows(self, rows: list[OutboxRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        state = state_label(row.state) + (f" — {row.error}" if row.error else "")
        return (row.case_ref, kind_label(row.kind), row.recipient, state, date_time(row.changed_at))[index.column()]


class OutboxPage(Page):
    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Outbox"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        top = QHBoxLayout()
        self.which = QComboBox()
        self.which.setAccessibleName(_("Show"))
        self.which.addItem(_("Waiting (draft, ready, failed)"), WAITING_STATES)
        self.which.addItem(_("All letters"), tuple(LETTER_STATE_LABELS))
        top.addWidget(self.which)
        top.addStretch()
        layout.addLayout(top)
        self.model = OutboxModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Letters"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        self.empty = QLabel(_("The outbox is empty. Letters to referrers appear here when they are made."))
        self.empty.setObjectName("emptyState")
        layout.addWidget(self.empty)
        self.which.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.activated.connect(self._open)

    def refresh(self) -> None:
        self.model.set_rows(list_outbox(self.workspace, self.which.currentData()))
        self.empty.setVisible(not self.model.rows)

    def clear(self) -> None:
        self.model.set_rows([])

    def _open(self, index) -> None:
        self.open_case.emit(self.model.rows[index.row()].case_id)
