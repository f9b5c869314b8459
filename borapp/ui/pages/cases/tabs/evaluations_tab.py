"""Evaluaties: the midway and final evaluations of a case, each with who took part and what was agreed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.services import typed_dates
from borapp.services.cases import evaluations
from borapp.services.cases.evaluations import EvaluationInput, EvaluationItem
from borapp.services.vault.workspace import Workspace
from borapp.ui.icons import icon
from borapp.ui.pages.cases.tabs.editor_panel import EditorPanel, text_box
from borapp.ui.pages.cases.tabs.record_tab import RecordsTab
from borapp.ui.pages.cases.tabs.rows_model import Column, RowsModel, selected_id
from borapp.ui.widgets.date_field import DateField


class EvaluationsModel(RowsModel):
    columns = (
        Column(N_("Date"), lambda e: long_date(e.held_on), sort_key=lambda e: (e.held_on, e.id)),
        Column(N_("Kind"), lambda e: e.kind_label),
        Column(N_("Participants"), lambda e: e.participants, tooltip=lambda e: e.participants or None),
        Column(N_("Agreements"), lambda e: " ".join(e.agreements.split()), tooltip=lambda e: e.agreements or None),
    )


class EvaluationEditor(EditorPanel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = self.add_form()
        self.held_on = DateField(optional=False)
        self.add_row(form, _("Date"), self.held_on, "held_on", required=True)
        self.kind = QComboBox()
        for code in evaluations.EVALUATION_KINDS:
            self.kind.addItem(evaluations.kind_label(code), code)
        self.add_row(form, _("Kind"), self.kind, "kind", required=True)
        self.participants = QLineEdit()
        self.add_row(form, _("Participants"), self.participants, "participants", required=True)
        self.agreements = text_box(_("Agreements"), 6)
        self.agreements.setPlaceholderText(_("What the parents agreed, e.g. how contact goes on"))
        self.add_row(form, _("Agreements"), self.agreements, "agreements")
        self.notes = text_box(_("Notes"), 6)
        self.add_row(form, _("Notes"), self.notes, "notes")
        self.finish()

    def state(self) -> dict:
        return {"record_id": self.record_id, "held_on": self.held_on.typed(),
                "kind": self.kind.currentData(), "participants": self.participants.text(),
                "agreements": self.agreements.toPlainText(), "notes": self.notes.toPlainText()}

    def fill(self, state: dict) -> None:
        self.held_on.set_typed(state.get("held_on") or dt.date.today().isoformat())
        held_on = self.held_on.value_or_none()
        kind = evaluations.kind_label(state.get("kind", "midway"))
        self.title.setText(f"{kind} · {long_date(held_on)}" if self.record_id and held_on else _("New evaluation"))
        self.kind.setCurrentIndex(max(0, self.kind.findData(state.get("kind", "midway"))))
        self.participants.setText(state.get("participants", ""))
        self.agreements.setPlainText(state.get("agreements", ""))
        self.notes.setPlainText(state.get("notes", ""))


def _state(item: EvaluationItem) -> dict:
    return {"record_id": item.id, "held_on": item.held_on.isoformat(), "kind": item.kind,
            "participants": item.participants, "agreements": item.agreements, "notes": item.notes}


class EvaluationsTab(RecordsTab):
    draft_name = "evaluations"
    compact_hidden = (3,)  # agreements

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        self._kind = ""  # the kind a new evaluation starts as ("" for the usual default)
        self._midway_held_on: dt.date | None = None  # the service's answer for the case shown (not the rows')
        super().__init__(workspace, parent)
        self.selection_changed()

    def start_midway(self) -> EvaluationEditor:
        """A new midway evaluation in the editor (the case header's step): saving it moves a case in visits on."""
        self._kind = "midway"
        try:
            self.open_record(None)
        finally:
            self._kind = ""
        return self.editor

    def build_toolbar(self) -> None:
        self.add_button = QPushButton(icon("plus"), _("Add evaluation…"))
        self.open_button = QPushButton(icon("note-pencil"), _("Open"))
        self.add_button.setAccessibleName(_("Add an evaluation"))
        self.open_button.setAccessibleName(_("Open the selected evaluation"))
        self.toolbar.addWidget(self.add_button)
        self.toolbar.addWidget(self.open_button)
        self.toolbar.addStretch()
        self.add_button.clicked.connect(lambda: self.open_record(None))
        self.open_button.clicked.connect(lambda: self.open_record(selected_id(self.table)))

    def make_model(self) -> EvaluationsModel:
        return EvaluationsModel(self)

    def make_editor(self) -> EvaluationEditor:
        editor = EvaluationEditor()
        editor.kind.currentIndexChanged.connect(lambda _i: self._say_second_midway())
        return editor

    def before_editor(self) -> None:
        super().before_editor()
        QTimer.singleShot(0, self, self._say_second_midway)  # once the editor holds the record it shows

    def _say_second_midway(self) -> None:
        """A new midway evaluation where one was recorded: said, not refused (a longer trajectory may have two)."""
        editor = self.editor
        if editor is None:
            return
        held_on = self._midway_held_on
        if editor.record_id is not None or editor.kind.currentData() != "midway" or held_on is None:
            message = ""
        else:
            message = _("A midway evaluation was recorded already, on {date}. A second one is kept beside it and "
                        "does not move the case; the final evaluation is chosen under Kind.").format(
                date=long_date(held_on))
        if editor.message_for("kind") is not None:
            editor.message_for("kind").show_message(message, warning=True)

    def list_name(self) -> str:
        return _("Evaluations")

    def empty_text(self) -> str:
        return _("No evaluations yet. Add the midway evaluation once it has been held.")

    def list_rows(self, case_id: int) -> list[EvaluationItem]:
        self._midway_held_on = None
        found = evaluations.case_evaluations(self.workspace, case_id)
        self._midway_held_on = found.midway_held_on
        return list(found.items)

    def clear(self) -> None:
        self._midway_held_on = None
        super().clear()

    def record_state(self, record_id: int) -> dict:
        return _state(evaluations.get_evaluation(self.workspace, record_id))

    def new_state(self) -> dict:
        defaults = evaluations.new_evaluation_defaults(self.workspace, self.case_id)
        return {"held_on": defaults.held_on.isoformat(), "kind": self._kind or defaults.kind,
                "participants": defaults.participants}

    def save_state(self, state: dict) -> int:
        held_on = state.get("held_on")
        return evaluations.save_evaluation(self.workspace, EvaluationInput(
            case_id=self.case_id, held_on=typed_dates.parse_date(held_on or "", what=_("Date")),
            kind=state.get("kind") or "", participants=state.get("participants", ""),
            agreements=state.get("agreements", ""), notes=state.get("notes", ""),
            evaluation_id=state.get("record_id")))

    def discard_question(self) -> str:
        return _("What you typed about this evaluation has not been saved. Throw it away?")

    def selection_changed(self) -> None:
        has_case = self.case_id is not None
        self.add_button.setEnabled(has_case)
        self.open_button.setEnabled(has_case and selected_id(self.table) is not None)
