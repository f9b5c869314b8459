"""The case list: a search field that searches as you type, filter combos, the table and its empty states."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borapp.formatting import number
from borapp.i18n import _, ngettext
from borapp.services.cases import listing
from borapp.services.cases.listing import CaseFilter
from borapp.services.vault.workspace import Workspace
from borapp.ui.icons import icon
from borapp.ui.pages.cases.case_table_model import KEYS, CaseTableModel
from borapp.ui.widgets.filter_combo import make_typeable, refill_filter
from borapp.ui.widgets.list_table import ListTableView

SEARCH_DELAY_MS = 250
# Starting widths; the name columns stretch to fill what is left, so nothing scrolls sideways at 1366 px. The case
# number's 120 holds "Dossiernummer" with its sort arrow apart (at 112 the arrow touched the r).
_WIDTHS = {"ref": 120, "status": 150, "municipality": 112, "coordinator": 120, "volunteer": 120,
           "registered_on": 92, "days": 56, "next_visit": 92}
# In a narrower window these columns give way, in this order, so that the children and parents keep NAMES_ROOM:
# at 1093 px (1366 at 125 %) the fixed widths took the whole table and the names showed as "…".
GIVE_WAY = ("days", "coordinator", "registered_on", "municipality")
NAMES_ROOM = 2 * 130
# Once one has given way the window is narrow, and the names are what a coordinator reads there: the children and
# parents keep NARROW_NAMES_ROOM and the volunteer NARROW_WIDTHS (at 1093 px all three were cut while the municipality,
# also a filter above the list, and the mostly empty next visit kept their full widths).
NARROW_NAMES_ROOM = 2 * 170
NARROW_WIDTHS = {"volunteer": 150}


class CaseListPanel(QWidget):
    case_chosen = Signal(int)
    new_intake_requested = Signal()
    import_requested = Signal()

    def __init__(self, workspace: Workspace | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self._narrow = False  # some columns gave way to the names (`_fit_columns`)
        self.model = CaseTableModel(workspace, self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS, timeout=self.apply_filter)
        layout = QVBoxLayout(self)
        layout.addLayout(self._title_row())
        layout.addWidget(self._search_field())
        layout.addLayout(self._filter_row())
        self.stack = QStackedWidget()
        self.stack.addWidget(self._table())
        self.stack.addWidget(self._empty_state())
        layout.addWidget(self.stack, 1)
        self._filling = False
        self._options_stamp: tuple | None = None  # what the filter combos hold was read at (None: not read)

    # ---- building -----------------------------------------------------------------------------------------------

    def _title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(_("Cases"))
        title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Number of cases shown"))
        row.addWidget(title)
        row.addStretch()
        row.addWidget(self.count_label)
        self.new_intake_button = QPushButton(icon("plus"), _("New intake…"))
        self.new_intake_button.setAccessibleName(_("Start a new intake"))
        self.new_intake_button.clicked.connect(self.new_intake_requested)
        row.addWidget(self.new_intake_button)
        self.import_button = QPushButton(icon("file-arrow-up"), _("Import spreadsheet…"))
        self.import_button.setAccessibleName(_("Import cases or volunteers from a spreadsheet"))
        self.import_button.clicked.connect(self.import_requested)
        row.addWidget(self.import_button)
        return row

    def _search_field(self) -> QLineEdit:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, case number or note (Ctrl+F)"))
        self.search.setAccessibleName(_("Search cases"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("magnifying-glass"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        return self.search

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_combo = self._combo(_("Status filter"))
        self.municipality_combo = self._combo(_("Municipality filter"))
        self.coordinator_combo = self._combo(_("Coordinator filter"))
        self.volunteer_combo = self._combo(_("Volunteer filter"))
        make_typeable(self.volunteer_combo, _("Type a volunteer's name"))
        self.year_combo = self._combo(_("Registration year filter"))
        self.mine_check = QCheckBox(_("My cases"))
        self.mine_check.setAccessibleName(_("Only my cases"))
        self.mine_check.toggled.connect(self.apply_filter)
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.setAccessibleName(_("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        for combo in (self.status_combo, self.municipality_combo, self.coordinator_combo, self.volunteer_combo):
            row.addWidget(combo, 1)
        self.year_combo.setMinimumContentsLength(6)  # "Alle jaren", "2026": the room goes to the names beside it
        row.addWidget(self.year_combo)
        row.addWidget(self.mine_check)
        row.addWidget(self.clear_button)
        return row

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        return combo

    def _table(self) -> QTableView:
        self.table = ListTableView()
        self.table.setAccessibleName(_("Cases"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(KEYS.index("registered_on"), Qt.SortOrder.DescendingOrder)
        for column, key in enumerate(KEYS):
            if key in _WIDTHS:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, _WIDTHS[key])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)  # header clicks call model.sort(): a new ORDER BY
        self.table.activated.connect(self._activated)
        self.table.installEventFilter(self)  # fit the columns to the table's own width (`eventFilter`)
        return self.table

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt name
        """The table's own resize, not the panel's: the first time the page shows, the panel is resized before its
        layout has given the table its width (640 px then), and four columns stayed hidden until the next resize."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Show the columns that leave the names their room; those of GIVE_WAY go first, and come back when the
        window is wider again (their filters above the table stay)."""
        width = self.table.width() - self.table.verticalScrollBar().sizeHint().width()
        if width <= 0:
            return
        hidden: set[str] = set()
        for key in GIVE_WAY:
            widths = _WIDTHS | NARROW_WIDTHS if hidden else _WIDTHS
            room = NARROW_NAMES_ROOM if hidden else NAMES_ROOM
            if width - sum(w for k, w in widths.items() if k not in hidden) >= room:
                break
            hidden.add(key)
        header = self.table.horizontalHeader()
        narrow = bool(hidden)
        for column, key in enumerate(KEYS):
            if key in _WIDTHS and header.isSectionHidden(column) != (key in hidden):
                header.setSectionHidden(column, key in hidden)
            if key in NARROW_WIDTHS and narrow != self._narrow:  # only when it changes: a width dragged stays
                header.resizeSection(column, NARROW_WIDTHS[key] if narrow else _WIDTHS[key])
        self._narrow = narrow

    def _empty_state(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_clear = QPushButton(_("Clear search and filters"))
        self.empty_clear.clicked.connect(self.clear_filters)
        self.empty_intake = QPushButton(icon("plus"), _("New intake…"))
        self.empty_intake.setAccessibleName(_("Start a new intake"))
        self.empty_intake.clicked.connect(self.new_intake_requested)
        column.addStretch(1)
        column.addWidget(self.empty_label)
        column.addWidget(self.empty_clear, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.empty_intake, 0, Qt.AlignmentFlag.AlignHCenter)
        self.empty_import = QPushButton(icon("file-arrow-up"), _("Import spreadsheet…"))
        self.empty_import.setAccessibleName(_("Import cases or volunteers from a spreadsheet"))
        self.empty_import.clicked.connect(self.import_requested)
        column.addWidget(self.empty_import, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return box

    # ---- data ---------------------------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self._options_stamp = None
        self.model.set_workspace(workspace)

    def refresh(self) -> None:
        """Reload the rows, and the filter choices (keeping what is chosen) when they may have changed since they
        were read (`listing.options_stamp`): reading every volunteer's name again at each visit made the list
        slower with every volunteer (about 140 ms at 100,000 cases)."""
        if self._options_stamp is None or listing.options_stamp(self.workspace) != self._options_stamp:
            options = listing.filter_options(self.workspace)
            self._fill_options(options)
            self._options_stamp = options.stamp
        self._offer_mine()
        if self.model.rowCount() and self.current_filter() == self.model.filter:
            self._reload_in_place()
        else:
            self.apply_filter()

    def _reload_in_place(self) -> None:
        """The same filter read again (coming back to the page): as many rows loaded as before, the chosen case
        still chosen and the view where it was (it jumped to the top with the first 200 rows, and the case chosen
        at row 350 was lost)."""
        self._search_timer.stop()
        chosen, scrolled = self.selected_case_id(), self.table.verticalScrollBar().value()
        self.model.reload(rows=self.model.rowCount(), reaching=chosen)
        row = self.model.row_of(chosen) if chosen is not None else None
        if row is not None:
            self.table.selectRow(row)
        self.table.doItemsLayout()  # the scroll bar's range for the rows loaded, before scrolling back
        self.table.verticalScrollBar().setValue(scrolled)
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))  # only when the case moved out of view
        self._show_state()

    def _fill_options(self, options: listing.FilterOptions) -> None:
        self._filling = True
        try:
            refill_filter(self.status_combo, _("All statuses"), [(o.value, o.label) for o in options.statuses])
            refill_filter(self.municipality_combo, _("All municipalities"),
                          [(o.value, o.label) for o in options.municipalities])
            refill_filter(self.coordinator_combo, _("All coordinators"),
                          [(o.value, o.label) for o in options.coordinators])
            refill_filter(self.volunteer_combo, _("All volunteers"), [(o.value, o.label) for o in options.volunteers],
                          apart_from=options.pool)
            refill_filter(self.year_combo, _("All years"), [(y, str(y)) for y in options.years])
        finally:
            self._filling = False

    def _offer_mine(self) -> None:
        working = self.workspace is not None and self.workspace.coordinator_id is not None
        self.mine_check.setEnabled(working)
        self.mine_check.setToolTip("" if working else _("Unlock as a coordinator to see your own cases."))

    def current_filter(self) -> CaseFilter:
        header = self.table.horizontalHeader()
        return CaseFilter(
            text=self.search.text(), status=self.status_combo.currentData() or "",
            municipality_id=self.municipality_combo.currentData(), coordinator_id=self.coordinator_combo.currentData(),
            volunteer_id=self.volunteer_combo.currentData(), year=self.year_combo.currentData(),
            mine_only=self.mine_check.isChecked() and self.mine_check.isEnabled(),
            sort=KEYS[header.sortIndicatorSection()] if 0 <= header.sortIndicatorSection() < len(KEYS) else "ref",
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def apply_filter(self) -> None:
        if self._filling or self.workspace is None or self.workspace.is_locked:
            return
        self._search_timer.stop()
        chosen = self.selected_case_id()
        self.model.set_filter(self.current_filter())
        row = self.model.row_of(chosen) if chosen is not None else None
        if row is not None:  # the case chosen before is still in the list: keep it chosen
            self.table.selectRow(row)
        self._show_state()

    def selected_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def _search_now(self) -> None:
        self.apply_filter()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _show_state(self) -> None:
        total = self.model.total
        self.count_label.setText(ngettext("{n} case", "{n} cases", total).format(n=number(total)))
        if total:
            self.stack.setCurrentIndex(0)
            return
        narrowed = self.model.filter.narrows
        self.empty_label.setText(
            _("No cases match this search or these filters.") if narrowed
            else _("No cases yet. Start an intake or import a spreadsheet."))
        self.empty_clear.setVisible(narrowed)
        self.empty_intake.setVisible(not narrowed)
        self.empty_import.setVisible(not narrowed)
        self.stack.setCurrentIndex(1)

    def clear_filters(self) -> None:
        self._filling = True
        try:
            self.search.clear()
            for combo in (self.status_combo, self.municipality_combo, self.coordinator_combo, self.volunteer_combo,
                          self.year_combo):
                combo.setCurrentIndex(0)
            self.mine_check.setChecked(False)
        finally:
            self._filling = False
        self.apply_filter()

    def clear(self) -> None:
        """Drop every row and name shown (on lock); the typed search goes too."""
        self._search_timer.stop()
        self._filling = True
        try:
            self.search.clear()
            for combo in (self.municipality_combo, self.coordinator_combo, self.volunteer_combo):
                combo.clear()
        finally:
            self._filling = False
        self._options_stamp = None  # read again at the next refresh
        self.model.clear()
        self.count_label.clear()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_chosen.emit(self.model.case_id(index.row()))
