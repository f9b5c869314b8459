"""Conflicts: two people changed the same field, or one deleted what the other changed. Each one side by side
(before, the server's value with who set it and when, the value sent later and by whom, "this laptop" when it was
this one); the coordinator keeps one or types another, and it is settled for everyone. For a delete against an edit
the buttons say what each choice does ("Leave it deleted", "Bring it back, with the change")."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QGridLayout, QHeaderView, QLabel, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from borapp.i18n import N_, _
from borapp.services.sync import conflicts
from borapp.ui.dialogs.typed_value_dialog import TypedValueDialog
from borapp.ui.kept_typing import keep_as
from borapp.ui.tasks import run_task
from borapp.ui.widgets.list_table import ListTable
from borapp.ui.widgets.result_line import ResultLine
from borapp.ui.widgets.screen_fit import resize_within_screen
from borapp.ui.widgets.wrapped_cells import WrappedCells

HEADERS = (N_("Record"), N_("Field"), N_("Original value"), N_("On the server"), N_("Sent later"))


class ConflictsDialog(QDialog):
    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.rows: list[conflicts.ConflictRow] = []
        self.setWindowTitle(_("Conflicts"))
        resize_within_screen(self, 900, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Two people changed the same thing, or one deleted what the other changed. Choose what "
                         "stays: it is settled for the whole team."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = ListTable(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setAccessibleName(_("Conflicts"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        # a row grows when its columns narrow: measured once, a narrower window cut off who set a value and when
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setItemDelegate(WrappedCells(self.table))  # measured where painted, inside the cells' padding
        layout.addWidget(self.table, 1)
        self.keep_mine = QPushButton(_("Keep the value sent later"))
        self.keep_theirs = QPushButton(_("Keep the server's value"))
        self.type_other = QPushButton(_("Type another value…"))
        self.type_other.setToolTip(_("For a text such as a place or a note: write the value that is right now."))
        self.reveal = QPushButton(_("Show the address"))
        self.reveal.setToolTip(_("The confidential address of the chosen conflict; the access log records that it "
                                 "was shown."))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self._resolve("theirs"))
        self.type_other.clicked.connect(self._ask_value)
        self.reveal.clicked.connect(lambda: self.reload(reveal=self.rows[self.table.currentRow()].id))
        layout.addLayout(choice_buttons((self.keep_mine, self.keep_theirs), (self.type_other, self.reveal), close))
        self.result = ResultLine()
        layout.addWidget(self.result)
        self.table.itemSelectionChanged.connect(self._selection)
        self.reload()

    def reload(self, reveal: int | None = None) -> None:
        """The open conflicts again; `reveal`: the one whose confidential address to show (masked otherwise)."""
        self._selection()
        workspace = self.workspace
        run_task(lambda _p: conflicts.describe_conflicts(workspace, conflicts.open_conflicts(workspace), reveal),
                 workspace).success(lambda rows: self._show(rows, reveal)).failure(
            lambda exc: self.result.show_problem(str(exc))).start()

    def _show(self, rows: list, reveal: int | None = None) -> None:
        chosen = next((i for i, row in enumerate(rows) if row.id == reveal), -1)
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            who = ", ".join(part for part in (row.server_device, row.server_at) if part)
            server = row.server + (f"\n({who})" if who else "")  # who and when on a line of their own
            later = row.mine + (f"\n({row.device})" if row.device else "")
            for column, text in enumerate((row.record, row.field, row.base, server, later)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, column, item)
        self.table.setMinimumWidth(unbroken_width(self.table))
        if chosen >= 0:
            self.table.selectRow(chosen)
        if not rows:
            self.result.show_done(_("No open conflicts."))
        self._selection()

    def _selection(self) -> None:
        chosen = self.table.currentRow() >= 0 and bool(self.rows)
        self.keep_mine.setEnabled(chosen)
        self.keep_theirs.setEnabled(chosen)
        self.reveal.setVisible(any(row.masked for row in self.rows))
        row = self.rows[self.table.currentRow()] if chosen else None
        self.reveal.setEnabled(row is not None and row.masked and row.can_reveal)
        self.type_other.setEnabled(row is not None and row.typed is not None)
        if row is not None and row.choices is not None:  # a delete against an edit: what each choice does
            self.keep_mine.setText(row.choices.keep_mine)
            self.keep_theirs.setText(row.choices.keep_theirs)
            return
        # whose value each button keeps, by name: "the server's value" left the reader to work out whose it was
        self.keep_mine.setText(_("Keep the value of {device}").format(device=row.device) if row and row.device
                               else _("Keep the value sent later"))
        self.keep_theirs.setText(_("Keep the value of {device}").format(device=row.server_device)
                                 if row and row.server_device else _("Keep the server's value"))

    def _ask_value(self) -> None:
        """A small dialog to type the value (this laptop's to start from); OK settles it for everyone."""
        row = self.rows[self.table.currentRow()]
        self.value_dialog = TypedValueDialog(_("Type another value"), _("{record}, {field}:").format(
            record=row.record, field=row.field), row.typed or "", self)
        # a lock keeps what is typed here (a merged note can be long); the same conflict's box shows it again; under
        # the case, whose erasure takes it along
        keep_as(self.value_dialog, row.draft_key)
        self.value_dialog.chosen.connect(lambda text: self._resolve_typed(row.id, text))
        self.value_dialog.open()

    def _resolve_typed(self, conflict_id: int, text: str) -> None:
        if self.result.attempt(lambda: conflicts.resolve_typed(self.workspace, conflict_id, text),
                               _("Settled for everyone; the value arrives with each laptop's next sync.")):
            self.reload()

    def _resolve(self, keep: str) -> None:
        row = self.rows[self.table.currentRow()]
        if self.result.attempt(lambda: conflicts.resolve(self.workspace, row.id, keep),
                               conflicts.settled_words(row.choices, keep)):
            self.reload()


def choice_buttons(keeps, others, close: QPushButton) -> QGridLayout:
    """The two "keep" buttons one above the other, the other choices beside them, Close at the right: in one row,
    two buttons naming laptops ("Keep the value of laptop-bram-kantoor-noord") made the window at least ~800 px
    wide."""
    grid = QGridLayout()
    for row, (keep, other) in enumerate(zip(keeps, others)):
        grid.addWidget(keep, row, 0)
        grid.addWidget(other, row, 1)
    grid.setColumnStretch(2, 1)
    grid.addWidget(close, len(keeps) - 1, 3)
    return grid


def unbroken_width(table: QTableWidget) -> int:
    """The table's width at which no header is cut and each cell's longest word fits on a line ("BOR-2026-001"
    cut to "BOR-2026-…" below it): rows grow as columns narrow, words cannot."""
    metrics, header = table.fontMetrics(), table.horizontalHeader()
    padding = 24  # the cell's padding in the app's style sheet, and a margin
    total = 0
    for column in range(table.columnCount()):
        words = [word for row in range(table.rowCount()) if (item := table.item(row, column))
                 for word in item.text().split()]
        widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        total += max(header.sectionSizeHint(column), widest + padding)
    return total + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
