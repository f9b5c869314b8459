"""Step 10: everything read back in plain words, families that may already be known, then Create.

A possible duplicate (same child and birth date, or same parent name in another case) holds Create back until the
coordinator opens that case instead or chooses to continue anyway. A confidential address reads •••• with "Show",
as everywhere else (a parent may sit beside the laptop), and is masked again whenever the page is shown anew.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget, QWizard

from borapp.i18n import _
from borapp.services.errors import ValidationError
from borapp.services.intake.duplicates import Duplicate, name_key
from borapp.services.intake.summary import SummarySection
from borapp.ui.icons import icon
from borapp.ui.widgets.layouts import empty_layout
from borapp.ui.widgets.link_label import LinkLabel
from borapp.ui.wizards.intake.base_page import IntakePage

WARNING_STYLE = ("QFrame#duplicates { background: #FDE7C2; border-radius: 6px; padding: 4px; }"
                 " QFrame#duplicates QLabel { color: #5C3B00; }")
LEFT_STEPS = ("route", "referrer", "municipality", "resident", "other_parent")
MASK = "••••••••"


def duplicate_key(d: Duplicate) -> tuple:
    return (d.case_id, d.kind, name_key(d.name))


class SummaryPage(IntakePage):
    NUMBER, NAME, STEP = 10, "summary", "summary"
    open_case_requested = Signal(int)

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Summary"))
        self.setSubTitle(_("Check everything once more. Create makes the case and proposes a letter to the referrer."))
        self.duplicates: list[Duplicate] = []
        self.acknowledged: set[tuple] = set()
        self.revealed: set[str] = set()  # steps whose confidential rows were shown on request
        self.sections: list[SummarySection] = []
        self.duplicates_box = QFrame()
        self.duplicates_box.setObjectName("duplicates")
        self.duplicates_box.setStyleSheet(WARNING_STYLE)
        self.duplicates_layout = QVBoxLayout(self.duplicates_box)
        self.body.addWidget(self.duplicates_box)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8A5300;")
        self.body.addWidget(self.warnings)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        self.left, self.right = LinkLabel(), LinkLabel()  # "Change" and "Show" reached by Tab, followed by Enter
        for label in (self.left, self.right):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.linkActivated.connect(self._change)
            columns.addWidget(label, 1)
        self.body.addLayout(columns)
        self.body.addStretch()

    # ---- showing ------------------------------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self.wizard()
        summary = self.context.summary(wizard.data())
        self.revealed.clear()
        self.sections = list(summary.sections)
        self._show_sections()
        self.warnings.setText("\n".join(summary.warnings))
        self.warnings.setVisible(bool(summary.warnings))
        self.duplicates = self.context.duplicates(wizard.data())
        self._show_duplicates()
        self.page_message.show_message("")

    def _show_sections(self) -> None:
        self.left.setText(self._html([s for s in self.sections if s.step in LEFT_STEPS]))
        self.right.setText(self._html([s for s in self.sections if s.step not in LEFT_STEPS]))

    def _html(self, sections: list[SummarySection]) -> str:
        quiet = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        change = html.escape(_("Change"))
        show = html.escape(_("Show"))
        secret = html.escape(_("confidential"))
        parts = []
        for section in sections:
            number = self.wizard().page_number(section.step)
            link = f' &nbsp;<a href="{number}">{change}</a>' if number else ""
            parts.append(f"<p style='margin-top:10px; margin-bottom:2px'><b>{html.escape(section.title)}</b>{link}</p>"
                         "<table cellspacing='0' cellpadding='1'>")
            for label, value in section.rows:
                text = html.escape(value).replace("\n", "<br>")
                if label in section.masked:
                    text = (f"{text} · {secret}" if section.step in self.revealed else
                            f"{MASK} · {secret} &nbsp;<a href='show:{section.step}'>{show}</a>")
                parts.append(f"<tr><td width='190' style='color:{quiet}; padding-right:10px'>{html.escape(label)}"
                             f"</td><td>{text}</td></tr>")
            parts.append("</table>")
        return "".join(parts)

    def _show_duplicates(self) -> None:
        empty_layout(self.duplicates_layout)
        self.duplicates_box.setVisible(bool(self.duplicates))
        if self.duplicates:
            title = QLabel(_("This family may already be known:"))
            title.setStyleSheet("font-weight: 600;")
            self.duplicates_layout.addWidget(title)
            for duplicate in self.duplicates:
                self.duplicates_layout.addWidget(self._duplicate_row(duplicate))
            self.duplicates_layout.addWidget(self._decision_row())
        self.completeChanged.emit()

    def _duplicate_row(self, duplicate: Duplicate) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(duplicate.describe()), 1)
        button = QPushButton(icon("folder-open"), _("Open existing case"))
        button.setAccessibleName(_("Open case {ref}").format(ref=duplicate.ref))
        button.clicked.connect(lambda: self.open_case_requested.emit(duplicate.case_id))
        line.addWidget(button)
        return row

    def _decision_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 4, 0, 0)
        if self.pending():
            line.addWidget(QLabel(_("Open the existing case instead, or make a new case anyway.")), 1)
            self.continue_button = QPushButton(_("Continue anyway"))
            self.continue_button.clicked.connect(self.continue_anyway)
            line.addWidget(self.continue_button)
        else:
            line.addWidget(QLabel(_("You chose to continue anyway: Create makes a new case.")), 1)
        return row

    # ---- deciding -----------------------------------------------------------------------------------------------

    def pending(self) -> list[Duplicate]:
        return [d for d in self.duplicates if duplicate_key(d) not in self.acknowledged]

    def continue_anyway(self) -> None:
        self.acknowledged.update(duplicate_key(d) for d in self.duplicates)
        self._show_duplicates()
        self.wizard().save_draft()
        self.wizard().chain_tab_order()
        self.focus_first()  # the button pressed is gone

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.pending()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.pending():
            return False
        try:
            self.wizard().create_case()
        except ValidationError as exc:
            self.page_message.show_message(self.wizard().explain(exc))
            return False
        return True

    def focus_first(self) -> None:
        """Create case, so Enter makes it; while a possible duplicate holds it back, that family's first button."""
        create = self.wizard().button(QWizard.WizardButton.FinishButton)
        if create.isEnabled():
            create.setFocus(Qt.FocusReason.TabFocusReason)
        elif buttons := [b for b in self.duplicates_box.findChildren(QPushButton) if b.isVisibleTo(self)]:
            buttons[0].setFocus(Qt.FocusReason.TabFocusReason)  # the rows of an earlier visit wait to be deleted

    def _change(self, link: str) -> None:
        if link.startswith("show:"):
            self.revealed.add(link.removeprefix("show:"))
            self._show_sections()
            return
        self.wizard().go_back_to(int(link))

    # ---- state --------------------------------------------------------------------------------------------------

    def read(self, data: dict) -> None:
        pass  # nothing to type here; the acknowledged duplicates travel with the draft (see the wizard)

    def write(self, data: dict) -> None:
        pass

    def blank(self) -> None:
        self.sections = []
        self.revealed.clear()
        self.left.clear()
        self.right.clear()
        self.warnings.clear()
        self.duplicates = []
        self.acknowledged = set()
        self._show_duplicates()

