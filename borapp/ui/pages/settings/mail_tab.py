"""Mail: the server that sends letters (server, security, port, sender, login), the password in this computer's
keyring (never shown back), the explicit tick for a login without encryption, and a test message sent off the UI
thread that says in words how it went."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import N_, _, language
from borapp.services.errors import describe
from borapp.services.outbox import mail_setup, smtp_secret
from borapp.services.outbox.mail_setup import MailSettings, MailSettingsInvalid
from borapp.ui.colours import WARNING, text_style
from borapp.ui.pages.settings.section import SettingsSection, button_row, spin_box
from borapp.ui.tasks import run_task
from borapp.ui.widgets.forms import FieldMessage, add_field
from borapp.ui.widgets.result_line import ResultLine

FIELD_WIDTH = 380


class MailTab(SettingsSection):
    test_done = Signal(object)  # the TrialResult, once a test message has been tried

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Mail")
        self.testing = False
        layout = QVBoxLayout(self)
        intro = QLabel(_("BOR Desk sends letters through your organisation's mail server. Your e-mail provider or IT "
                         "support knows these details. Without a mail server, letters can still be exported."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = QFormLayout()
        self.messages: dict[str, FieldMessage] = {}
        self._build_fields()
        layout.addLayout(self.form)
        layout.addSpacing(4)
        layout.addWidget(self._plaintext_box())
        self.save_button = QPushButton(_("Save"))
        layout.addLayout(button_row(self.save_button))
        layout.addWidget(self.status)
        layout.addWidget(self._test_box())
        layout.addStretch()
        self.save_button.clicked.connect(self._save)
        self.save_on_keys(self.save_button)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.user.editingFinished.connect(self._show_password_hint)  # the keyring is asked once, not per key

    # ---- building -----------------------------------------------------------------------------------------------

    def _line(self, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setMaximumWidth(FIELD_WIDTH)
        edit.setPlaceholderText(placeholder)
        return edit

    def _build_fields(self) -> None:
        label = mail_setup.label
        self.host = self._line("smtp.example.nl")
        self.security = QComboBox()
        for text, data in ((_("STARTTLS (recommended)"), "starttls"), (_("SSL/TLS"), "ssl"),
                           (_("None (unencrypted)"), "none")):
            self.security.addItem(text, data)
        self.security.setMaximumWidth(FIELD_WIDTH)
        self._security = "starttls"
        self.port = spin_box("smtp.port")
        self.port.setFixedWidth(120)
        self.sender_email = self._line()
        self.sender_name = self._line()
        self.user = self._line()
        self.password = self._line()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for field, widget in (("host", self.host), ("security", self.security), ("port", self.port),
                              ("sender_email", self.sender_email), ("sender_name", self.sender_name),
                              ("user", self.user), ("password", self.password)):
            self.messages[field] = add_field(self.form, label(field), widget, required=field == "host")
        self.password_hint = QLabel()
        self.password_hint.setStyleSheet("color: palette(mid);")
        self.messages["password"].parentWidget().layout().addWidget(self.password_hint)  # under the field

    def _plaintext_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.allow_plaintext = QCheckBox(mail_setup.label("allow_plaintext"))
        self.allow_plaintext.setAccessibleName(mail_setup.label("allow_plaintext"))
        self.plaintext_warning = QLabel(_("Without encryption every letter (and the password, if there is a login) "
                                          "crosses the network readable. Allow it only on a network you trust, such "
                                          "as your office's."))
        self.plaintext_warning.setWordWrap(True)
        self.plaintext_warning.setStyleSheet(text_style(WARNING))
        self.messages["allow_plaintext"] = FieldMessage()
        self.allow_plaintext.toggled.connect(self.messages["allow_plaintext"].field_changed)
        for widget in (self.allow_plaintext, self.plaintext_warning, self.messages["allow_plaintext"]):
            column.addWidget(widget)
        self.plaintext_row = box
        box.setVisible(False)
        return box

    def _test_box(self) -> QGroupBox:
        box = QGroupBox(_("Test message"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(mail_setup.label("to")))
        self.test_to = self._line(_("the sender address"))
        self.test_to.setAccessibleName(mail_setup.label("to"))
        self.test_button = QPushButton(_("Send a test message"))
        row.addWidget(self.test_to)
        row.addWidget(self.test_button)
        row.addStretch()
        column.addLayout(row)
        note = QLabel(_("The test uses the settings above as they are typed, saved or not."))
        note.setStyleSheet("color: palette(mid);")
        column.addWidget(note)
        self.test_result = ResultLine()
        column.addWidget(self.test_result)
        self.test_button.clicked.connect(self._send_test)
        return box

    # ---- loading ------------------------------------------------------------------------------------------------

    def fill(self) -> None:
        values = mail_setup.read(self.workspace)
        fallback = mail_setup.fallbacks(self.workspace)
        self.host.setText(values.host)
        self._security = values.security
        self.security.setCurrentIndex(max(self.security.findData(values.security), 0))
        self.port.setValue(values.port)
        self.sender_email.setText(values.sender_email)
        self.sender_email.setPlaceholderText(fallback.sender_email or "bor@example.nl")
        self.sender_name.setText(values.sender_name)
        self.sender_name.setPlaceholderText(fallback.sender_name)
        self.user.setText(values.user)
        self.password.clear()
        self.allow_plaintext.setChecked(values.allow_plaintext)
        self._show_messages({})
        self._security_changed()
        self._show_password_hint()

    def clear(self) -> None:
        super().clear()
        for edit in (self.host, self.sender_email, self.sender_name, self.user, self.password, self.test_to):
            edit.clear()
        self.allow_plaintext.setChecked(False)
        self.test_result.clear()
        self._show_messages({})

    def values(self) -> MailSettings:
        """What the form says now (saved or not)."""
        return MailSettings(self.host.text().strip(), self.port.value(), self.security.currentData(),
                            self.sender_email.text().strip(), self.sender_name.text().strip(),
                            self.user.text().strip(), self.allow_plaintext.isChecked())

    # ---- reacting -----------------------------------------------------------------------------------------------

    def _security_changed(self, *_args) -> None:
        """The standard port follows the security, unless the user set another port; the tick shows with none."""
        new = self.security.currentData()
        if self.port.value() == mail_setup.STANDARD_PORTS.get(self._security):
            self.port.setValue(mail_setup.STANDARD_PORTS[new])
        self._security = new
        self.plaintext_row.setVisible(new == "none")

    def _show_password_hint(self, *_args) -> None:
        user = self.user.text().strip()
        stored = bool(user) and mail_setup.password_stored(user)
        if not user:
            text = _("Fill in a login name and password only if the mail server asks for them.")
        elif stored:
            text = _("A password for {user} is stored in this computer's keyring. Type a new one only to replace "
                     "it.").format(user=user)
        elif smtp_secret.keyring_available():
            text = _("No password stored for {user}. Type it and press Save to keep it in this computer's "
                     "keyring.").format(user=user)
        else:
            text = _("This computer has no keyring to keep the password in: it is asked for each time mail is "
                     "sent.")
        self.password_hint.setText(text)
        self.password.setPlaceholderText(_("stored (hidden)") if stored else "")

    def _show_messages(self, problems: dict[str, str]) -> None:
        for field, message in self.messages.items():
            message.show_message(problems.get(field, ""))

    def _not_saved(self, problems: dict[str, str]) -> str:
        fields = ", ".join(mail_setup.label(field) for field in problems)
        return _("Check: {fields}.").format(fields=fields)

    # ---- saving -------------------------------------------------------------------------------------------------

    def show_not_saved(self, problems: dict[str, str]) -> None:
        """Each problem under its field, and a line under Save naming the fields."""
        self._show_messages(problems)
        self.status.show_problem(_("Not saved. {check}").format(check=self._not_saved(problems)))

    def _save(self) -> bool:
        values, password = self.values(), self.password.text()
        try:
            note = mail_setup.save(self.workspace, values, password)
        except MailSettingsInvalid as exc:
            self.show_not_saved(exc.problems)
            return False
        except Exception as exc:  # noqa: BLE001 - said in words, never a traceback
            self.status.show_problem(describe(exc))
            return False
        self._show_messages({})
        self.password.clear()
        self._show_password_hint()
        self.mark_clean()
        if note:
            self.status.show_problem(note)
        else:
            self.status.show_done(_("Saved."))
        self.saved.emit()
        return True

    # ---- the test message ---------------------------------------------------------------------------------------

    def _send_test(self) -> None:
        if self.testing or self.workspace is None:
            return
        values, typed = self.values(), self.password.text()
        fallback = mail_setup.fallbacks(self.workspace)
        problems = mail_setup.problems(values, password_typed=bool(typed), for_sending=True, fallback=fallback)
        self._show_messages(problems)
        if problems:
            self.test_result.show_problem(_("No test message sent. {check}").format(check=self._not_saved(problems)))
            return
        if values.user and not typed and not mail_setup.password_stored(values.user):
            typed, ok = QInputDialog.getText(self, _("Mail server password"),
                                             _("Password for {user}:").format(user=values.user),
                                             QLineEdit.EchoMode.Password)
            if not ok or not typed:
                return
        to, lang = self.test_to.text().strip(), language()
        self._set_testing(True)
        run_task(lambda _progress: mail_setup.send_test_message(values, to, password=typed, fallback=fallback,
                                                                lang=lang), self.workspace
                 ).always(self._test_over).success(self._test_finished).failure(
            self._test_failed).start()

    def _set_testing(self, testing: bool) -> None:
        self.testing = testing
        self.test_button.setEnabled(not testing)
        if testing:
            self.test_result.show_done(_("Sending a test message…"))

    def _test_over(self) -> None:
        """Also when a lock dropped the answer: the button works again after the next unlock."""
        self._set_testing(False)

    def _test_finished(self, result) -> None:
        if self.workspace is None:  # locked meanwhile: nothing to say over the lock
            self.test_result.clear()
        elif result.ok:
            self.test_result.show_done(result.message)
        else:
            self.test_result.show_problem(result.message)
            if result.kind == "plaintext":
                self.messages["allow_plaintext"].show_message(result.message)
        self.test_done.emit(result)

    def _test_failed(self, exc: BaseException) -> None:
        if self.workspace is not None:
            self.test_result.show_problem(describe(exc))
        self.test_done.emit(mail_setup.TrialResult(False, "error", describe(exc)))
