"""Uren: the coordinator's hours on this case (intake, talks, evaluation, closing, travel), entered in a few keys:
"Add hours…" opens the form on today, the coordinator working and the hours field, so "1,5" and Ctrl+S is enough.
What it costs is reckoned in the annual report (services/reports/costs.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.services import typed_dates
from borapp.services.costs import hours
from borapp.services.costs.hours import HoursInput, HoursItem
from borapp.services.errors import BorError
from borapp.services.vault.workspace import Workspace
from borapp.ui.icons import icon
from borapp.ui.pages.cases.tabs.editor_panel import EditorPanel
from borapp.ui.pages.cases.tabs.record_tab import RecordsTab
from borapp.ui.pages.cases.tabs.rows_model import Column, RowsModel, selected_id
from borapp.ui.widgets.date_field import DateField
from borapp.ui.widgets.forms import confirm


class HoursModel(RowsModel):
    columns = (
        Column(N_("Date"), lambda h: long_date(h.on), sort_key=lambda h: (h.on, h.id)),
        Column(N_("Work"), lambda h: h.kind_label),
        Column(N_("Hours"), lambda h: h.hours_text, sort_key=lambda h: h.minutes),
        Column(N_("Coordinator"), lambda h: h.coordinator_name),
        Column(N_("Note"), lambda h: h.note, tooltip=lambda h: h.note or None),
    )


class HoursEditor(EditorPanel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = self.add_form()
        self.on = DateField(optional=False)
        self.add_row(form, _("Date"), self.on, "on", required=True)
        self.kind = QComboBox()
        for code in hours.HOURS_KINDS:
            self.kind.addItem(hours.kind_label(code), code)
        self.add_row(form, _("Work"), self.kind, "kind", required=True)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(_("e.g. 1.5 or 1:30 or 45m"))
        self.hours.setMaximumWidth(200)
        self.add_row(form, _("Hours"), self.hours, "hours", required=True)
        self.coordinator = QComboBox()
        self.add_row(form, _("Coordinator"), self.coordinator, "coordinator_id")
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("e.g. phone call with the referrer"))
        self.add_row(form, _("Note"), self.note, "note")
        self.finish()

    def set_coordinators(self, choices: list[hours.CoordinatorChoice]) -> None:
        chosen = self.coordinator.currentData()
        with self.loading():
            self.coordinator.clear()
            self.coordinator.addItem(_("Not recorded"), None)
            for choice in choices:
                self.coordinator.addItem(choice.name, choice.id)
            self.coordinator.setCurrentIndex(max(0, self.coordinator.findData(chosen)))

    def state(self) -> dict:
        return {"record_id": self.record_id, "on": self.on.typed(), "kind": self.kind.currentData(),
                "hours": self.hours.text(), "coordinator_id": self.coordinator.currentData(),
                "note": self.note.text()}

    def fill(self, state: dict) -> None:
        self.on.set_typed(state.get("on") or dt.date.today().isoformat())
        on = self.on.value_or_none()
        self.title.setText(_("Hours of {date}").format(date=long_date(on)) if self.record_id and on
                           else _("New hours"))
        self.kind.setCurrentIndex(max(0, self.kind.findData(state.get("kind", "talk"))))
        self.hours.setText(state.get("hours", ""))
        self.coordinator.setCurrentIndex(max(0, self.coordinator.findData(state.get("coordinator_id"))))
        self.note.setText(state.get("note", ""))

    def focus_first(self) -> None:
        """A new entry starts where the typing is: the hours (date, work and coordinator are filled in)."""
        target = self.on if self.record_id else self.hours
        target.setFocus(Qt.FocusReason.OtherFocusReason)


def _state(item: HoursItem) -> dict:
    return {"record_id": item.id, "on": item.on.isoformat(), "kind": item.kind, "hours": item.hours_text,
            "coordinator_id": item.coordinator_id, "note": item.note}


class HoursTab(RecordsTab):
    draft_name = "hours"
    compact_hidden = (3, 4)  # coordinator and note

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.selection_changed()

    def build_toolbar(self) -> None:
        self.add_button = QPushButton(icon("plus"), _("Add hours…"))
        self.open_button = QPushButton(icon("note-pencil"), _("Open"))
        self.delete_button = QPushButton(icon("trash"), _("Delete"))
        self.add_button.setAccessibleName(_("Add hours spent on this case"))
        self.open_button.setAccessibleName(_("Open the selected hours"))
        self.delete_button.setAccessibleName(_("Delete the selected hours"))
        self.total = QLabel()
        self.total.setAccessibleName(_("Hours in total"))
        self.end_toolbar_with(self.total, (self.add_button, self.open_button, self.delete_button))
        self.add_button.clicked.connect(lambda: self.open_record(None))
        self.open_button.clicked.connect(lambda: self.open_record(selected_id(self.table)))
        self.delete_button.clicked.connect(self.delete_selected)

    def make_model(self) -> HoursModel:
        return HoursModel(self)

    def make_editor(self) -> HoursEditor:
        return HoursEditor()

    def list_name(self) -> str:
        return _("Hours")

    def empty_text(self) -> str:
        return _("No hours recorded yet. Add the time spent on intake, talks, evaluation, closing and travel; "
                 "the annual report shows what a trajectory costs.")

    def load(self, case_id: int) -> None:
        self._load_coordinators()
        super().load(case_id)

    def _load_coordinators(self, keep_id: int | None = None) -> None:
        try:
            self.editor.set_coordinators(hours.coordinator_choices(self.workspace, keep_id))
        except BorError:
            self.editor.set_coordinators([])

    def list_rows(self, case_id: int) -> list[HoursItem]:
        return hours.list_hours(self.workspace, case_id)

    def record_state(self, record_id: int) -> dict:
        item = hours.get_hours(self.workspace, record_id)
        self._load_coordinators(item.coordinator_id)
        return _state(item)

    def new_state(self) -> dict:
        return {"on": dt.date.today().isoformat(), "kind": "talk", "coordinator_id": self.workspace.coordinator_id}

    def save_state(self, state: dict) -> int:
        return hours.record_hours(self.workspace, HoursInput(
            case_id=self.case_id, on=typed_dates.parse_date(state.get("on") or "", what=_("Date")),
            kind=state.get("kind") or "", hours=state.get("hours", ""), coordinator_id=state.get("coordinator_id"),
            note=state.get("note", ""), hours_id=state.get("record_id")))

    def discard_question(self) -> str:
        return _("The hours you typed have not been saved. Throw them away?")

    def after_reload(self) -> None:
        if self.case_id is None or self.workspace is None or self.workspace.is_locked:
            self.total.clear()
            return
        self.total.setText(hours.hours_summary(self.workspace, self.case_id).text())

    def selection_changed(self) -> None:
        has_case = self.case_id is not None
        chosen = selected_id(self.table) is not None
        self.add_button.setEnabled(has_case)
        self.open_button.setEnabled(has_case and chosen)
        self.delete_button.setEnabled(has_case and chosen)

    def delete_selected(self) -> None:
        hours_id = selected_id(self.table)
        if hours_id is None or not confirm(self, _("Delete hours"), _("Delete these hours?")):
            return
        try:
            hours.delete_hours(self.workspace, hours_id)
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        if self.editing_key == self.draft_key(hours_id):
            self.editor.set_dirty(False)
            self.close_editor()
        self.reload()
        self.changed.emit()
