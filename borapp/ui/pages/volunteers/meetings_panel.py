"""Volunteer meetings: the list (sortable, by region and year), planning a new one, and per meeting a checklist and
cancelling with its reason.

Before the date the checklist is who signed up, and fewer than four is a warning while there is time to cancel; after
it, who attended, starting from the sign-ups. Ticks not yet saved stay with their meeting when another is chosen, are
marked in the list, and a lock keeps them as a draft.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
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
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from borapp.collation import sort_key
from borapp.formatting import long_date
from borapp.i18n import _, ngettext
from borapp.services import drafts as draft_store
from borapp.services.errors import ValidationError
from borapp.services.volunteers import meetings
from borapp.services.volunteers.meetings import KINDS, MIN_ATTENDEES, MeetingItem
from borapp.services.volunteers.profiles import VolunteerRow
from borapp.ui.colours import WARNING, text_style
from borapp.ui.icons import icon
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.filter_combo import refill_filter
from borapp.ui.widgets.forms import add_field
from borapp.ui.widgets.list_table import ListTable

DRAFT_PREFIX = "volunteers/meeting/"  # + the meeting's id: its ticks not saved yet, kept over a lock
DATE, KIND, REGION, PEOPLE, NOTE = range(5)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def meeting_note(item: MeetingItem) -> str:
    return item.cancelled_because or item.flag


class _Cell(QTableWidgetItem):
    """A cell that sorts by its SORT_ROLE value (a date, a number), not by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None or type(mine) is not type(theirs):
            return sort_key(self.text()) < sort_key(other.text())
        return mine < theirs


def _people(item: MeetingItem) -> tuple[str, int]:
    """The list's count: who signed up for a meeting still to come, who attended one held."""
    if item.upcoming:
        return _("{n} signed up").format(n=item.signup_count), item.signup_count
    if item.attendance_unknown:
        return "—", -1  # not recorded yet: "0" read as nobody came
    return str(item.attendee_count), item.attendee_count


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
        splitter.setSizes([780, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # ---- building -----------------------------------------------------------------------------------------------

    def _list_side(self) -> QWidget:
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._filters())
        self.table = ListTable(0, 5)
        self.table.setAccessibleName(_("Volunteer meetings"))
        labels = {DATE: _("Date"), KIND: _("Kind"), REGION: _("Region"), PEOPLE: _("Attendees"), NOTE: _("Note")}
        self.table.setHorizontalHeaderLabels([labels[c] for c in range(len(labels))])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # a long theme or cancellation reason wraps onto more lines of its row, whole (it was cut, whole only in its
        # tooltip: a mouse's); the kind (or theme) and the note share what the date, region and count leave
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)  # newest first until a header is clicked
        self.table.setSortingEnabled(True)
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

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.region_filter = QComboBox()
        self.region_filter.setAccessibleName(_("Region"))
        self.region_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_filter = QComboBox()
        self.year_filter.setAccessibleName(_("Year"))
        self.year_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.region_filter.setMinimumContentsLength(14)  # "Kennemerland/Alkmaar", "Alle regio's"
        self.year_filter.setMinimumContentsLength(8)  # "Alle jaren"
        for combo in (self.region_filter, self.year_filter):
            combo.currentIndexChanged.connect(self._filter_changed)
            row.addWidget(combo)
        self.shown_count = QLabel()
        row.addWidget(self.shown_count, 1)
        return row

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
        column.addWidget(self._cancel_box())
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(text_style(WARNING))
        column.addWidget(self.warning)
        self.checklist_title = QLabel(_("Who attended"))
        column.addWidget(self.checklist_title)
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

    def _cancel_box(self) -> QWidget:
        """ "Cancel meeting…" opens the question why (too few sign-ups, or another reason in a few words); a cancelled
        meeting says why and can be taken back."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.cancelled_label = QLabel()
        self.cancelled_label.setWordWrap(True)
        row.addWidget(self.cancelled_label, 1)
        row.addStretch()  # the buttons stay their size on the right
        self.cancel_button = QPushButton(_("Cancel meeting…"))
        self.cancel_button.clicked.connect(self._ask_why)
        row.addWidget(self.cancel_button)
        self.uncancel_button = QPushButton(_("Take back the cancellation"))
        self.uncancel_button.clicked.connect(self._uncancel)
        row.addWidget(self.uncancel_button)
        column.addLayout(row)
        self.why_group = QGroupBox(_("Why is the meeting cancelled?"))
        why = QVBoxLayout(self.why_group)
        self.why_too_few = QRadioButton(_("Too few sign-ups (fewer than {n})").format(n=MIN_ATTENDEES))
        self.why_other = QRadioButton(_("Another reason:"))
        self.why_buttons = QButtonGroup(self.why_group)
        for button in (self.why_too_few, self.why_other):
            self.why_buttons.addButton(button)
        self.why_note = QLineEdit()
        self.why_note.setMaxLength(300)
        self.why_note.setAccessibleName(_("Another reason"))
        self.why_note.setPlaceholderText(_("E.g. no room free that evening"))
        self.why_note.textEdited.connect(lambda text: text and self.why_other.setChecked(True))
        other = QHBoxLayout()
        other.addWidget(self.why_other)
        other.addWidget(self.why_note, 1)
        why.addWidget(self.why_too_few)
        why.addLayout(other)
        self.why_message = QLabel()
        self.why_message.setWordWrap(True)
        self.why_message.setStyleSheet(text_style(WARNING))
        why.addWidget(self.why_message)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.keep_button = QPushButton(_("Keep the meeting"))
        self.keep_button.clicked.connect(self._keep)
        self.confirm_cancel = QPushButton(_("Cancel the meeting"))
        self.confirm_cancel.clicked.connect(self._cancel_confirmed)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.confirm_cancel)
        why.addLayout(buttons)
        column.addWidget(self.why_group)
        self.why_group.hide()
        return box

    # ---- loading ------------------------------------------------------------------------------------------------

    def refresh(self, volunteers: list[VolunteerRow], regions: list[str]) -> None:
        self._volunteers = volunteers
        current = self.new_region.currentText()
        self.new_region.clear()
        self.new_region.addItems(regions)
        self.new_region.setCurrentText(current)
        meeting_regions, years = meetings.filter_choices(self.workspace)
        for combo, everything, choices in ((self.region_filter, _("All regions"), meeting_regions),
                                           (self.year_filter, _("All years"), years)):
            combo.blockSignals(True)
            refill_filter(combo, everything, [(c, str(c)) for c in choices])
            combo.blockSignals(False)
        self._reload_list()

    def _reload_list(self) -> None:
        selected = self.selected_id()
        self._items = meetings.list_meetings(self.workspace, region=self.region_filter.currentData() or "",
                                             year=self.year_filter.currentData())
        self.table.setSortingEnabled(False)  # filled as listed, then sorted once by the header's indicator
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            people, count = _people(item)
            kind = _("Theme: {theme}").format(theme=item.theme) if item.theme else meetings.kind_label(item.kind)
            cells = {DATE: (long_date(item.held_on), item.held_on.toordinal()), KIND: (kind, None),
                     REGION: (item.region, None), PEOPLE: (people, count), NOTE: (self._note(item), None)}
            for column, (text, order) in cells.items():
                cell = _Cell(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                cell.setData(SORT_ROLE, order)
                cell.setToolTip(text)
                if column == NOTE and (item.below_minimum or item.too_few_signups):
                    cell.setIcon(icon("warning", WARNING))
                self.table.setItem(row, column, cell)
        self.table.setSortingEnabled(True)
        self.table.blockSignals(False)
        total = len(self._items)
        self.shown_count.setText(ngettext("{n} meeting", "{n} meetings", total).format(n=total))
        filtered = self.region_filter.currentData() is not None or self.year_filter.currentData() is not None
        self.empty.setText(_("No meetings in this region or year.") if filtered else
                           _("No meetings yet. Plan one below: a date, the region and the kind of meeting."))
        self.list_stack.setCurrentWidget(self.table if self._items else self.empty)
        self.select(selected)

    def _filter_changed(self) -> None:
        self._reload_list()

    def _row_of(self, meeting_id: int | None) -> int:
        return next((r for r in range(self.table.rowCount()) if self.table.item(r, DATE) is not None
                     and self.table.item(r, DATE).data(Qt.ItemDataRole.UserRole) == meeting_id), -1)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        cell = self.table.item(rows[0].row(), DATE) if rows else None
        return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

    def select(self, meeting_id: int | None) -> None:
        row = self._row_of(meeting_id)
        item = next((m for m in self._items if m.id == meeting_id), None)
        if row >= 0 and item is not None:
            self.table.selectRow(row)
            self._show(item)
        else:
            self.table.clearSelection()
            self.detail_stack.setCurrentIndex(0)

    def _selection_changed(self) -> None:
        self.select(self.selected_id())

    def _show(self, item: MeetingItem) -> None:
        title = " · ".join(p for p in (meetings.kind_label(item.kind), long_date(item.held_on), item.region) if p)
        self.detail_title.setText(title + (f"\n{item.theme}" if item.theme else ""))
        self._show_cancelled(item)
        attending = {a.id for a in item.attendees + item.signed_up}
        self.attendance.blockSignals(True)
        self.attendance.clear()
        shown = [v for v in self._volunteers if v.active or v.id in attending]
        shown.sort(key=lambda v: (v.region != item.region, sort_key(v.name)))
        for volunteer in shown:
            entry = QListWidgetItem(f"{volunteer.name} ({volunteer.region})" if volunteer.region else volunteer.name)
            entry.setData(Qt.ItemDataRole.UserRole, volunteer.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = volunteer.id in item.ticked_at_start
            entry.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.attendance.addItem(entry)
        if item.id in self._unsaved:  # ticked earlier and not saved: back as they were
            self._tick(set(self._unsaved[item.id]))
        self.attendance.blockSignals(False)
        self.attendance.setEnabled(not item.cancelled)
        title = _("Who signed up") if item.upcoming else _("Who attended")
        self.checklist_title.setText(title)
        self.attendance.setAccessibleName(title)
        self.save_attendance.setText(_("Save sign-ups") if item.upcoming else _("Save attendance"))
        self._show_counts(item)
        self.detail_stack.setCurrentIndex(1)

    def _show_counts(self, item: MeetingItem) -> None:
        checked = set(self.checked_ids())
        self.count.setText(_("{n} ticked").format(n=len(checked)))
        saved = {a.id for a in (item.signed_up if item.upcoming else item.attendees)}
        unrecorded = not item.upcoming and not (item.attendance_recorded or saved)  # even "nobody" is worth saving
        self.save_attendance.setEnabled((unrecorded or checked != saved) and not item.cancelled)
        self.warning.setText(item.advice)
        self.warning.setVisible(bool(item.advice))

    def _show_cancelled(self, item: MeetingItem) -> None:
        self.cancelled_label.setText(item.cancelled_because)
        self.cancelled_label.setVisible(item.cancelled)
        self.cancel_button.setVisible(not item.cancelled)
        self.uncancel_button.setVisible(item.cancelled)
        self.why_group.hide()

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
        for combo in (self.region_filter, self.year_filter):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self.why_note.clear()
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
        row = self._row_of(item.id)
        cell = self.table.item(row, NOTE) if row >= 0 else None
        if cell is not None:
            cell.setText(self._note(item))

    def _save_attendance(self) -> None:
        current = self._current()
        if current is not None:
            record = meetings.record_signups if current.upcoming else meetings.record_attendance
            try:
                saved = record(self.workspace, current.id, self.checked_ids())
            except ValidationError as error:  # e.g. held meanwhile (midnight) or a volunteer removed
                self.warning.setText(str(error))
                self.warning.setVisible(True)
                return
            self._forget(current.id)
            self._replace(saved)

    def _ask_why(self) -> None:
        current = self._current()
        if current is None:
            return
        self.why_buttons.setExclusive(False)  # so that neither is chosen when the minimum was reached
        self.why_too_few.setChecked(current.too_few_signups or current.below_minimum)
        self.why_other.setChecked(False)
        self.why_buttons.setExclusive(True)
        self.why_note.clear()
        self.why_message.hide()
        self.cancel_button.hide()
        self.why_group.show()
        (self.why_too_few if self.why_too_few.isChecked() else self.why_note).setFocus()

    def _keep(self) -> None:
        self.why_group.hide()
        self.cancel_button.show()

    def _cancel_confirmed(self) -> None:
        current = self._current()
        if current is None:
            return
        reason = "too_few" if self.why_too_few.isChecked() else "other" if self.why_other.isChecked() else ""
        try:
            item = meetings.set_cancelled(self.workspace, current.id, True, reason, self.why_note.text())
        except ValidationError as error:
            self.why_message.setText(str(error))
            self.why_message.show()
            return
        self._set_cancelled(item)

    def _uncancel(self) -> None:
        current = self._current()
        if current is not None:
            self._set_cancelled(meetings.set_cancelled(self.workspace, current.id, False))

    def _set_cancelled(self, item: MeetingItem) -> None:
        self._replace(item)  # ticks not saved come back with it (self._unsaved)

    def _tick(self, volunteer_ids: set[int]) -> None:
        """Put back ticks not yet saved (after the list was reloaded)."""
        for i in range(self.attendance.count()):
            entry = self.attendance.item(i)
            wanted = entry.data(Qt.ItemDataRole.UserRole) in volunteer_ids
            entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _replace(self, item: MeetingItem) -> None:
        self.refresh(self._volunteers, [self.new_region.itemText(i) for i in range(self.new_region.count())])
        if self._row_of(item.id) < 0:  # a new meeting outside the filters: show it, not an empty choice
            for combo in (self.region_filter, self.year_filter):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self._reload_list()
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
