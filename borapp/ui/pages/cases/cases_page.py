"""Dossiers: the case list (search as you type, filters, a table sorted in SQL) and, in its place, an open case file
or the intake wizard.

Unsaved typing in the open case file survives going back to the list (the file stays loaded behind it), a lock
(as drafts) and the app closing; opening another case with unsaved typing asks first. After an unlock the case file
is open again on the tab it was on (`place()`, `return_to()`). An unfinished intake is kept as a draft when the page
leaves it, on lock, and every 20 s; Today offers to resume it.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services import drafts as draft_store
from borapp.services.errors import NotFound
from borapp.services.intake import answers
from borapp.services.vault.workspace import Workspace
from borapp.ui.pages.base import Page
from borapp.ui.pages.cases.case_file.case_file_widget import CaseFileWidget
from borapp.ui.pages.cases.case_file.form_tab import DRAFT_PREFIX
from borapp.ui.pages.cases.case_list_panel import CaseListPanel
from borapp.ui.widgets.discard_question import ask_to_discard
from borapp.ui.wizards.intake.area import CreatedNotice, IntakeArea, is_intake_key
from borapp.ui.wizards.intake.kept_question import CONTINUE, NEW, ask_which_intake

_CASE_KEY = re.compile(r"^case/(\d+)/")


class CasesPage(Page):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 4)
        self.notice = CreatedNotice()
        layout.addWidget(self.notice)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.list_panel = CaseListPanel(workspace)
        self.list_panel.case_chosen.connect(self.open_case_file)
        self.list_panel.new_intake_requested.connect(self.start_intake)
        self.list_panel.import_requested.connect(self.import_spreadsheet)
        self.case_file = CaseFileWidget(workspace)
        self.case_file.back_requested.connect(self.show_list)
        self.case_file.changed.connect(self._case_changed)
        self.case_file.open_volunteer.connect(self.open_volunteer)
        self.case_file.open_letter.connect(
            lambda letter_id: self.go_to.emit(f"outbox/letter/{letter_id}" if letter_id else "outbox"))
        self.intake = IntakeArea(workspace)
        self.intake.closed.connect(self.show_list)
        self.intake.created.connect(self._intake_created)
        self.intake.open_case_requested.connect(self.open_case_file)
        self.stack.addWidget(self.list_panel)
        self.stack.addWidget(self.case_file)
        self.stack.addWidget(self.intake)
        self.stack.currentChanged.connect(self._stack_changed)
        self._list_stale = False  # a case changed since the list was loaded

    # ---- Page ---------------------------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace) -> None:
        super().set_workspace(workspace)
        self.list_panel.set_workspace(workspace)
        self.case_file.set_workspace(workspace)
        self.intake.set_workspace(workspace)

    def refresh(self) -> None:
        if self.workspace is None or self.workspace.is_locked:
            return
        self.list_panel.refresh()
        self._list_stale = False
        if self.showing_case_file():
            self.case_file.reload()

    def clear(self) -> None:
        self.intake.clear()
        self.notice.clear()
        self.case_file.clear()
        self.list_panel.clear()
        self.stack.setCurrentWidget(self.list_panel)

    def drafts(self) -> dict[str, dict]:
        return {**self.case_file.drafts(), **self.intake.drafts()}

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        self._restore_case_drafts(drafts)
        if self.intake.restore_drafts(drafts):  # the intake open at the lock comes back in front
            self.stack.setCurrentWidget(self.intake)

    def open_draft(self, key: str) -> bool:
        """Resume a kept intake (from Today's "Unsaved edits to resume")."""
        if not is_intake_key(key):
            return False
        if self.intake.resume(key):
            self.stack.setCurrentWidget(self.intake)
        return True

    def place(self) -> dict:
        if self.showing_case_file() and self.case_file.case_id is not None:
            return {"case": self.case_file.case_id, "tab": self.case_file.tabs.currentWidget().objectName()}
        if self.stack.currentWidget() is self.intake and self.intake.wizard is not None:
            return {"intake": self.intake.wizard.key}
        return {}

    def return_to(self, place: dict) -> None:
        """The case file on its tab (the typing kept in it is back already), the intake, or the list; a case erased
        meanwhile leaves the list in view, with no message (what would it say that the list does not?)."""
        case_id, intake = place.get("case"), place.get("intake")
        if isinstance(case_id, int) and self._return_to_case(case_id):
            if place.get("tab") in self.case_file.case_tabs:
                self.case_file.show_tab(place["tab"])
        elif isinstance(intake, str) and is_intake_key(intake) and self.intake.resume(intake):
            self.stack.setCurrentWidget(self.intake)
        else:
            self.stack.setCurrentWidget(self.list_panel)

    def _return_to_case(self, case_id: int) -> bool:
        if case_id == self.case_file.case_id:  # reopened already for its drafts: no second access-log entry
            self.stack.setCurrentWidget(self.case_file)
            return True
        try:
            self._show_case(case_id)
        except NotFound:
            return False
        return True

    def _restore_case_drafts(self, drafts: dict[str, dict]) -> None:
        """Reopen the case the typing belongs to and put the typing back in its tabs."""
        case_ids = {int(m.group(1)) for key in drafts if (m := _CASE_KEY.match(key))}
        if not case_ids:
            return
        case_id = min(case_ids)  # one case file is open at a time, so drafts belong to one case
        try:
            self._show_case(case_id)
        except NotFound:
            return  # the case is gone (deleted meanwhile): nothing to put the typing into
        self.case_file.restore_drafts(drafts)

    # ---- navigation ---------------------------------------------------------------------------------------------

    def open_case_file(self, case_id: int) -> None:
        if case_id != self.case_file.case_id and not self._may_leave_case():
            return
        try:
            self._show_case(case_id)
        except NotFound as exc:
            self.show_list()
            QMessageBox.warning(self, _("Case not found"), str(exc))

    def show_section(self, key: str) -> None:
        """"case/<case id>/<tab>": that case on that tab; "letter/<case id>/<kind>": that case's letters, with the
        new-letter dialog for `kind` open (from Today's letters owed to the referrer)."""
        what, _sep, rest = key.partition("/")
        case_id, _sep, detail = rest.partition("/")
        if what not in ("case", "letter") or not case_id.isdigit():
            return
        self.open_case_file(int(case_id))
        if self.case_file.case_id != int(case_id):
            return  # the coordinator chose to stay with the typing in the case file on screen
        tab = "letters" if what == "letter" else detail
        if tab in self.case_file.case_tabs:
            self.case_file.tabs.setCurrentWidget(self.case_file.tab(tab))
        if what == "letter":
            self.case_file.ask_letter(detail)

    def _show_case(self, case_id: int) -> None:
        self.case_file.load(case_id)
        self.stack.setCurrentWidget(self.case_file)
        self.case_file.tabs.setFocus()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_panel)
        if self._list_stale:  # otherwise keep the place and selection in the list
            self._list_stale = False
            self.list_panel.refresh()
        self.list_panel.table.setFocus()

    def import_spreadsheet(self) -> None:
        from borapp.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.workspace, self)
        dialog.imported.connect(self.refresh)
        dialog.imported.connect(self.changed)
        dialog.open()

    def start_intake(self) -> None:
        """A new intake; when one is kept to continue later (and not open now), she is asked which."""
        self.notice.clear()
        open_key = self.intake.wizard.key if self.intake.wizard is not None else None
        kept = [k for k in answers.kept_intakes(self.workspace) if k.key != open_key]
        choice = ask_which_intake(self, kept) if kept else NEW
        if choice == CONTINUE and self.intake.resume(kept[0].key):
            self.stack.setCurrentWidget(self.intake)
        elif choice == NEW:
            self.intake.start()
            self.stack.setCurrentWidget(self.intake)

    def _intake_created(self, created) -> None:
        self._list_stale = True
        self.open_case_file(created.case_id)
        if self.stack.currentWidget() is self.intake:  # the open case file kept its typing: show the list
            self.show_list()
        self.notice.show_created(created)
        self.changed.emit()

    def _stack_changed(self, _index: int) -> None:
        if self.stack.currentWidget() is not self.intake:
            self.intake.close_keeping_draft()  # leaving the wizard keeps it as a draft, resumable from Today
        if self.stack.currentWidget() is not self.case_file:
            self.notice.clear()

    def showing_case_file(self) -> bool:
        return self.stack.currentWidget() is self.case_file

    def focus_search(self) -> None:
        if self.stack.currentWidget() is not self.list_panel:
            self.show_list()
        self.list_panel.focus_search()

    def _may_leave_case(self) -> bool:
        """True when nothing is unsaved in the open case, or the user agrees to throw the typing away."""
        unsaved = self.case_file.drafts()
        if not unsaved:
            return True
        ref = self.case_file.facts.ref if self.case_file.facts else ""
        if not ask_to_discard(self, _("Unsaved changes"), _(
                "Case {ref} has changes that are not saved, on: {tabs}. Throw them away?").format(
                ref=ref, tabs=", ".join(self.case_file.unsaved_tabs()))):
            return False
        for key in unsaved:
            draft_store.delete_draft(self.workspace, DRAFT_PREFIX + key)
        return True

    def _case_changed(self) -> None:
        self._list_stale = True
        self.changed.emit()
