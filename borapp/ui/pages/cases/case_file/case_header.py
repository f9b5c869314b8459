"""The case file's header: who this is and where the case stands, at a glance, and the one button that moves it on.

Case number, status chip, children with ages, coordinator, volunteer, next visit, days since registration; the
next step as one clear button, which does the work of the step (the case file decides what it opens: the contract,
the matching wizard, the evaluation form, or the status dialog); the other allowed steps, matching another
volunteer and the hand-over in a "More…" menu.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from borapp.formatting import long_date, number
from borapp.i18n import _, ngettext
from borapp.services.cases.case_file import CaseFile
from borapp.services.matching.flow import MATCHABLE
from borapp.ui.icons import icon
from borapp.ui.widgets.side_by_side import SideBySide
from borapp.ui.widgets.status_chip import StatusChip

PRIMARY_STYLE = ("QPushButton { background: palette(highlight); color: palette(highlighted-text); font-weight: 600;"
                 " padding: 6px 16px; border-radius: 4px; }"
                 " QPushButton:focus { border: 2px solid palette(text); }")
FACTS = ("children", "coordinator", "volunteer", "next_visit", "registered")
WORK_ICONS = {"contract": "file-text", "match": "handshake", "evaluation": "chats"}


class _Chip(StatusChip):
    """StatusChip whose style sheet ends in a doubled brace Qt cannot parse; mended before Qt sees it."""

    def setStyleSheet(self, sheet: str) -> None:  # noqa: N802 - Qt override
        super().setStyleSheet(sheet.replace("}}", "}"))


class CaseHeader(QFrame):
    back_requested = Signal()
    step_requested = Signal(object)  # a StepOption
    handover_requested = Signal()
    match_requested = Signal()  # the matching wizard again, to match another volunteer

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        column.addWidget(self._top_row())
        column.addLayout(self._facts_grid())
        self.facts: CaseFile | None = None

    def _top_row(self) -> SideBySide:
        """The case and its state, then the buttons; in a narrow window the buttons go on a line of their own (a
        long next step, "Koppelen aan een vrijwilliger…", made the window wider than 1,093 px)."""
        self.back_button = QPushButton(icon("arrow-left"), _("Cases"))
        self.back_button.setAccessibleName(_("Back to the case list"))
        self.back_button.setToolTip(_("Back to the case list (Alt+Left)"))
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setAccessibleName(_("Case number"))
        self.chip = _Chip()
        self.chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.outcome = QLabel()
        self.outcome.setAccessibleName(_("Outcome"))
        self.next_button = QPushButton()
        self.next_button.setStyleSheet(PRIMARY_STYLE)
        self.next_button.clicked.connect(self._next_clicked)
        self.more_button = QPushButton(_("More…"))
        self.more_button.setAccessibleName(_("More actions for this case"))
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        case, actions = QWidget(), QWidget()
        left, right = QHBoxLayout(case), QHBoxLayout(actions)
        for line in (left, right):
            line.setContentsMargins(0, 0, 0, 0)
        for widget in (self.back_button, self.title, self.chip, self.outcome):
            left.addWidget(widget)
        left.addStretch()
        right.addStretch()
        right.addWidget(self.next_button)
        right.addWidget(self.more_button)
        self.top_row = SideBySide([case, actions])
        return self.top_row

    def _facts_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(0)
        captions = {"children": _("Children"), "coordinator": _("Coordinator"), "volunteer": _("Volunteer"),
                    "next_visit": _("Next visit"), "registered": _("Since registration")}
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for col, key in enumerate(FACTS):
            caption = self.captions[key] = QLabel(captions[key])
            caption.setStyleSheet("color: palette(placeholder-text); font-size: 12px;")
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(captions[key])
            value.setStyleSheet("font-size: 14px;")
            grid.addWidget(caption, 0, col)
            grid.addWidget(value, 1, col)
            grid.setColumnStretch(col, 2 if key == "children" else 1)
            self.values[key] = value
        return grid

    def show_case(self, facts: CaseFile) -> None:
        self.facts = facts
        self.title.setText(_("Case {ref}").format(ref=facts.ref))
        self._set_chip(facts.status)
        self.outcome.setText(facts.outcome_label)
        nobody = _("nobody") if facts.closed_on else _("not yet")  # a closed case gets no one any more
        self.values["children"].setText(facts.children_summary or _("none recorded"))
        self.values["coordinator"].setText(facts.coordinator or nobody)
        self.values["volunteer"].setText(facts.volunteer or nobody)
        self.values["next_visit"].setText(long_date(facts.next_visit) if facts.next_visit else
                                          _("none (closing)") if facts.status == "closing" else
                                          _("none planned"))
        days = facts.days_since_registration  # to the closing, for a closed case
        caption = _("Ran for") if facts.closed_on else _("Since registration")
        self.captions["registered"].setText(caption)
        self.values["registered"].setAccessibleName(caption)
        self.values["registered"].setText(ngettext("{n} day", "{n} days", days).format(n=number(days)))
        self.values["registered"].setToolTip(_("Registered on {date}").format(date=long_date(facts.registered_on)))
        self._steps(facts)

    def _set_chip(self, status: str) -> None:
        self.chip.set_status(status)

    def _steps(self, facts: CaseFile) -> None:
        main = facts.next_step
        self.next_button.setVisible(main is not None)
        if main is not None:
            self.next_button.setText(main.label + ("…" if main.work == "match" else ""))
            self.next_button.setIcon(icon(WORK_ICONS[main.work]) if main.work in WORK_ICONS else QIcon())
            self.next_button.setAccessibleName(_("Next step: {step}").format(step=main.label))
            self.next_button.setToolTip(facts.midway_rule if main.to == "evaluation" else "")  # when it is due
        self.more_menu.clear()
        for option in facts.steps:
            if not option.primary:
                self.more_menu.addAction(option.label, lambda o=option: self.step_requested.emit(o))
        if facts.status in MATCHABLE and facts.volunteer_id is not None:
            self.more_menu.addAction(icon("handshake"), _("Match another volunteer…"), self.match_requested.emit)
        if not self.more_menu.isEmpty():
            self.more_menu.addSeparator()
        closed = facts.status == "closed"
        text = _("Hand over (reopen the case first)") if closed else _("Hand over to another coordinator")
        handover = self.more_menu.addAction(icon("user-switch"), text, self.handover_requested.emit)
        handover.setEnabled(not closed)

    def _next_clicked(self) -> None:
        if self.facts is not None and self.facts.next_step is not None:
            self.step_requested.emit(self.facts.next_step)

    def clear(self) -> None:
        self.facts = None
        self.title.clear()
        self.outcome.clear()
        self._set_chip("")
        for value in self.values.values():
            value.clear()
        self.more_menu.clear()
        self.next_button.hide()
