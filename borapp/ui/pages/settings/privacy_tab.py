"""Privacy: how long closed cases are kept and which are due for destruction, which letters a referrer may get,
and the record of processing and the privacy statement for parents as PDF."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from borapp.i18n import N_, _, language
from borapp.services import settings
from borapp.services.outbox.letters import write_pdf_copy
from borapp.services.outbox.listing import kind_label
from borapp.services.privacy import access_log, letter_policy, statements
from borapp.ui.pages.settings.due_box import DueBox
from borapp.ui.pages.settings.section import SettingsSection, button_row, compact_form, spin_box


class PrivacyTab(SettingsSection):
    open_case = Signal(int)  # a case on the list due for destruction, opened

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Privacy")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self._policy_box(), 1)
        top.addWidget(self._documents_box(), 1)
        layout.addLayout(top)
        layout.addWidget(self.status)  # under the buttons it answers: below the list it was out of sight
        layout.addWidget(self._due_box(), 1)

    def _policy_box(self) -> QGroupBox:
        box = QGroupBox(_("Retention and letters"))
        column = QVBoxLayout(box)
        form = compact_form()
        self.years = spin_box("privacy.retention_years")
        self.years.setSuffix(_(" years after closing"))
        self.years.setAccessibleName(_("Retention period"))
        form.addRow(_("Keep closed cases"), self.years)
        self.small_cells = spin_box("privacy.small_cell_threshold")
        self.small_cells.setAccessibleName(_("Smallest count shown outside the organisation"))
        self.small_cells.setToolTip(_("In reports for a municipality or funder, a count below this is shown as "
                                      "“<N”: a small number could point to one family."))
        form.addRow(_("Smallest count in outside reports"), self.small_cells)
        column.addLayout(form)
        hint = QLabel(_("20 years is the Jeugdwet's term for youth care; where your service is not youth care, keep "
                        "files no longer than necessary."))
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addWidget(QLabel(_("Letters a referrer may receive:")))
        self.kinds = {}
        for kind in letter_policy.REFERRER_KINDS:
            self.kinds[kind] = QCheckBox(kind_label(kind))
            column.addWidget(self.kinds[kind])
        save = QPushButton(_("Save"))
        save.clicked.connect(self._save)
        self.save_on_keys(save)
        column.addLayout(button_row(save))
        return box

    def _documents_box(self) -> QGroupBox:
        box = QGroupBox(_("For parents and supervisors"))
        column = QVBoxLayout(box)
        text = QLabel(_("Made from these settings and the organisation's details, so they promise what BOR Desk "
                        "does."))
        text.setWordWrap(True)
        column.addWidget(text)
        self.record_button = QPushButton(_("Record of processing (PDF)…"))
        self.statement_button = QPushButton(_("Privacy statement for parents (PDF)…"))
        self.record_button.clicked.connect(lambda: self._save_pdf(statements.processing_record_pdf,
                                                                  _("record-of-processing.pdf")))
        self.statement_button.clicked.connect(lambda: self._save_pdf(statements.privacy_statement_pdf,
                                                                     _("privacy-statement.pdf")))
        column.addWidget(self.record_button)
        column.addWidget(self.statement_button)
        self.verify_button = QPushButton(_("Check the access log"))
        self.verify_button.clicked.connect(self._verify)
        column.addWidget(self.verify_button)
        column.addStretch()
        return box

    def _due_box(self) -> DueBox:
        self.due = DueBox()
        self.due.open_case.connect(self.open_case)
        self.due.changed.connect(self.saved)
        self.due_model, self.due_table, self.due_intro = self.due.model, self.due.table, self.due.intro
        self.reviewed_button = self.due.reviewed_button
        return self.due

    def fill(self) -> None:
        values = settings.read_all(self.workspace)
        self.years.setValue(int(values["privacy.retention_years"]))
        self.small_cells.setValue(int(values["privacy.small_cell_threshold"]))
        with self.workspace.session() as session:
            allowed = letter_policy.allowed_kinds(session)
        for kind, box in self.kinds.items():
            box.setChecked(kind in allowed)
        self._fill_due()

    def _fill_due(self) -> None:
        self.due.show_due(self.workspace)

    def clear(self) -> None:
        super().clear()
        self.due.clear()

    def _save(self) -> None:
        kinds = [kind for kind, box in self.kinds.items() if box.isChecked()]

        def save() -> None:
            letter_policy.save_allowed_kinds(self.workspace, kinds)
            settings.write_settings(self.workspace, {"privacy.retention_years": str(self.years.value()),
                                                     "privacy.small_cell_threshold": str(self.small_cells.value())})

        self.attempt(save, _("Saved."), saves=True)
        self._fill_due()

    def _verify(self) -> None:
        result = access_log.verify(self.workspace)
        if result.ok:
            self.status.show_done(_("The access log is whole: {n} lines, none changed or removed.")
                                  .format(n=result.lines))
        else:
            self.status.show_problem(" ".join(problem.text for problem in result.problems))

    def _save_pdf(self, make, name: str) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), name, _("PDF documents (*.pdf)"))
        if path:
            self.attempt(lambda: write_pdf_copy(path, make(self.workspace, language())),
                         _("Saved as {path}.").format(path=path))
