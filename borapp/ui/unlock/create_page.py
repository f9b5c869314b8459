"""First run: make a new vault with a passphrase typed twice, with a strength hint."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.vault.passphrase_strength import strength
from borapp.ui.widgets.forms import add_field
from borapp.ui.widgets.result_line import ResultLine


class CreatePage(QWidget):
    create_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Create your vault"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        intro = QLabel(_("BOR Desk keeps everything in an encrypted vault on this laptop. Choose a passphrase: "
                         "a few unrelated words are easy to remember and hard to guess."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.second = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.first_message = add_field(form, _("Passphrase"), self.first, required=True)
        self.meter = QProgressBar(maximum=4, textVisible=False)
        self.meter.setAccessibleName(_("Passphrase strength"))
        self.meter.setMaximumHeight(8)
        form.addRow("", self.meter)
        self.second_message = add_field(form, _("Repeat passphrase"), self.second, required=True)
        layout.addLayout(form)
        self.create_button = QPushButton(_("Create vault"))
        self.create_button.setDefault(True)
        layout.addWidget(self.create_button)
        self.problem = ResultLine()  # why no vault was made: apart from the strength hint, which typing rewrites
        layout.addWidget(self.problem)
        layout.addStretch()
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.second.returnPressed.connect(self._submit)
        self.create_button.clicked.connect(self._submit)
        self.busy = False
        self._update()

    def _update(self) -> None:
        if getattr(self, "busy", False):
            return
        score, hint = strength(self.first.text())
        self.meter.setValue(score)
        self.first_message.show_message(hint if self.first.text() else "", warning=2 <= score < 4, fine=score >= 4)
        differ = bool(self.second.text()) and self.second.text() != self.first.text()
        self.second_message.show_message(_("The two passphrases differ.") if differ else "")
        self.create_button.setEnabled(score > 0 and self.first.text() == self.second.text())

    def _submit(self) -> None:
        if self.create_button.isEnabled():
            self.problem.clear()
            self.set_busy(True)
            self.create_requested.emit(self.first.text())

    def set_busy(self, busy: bool) -> None:
        """While the vault is made (the key derivation is slow on purpose: 17.8 s on a slow laptop), the page says
        so, and the passphrase cannot change under it."""
        self.busy = busy
        for field in (self.first, self.second):
            field.setReadOnly(busy)
        self.create_button.setText(_("Making the vault…") if busy else _("Create vault"))
        if busy:
            self.create_button.setEnabled(False)
            self.problem.show_note(_("This can take up to half a minute: that is what makes the passphrase slow to "
                                     "guess."))
        else:
            self._update()

    def show_problem(self, text: str) -> None:
        self.problem.show_problem(text)

    def clear(self) -> None:
        self.set_busy(False)
        self.first.clear()
        self.second.clear()
        self.problem.clear()
