"""Vrijwilligers: the volunteer list beside the profile editor, and the volunteer meetings on a second tab.

Unsaved edits are never lost: switching to another volunteer keeps the edits aside (marked with a pencil in the
list), and `drafts()` hands all of them to the main window under "volunteer/<id or new>". After an unlock the profile
open at the lock is open again, on the tab it was on (`place()`, `return_to()`).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _, ngettext
from borapp.services import drafts as draft_store
from borapp.services.errors import NotFound
from borapp.services.vault.workspace import Workspace
from borapp.services.volunteers.profiles import has_volunteers, list_regions, list_volunteers, load_volunteer
from borapp.ui.colours import WARNING, text_style
from borapp.ui.icons import icon
from borapp.ui.pages.base import Page
from borapp.ui.pages.volunteers.meetings_panel import MeetingsPanel
from borapp.ui.pages.volunteers.volunteer_profile import VolunteerProfileEditor
from borapp.ui.pages.volunteers.volunteer_table import REGION_WIDTH, VolunteerTable
from borapp.ui.pages.volunteers.volunteer_table_model import NAME, REGION, VolunteerTableModel
from borapp.ui.widgets.discard_question import ask_to_discard

DRAFT_KEY_PREFIX = "volunteer/"
ACTIVE_ONLY_KEY = "volunteers/active_only"  # per laptop; ticked at first: the pool before who has left
UI_DRAFT_PREFIX = draft_store.UI_PREFIX


class VolunteersPage(Page):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self._pending: dict[str, dict] = {}
        self._regions: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        title = QLabel(_("Volunteers"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        volunteers_tab = self._volunteers_tab()
        volunteers_tab.setObjectName("list")
        self.tabs.addTab(volunteers_tab, icon("users-three"), _("Volunteers"))
        self.meetings = MeetingsPanel(workspace)
        self.meetings.setObjectName("meetings")
        self.meetings.changed.connect(self._meetings_changed)
        self.tabs.addTab(self.meetings, icon("calendar-check"), _("Volunteer meetings"))
        self.tabs.currentChanged.connect(lambda _index: self._refresh_meetings_if_shown())
        self._meetings_stale = True
        layout.addWidget(self.tabs, 1)

    # ---- building -----------------------------------------------------------------------------------------------

    def _volunteers_tab(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._list_side())
        self.editor = VolunteerProfileEditor(self.workspace)
        self.editor.saved.connect(self._saved)
        self.editor.edited.connect(self._mark_pending)
        self.editor.open_case.connect(self.open_case)
        self.editor.discard_button.clicked.connect(self._discarded)
        hint = QLabel(_("Choose a volunteer in the list to see and edit their profile, or add a new one."))
        hint.setObjectName("emptyState")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(hint)
        self.editor_stack.addWidget(self.editor)
        splitter.addWidget(self.editor_stack)
        splitter.setStretchFactor(0, 1)  # the list takes the extra room; the profile keeps what it needs
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([700, 480])
        return splitter

    def _list_side(self) -> QWidget:
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 8, 8, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, e-mail, phone, region or language"))
        self.search.setAccessibleName(_("Search volunteers"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.reload_list)
        column.addWidget(self.search)
        filters = QHBoxLayout()
        self.region_filter = QComboBox()
        self.region_filter.setAccessibleName(_("Region"))
        self.region_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.region_filter.currentIndexChanged.connect(self.reload_list)
        self.active_only = QCheckBox(_("Active only"))
        self.active_only.setChecked(QSettings().value(ACTIVE_ONLY_KEY, True, type=bool))
        self.active_only.toggled.connect(self._active_only_toggled)
        self.new_button = QPushButton(icon("user-plus"), _("New volunteer"))
        self.new_button.clicked.connect(self.open_new)
        self.import_button = QPushButton(icon("file-arrow-up"), _("Import…"))
        self.import_button.setAccessibleName(_("Import volunteers from a spreadsheet"))
        self.import_button.clicked.connect(self.import_spreadsheet)
        for widget in (self.region_filter, self.active_only):
            filters.addWidget(widget)
        filters.addStretch()
        filters.addWidget(self.import_button)
        filters.addWidget(self.new_button)
        column.addLayout(filters)
        self.model = VolunteerTableModel(self)
        self.table = VolunteerTable()
        self.table.setAccessibleName(_("Volunteers"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(100)  # sized from 100 rows (the short columns vary little), not from every
        # volunteer: reading all 1,000 rows at each paint cost 25,000 data() calls
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # A long region ("Kennemerland/Alkmaar") must not squeeze the names: it is cut short (VolunteerTable)
        header.setSectionResizeMode(REGION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(REGION, REGION_WIDTH)
        header.setMinimumSectionSize(40)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        column.addWidget(self.list_stack, 1)
        self.count = QLabel()
        column.addWidget(self.count)
        return side

    # ---- Page ---------------------------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace) -> None:
        super().set_workspace(workspace)
        self.editor.workspace = workspace
        self.meetings.workspace = workspace

    def refresh(self) -> None:
        self._regions = list_regions(self.workspace)
        chosen = self.region_filter.currentData() or ""
        self.region_filter.blockSignals(True)
        self.region_filter.clear()
        self.region_filter.addItem(_("All regions"), "")
        for region in self._regions:
            self.region_filter.addItem(region, region)
        self.region_filter.setCurrentIndex(max(self.region_filter.findData(chosen), 0))
        self.region_filter.blockSignals(False)
        self.reload_list()
        self._meetings_stale = True  # loaded when its tab is shown: the list alone is what most visits need
        self._refresh_meetings_if_shown()
        if self.editor.volunteer_id is not None and not self.editor.is_dirty():
            self._load(self.editor.volunteer_id)

    def clear(self) -> None:
        self._pending.clear()
        self._regions = []
        self.model.set_rows([])
        self.editor.clear()
        self.editor_stack.setCurrentIndex(0)
        self.meetings.clear()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.count.clear()

    def drafts(self) -> dict[str, dict]:
        found = dict(self._pending) | self.meetings.drafts()
        if self._editing() and self.editor.is_dirty():
            found[self.editor.key] = self.editor.state()
        return found

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        self.meetings.restore_drafts(drafts)  # shown when its meeting is chosen again
        mine = {k: v for k, v in drafts.items() if k.startswith(DRAFT_KEY_PREFIX)}
        if not mine:
            return
        if self._editing() and self.editor.key in mine:
            self.editor.set_state(mine.pop(self.editor.key))
        self._pending.update(mine)
        if not self._editing():
            self.open_volunteer_profile(self._volunteer_id_of(next(iter(self._pending))))
        self._mark_pending()

    def show_section(self, key: str) -> None:
        """"import": the import dialog, with volunteers chosen (from Today's first-day step)."""
        if key == "import":
            self.import_spreadsheet()

    def place(self) -> dict:
        found: dict = {"tab": self.tabs.currentWidget().objectName()}
        if self._editing():
            found["volunteer"] = self.editor.volunteer_id or 0  # 0: the new-volunteer form
        return found

    def return_to(self, place: dict) -> None:
        """The profile open at the lock (with its kept typing), its row chosen; one removed meanwhile (by a sync)
        leaves the list and the hint beside it, without a word."""
        volunteer_id = place.get("volunteer")
        if volunteer_id == 0:
            self.open_new()
        elif isinstance(volunteer_id, int):
            self._show(volunteer_id)
            if self._editing() and self.editor.volunteer_id == volunteer_id:
                self.open_volunteer_profile(volunteer_id)  # its row chosen, filters that hide it cleared
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).objectName() == place.get("tab"):
                self.tabs.setCurrentIndex(index)

    def import_spreadsheet(self) -> None:
        from borapp.ui.dialogs.import_dialog import ImportDialog  # the importer loads only when asked for

        dialog = ImportDialog(self.workspace, self, kind="volunteers")
        dialog.imported.connect(self.refresh)
        dialog.imported.connect(self.changed)
        dialog.open()

    # ---- the list -----------------------------------------------------------------------------------------------

    def reload_list(self) -> None:
        if self.workspace.is_locked:
            return
        rows = list_volunteers(self.workspace, self.search.text(), self.active_only.isChecked(),
                               self.region_filter.currentData() or "")
        self.model.set_rows(rows)
        self._mark_pending()
        self.empty.setText(self._empty_text() if not rows else "")
        self.list_stack.setCurrentWidget(self.table if rows else self.empty)
        self.count.setText(ngettext("{n} volunteer", "{n} volunteers", len(rows)).format(n=len(rows)))
        self._select_row_of(self.editor.volunteer_id if self._editing() else None)

    def _active_only_toggled(self, checked: bool) -> None:
        QSettings().setValue(ACTIVE_ONLY_KEY, checked)
        self.reload_list()

    def _empty_text(self) -> str:
        if self.search.text().strip() or self.region_filter.currentData():
            return _("No volunteer matches the search or filters.")
        if not has_volunteers(self.workspace):
            return _("No volunteers yet. Add one with New volunteer, or import a spreadsheet.")
        return _("No active volunteers. Untick Active only to see those who have left.")

    def _select_row_of(self, volunteer_id: int | None) -> None:
        row = self.model.row_of(volunteer_id) if volunteer_id is not None else -1
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            selection.setCurrentIndex(self.model.index(row, NAME), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, NAME))
        else:
            selection.clearSelection()
            selection.setCurrentIndex(self.model.index(-1, -1), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.blockSignals(False)

    def _row_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        if not self._may_leave_new_volunteer():
            # still on the new form, no row chosen; undone once the key press that chose it has finished selecting
            QTimer.singleShot(0, lambda: self._select_row_of(None))
            return
        self._show(self.model.row_at(current.row()).id)

    def _may_leave_new_volunteer(self) -> bool:
        """A new volunteer's typing has no row to be marked on: kept aside, it vanished from sight, so choosing
        another volunteer asks first (a known volunteer's typing is kept aside, marked in the list)."""
        if not (self._editing() and self.editor.volunteer_id is None and self.editor.is_dirty()):
            return True
        if not ask_to_discard(self, _("Not saved"), _("What you typed about the new volunteer has not been saved. "
                                                       "Throw it away?")):
            return False
        self.editor.discard()
        self._discarded()
        return True

    # ---- the editor ---------------------------------------------------------------------------------------------

    def open_volunteer_profile(self, volunteer_id: int) -> None:
        """Show this volunteer's profile (0: the new-volunteer form), clearing filters that would hide them. Asked
        from elsewhere (a case, Today) while a new volunteer is half typed, it asks first, as the list does."""
        self.tabs.setCurrentIndex(0)
        if not volunteer_id:
            self.open_new()
            return
        if not self._may_leave_new_volunteer():  # Cancel: the new volunteer's form stays, as it was
            return
        if self.model.row_of(volunteer_id) < 0 and (self.search.text() or self.active_only.isChecked()
                                                    or self.region_filter.currentIndex() > 0):
            for widget in (self.search, self.active_only, self.region_filter):
                widget.blockSignals(True)
            self.search.clear()
            self.active_only.setChecked(False)
            self.region_filter.setCurrentIndex(0)
            for widget in (self.search, self.active_only, self.region_filter):
                widget.blockSignals(False)
            self.reload_list()
        self._show(volunteer_id)
        self._select_row_of(volunteer_id)

    def open_new(self) -> None:
        if self._editing() and self.editor.volunteer_id is None:
            self.editor.name.setFocus()
            return
        self._stash()
        self.editor.show_new(self._regions or list_regions(self.workspace))
        self._take_pending()
        self.editor_stack.setCurrentWidget(self.editor)
        self._select_row_of(None)
        self.editor.name.setFocus()

    def _show(self, volunteer_id: int) -> None:
        if self._editing() and self.editor.volunteer_id == volunteer_id:
            return
        self._stash()
        if self._load(volunteer_id):
            self._take_pending()

    def _load(self, volunteer_id: int) -> bool:
        try:
            profile = load_volunteer(self.workspace, volunteer_id)
        except NotFound:  # removed meanwhile: its edits have nowhere to go
            self._forget_draft(f"{DRAFT_KEY_PREFIX}{volunteer_id}")
            self.editor.clear()
            self.editor_stack.setCurrentIndex(0)
            return False
        self.editor.show_profile(profile, self._regions or list_regions(self.workspace))
        self.editor_stack.setCurrentWidget(self.editor)
        return True

    def _editing(self) -> bool:
        return self.editor_stack.currentWidget() is self.editor

    def _stash(self) -> None:
        """Keep the edits of the volunteer being left, to come back to."""
        if self._editing() and self.editor.is_dirty():
            self._pending[self.editor.key] = self.editor.state()

    def _take_pending(self) -> None:
        state = self._pending.pop(self.editor.key, None)
        if state is not None:
            self.editor.set_state(state)
        self._mark_pending()

    def _mark_pending(self) -> None:
        keys = set(self._pending)
        if self._editing() and self.editor.is_dirty():
            keys.add(self.editor.key)
        self.model.set_pending({self._volunteer_id_of(k) for k in keys} - {0})

    @staticmethod
    def _volunteer_id_of(key: str) -> int:
        tail = key[len(DRAFT_KEY_PREFIX):]
        return int(tail) if tail.isdigit() else 0

    def _forget_draft(self, key: str) -> None:
        self._pending.pop(key, None)
        draft_store.delete_draft(self.workspace, UI_DRAFT_PREFIX + key)

    def _saved(self, volunteer_id: int) -> None:
        self._forget_draft(self.editor.key)
        self._forget_draft(f"{DRAFT_KEY_PREFIX}{volunteer_id}")
        self._regions = list_regions(self.workspace)
        self._load(volunteer_id)
        self.editor.status.setText(_("Saved."))
        self.editor.status.setStyleSheet("")
        self._warn_of_cases_left()

    def _warn_of_cases_left(self) -> None:
        """A volunteer who stopped (not active, or a leaving date) while still on cases: saved without a word, and the
        cases went on naming her. Saying so is enough; which volunteer takes over is the coordinator's choice."""
        leaving = not self.editor.active.isChecked() or self.editor.left_on.value_or_none() is not None
        refs = self.editor.current_case_refs()
        if leaving and refs:
            self.editor.status.setText(ngettext(
                "Saved. {name} still supervises case {refs}: match another volunteer there.",
                "Saved. {name} still supervises cases {refs}: match another volunteer there.", len(refs)).format(
                    name=self.editor.name.text(), refs=", ".join(refs)))
            self.editor.status.setStyleSheet(text_style(WARNING))
        self.reload_list()
        self.changed.emit()

    def _discarded(self) -> None:
        self._forget_draft(self.editor.key)
        self._mark_pending()

    def _refresh_meetings_if_shown(self) -> None:
        if self._meetings_stale and self.tabs.currentWidget() is self.meetings and not self.workspace.is_locked:
            self._meetings_stale = False
            self.meetings.refresh(list_volunteers(self.workspace), self._regions)

    def _meetings_changed(self) -> None:
        self.changed.emit()
        if self.editor.volunteer_id is not None and not self.editor.is_dirty():
            self._load(self.editor.volunteer_id)
