"""Page 2: the chosen volunteer, the date and a note, and what happens next (the contract, the first meeting, then
the visits). Finishing matches the volunteer through the service; a refusal shows here and nothing is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from borapp.i18n import _
from borapp.services.cases.status import status_label
from borapp.services.cases.steps import NEXT_STEP_LABELS
from borapp.services.errors import BorError
from borapp.services.matching.flow import NOTE_LIMIT, MatchingCase, assign_volunteer
from borapp.services.matching.ranking import Candidate
from borapp.ui.colours import WARNING
from borapp.ui.icons import icon
from borapp.ui.pages.cases.case_file.form_tab import text_box
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.forms import FieldMessage
from borapp.ui.wizards.matching.fields import compact_form, field_row, say_refusal
from borapp.ui.wizards.matching.score_bar import ScoreBar

START_VISITS = NEXT_STEP_LABELS["matching"]  # the header's next step once a volunteer is matched


class ConfirmPage(QWizardPage):
    def __init__(self, workspace, info: MatchingCase, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("matching-2-confirm")
        self.workspace, self.info = workspace, info
        self.candidate: Candidate | None = None
        self.setTitle(_("Confirm the match for case {ref}").format(ref=info.ref))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Match"))
        layout = QVBoxLayout(self)
        self.name = QLabel()
        self.name.setObjectName("sectionTitle")
        self.name.setAccessibleName(_("Volunteer"))
        self.bar = ScoreBar()
        self.warning_box, self.warning = self._warning_row()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName(_("Reasons"))
        form_box, form = compact_form()
        self.on = DateField(optional=False)
        self.on_message = field_row(form, _("Matched on"), self.on)
        self.note = text_box(_("Note"), 90)
        self.note.setPlaceholderText(_("E.g. what was agreed about the first meeting (optional)"))
        self.note_message = field_row(form, _("Note"), self.note)
        self.note.setAccessibleName(_("Note on the match"))  # the no-match page has a Note too
        self.next_steps = QLabel()
        self.next_steps.setWordWrap(True)
        self.next_steps.setObjectName("nextSteps")
        self.next_steps.setAccessibleName(_("What happens next"))
        self.message = FieldMessage()
        self.message.setAccessibleName(_("Why the match was not saved"))
        for widget in (self.name, self.bar, self.warning_box, self.reasons):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(form_box)
        heading = QLabel(_("What happens next"))
        heading.setObjectName("sectionTitle")
        layout.addWidget(heading)
        layout.addWidget(self.next_steps)
        layout.addStretch()
        layout.addWidget(self.message)

    @staticmethod
    def _warning_row() -> tuple[QWidget, FieldMessage]:
        """The warning icon and words (a VOG due for renewal) above the reasons, hidden when there is none."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        mark = QLabel()
        mark.setPixmap(icon("warning", WARNING).pixmap(18, 18))
        row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        message = FieldMessage()
        message.setAccessibleName(_("Warning"))
        row.addWidget(message, 1)
        return box, message

    def show_candidate(self, candidate: Candidate) -> None:
        self.candidate = candidate
        self.name.setText(candidate.name)
        self.bar.show_score(candidate.score)
        self.warning.show_message("\n".join(candidate.warnings), warning=True)
        self.warning_box.setVisible(bool(candidate.warnings))
        self.reasons.setText(" · ".join(r for r in candidate.reasons if r not in candidate.warnings))
        if self.info.contract_signed:
            sign = _("The contract has been signed, and a signed version never changes: a new version names {name}, "
                     "and both parents, the coordinator and {name} sign it.")
        elif self.info.contract_version is not None:  # nobody signed it: the same version now names the volunteer
            sign = _("Version {n} of the contract will name {{name}}. If you printed it before, print it again: the "
                     "paper that is signed must name {{name}}. Both parents, the coordinator and {{name}} sign it."
                     ).format(n=self.info.contract_version)
        else:
            sign = _("{name} signs the contract (BOR-overeenkomst), as the parents and the coordinator do.")
        steps = [
            sign.format(name=candidate.name),
            _("{name} meets the resident parent and the child; the other parent at home or by phone.").format(
                name=candidate.name),
            _("Then start the visits with the case's next step, \u201c{step}\u201d.").format(
                step=_(START_VISITS)),
        ]
        if self.info.volunteer:
            steps.insert(0, _("{old} is no longer matched to this case.").format(old=self.info.volunteer))
        if self.info.status == "contract":
            steps.insert(0, _("The case moves on to \u201c{status}\u201d.").format(status=status_label("matching")))
        self.next_steps.setText("\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)))
        self.message.show_message("")

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        chosen = self.wizard().chosen() if self.wizard() else None
        if chosen is not None:
            self.show_candidate(chosen)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1  # the last page of this path: Finish

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.candidate is None:
            return False
        if len(self.note.toPlainText()) > NOTE_LIMIT:
            self.note_message.show_message(_("At most {n} characters.").format(n=NOTE_LIMIT))
            return False
        self.message.show_message("")
        if refuse_unreadable(self):  # the date says why under itself
            return False
        try:
            assign_volunteer(self.workspace, self.info.id, self.candidate.volunteer_id, self.on.value(),
                             self.note.toPlainText())
        except BorError as exc:
            say_refusal(exc, {"on": self.on_message, "note": self.note_message}, self.message)
            return False
        return True
