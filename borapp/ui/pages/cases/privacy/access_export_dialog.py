"""A request for access from the case file: whose data, what to withhold and why, and where to write it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _, language
from borapp.services.cases.labels import role_label
from borapp.services.errors import BorError
from borapp.services.privacy import access_files, access_request
from borapp.ui.kept_typing import keep_as
from borapp.ui.pages.cases.privacy.files_to_check import FilesToCheck
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.result_line import ResultLine


class AccessExportDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, workspace, ref: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.ref = workspace, ref
        self.setWindowTitle(_("Request for access: case {ref}").format(ref=ref))
        keep_as(self, f"case/{ref}/access-request")  # a lock keeps the choices and the reason typed here
        layout = QVBoxLayout(self)
        intro = QLabel(_("Everything the vault holds about one person, as a readable PDF, a JSON file and the "
                         "original files. What you withhold is listed with the reason, never its content. A "
                         "confidential address is only ever given to its owner."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.who = QComboBox()
        self.who.setAccessibleName(_("Whose data"))
        for role in ("resident", "other"):  # by name too: by role alone the wrong parent was easy to pick
            name = self._name_of(f"{ref}:{role}")
            self.who.addItem(f"{role_label(role)} ({name})" if name else role_label(role), f"{ref}:{role}")
        self.who.addItem(_("The whole case (e.g. for a child)"), ref)
        form.addRow(_("Whose data"), self.who)
        self.asked_by = QComboBox()  # a child's request is made by a parent: that parent's details, not the other's
        self.asked_by.setAccessibleName(_("Asked on the child's behalf by"))
        self.asked_by.addItem(_("No parent named: both parents' contact details withheld"), "")
        for role in ("resident", "other"):
            name = self._name_of(f"{ref}:{role}")
            self.asked_by.addItem(f"{role_label(role)} ({name})" if name else role_label(role), role)
        form.addRow(_("Asked by"), self.asked_by)
        self.other_parent = QCheckBox(_("Withhold the other parent's contact details and the letters to that parent"))
        self.other_parent.setChecked(True)
        self.notes = QCheckBox(_("Withhold the notes on visits and evaluations (e.g. in the interest of the child)"))
        form.addRow(_("Withhold"), self.other_parent)
        form.addRow("", self.notes)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason for withholding notes"))
        self.reason.setPlaceholderText(_("in the interest of the child"))
        form.addRow(_("Reason"), self.reason)
        layout.addLayout(form)
        self.files_to_check = FilesToCheck(workspace)
        layout.addWidget(self.files_to_check)
        self.result = ResultLine()
        layout.addWidget(self.result)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(_("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.who.currentIndexChanged.connect(self._who_changed)
        self.asked_by.currentIndexChanged.connect(self._who_changed)
        self.written: Path | None = None
        self.summary, self.to_check = "", 0  # what was withheld; how many files she must look at herself
        self._who_changed()
        self.remember_typing()

    def _name_of(self, who: str) -> str:
        try:
            found = access_request.find_subjects(self.workspace, who)
        except BorError:
            return ""
        return found[0].name if found else ""

    def _who_changed(self) -> None:
        is_parent = ":" in (self.who.currentData() or "")
        self.asked_by.setEnabled(not is_parent)
        self.other_parent.setEnabled(is_parent or bool(self.asked_by.currentData()))
        self.result.attempt(lambda: self.files_to_check.show_files(access_request.files_to_check(
            self.workspace, self.subjects(), language())))
        self._grow_to_fit()

    def subjects(self) -> list[access_request.Subject]:
        """Whose data, asked by whom: for the whole case, the parent named as asking on the child's behalf."""
        found = access_request.find_subjects(self.workspace, self.who.currentData())
        return found if ":" in self.who.currentData() else access_request.asked_by(found, self.asked_by.currentData())

    def _grow_to_fit(self) -> None:
        """Files to look at that appear once the dialog is open (another person chosen) get the height they need: the
        dialog grew only to its minimum, and their explanation and rows were squeezed and cut."""
        self.layout().activate()
        need = self.heightForWidth(self.width())
        if self.isVisible() and need > self.height():
            self.resize(self.width(), need)

    def choices(self, subject: access_request.Subject) -> access_request.Choices:
        withhold = set()
        if self.other_parent.isChecked() and subject.asker_role:
            withhold.add(access_request.OTHER_PARENT)
        if self.notes.isChecked():
            withhold.add(access_request.NOTES)
        return access_request.Choices(frozenset(withhold), reason=self.reason.text().strip(),
                                      checked=self.files_to_check.checked())

    def export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Where to write the export"))
        if not folder:
            return
        target = Path(folder) / access_request.export_folder_name(self.who.currentData(), language())
        if self.result.attempt(lambda: self._write(target)):
            self.accept()

    def _write(self, target: Path) -> None:
        subjects = self.subjects()
        export = access_request.gather(self.workspace, subjects, self.choices(subjects[0]), language())
        self.written = access_files.write_export(self.workspace, export, target)
        self.summary, self.to_check = access_request.summary(export), export.unchecked
