"""The volunteer list as a table model over plain rows (VolunteerRow), sorted by its own sort()."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from borapp.collation import sort_key
from borapp.formatting import short_date
from borapp.i18n import N_, _
from borapp.services.volunteers.profiles import VolunteerRow
from borapp.ui.colours import WARNING
from borapp.ui.icons import icon

NAME, REGION, LOAD, VOG, LANGUAGES = range(5)
HEADERS = (N_("Name"), N_("Region"), N_("Cases"), N_("VOG"), N_("Languages"))
ID_ROLE = Qt.ItemDataRole.UserRole
VOG_WORDS = {"missing": N_("missing"), "overdue": N_("renew"), "soon": N_("renew soon"), "ok": ""}

_SORT_KEYS = {
    NAME: lambda r: sort_key(r.name),
    REGION: lambda r: (sort_key(r.region), sort_key(r.name)),
    LOAD: lambda r: (r.case_load - r.max_cases, r.case_load, sort_key(r.name)),
    VOG: lambda r: (r.vog_date is not None, r.vog_date or 0, sort_key(r.name)),
    LANGUAGES: lambda r: (len(r.languages), r.languages, sort_key(r.name)),
}


def vog_text(row: VolunteerRow, *, spoken: bool = False) -> str:
    """The date, with the warning icon when due; "missing" without one. Spoken (accessible) text says it all."""
    word = _(VOG_WORDS[row.vog_state]) if VOG_WORDS.get(row.vog_state) else ""
    if row.vog_date is not None and not spoken:
        return short_date(row.vog_date)
    return " · ".join(p for p in (short_date(row.vog_date), word) if p)


class VolunteerTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[VolunteerRow] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._pending: set[int] = set()

    # ---- data in ------------------------------------------------------------------------------------------------

    def set_rows(self, rows: list[VolunteerRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows.sort(key=_SORT_KEYS[self._sort[0]], reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def set_pending(self, volunteer_ids: set[int]) -> None:
        """Mark the volunteers with unsaved edits (a pencil beside the name)."""
        if volunteer_ids != self._pending:
            self._pending = set(volunteer_ids)
            if self._rows:
                self.dataChanged.emit(self.index(0, NAME), self.index(len(self._rows) - 1, NAME))

    def row_of(self, volunteer_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == volunteer_id), -1)

    def row_at(self, row: int) -> VolunteerRow:
        return self._rows[row]

    # ---- the model ----------------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(
                HEADERS):
            return _(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return vog_text(row, spoken=True) if column == VOG else self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        return None

    def _text(self, row: VolunteerRow, column: int) -> str:
        if column == NAME:
            return row.name if row.active else _("{name} (not active)").format(name=row.name)
        if column == REGION:
            return row.region
        if column == LOAD:
            return f"{row.case_load} / {row.max_cases}"
        if column == VOG:
            return vog_text(row)
        # codes in capitals (NL, AR); a language kept by its typed name (papiamentu) by that name
        return ", ".join(code.upper() if len(code) <= 3 else code[:1].upper() + code[1:] for code in row.languages)

    def _tooltip(self, row: VolunteerRow, column: int) -> str | None:
        if column == NAME and row.id in self._pending:
            return _("Unsaved changes")
        if column in (NAME, REGION, LANGUAGES):  # these may be cut short in a narrow window
            return self._text(row, column) or None
        if column == LOAD:
            return _("{load} current cases, at most {max}").format(load=row.case_load, max=row.max_cases)
        if column == VOG and row.vog_state == "overdue":
            return _("Older than the renewal period: ask for a new VOG.")
        if column == VOG and row.vog_state == "soon":
            return _("Due for renewal soon.")
        if column == VOG and row.vog_state == "missing":
            return _("No VOG date recorded.")
        return None

    def _icon(self, row: VolunteerRow, column: int):
        if column == NAME and row.id in self._pending:
            return icon("pencil-simple")
        if column == VOG and row.vog_state != "ok":
            return icon("warning", WARNING) if row.vog_due else icon("clock")
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.id for r in self._rows]
        persistent = self.persistentIndexList()
        self._rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        new_row = {r.id: i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [
            self.index(new_row[old_ids[p.row()]], p.column()) if p.isValid() else QModelIndex() for p in persistent])
        self.layoutChanged.emit()

