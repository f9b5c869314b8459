"""One open case: the header and the tabs (Gezin, Verwijzing, Afspraken, Omgangsmomenten, Evaluaties, Brieven,
Bijlagen, Tijdlijn). Opening writes the access log once; reloads after a save do not. A tab holding typing not
saved yet says so in its title ("Gezin •"), checked when the focus leaves a field of the case file.

The visits, evaluations, letters and attachments tabs come from `pages/cases/tabs/`, imported like any module: a
build without one of them fails at start, never silently.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QVBoxLayout, QWidget

from borapp.i18n import N_, _
from borapp.services.cases.case_file import CaseFile, load_case
from borapp.services.cases.letters import suggested_kind
from borapp.services.vault.workspace import Workspace
from borapp.ui.pages.cases.case_file.agreements_tab import AgreementsTab
from borapp.ui.pages.cases.case_file.case_header import CaseHeader
from borapp.ui.pages.cases.case_file.family_tab import FamilyTab
from borapp.ui.pages.cases.case_file.form_tab import FormTab
from borapp.ui.pages.cases.case_file.handover_dialog import HandoverDialog
from borapp.ui.pages.cases.case_file.hours_tab import HoursTab
from borapp.ui.pages.cases.case_file.referral_tab import ReferralTab
from borapp.ui.pages.cases.case_file.status_dialog import StatusDialog
from borapp.ui.pages.cases.case_file.timeline_tab import TimelineTab
from borapp.ui.pages.cases.tabs.attachments_tab import AttachmentsTab
from borapp.ui.pages.cases.tabs.base import CaseTab
from borapp.ui.pages.cases.tabs.evaluations_tab import EvaluationsTab
from borapp.ui.pages.cases.tabs.letters_tab import LettersTab
from borapp.ui.pages.cases.tabs.visits_tab import VisitsTab

# (key, tab title msgid, class)
TAB_SPECS = (
    ("family", N_("Family"), FamilyTab),
    ("referral", N_("Referral"), ReferralTab),
    ("agreements", N_("Agreements"), AgreementsTab),
    ("visits", N_("Visits"), VisitsTab),
    ("evaluations", N_("Evaluations"), EvaluationsTab),
    ("hours", N_("Hours"), HoursTab),
    ("letters", N_("Letters"), LettersTab),
    ("attachments", N_("Attachments"), AttachmentsTab),
    ("timeline", N_("Timeline"), TimelineTab),
)
UNSAVED_MARK = " •"


class CaseFileWidget(QWidget):
    back_requested = Signal()
    changed = Signal()
    open_volunteer = Signal(int)  # a volunteer's profile, asked for from the matching wizard
    open_letter = Signal(int)  # a letter in the outbox (0: the outbox), asked for from the letters tab

    def __init__(self, workspace: Workspace | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.facts: CaseFile | None = None
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.header = CaseHeader()
        self.header.back_requested.connect(self.back_requested)
        self.header.step_requested.connect(self.take_step)
        self.header.handover_requested.connect(self.ask_handover)
        self.header.match_requested.connect(self.ask_match)
        layout.addWidget(self.header)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Case file"))
        self.tabs.setDocumentMode(True)
        self.case_tabs: dict[str, CaseTab] = {}
        for key, title, spec in TAB_SPECS:
            tab = spec(workspace)
            tab.changed.connect(lambda t=tab: self._tab_changed(t))
            self.case_tabs[key] = tab
            tab.setObjectName(key)  # English name for screenshots and tests
            self.tabs.addTab(tab, _(title))
        self.titles = {key: _(title) for key, title, _spec in TAB_SPECS}
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self.mark_unsaved)
        self._mark_timer = QTimer(self, singleShot=True, interval=0)
        self._mark_timer.timeout.connect(self.mark_unsaved)
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self.case_tabs["timeline"].privacy.erased.connect(self._erased)
        self.case_tabs["letters"].new_letter_requested.connect(self.ask_letter)
        self.case_tabs["letters"].show_in_outbox.connect(self.open_letter)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back_requested.emit)

    def _erased(self, _ref: str) -> None:
        """The case is gone: nothing of it may stay on screen or come back as a draft."""
        self.clear()
        self.changed.emit()
        self.back_requested.emit()

    @property
    def case_id(self) -> int | None:
        return self.facts.id if self.facts else None

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        for tab in self.case_tabs.values():
            tab.set_workspace(workspace)

    # ---- loading ------------------------------------------------------------------------------------------------

    def load(self, case_id: int) -> None:
        """Open a case (written to the access log) on its first tab."""
        if case_id != self.case_id:
            self.clear()
            self.tabs.setCurrentIndex(0)
        self.facts = load_case(self.workspace, case_id)
        self._show(self.facts)
        for tab in self.case_tabs.values():
            if not isinstance(tab, FormTab):
                tab.load(case_id)
        self.mark_unsaved()

    def reload(self, *, others: bool = True, skip: CaseTab | None = None) -> None:
        """The same case again after a change (no new access-log entry); typing in the tabs stays.

        `others` reloads the visits, evaluations, letters and attachments tabs too (except `skip`, the tab that
        just changed and has reloaded itself)."""
        if self.case_id is None or self.workspace is None or self.workspace.is_locked:
            return
        self.facts = load_case(self.workspace, self.case_id, record_open=False)
        self._show(self.facts)
        if others:
            for tab in self.case_tabs.values():
                if not isinstance(tab, FormTab) and tab is not skip:
                    tab.load(self.case_id)

    def _show(self, facts: CaseFile) -> None:
        self.header.show_case(facts)
        for tab in self.case_tabs.values():
            if isinstance(tab, FormTab):
                tab.show_case(facts)

    def _tab_changed(self, tab: CaseTab) -> None:
        self.reload(others=not isinstance(tab, FormTab), skip=tab)
        if isinstance(tab, FormTab) and self.case_id is not None and self.workspace is not None \
                and not self.workspace.is_locked:
            # a signed copy kept from the agreements tab goes into Bijlagen, which still said "no attachments"
            self.case_tabs["attachments"].load(self.case_id)
        self.mark_unsaved()
        self.changed.emit()

    def clear(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        self.facts = None
        self.header.clear()
        for tab in self.case_tabs.values():
            tab.clear()
        self.mark_unsaved()

    # ---- steps --------------------------------------------------------------------------------------------------

    def take_step(self, option=None) -> QWidget | None:
        """The header's step (its next step by default): the work when the step is work, and the status follows once
        it is done (the contract panel, the matching wizard, a new midway evaluation); else the status dialog."""
        option = option or (self.facts.next_step if self.facts else None)
        if self.facts is None or option is None:
            return None
        if option.work == "contract":
            return self.show_tab("agreements").show_contract()
        if option.work == "match":
            return self.ask_match()
        if option.work == "evaluation":
            return self.show_tab("evaluations").start_midway()
        return self.ask_step(option)

    def ask_step(self, option=None) -> StatusDialog | None:
        """The status dialog preset to `option` (by default the next step, when that is a status to pick); it offers
        no step that follows from work. Non-blocking."""
        if self.facts is None:
            return None
        dialog = StatusDialog(self.workspace, self.facts, option or self.facts.next_step, self)
        return self._open(dialog)

    def ask_handover(self) -> HandoverDialog | None:
        if self.facts is None:
            return None
        return self._open(HandoverDialog(self.workspace, self.facts, self))

    def ask_match(self) -> QDialog | None:
        """The matching wizard for this case (in matching); non-blocking."""
        if self.facts is None:
            return None
        from borapp.ui.wizards.matching import MatchingWizard

        wizard = MatchingWizard(self.workspace, self.facts.id, self)
        wizard.open_volunteer_requested.connect(self._open_volunteer)
        return self._open(wizard)

    def ask_letter(self, kind: str = "") -> QDialog | None:
        """A new feedback letter for this case (the outbox's dialog, its case and `kind` filled in: by default the
        one the case is most likely due); non-blocking."""
        if self.facts is None:
            return None
        from borapp.ui.pages.outbox.new_letter import NewLetterDialog

        if not kind:  # the letter the case is most likely due, not always the first kind
            kind = suggested_kind(self.workspace, self.facts.id)
        dialog = NewLetterDialog(self.workspace, self, self.facts.ref, kind)
        dialog.made.connect(self.case_tabs["letters"].show_made)
        return self._open(dialog)

    def _open_volunteer(self, volunteer_id: int) -> None:
        """From the wizard (which closes: the case stays where it is) to the volunteer's profile."""
        if self.dialog is not None:
            self.dialog.reject()  # asks first when a note was typed there
            if self.dialog is not None and self.dialog.isVisible():
                return  # she kept the typing: the wizard stays open
        self.open_volunteer.emit(volunteer_id)

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda result, d=dialog: self._dialog_finished(d, result))
        dialog.open()
        return dialog

    def _dialog_finished(self, dialog: QDialog, result: int) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted.value:
            self.reload()
            self.changed.emit()

    # ---- drafts -------------------------------------------------------------------------------------------------

    def drafts(self) -> dict[str, dict]:
        found: dict[str, dict] = {}
        if self.case_id is not None:
            for tab in self.case_tabs.values():
                found.update(tab.drafts())
        return found

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        """Put the typing back and show the tab it was typed in, so the coordinator sees it at once."""
        shown = None
        for key, tab in self.case_tabs.items():
            tab.restore_drafts(drafts)
            if shown is None and tab.drafts():
                shown = key
        if shown is not None:
            self.show_tab(shown)
        self.mark_unsaved()

    def unsaved_tabs(self) -> list[str]:
        """The titles of the tabs holding typing not saved yet, in their order."""
        if self.case_id is None:
            return []
        return [self.titles[key] for key, tab in self.case_tabs.items() if tab.drafts()]

    def mark_unsaved(self, *_args) -> None:
        """Each tab's title says whether it holds typing not saved yet."""
        unsaved = set(self.unsaved_tabs())
        for index, (key, title) in enumerate(self.titles.items()):
            text = title + UNSAVED_MARK if title in unsaved else title
            if self.tabs.tabText(index) != text:
                self.tabs.setTabText(index, text)
                self.tabs.setTabToolTip(index, _("Not saved yet") if title in unsaved else "")

    def _focus_moved(self, old: QWidget | None, _new: QWidget | None) -> None:
        """Checked a moment later: the focus also moves while fields are being taken away (a child's row, a window
        closing), and their widgets are gone before the lists that name them are updated."""
        if old is not None and self.case_id is not None and self.tabs.isAncestorOf(old):
            self._mark_timer.start()

    def tab(self, key: str) -> CaseTab:
        return self.case_tabs[key]

    def show_tab(self, key: str) -> CaseTab:
        tab = self.case_tabs[key]
        self.tabs.setCurrentWidget(tab)
        return tab
