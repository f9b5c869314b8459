"""Import a spreadsheet of cases or volunteers: choose the file, check it first, then import off the UI thread.

The check is a dry run through the same service as the import, so what it shows is what the import will do.
Nothing is written until the coordinator presses Import; all or nothing unless "skip bad rows" is ticked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
    QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from borapp.i18n import N_, _, ngettext
from borapp.services.errors import describe
from borapp.services.importer import ImportReport, import_file, parse_file, save_template
from borapp.services.importer.advice import Advice
from borapp.services.importer.summary import detail_lines, empty_line, problem_line, summary_lines
from borapp.services.vault.write_guard import is_vault_file
from borapp.ui.tasks import run_task
from borapp.ui.widgets.forms import confirm
from borapp.ui.widgets.screen_fit import resize_within_screen
from borapp.ui.widgets.wrapped_label import WrappedLabel


UPDATE_TICK = N_("Change cases that are already in the vault (the check lists each change)")
# the messages name the dialog's own tick and choice, not the command line's --update and 'borapp import volunteers'
DIALOG = Advice(
    would_change=N_("Case {ref} already exists, and this row would change: {fields}. Tick 'Change cases that are "
                    "already in the vault' to change it, or leave the row out."),
    volunteer_missing=N_("Volunteer '{name}' is not in the vault. Import the volunteers first (What to import: "
                         "Volunteers), then this file again."),
)


def typed_path(text: str) -> Path:
    """The path as typed or pasted, without the spaces around it or the double quotes Windows' "Copy as path" puts
    around it ("C:\\Users\\...\\x.xlsx" was refused as no file)."""
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return Path(text)


def report_text(report: ImportReport) -> str:
    lines = []
    if report.unknown_columns:
        lines.append(_("Columns not recognised (ignored): {columns}").format(columns=", ".join(report.unknown_columns)))
    lines += [problem_line(p) for p in report.errors]
    if report.skipped:  # as the command line lists them, under the problems that made them so
        rows = ", ".join(str(row) for row in report.skipped)
        lines.append((_("Rows the import would skip: {rows}") if report.dry_run else _("Rows skipped: {rows}"))
                     .format(rows=rows))
    if report.empty:  # the notes say why, e.g. that the template's example row was skipped
        lines += [empty_line(report), *detail_lines(report)]
    elif report.ok or report.dry_run:
        lines += summary_lines(report)
    else:  # nothing imported: the notes and warnings still help put the file right
        lines += detail_lines(report)
    return "\n".join(lines)


class ImportDialog(QDialog):
    imported = Signal()

    def __init__(self, workspace, parent: QWidget | None = None, kind: str = "cases"):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Import a spreadsheet"))
        resize_within_screen(self, 760, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.addItem(_("Cases"), "cases")
        self.kind.addItem(_("Volunteers"), "volunteers")
        self.kind.setAccessibleName(_("What to import"))
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        what = QHBoxLayout()
        what.addWidget(self.kind, 1)
        self.template_button = QPushButton(_("Save template…"), autoDefault=False)
        self.template_button.setToolTip(_("A spreadsheet with the columns to fill in and one example row, for the "
                                          "kind chosen here"))
        what.addWidget(self.template_button)
        form.addRow(_("What to import"), what)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName(_("File"))
        browse = QPushButton(_("Choose…"), autoDefault=False)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(_("File (CSV or XLSX)"), row)
        self.skip_invalid = QCheckBox(_("Import the good rows and skip the bad ones"))
        form.addRow("", self.skip_invalid)
        self.update_existing = QCheckBox(_(UPDATE_TICK))
        form.addRow("", self.update_existing)
        layout.addLayout(form)
        self.result = QPlainTextEdit(readOnly=True)
        self.result.setAccessibleName(_("Result of the check"))
        self.result.setPlaceholderText(_("Choose a file and press Check: nothing is changed until you press Import."))
        layout.addWidget(self.result, 1)
        self.busy = QProgressBar(maximum=0)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox()
        self.check_button = self.buttons.addButton(_("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.setEnabled(False)
        layout.addWidget(self.buttons)
        # Enter (after typing the path) checks; importing takes a click. The box made Import the default, and while
        # it was disabled Enter did nothing. Set once the button is in the dialog, which keeps its default.
        self.check_button.setDefault(True)
        self.status = WrappedLabel()  # a long line wraps; a QLabel widened the dialog past its size
        layout.addWidget(self.status)
        browse.clicked.connect(self._browse)
        self.template_button.clicked.connect(self._save_template)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        for signal in (self.path.textChanged, self.kind.currentIndexChanged, self.skip_invalid.toggled,
                       self.update_existing.toggled):
            signal.connect(self._invalidate)
        self.kind.currentIndexChanged.connect(  # only cases are guarded against changes; volunteers are updated
            lambda _i: self.update_existing.setVisible(self.kind.currentData() == "cases"))
        self.update_existing.setVisible(self.kind.currentData() == "cases")
        self._button_had_focus = False

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a spreadsheet"), "",
                                                    _("Spreadsheets (*.csv *.xlsx);;All files (*)"))
        if path:
            self.path.setText(path)
            self.check()

    def _save_template(self) -> None:
        """The template the command line writes, as a workbook in the app's language, where the coordinator says."""
        kind = self.kind.currentData()
        name = _("Template {kind}.xlsx").format(kind=self.kind.currentText().lower())
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the template"), name, _("Excel workbook (*.xlsx)"))
        if not path:
            return
        target = Path(path) if Path(path).suffix.lower() == ".xlsx" else Path(path + ".xlsx")
        if target != Path(path) and not self._may_replace(target):
            return
        try:
            save_template(kind, target, force=True)  # the file dialog or _may_replace asked before replacing a file
        except Exception as exc:  # a vault's file, a folder that cannot be written: said, not raised
            self.status.setText(describe(exc))
            return
        self.status.setText(_("Template saved as {path}. Fill it in, leave out or replace the example row, and "
                              "choose the file here.").format(path=target))

    def _may_replace(self, target: Path) -> bool:
        """The file dialog asked about the name as typed, not about the name with .xlsx added: a file of that name was
        replaced without a word. A vault's file is not asked about: saving refuses it."""
        if not target.is_file() or is_vault_file(target):
            return True
        return confirm(self, _("Save the template"), _("{name} already exists in {folder}. Replace it?").format(
            name=target.name, folder=target.parent))

    def _invalidate(self, *_args) -> None:
        self.import_button.setEnabled(False)
        self.status.setText(_("Press Check before importing."))

    def _start(self, work, done) -> None:
        # Disabling the focused Check or Import button passed the focus on to Close, and Enter then closed the
        # dialog: the path field keeps it meanwhile (Enter there checks), and Import gets it once it can import.
        self._button_had_focus = self.focusWidget() in (self.check_button, self.import_button)  # also when inactive
        if self._button_had_focus:
            self.path.setFocus()
        self.busy.show()
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        run_task(work, self.workspace).success(done).failure(self._failed).start()

    def _options(self) -> dict:
        """The ticks as the service's keywords; only cases are guarded against changes."""
        update = self.update_existing.isChecked() and self.kind.currentData() == "cases"
        return {"skip_invalid": self.skip_invalid.isChecked(), "update": update, "advice": DIALOG}

    def check(self) -> None:
        path, kind, options = typed_path(self.path.text()), self.kind.currentData(), self._options()
        vault = self.workspace.vault
        self.result.clear()  # a file that cannot be read left the previous file's report standing under its name
        self._start(lambda _p: parse_file(kind, path, vault, **options), self._checked)

    def _checked(self, report: ImportReport) -> None:
        self._idle()
        self.result.setPlainText(report_text(report))
        can_import = not report.fatal and not report.empty and (not report.errors or report.skip_invalid)
        self.import_button.setEnabled(can_import)
        if can_import and self._button_had_focus:
            self.import_button.setFocus()
        self.status.setText(_("Ready to import.") if can_import else _check_advice(report))

    def run_import(self) -> None:
        path, kind, options = typed_path(self.path.text()), self.kind.currentData(), self._options()
        vault, actor = self.workspace.vault, self.workspace.actor
        self._start(lambda _p: import_file(vault, kind, path, actor=actor, **options), self._imported)

    def _imported(self, report: ImportReport) -> None:
        self._idle()
        self.result.setPlainText(report_text(report))
        self.status.setText(outcome_line(report))
        if report.written:
            self.imported.emit()

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        self.status.setText(describe(exc))

    def _idle(self) -> None:
        self.busy.hide()
        self.check_button.setEnabled(True)


def _check_advice(report: ImportReport) -> str:
    if report.empty:  # "tick to skip bad rows" told a file of the template's example row only to tick a box
        return _("There is nothing to import: add your own rows to the file, or choose another file.")
    if report.not_a_list:  # the whole file is wrong: no row to correct, none to skip
        return _("Choose the file that holds the list, or start from the template (Save template…).")
    if report.fatal:  # a heading missing or doubled: skipping rows cannot help
        return _("Correct the column headings in the file's first row (see above).")
    if report.would_change:
        return _("Tick 'Change cases that are already in the vault' to change them, or correct the file.")
    return _("Correct the file, or tick to skip bad rows.")


def outcome_line(report: ImportReport) -> str:
    """What the import did, in one line: the counts, or why nothing was imported ("Imported." said that of an import
    that changed nothing)."""
    if report.created or report.updated:
        counts = (ngettext("{n} case updated, {new} new.", "{n} cases updated, {new} new.", report.updated)
                  if report.kind == "cases" else
                  ngettext("{n} volunteer updated, {new} new.", "{n} volunteers updated, {new} new.", report.updated))
        line = counts.format(n=report.updated, new=report.created)
        if report.skipped:
            line += " " + ngettext("{n} row was skipped.", "{n} rows were skipped.", len(report.skipped)).format(
                n=len(report.skipped))
        return line
    return _nothing_imported(report)


def _nothing_imported(report: ImportReport) -> str:
    if report.fatal:
        return _("Nothing was imported: the file cannot be imported as it is (see above).")
    if report.empty:
        return _("Nothing was imported: the file holds no rows.")
    if report.would_change:
        return _("Nothing was imported: rows would change cases that are already in the vault, and 'Change cases "
                 "that are already in the vault' is not ticked.")
    if report.unchanged and not report.errors:
        return _("Nothing was imported: everything in the file is already in the vault as it is.")
    if report.unchanged:
        return _("Nothing was imported: the rows without problems are already in the vault as they are; the other "
                 "rows have problems (see above).")
    return _("Nothing was imported: no row could be imported (see above).")
