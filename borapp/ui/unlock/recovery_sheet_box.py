"""The recovery key with what it opens, and the ways to keep it: print the sheet, or save it as a PDF.

The sheet's PDF code (reportlab, the outbox) is imported when a key is shown: the unlock screen that holds this box is
the app's first screen, and those imports cost about 0.1 s before it could paint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from borapp.i18n import _, language
from borapp.services.errors import UsageError
from borapp.ui.colours import ERROR, text_style
from borapp.ui.pages.outbox.pdf_pages import ask_and_print
from borapp.ui.widgets.result_line import ResultLine


class RecoverySheetBox(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._facts: tuple[str, str, dt.datetime] = ("", "", dt.datetime.now())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.key_label = QLabel()
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(18)
        self.key_label.setFont(font)
        self.key_label.setAccessibleName(_("Recovery key"))
        layout.addWidget(self.key_label, alignment=Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as PDF…"))
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch()
        layout.addLayout(row)
        self.result = ResultLine()
        layout.addWidget(self.result)
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)

    def show_key(self, key: str, vault_name: str, organisation: str = "") -> None:
        from borapp.services.documents.recovery_sheet import sheet_lines

        self._facts = (vault_name, organisation, dt.datetime.now().replace(second=0, microsecond=0))
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in sheet_lines(*self._facts):
            self.form.addRow(label + ":", QLabel(value))
        self.key_label.setText(key)
        self.result.clear()

    def clear(self) -> None:
        self.key_label.clear()
        self.result.clear()
        while self.form.rowCount():
            self.form.removeRow(0)

    def sheet(self) -> bytes:
        from borapp.services.documents.recovery_sheet import recovery_sheet_pdf

        return recovery_sheet_pdf(self.key_label.text(), *self._facts, lang=language())

    def _print(self) -> None:
        if not QPrinterInfo.availablePrinters():
            self.result.show_problem(_("No printer is set up on this computer. Save the sheet as a PDF and print it "
                                       "elsewhere, or write the key down."))
            return
        from borapp.services.outbox.letters import write_pdf_copy

        printed: list[bool] = []
        title = _("BOR Desk recovery key")
        if self.result.attempt(lambda: printed.append(ask_and_print(self, self.sheet(), title, write_pdf_copy))):
            self.result.show_done(_("Sent to the printer.") if printed[0] else "")

    def _save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), _("recovery-key") + ".pdf",
                                                    _("PDF documents (*.pdf)"))
        if not path:
            return
        self.result.attempt(lambda: self._write(Path(path)),
                            _("Saved as {path}. Print it and then delete the file: whoever has it and the vault can "
                              "open the vault.").format(path=path))

    def _write(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            raise UsageError(_("Save the sheet as a .pdf file."))
        from borapp.services.outbox.letters import write_pdf_copy

        write_pdf_copy(path, self.sheet())


class RecoveryKeyDialog(QDialog):
    """A new recovery key made in Settings: shown once, with the same ways to keep it."""

    def __init__(self, key: str, vault_name: str, organisation: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Your recovery key"))
        layout = QVBoxLayout(self)
        warning = QLabel(_("Write this key down, print it or save it as a PDF, and keep it away from the laptop. "
                           "It is shown only now; the old key no longer works."))
        warning.setWordWrap(True)
        warning.setStyleSheet(text_style(ERROR, bold=True))
        layout.addWidget(warning)
        self.sheet = RecoverySheetBox()
        self.sheet.show_key(key, vault_name, organisation)
        layout.addWidget(self.sheet)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.finished.connect(lambda _result: self.sheet.clear())
