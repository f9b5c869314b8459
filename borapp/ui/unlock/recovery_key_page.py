"""The recovery key, shown once after a vault is made, to write down or print."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _


class RecoveryKeyPage(QWidget):
    done = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Your recovery key"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        warning = QLabel(_("Write this key down or print it, and keep it somewhere safe away from this laptop. "
                           "It is shown only now. Without your passphrase and this recovery key the data in the "
                           "vault is gone for good: nobody, not even the makers of BOR Desk, can get it back."))
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #8A1C1C; font-weight: 600;")
        layout.addWidget(warning)
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
        row.addWidget(self.print_button)
        row.addStretch()
        layout.addLayout(row)
        self.confirm = QCheckBox(_("I have written down or printed the recovery key"))
        layout.addWidget(self.confirm)
        self.continue_button = QPushButton(_("Continue"))
        self.continue_button.setEnabled(False)
        layout.addWidget(self.continue_button)
        layout.addStretch()
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._finish)
        self.print_button.clicked.connect(self._print)

    def show_key(self, key: str) -> None:
        self.key_label.setText(key)
        self.confirm.setChecked(False)

    def _finish(self) -> None:
        self.key_label.clear()
        self.done.emit()

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec():
            doc = QTextDocument()
            title, advice = _("BOR Desk recovery key"), _("Keep this paper safe, away from the laptop.")
            doc.setHtml(f"<h2>{title}</h2><p style='font-size:20pt'><tt>"
                        f"{self.key_label.text()}</tt></p><p>{advice}</p>")
            doc.print_(printer)
