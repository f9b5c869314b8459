"""The case list's table model: plain rows from `services.cases.listing`, sorted and filtered in SQL, fetched in pages.

`sort()` asks the service again with another ORDER BY; `canFetchMore`/`fetchMore` bring the next page when the
view scrolls near the end. No proxy model: with ten thousand cases, Python comparisons would be the slow part.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from borapp.formatting import number, short_date
from borapp.i18n import N_, _
from borapp.services.cases import listing
from borapp.services.cases.listing import CaseFilter, CaseRow
from borapp.services.cases.status import status_label
from borapp.services.vault.workspace import Workspace
from borapp.ui.widgets.status_chip import chip_colours

# (sort key, header msgid, tooltip msgid)
COLUMNS = (
    ("ref", N_("Case number"), ""),
    ("status", N_("Status"), ""),
    ("children", N_("Children"), N_("Children's first names with their ages")),
    ("parents", N_("Parents"), N_("Resident parent first")),
    ("municipality", N_("Municipality"), ""),
    ("coordinator", N_("Coordinator"), ""),
    ("volunteer", N_("Volunteer"), ""),
    ("registered_on", N_("Registered"), N_("Registration date")),
    ("days", N_("Days"), N_("Days since registration")),
    ("next_visit", N_("Next"), N_("The next planned visit")),
)
KEYS = [c[0] for c in COLUMNS]
STATUS_COLUMN = KEYS.index("status")
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class CaseTableModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace | None, parent=None, *, page_size: int = listing.PAGE_SIZE):
        super().__init__(parent)
        self.workspace = workspace
        self.page_size = page_size
        self.filter = CaseFilter()
        self.total = 0
        self._rows: list[CaseRow] = []
        self._resetting = False  # no fetching while a reset is being announced (views and testers ask then)

    # ---- loading ------------------------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace

    def set_filter(self, flt: CaseFilter) -> None:
        """Show the cases `flt` selects (keeping its sort order) from the first page."""
        self.filter = flt
        self.reload()

    def reload(self, rows: int = 0, reaching: int | None = None) -> None:
        """The first page again, or at least `rows` rows (as many as were loaded), and on to the case `reaching`
        while the filter still selects it (a change may have moved it further down)."""
        if self.workspace is None or self.workspace.is_locked:
            self._reset(0, [])
            return
        total = listing.count_cases(self.workspace, self.filter)  # passed on: a search is counted once
        pages = max(1, -(-rows // self.page_size))
        self._reset(total, listing.list_cases(self.workspace, self.filter, 0, pages * self.page_size, total))
        if reaching is not None and self.row_of(reaching) is None and self.canFetchMore() \
                and listing.selects(self.workspace, self.filter, reaching):
            while self.row_of(reaching) is None and self.canFetchMore():
                self.fetchMore()

    def clear(self) -> None:
        """Forget every row (on lock)."""
        self._reset(0, [])

    def _reset(self, total: int, rows: list[CaseRow]) -> None:
        self._resetting = True
        try:
            self.beginResetModel()
            self.total, self._rows = total, rows
            self.endResetModel()
        finally:
            self._resetting = False

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and not self._resetting and len(self._rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent) or self.workspace is None or self.workspace.is_locked:
            return
        more = listing.list_cases(self.workspace, self.filter, len(self._rows), self.page_size, self.total)
        if not more:
            self.total = len(self._rows)  # the list shrank meanwhile
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(KEYS):
            self.set_filter(self.filter.with_sort(KEYS[column], order == Qt.SortOrder.DescendingOrder))

    # ---- reading ------------------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def row(self, row: int) -> CaseRow:
        return self._rows[row]

    def case_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, case_id: int) -> int | None:
        """The row showing `case_id` among the rows fetched so far."""
        return next((i for i, r in enumerate(self._rows) if r.id == case_id), None)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(KEYS):
            return None
        row, key = self._rows[index.row()], KEYS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _text(row, key)
        if role == CASE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if key == "days" else _LEFT)
        if key == "status" and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, foreground = chip_colours(row.status)
            return background if role == Qt.ItemDataRole.BackgroundRole else foreground
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        _key, title, tip = COLUMNS[section]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _(title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(tip) if tip else _(title)
        return None


def _text(row: CaseRow, key: str) -> str:
    if key == "status":
        return status_label(row.status)
    if key in ("registered_on", "next_visit"):
        return short_date(getattr(row, key))
    if key == "days":
        return number(row.days)
    return str(getattr(row, key) or "")
