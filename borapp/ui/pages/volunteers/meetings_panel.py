"""Volunteer meetings: the list, planning a new one, and per meeting the attendance checklist and cancelling.

Fewer than four attendees is shown as a warning on the meeting (the usual rule is to cancel it then). Ticks not yet
saved stay with their meeting when another is chosen, are marked in the list, and a lock keeps them as a draft.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from borapp.collation import sort_key
from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services import drafts as draft_store
from borapp.services.errors import ValidationError
from borapp.services.volunteers import meetings
from borapp.services.volunteers.meetings import KINDS, MeetingItem
from borapp.services.volunteers.profiles import VolunteerRow
from borapp.ui.colours import WARNING, text_style
from borapp.ui.icons import icon
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.forms import add_field

DRAFT_PREFIX = "volunteers/meeting/"  # + the meeting's id: its ticks not saved yet, kept over a lock


def meeting_note(item: MeetingItem) -> str:
    return _("Cancelled") if item.cancelled else item.flag


class MeetingsPanel(QWidget):
    changed = Signal()

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self._items: list[MeetingItem] = []
        self._volunteers: list[VolunteerRow] = []
        self._unsaved: dict[int, list[int]] = {}  # meeting id → the volunteers ticked, not saved yet
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._list_side())
        splitter.addWidget(self._detail_side())
        splitter.setSizes([680, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # ---- building -----------------------------------------------------------------------------------------------

    def _list_side(self) -> QWidget:
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(_("Volunteer meetings"))
        self.table.setHorizontalHeaderLabels([_("Date"), _("Kind"), _("Region"), _("Attendees"), _("Note")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel(_("No meetings yet. Plan one below: a date, the region and the kind of meeting."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        column.addWidget(self.list_stack, 1)
        column.addWidget(self._add_form())
        return side

    def _add_form(self) -> QGroupBox:
        group = QGroupBox(_("Plan a meeting"))
        form = QFormLayout(group)
        self.new_date = DateField(optional=False)
        self.new_region = QComboBox()
        self.new_region.setEditable(True)
        self.new_kind = QComboBox()
        for kind in KINDS:
            self.new_kind.addItem(meetings.kind_label(kind), kind)
        self.new_theme = QLineEdit()
        self.new_theme.setPlaceholderText(_("For a theme evening, e.g. loyalty conflicts"))
        self.add_messages = {
            "held_on": add_field(form, _("Date"), self.new_date, required=True),
            "region": add_field(form, _("Region"), self.new_region),
            "kind": add_field(form, _("Kind"), self.new_kind, required=True),
            "theme": add_field(form, _("Theme"), self.new_theme),
        }
        self.add_button = QPushButton(icon("plus"), _("Add meeting"))
        self.add_button.clicked.connect(self._add_clicked)
        form.addRow("", self.add_button)
        self.add_group = group
        return group

    def _detail_side(self) -> QWidget:
        self.detail_stack = QStackedWidget()
        hint = QLabel(_("Choose a meeting to record who attended."))
        hint.setObjectName("emptyState")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail_stack.addWidget(hint)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(8, 0, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("sectionTitle")
        self.detail_title.setWordWrap(True)
        column.addWidget(self.detail_title)
        self.cancelled = QCheckBox(_("Cancelled"))
        self.cancelled.setAccessibleName(_("Meeting cancelled"))
        self.cancelled.toggled.connect(self._cancelled_toggled)
        column.addWidget(self.cancelled)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(text_style(WARNING))
        column.addWidget(self.warning)
        column.addWidget(QLabel(_("Who attended")))
        self.attendance = QListWidget()
        self.attendance.setAccessibleName(_("Who attended"))
        self.attendance.setSpacing(2)
        self.attendance.itemChanged.connect(self._attendance_edited)
        column.addWidget(self.attendance, 1)
        row = QHBoxLayout()
        self.count = QLabel()
        row.addWidget(self.count, 1)
        self.save_attendance = QPushButton(_("Save attendance"))
        self.save_attendance.clicked.connect(self._save_attendance)
        row.addWidget(self.save_attendance)
        column.addLayout(row)
        self.detail_stack.addWidget(detail)
        return self.detail_stack

    # ---- loading ------------------------------------------------------------------------------------------------

    def refresh(self, volunteers: list[VolunteerRow], regions: list[str]) -> None:
        self._volunteers = volunteers
        current = self.new_region.currentText()
        self.new_region.clear()
        self.new_region.addItems(regions)
        self.new_region.setCurrentText(current)
        selected = self.selected_id()
        self._items = meetings.list_meetings(self.workspace)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            cells = (long_date(item.held_on), meetings.kind_label(item.kind), item.region, str(item.attendee_count),
                     self._note(item))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                cell.setToolTip(item.theme if column == 1 else text)
                if column == 4 and item.below_minimum:
                    cell.setIcon(icon("warning", WARNING))
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        self.list_stack.setCurrentWidget(self.table if self._items else self.empty)
        self.select(selected)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._items[rows[0].row()].id if rows and rows[0].row() < len(self._items) else None

    def select(self, meeting_id: int | None) -> None:
        row = next((i for i, m in enumerate(self._items) if m.id == meeting_id), -1)
        if row >= 0:
            self.table.selectRow(row)
            self._show(self._items[row])
        else:
            self.table.clearSelection()
            self.detail_stack.setCurrentIndex(0)

    def _selection_changed(self) -> None:
        self.select(self.selected_id())

    def _show(self, item: MeetingItem) -> None:
        title = " · ".join(p for p in (meetings.kind_label(item.kind), long_date(item.held_on), item.region) if p)
        self.detail_title.setText(title + (f"\n{item.theme}" if item.theme else ""))
        self.cancelled.blockSignals(True)
        self.cancelled.setChecked(item.cancelled)
        self.cancelled.blockSignals(False)
        attending = {a.id for a in item.attendees}
        self.attendance.blockSignals(True)
        self.attendance.clear()
        shown = [v for v in self._volunteers if v.active or v.id in attending]
        shown.sort(key=lambda v: (v.region != item.region, sort_key(v.name)))
        for volunteer in shown:
            entry = QListWidgetItem(f"{volunteer.name} ({volunteer.region})" if volunteer.region else volunteer.name)
            entry.setData(Qt.ItemDataRole.UserRole, volunteer.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if volunteer.id in attending else Qt.CheckState.Unchecked)
            self.attendance.addItem(entry)
        if item.id in self._unsaved:  # ticked earlier and not saved: back as they were
            self._tick(set(self._unsaved[item.id]))
        self.attendance.blockSignals(False)
        self.attendance.setEnabled(not item.upcoming)  # ticked once it is held
        self._show_counts(item)
        self.detail_stack.setCurrentIndex(1)

    def _show_counts(self, item: MeetingItem) -> None:
        checked = len(self.checked_ids())
        self.count.setText(_("{n} ticked").format(n=checked))
        saved = item.attendee_count == checked and {a.id for a in item.attendees} == set(self.checked_ids())
        self.save_attendance.setEnabled(not saved and not item.upcoming)
        self.warning.setText(item.advice)
        self.warning.setVisible(bool(item.advice))

    def checked_ids(self) -> list[int]:
        return [self.attendance.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.attendance.count())
                if self.attendance.item(i).checkState() == Qt.CheckState.Checked]

    def drafts(self) -> dict[str, dict]:
        return {f"{DRAFT_PREFIX}{meeting_id}": {"ticked": ticked} for meeting_id, ticked in self._unsaved.items()}

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        for key, value in drafts.items():
            if key.startswith(DRAFT_PREFIX) and key[len(DRAFT_PREFIX):].isdigit():
                self._unsaved[int(key[len(DRAFT_PREFIX):])] = [int(v) for v in value.get("ticked", [])]

    def clear(self) -> None:
        self._unsaved.clear()
        self._items, self._volunteers = [], []
        self.table.setRowCount(0)
        self.attendance.clear()
        self.new_region.clear()
        self.new_theme.clear()
        self.detail_stack.setCurrentIndex(0)

    # ---- actions ------------------------------------------------------------------------------------------------

    def _current(self) -> MeetingItem | None:
        meeting_id = self.selected_id()
        return next((m for m in self._items if m.id == meeting_id), None)

    def _attendance_edited(self, _item) -> None:
        current = self._current()
        if current is not None:
            self._show_counts(current)
            was_unsaved = current.id in self._unsaved
            if self.save_attendance.isEnabled():
                self._unsaved[current.id] = self.checked_ids()
            else:  # ticked back as saved
                self._forget(current.id)
            if was_unsaved != (current.id in self._unsaved):
                self._show_note(current)

    def _forget(self, meeting_id: int) -> None:
        """Its ticks are saved (or as saved): a draft kept earlier must not bring them back after a lock."""
        self._unsaved.pop(meeting_id, None)
        if not self.workspace.is_locked:
            draft_store.delete_draft(self.workspace, draft_store.UI_PREFIX + DRAFT_PREFIX + str(meeting_id))

    def _note(self, item: MeetingItem) -> str:
        unsaved = _("Attendance not saved") if item.id in self._unsaved else ""
        return " · ".join(p for p in (unsaved, meeting_note(item)) if p)

    def _show_note(self, item: MeetingItem) -> None:
        row = next((i for i, m in enumerate(self._items) if m.id == item.id), -1)
        cell = self.table.item(row, 4) if row >= 0 else None
        if cell is not None:
            cell.setText(self._note(item))

    def _save_attendance(self) -> None:
        current = self._current()
        if current is not None:
            try:
                saved = meetings.record_attendance(self.workspace, current.id, self.checked_ids())
            except ValidationError as error:  # e.g. a meeting still to come
                self.warning.setText(str(error))
                self.warning.setVisible(True)
                return
            self._forget(current.id)
            self._replace(saved)

    def _cancelled_toggled(self, checked: bool) -> None:
        current = self._current()
        if current is not None:
            ticked = set(self.checked_ids())
            self._replace(meetings.set_cancelled(self.workspace, current.id, checked))
            self._tick(ticked)

    def _tick(self, volunteer_ids: set[int]) -> None:
        """Put back ticks not yet saved (after the list was reloaded)."""
        for i in range(self.attendance.count()):
            entry = self.attendance.item(i)
            wanted = entry.data(Qt.ItemDataRole.UserRole) in volunteer_ids
            entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _replace(self, item: MeetingItem) -> None:
        self.refresh(self._volunteers, [self.new_region.itemText(i) for i in range(self.new_region.count())])
        self.select(item.id)
        self.changed.emit()

    def _add_clicked(self) -> None:
        for message in self.add_messages.values():
            message.show_message("")
        if refuse_unreadable(self.add_group):  # the date field says why under itself, once
            return
        try:
            meeting_id = meetings.add_meeting(self.workspace, self.new_date.value(), self.new_region.currentText(),
                                              self.new_kind.currentData(), self.new_theme.text())
        except ValidationError as error:
            self.add_messages.get(error.field, self.add_messages["held_on"]).show_message(str(error))
            return
        self.new_theme.clear()
        self._replace(meetings.load_meeting(self.workspace, meeting_id))
