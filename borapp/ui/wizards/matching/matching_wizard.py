"""The matching wizard (koppelen): choose a volunteer from the ranking and confirm, or record that nobody fits.
When nobody can be matched it says what to put right; "Open profile" asks the case file for a volunteer's profile.

Pages: 1 candidates → 2 confirm, or 1 candidates → 3 no match. Everything goes through `services.matching` and
`services.matching.flow`; the wizard keeps no database object. Accepted means the case changed.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from borapp.i18n import _
from borapp.services.errors import BorError
from borapp.services.matching.flow import add_exclusion, matching_case, remove_exclusion
from borapp.services.matching.ranking import Candidate, rank_candidates
from borapp.ui.kept_typing import closed_by_lock, has_typing, keep_as, typing
from borapp.ui.widgets.discard_question import ask_to_discard
from borapp.ui.widgets.screen_fit import resize_within_screen
from borapp.ui.widgets.tab_order import tab_stops
from borapp.ui.widgets.wizard_keys import chain_tab_order, enter_goes_forward
from borapp.ui.wizards.matching.candidates_page import CandidatesPage
from borapp.ui.wizards.matching.confirm_page import ConfirmPage
from borapp.ui.wizards.matching.no_match_page import NoMatchPage
from borapp.ui.wizards.matching.page_ids import CANDIDATES, CONFIRM, NO_MATCH

BUTTONS_AS_DRAWN = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                    QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)
DEFAULT_SIZE = QSize(1120, 680)  # fits a 1366×768 screen with the taskbar and title bar; less on a smaller one


class MatchingWizard(QWizard):
    open_volunteer_requested = Signal(int)  # a volunteer's profile, to put right what keeps them from matching

    def __init__(self, workspace, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("matchingWizard")
        self.workspace, self.case_id = workspace, case_id
        self.info = matching_case(workspace, case_id)
        self.setWindowTitle(_("Match a volunteer – case {ref}").format(ref=self.info.ref))
        keep_as(self, f"case/{case_id}/matching")  # a lock keeps the notes typed here (and the no-match tick)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.candidates = CandidatesPage(self.info)
        self.confirm = ConfirmPage(workspace, self.info)
        self.no_match = NoMatchPage(workspace, self.info)
        self.setPage(CANDIDATES, self.candidates)
        self.setPage(CONFIRM, self.confirm)
        self.setPage(NO_MATCH, self.no_match)
        self.setStartId(CANDIDATES)
        self.candidates.exclusion_requested.connect(self._exclude)
        self.candidates.allow_requested.connect(self._allow)
        self.candidates.profile_requested.connect(self.open_volunteer_requested)
        enter_goes_forward(self)  # Next, or Match / Close the case on the last page
        self.currentIdChanged.connect(self._page_changed)
        resize_within_screen(self, DEFAULT_SIZE.width(), DEFAULT_SIZE.height())
        self.refresh()

    def refresh(self) -> None:
        """Rank again (after an exclusion changed); the selection stays where it can."""
        self.ranking = rank_candidates(self.workspace, self.case_id)
        self.candidates.set_ranking(self.ranking)

    def chosen(self) -> Candidate | None:
        return self.candidates.chosen()

    def reject(self) -> None:
        """Cancel, Escape and the window's close button ask before a typed note is thrown away (a lock keeps it)."""
        if not closed_by_lock(self) and has_typing(typing(self)):
            if not ask_to_discard(self, _("Not saved"), _("What you typed has not been saved. Throw it away?")):
                return
            if closed_by_lock(self):
                return  # the lock closed it meanwhile and keeps the typing as a draft
        super().reject()

    def _page_changed(self, number: int) -> None:
        """The last pages start in their date; Tab goes down the page, then Back, Match (or Close the case) and
        Cancel as drawn. The date comes first so a refused one is seen before the note."""
        page = self.page(number)
        if page in (self.confirm, self.no_match):
            chain_tab_order(self, tab_stops(page), BUTTONS_AS_DRAWN)
            page.on.setFocus(Qt.FocusReason.TabFocusReason)

    def _exclude(self, candidate: Candidate, reason: str) -> None:
        self._change(lambda: add_exclusion(self.workspace, self.case_id, candidate.volunteer_id, reason))

    def _allow(self, candidate: Candidate | None) -> None:
        if candidate is not None:
            self._change(lambda: remove_exclusion(self.workspace, self.case_id, candidate.volunteer_id))

    def _change(self, action) -> None:
        try:
            action()
        except BorError as exc:
            self.candidates.show_error(str(exc))
            return
        self.refresh()
