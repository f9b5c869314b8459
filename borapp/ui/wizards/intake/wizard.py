"""The intake wizard: ten pages, embedded in the Cases page (not a window of its own), its whole state one JSON dict.

The state is kept as an encrypted draft under "ui/intake/<uuid>" at every page change, whenever the main window
collects drafts (on lock, a breath after typing stops, and every 20 s), and when the coordinator chooses "Continue
later"; it comes back on the page it was on with every field filled. Create makes the case and deletes the draft;
Discard asks, then deletes it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from borapp.i18n import _
from borapp.services import drafts
from borapp.services.errors import ValidationError
from borapp.services.intake import flow
from borapp.services.intake.duplicates import find_duplicates
from borapp.services.intake.summary import summarise
from borapp.services.vault.workspace import Workspace
from borapp.ui.wizards.intake.base_page import IntakePage
from borapp.ui.wizards.intake.page_children import ChildrenPage
from borapp.ui.wizards.intake.page_court import CourtPage
from borapp.ui.wizards.intake.page_municipality import MunicipalityPage
from borapp.ui.wizards.intake.page_other_parent import OtherParentPage
from borapp.ui.wizards.intake.page_referrer import ReferrerPage
from borapp.ui.wizards.intake.page_resident import ResidentPage
from borapp.ui.wizards.intake.page_route import RoutePage
from borapp.ui.wizards.intake.page_safety import SafetyPage
from borapp.ui.wizards.intake.page_summary import SummaryPage
from borapp.ui.wizards.intake.page_wishes import WishesPage
from borapp.ui.wizards.intake.step_list import StepList
from borapp.ui.widgets.discard_question import ask_to_discard
from borapp.ui.widgets.wizard_keys import chain_tab_order, enter_goes_forward

# The buttons as drawn, left to right: Tab reaches them in this order after the page's last field.
BUTTON_ORDER = (QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CancelButton,
                QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton)
PAGES = (RoutePage, ReferrerPage, MunicipalityPage, ResidentPage, OtherParentPage, ChildrenPage, CourtPage,
         SafetyPage, WishesPage, SummaryPage)
CHILDREN, COURT, SAFETY = ChildrenPage.NUMBER, CourtPage.NUMBER, SafetyPage.NUMBER


class IntakeContext:
    """What the pages ask of the services, through one workspace."""

    def __init__(self, workspace: Workspace, today: dt.date | None = None):
        self.workspace = workspace
        self.today = today or dt.date.today()

    def organisations(self):
        return flow.organisation_choices(self.workspace)

    def municipalities(self, year: int):
        return flow.municipality_choices(self.workspace, year)

    def summary(self, data: dict):
        return summarise(self.workspace, data, self.today)

    def duplicates(self, data: dict):
        return find_duplicates(self.workspace, data)


class IntakeWizard(QWizard):
    created = Signal(object)          # intake flow.Created, once the case exists
    closed = Signal()                 # "Continue later" (draft kept) or Discard (draft deleted)
    open_case_requested = Signal(int)  # "Open existing case" on a possible duplicate (draft kept)

    def __init__(self, workspace: Workspace, key: str, state: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)  # a part of the Cases page, so a lock reaches it
        self.setObjectName("intakeWizard")
        self.setAccessibleName(_("New intake"))
        self.workspace, self.key = workspace, key
        self.context = IntakeContext(workspace)
        self.created_case: flow.Created | None = None
        self._restoring = False
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.HaveCustomButton1)
        self.setButtonText(QWizard.WizardButton.CustomButton1, _("Discard…"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Continue later"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Create case"))
        self.setButtonLayout([QWizard.WizardButton.CustomButton1, QWizard.WizardButton.Stretch,
                              QWizard.WizardButton.CancelButton, QWizard.WizardButton.BackButton,
                              QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton])
        self.button(QWizard.WizardButton.CancelButton).setToolTip(
            _("Close the intake; it is kept and can be resumed from Today."))
        self.pages: dict[int, IntakePage] = {}
        for cls in PAGES:
            page = cls(self.context)
            self.pages[cls.NUMBER] = page
            self.setPage(cls.NUMBER, page)
        self.summary_page.open_case_requested.connect(self._open_existing)
        self.steps = StepList({n: p.title() for n, p in self.pages.items()})
        self.setSideWidget(self.steps)
        self.button(QWizard.WizardButton.CustomButton1).clicked.connect(lambda: self.discard())
        enter_goes_forward(self)
        self.restart()
        self._blank = self.data()
        self.currentIdChanged.connect(self._page_changed)
        if state:
            self.set_state(state)
        else:
            self._page_changed(self.currentId())

    @property
    def summary_page(self) -> SummaryPage:
        return self.pages[SummaryPage.NUMBER]

    # ---- the state ----------------------------------------------------------------------------------------------

    def data(self) -> dict:
        """Every page's values in one dict, as `answers.to_dict` writes an intake."""
        data: dict = {}
        for page in self.pages.values():
            page.read(data)
        return data

    def state(self) -> dict:
        payload = flow.draft_payload(self.data(), max(self.currentId(), 1), sorted(self.summary_page.acknowledged))
        payload["checked"] = [number for number, page in self.pages.items() if page.refused]  # problems in view
        return payload

    def set_state(self, payload: dict) -> None:
        """Fill every page from a draft, then walk to the page it was on (each page checked on the way)."""
        _data, target, acknowledged = flow.read_draft(payload)
        values = flow.draft_values(payload)
        self._restoring = True
        try:
            for page in self.pages.values():
                page.write(values)
            self.summary_page.acknowledged = set(acknowledged)
            self.restart()
            while 0 < self.currentId() < target:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break  # a page refused (an organisation gone since, say): stay and show why
        finally:
            self._restoring = False
        self._page_changed(self.currentId())
        self._show_checks_again(payload.get("checked"))

    def _show_checks_again(self, checked) -> None:
        """A page that showed its problems when the draft was kept shows them again: the typing back without its
        red message ("The intake talk cannot be before the registration") looked accepted."""
        for number in checked if isinstance(checked, list) else []:
            page = self.pages.get(number) if isinstance(number, int) else None
            if page is not None and not page.refused:
                page.refused = True
                page.show_problems(page.problems())

    def is_blank(self) -> bool:
        return self.currentId() <= 1 and self.data() == self._blank

    def drafts(self) -> dict[str, dict]:
        return {} if self.is_blank() else {self.key: self.state()}

    def save_draft(self) -> None:
        if self.workspace.is_locked or self.is_blank():
            return
        drafts.save_draft(self.workspace, drafts.UI_PREFIX + self.key, self.state())

    def forget_draft(self) -> None:
        if not self.workspace.is_locked:
            drafts.delete_draft(self.workspace, drafts.UI_PREFIX + self.key)

    def blank(self) -> None:
        """Drop every value shown, before the wizard goes (on lock)."""
        for page in self.pages.values():
            page.blank()

    # ---- what the pages ask -------------------------------------------------------------------------------------

    def problems(self, step: str) -> dict[str, str]:
        return flow.validate_step(step, self.data(), self.context.today)

    def route(self) -> str:
        return self.pages[RoutePage.NUMBER].route()

    def registration_year(self) -> int:
        when = self.pages[RoutePage.NUMBER].registered_on.value_or_none()
        return (when or self.context.today).year

    def page_number(self, step: str) -> int | None:
        return next((n for n, p in self.pages.items() if p.STEP == step and n in self.visitedIds()), None)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        if self.currentId() == CHILDREN and self.route() == "self":
            return SAFETY  # no court decision on the own-initiative route
        return super().nextId()

    def go_back_to(self, number: int) -> None:
        while self.currentId() > number and number in self.visitedIds():
            self.back()

    def explain(self, exc: ValidationError) -> str:
        page = next((p for p in self.pages.values() if exc.field in p.messages), None)
        return f"{page.title()}: {exc}" if page is not None else str(exc)

    # ---- finishing ----------------------------------------------------------------------------------------------

    def create_case(self) -> None:
        """Called by the summary page when Create is pressed; the draft goes once the case exists."""
        self.created_case = flow.create_intake(self.workspace, self.data(), self.context.today)
        self.forget_draft()

    def done(self, result: int) -> None:
        super().done(result)  # on Create this validates the summary page first, which makes the case
        if self.created_case is not None:
            self.created.emit(self.created_case)

    def chain_tab_order(self) -> None:
        """The page's fields, then Discard/Continue later/Back/Next as drawn, not the status bar and navigation."""
        chain_tab_order(self, self.currentPage().tab_stops(), BUTTON_ORDER)

    def reject(self) -> None:
        """Cancel (labelled "Continue later") and Escape keep the intake as a draft and close it."""
        self.save_draft()
        self.closed.emit()

    def discard(self) -> None:
        if ask_to_discard(self, _("Discard intake"), _("Discard this intake? Everything entered in it is deleted.")):
            self.forget_draft()
            self.closed.emit()

    def _open_existing(self, case_id: int) -> None:
        self.save_draft()
        self.open_case_requested.emit(case_id)

    def _page_changed(self, number: int) -> None:
        if self._restoring or number < 0:
            return
        skipped = {COURT} if self.route() == "self" else set()
        self.steps.show_step(number, self.visitedIds(), skipped)
        self.chain_tab_order()
        self.currentPage().focus_first()
        self.save_draft()
