"""Omgangsmomenten: the visits of a case, a series planned in one go, each recorded as held or cancelled; a held
visit's report finished, and added to with addenda from then on."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from borapp.i18n import _
from borapp.services.costs import expenses as costs_expenses
from borapp.services.costs.rates import read_rates
from borapp.services.errors import BorError, ValidationError
from borapp.services.vault.workspace import Workspace
from borapp.services.visits import addenda, records
from borapp.ui.icons import icon
from borapp.ui.pages.cases.tabs.addendum_dialog import AddendumDialog
from borapp.ui.pages.cases.tabs.plan_series_dialog import PlanSeriesDialog
from borapp.ui.pages.cases.tabs.record_tab import RecordsTab
from borapp.ui.pages.cases.tabs.rows_model import selected_id, selected_row
from borapp.ui.pages.cases.tabs.visit_editor import HELD_LINES, HELD_TEXTS, VisitEditor, detail_state, visit_input
from borapp.ui.pages.cases.tabs.visit_expenses import (check_with_expenses, expense_state, planned_claim,
                                                     save_with_expenses)
from borapp.ui.pages.cases.tabs.visit_report import typed_as_addendum
from borapp.ui.pages.cases.tabs.visits_model import VisitsModel
from borapp.ui.widgets.forms import confirm


class VisitsTab(RecordsTab):
    draft_name = "visits"
    compact_hidden = (3, 4)  # volunteer and place

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        self.series_dialog: PlanSeriesDialog | None = None
        self.addendum_dialog: AddendumDialog | None = None
        self._volunteers_for: int | None = None  # the case whose volunteers the editor's list holds
        super().__init__(workspace, parent)
        self.editor.finish_requested.connect(self.finish_report)
        self.editor.report.add_button.clicked.connect(lambda: self.open_addendum())
        self.selection_changed()

    def build_toolbar(self) -> None:
        self.refused = ""  # why no visit can be planned or added (a closed case), from the service
        self.plan_button = QPushButton(icon("calendar-plus"), _("Plan a series…"))
        self.record_button = QPushButton(icon("note-pencil"), _("Record visit…"))
        self.add_button = QPushButton(icon("plus"), _("Add visit…"))
        self.delete_button = QPushButton(icon("trash"), _("Delete"))
        self.plan_button.setAccessibleName(_("Plan a series of visits"))
        self.record_button.setAccessibleName(_("Record the selected visit"))
        self.record_button.setToolTip(_("Record how the selected visit went, or that it was cancelled. "
                                        "Double-click or Enter on a row does the same."))
        self.add_button.setAccessibleName(_("Add a visit that was not planned"))
        self.delete_button.setAccessibleName(_("Delete the selected planned visit"))
        self.counts = QLabel()
        self.counts.setAccessibleName(_("Visit counts"))
        self.end_toolbar_with(self.counts, (self.plan_button, self.record_button, self.add_button, self.delete_button))
        self.plan_button.clicked.connect(self.plan_series)
        self.record_button.clicked.connect(lambda: self.open_record(selected_id(self.table)))
        self.add_button.clicked.connect(lambda: self.open_record(None))
        self.delete_button.clicked.connect(self.delete_selected)

    # ---- RecordsTab --------------------------------------------------------------------------------------------

    def make_model(self) -> VisitsModel:
        return VisitsModel(self)

    def make_editor(self) -> VisitEditor:
        return VisitEditor()

    def list_name(self) -> str:
        return _("Visits")

    def empty_text(self) -> str:
        return _("No visits yet. Plan a series, or record a visit that took place.")

    def list_rows(self, case_id: int) -> list[records.VisitItem]:
        return records.list_visits(self.workspace, case_id)

    def load(self, case_id: int) -> None:
        self._volunteers_for = None  # the editor's list of volunteers is filled when it first opens
        super().load(case_id)

    def before_editor(self) -> None:
        """The volunteers to choose from, once per case and only when a visit is opened: opening a case file
        does not read every volunteer (8,500 names at 100,000 demo cases, 40 ms a case)."""
        if self._volunteers_for == self.case_id:
            return
        try:
            self.editor.set_volunteers(records.volunteer_choices(self.workspace, self.case_id))
        except BorError:
            self.editor.set_volunteers([])  # the list says what went wrong
        self._volunteers_for = self.case_id

    def record_state(self, record_id: int) -> dict:
        detail = records.get_visit(self.workspace, record_id)
        state = detail_state(detail)
        if detail.state == "planned" and detail.volunteer_id is None:  # planned before the match: as a new visit
            state |= self._case_volunteer()
        return state | expense_state(costs_expenses.expense_for_visit(self.workspace, record_id))

    def new_state(self) -> dict:
        place = records.planning_defaults(self.workspace, self.case_id).place
        return {"state": "held", "place": place, **self._case_volunteer(),
                "rate_cents": read_rates(self.workspace).kilometre_rate_cents}

    def _case_volunteer(self) -> dict:
        """The case's volunteer as the one who supervises, the editor's default."""
        choices = records.volunteer_choices(self.workspace, self.case_id)
        own = next((c for c in choices if c.is_case_volunteer), None)
        return {"volunteer_id": own.id if own else None, "volunteer_name": own.name if own else ""}

    def save_state(self, state: dict) -> int:
        return save_with_expenses(self.workspace, state,
                                  lambda: records.record_visit(self.workspace, visit_input(self.case_id, state)),
                                  claim_only=self._shown_finished(state))

    def _shown_finished(self, state: dict) -> bool:
        """The editor showed this visit's report finished (read-only but for the claim); a report finished meanwhile
        is not: the typing into it is refused and offered as an addendum."""
        return bool(state.get("record_id") is not None and self._loaded and self._loaded.get("report_final_on"))

    def may_save(self, state: dict) -> bool:
        """How a held visit went is kept only for a held visit: saved as cancelled or planned, the text typed for it
        was thrown away without a word. Asked first, with the fields named; No keeps everything on screen. So is the
        volunteer's claim of a visit moved back to planned (it stayed, hidden, and was paid)."""
        if state.get("state") == "held":
            return True
        written = [self._label_of(name) for name in (*HELD_LINES, *HELD_TEXTS) if str(state.get(name) or "").strip()]
        claim = planned_claim(state)  # a planned visit has no claim: it was kept, hidden, and still paid
        if not (written or claim) or not self._can_save(state):  # a refusal first, the question last (once)
            return not (written or claim)
        if claim:
            question = (_("What was written about how the visit went ({fields}) and the volunteer's expenses claim "
                          "({claim}) are not kept for a planned visit. Save it as planned without them?") if written
                        else _("A planned visit has no expenses claim. Save it as planned and remove the volunteer's "
                               "claim ({claim})?"))
            return confirm(self, _("Save visit"), question.format(fields=", ".join(written), claim=claim))
        question = (_("What was written about how the visit went ({fields}) is not kept for a cancelled visit. "
                      "Save it as cancelled without that text?") if state.get("state") == "cancelled" else
                    _("What was written about how the visit went ({fields}) is not kept for a visit a parent did not "
                      "show up for. Save it as not shown up for without that text?")
                    if state.get("state") == "no_show" else
                    _("What was written about how the visit went ({fields}) is not kept for a planned visit. "
                      "Save it as planned without that text?"))
        return confirm(self, _("Save visit"), question.format(fields=", ".join(written)))

    def _can_save(self, state: dict) -> bool:
        """What the save would refuse, said under its field before anything is asked."""
        try:
            check_with_expenses(state, lambda: records.check_visit(self.workspace, visit_input(self.case_id, state)),
                                self._shown_finished(state))
        except ValidationError as exc:
            self.save_refused(exc, state)
            return False
        except BorError as exc:
            self.editor.show_problem("", str(exc))
            return False
        return True

    def save_refused(self, exc: ValidationError, state: dict) -> None:
        """A report finished meanwhile (by a colleague, through team sync) is not changed: what was typed into it
        can be kept as an addendum instead, so nothing typed is lost."""
        super().save_refused(exc, state)
        if exc.field == "report" and state.get("record_id") is not None:
            self.open_addendum(typed_as_addendum(self.loaded_state, self.editor.state()),
                               _("The report was finished meanwhile. Keep what you typed as an addendum?"),
                               _("Keep as addendum"))

    def discard_question(self) -> str:
        return _("What you typed about this visit has not been saved. Throw it away?")

    def after_reload(self) -> None:
        if self.case_id is None:
            self.counts.clear()
            self.refused = ""
            return
        self.counts.setText(records.visit_counts(self.workspace, self.case_id).summary())
        self.refused = records.planning_refused(self.workspace, self.case_id)

    def selection_changed(self) -> None:
        has_case = self.case_id is not None
        item = selected_row(self.table)
        for button, words in ((self.plan_button, _("Plan a series of visits")),
                              (self.add_button, _("Add a visit that was not planned"))):
            button.setEnabled(has_case and not self.refused)  # a closed case: refused only after the typing
            button.setToolTip(self.refused or words)
        self.record_button.setEnabled(item is not None)
        self.delete_button.setEnabled(item is not None and item.state == "planned")
        self.delete_button.setToolTip(_("Only a planned visit can be deleted; a visit held, cancelled or not "
                                        "shown up for stays in the case file.") if item is not None and item.state != "planned" else "")

    def clear(self) -> None:
        for dialog in (self.series_dialog, self.addendum_dialog):
            if dialog is not None:
                dialog.reject()
        super().clear()
        self.editor.set_volunteers([])  # no names left behind in the widgets
        self._volunteers_for = None

    # ---- actions -----------------------------------------------------------------------------------------------

    def plan_series(self) -> None:
        if self.case_id is None:
            return
        try:
            self.series_dialog = PlanSeriesDialog(self.workspace, self.case_id, self)
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        dialog = self.series_dialog
        dialog.accepted.connect(lambda: self._series_planned(dialog.planned_ids))
        dialog.finished.connect(self._forget_dialog)
        dialog.open()

    def _series_planned(self, ids: list[int]) -> None:
        self.reload(select=ids[0] if ids else None)
        self.changed.emit()

    def _forget_dialog(self) -> None:
        if self.series_dialog is not None:
            self.series_dialog.deleteLater()
            self.series_dialog = None

    def delete_selected(self) -> None:
        visit_id = selected_id(self.table)
        if visit_id is None:
            return
        if not confirm(self, _("Delete visit"), _("Delete this planned visit?")):
            return
        try:
            records.delete_visit(self.workspace, visit_id)
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        if self.editing_key == self.draft_key(visit_id):
            self.editor.set_dirty(False)
            self.close_editor()
        self.reload()
        self.changed.emit()

    # ---- a finished report -------------------------------------------------------------------------------------

    def finish_report(self) -> None:
        """Finish the open visit's report, after asking. Typing not yet saved is saved first: a coordinator who
        writes the last lines and then clicks Finish expects them in the report she finishes, and refusing until she
        saved would only add a click (a refusal to save shows at its field, and nothing is finished then)."""
        visit_id = self.editor.record_id
        if visit_id is None or not confirm(self, _("Finish report"), _(
                "Finish the report of this visit? It can then no longer be changed, only added to with addenda.")):
            return
        saved = self.editor.dirty
        if saved and self.store_typing() is None:
            return
        try:
            addenda.finish_report(self.workspace, visit_id)
        except BorError as exc:
            self.reopen_record(visit_id)
            self.editor.show_problem(getattr(exc, "field", ""), str(exc), _("Not finished: check the marked field."))
            self._after_change(visit_id, changed=saved)
            return
        self.reopen_record(visit_id)
        self._after_change(visit_id, changed=True)

    def open_addendum(self, text: str = "", intro: str = "", accept_text: str = "") -> None:
        """The dialog that adds an addendum to the open visit's finished report."""
        visit_id = self.editor.record_id
        if visit_id is None:
            return
        dialog = self.addendum_dialog = AddendumDialog(self.workspace, visit_id, self, text=text, intro=intro,
                                                       accept_text=accept_text)
        dialog.accepted.connect(lambda: self._addendum_added(visit_id))
        dialog.finished.connect(self._forget_addendum_dialog)
        dialog.open()

    def _addendum_added(self, visit_id: int) -> None:
        if self.editing_key == self.draft_key(visit_id):
            if self.editor.dirty:
                self.discard_typing()  # typed into a report finished meanwhile: it is kept now, as the addendum
            self.reopen_record(visit_id)
        self._after_change(visit_id, changed=True)

    def _forget_addendum_dialog(self) -> None:
        if self.addendum_dialog is not None:
            self.addendum_dialog.deleteLater()
            self.addendum_dialog = None

    def _after_change(self, visit_id: int, *, changed: bool) -> None:
        if changed:
            self.reload(select=visit_id)
            self.changed.emit()
