"""Editing a letter before it is final: to whom (name, address block, e-mail), the subject and the text; messages
under the fields. The address block is printed under the name; left as the case gives it, it follows the
organisation's postal address (Settings → Referrers)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _
from borapp.services.errors import BorError, ValidationError
from borapp.services.outbox import letters
from borapp.services.outbox.listing import LetterText, kind_label
from borapp.ui.kept_typing import keep_as
from borapp.ui.widgets.forms import FieldMessage, add_field, required_note
from borapp.ui.widgets.screen_fit import resize_within_screen
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding


class LetterEditor(AsksBeforeDiscarding, QDialog):
    """Save writes through the outbox service; `saved(letter_id)` tells the page to reload. Cancel, Escape and the
    window's close button ask before typing is thrown away (a lock keeps it)."""

    saved = Signal(int)

    def __init__(self, workspace, letter: LetterText, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace, self.letter_id = workspace, letter.id
        self.setWindowTitle(_("Edit letter: {kind}, {case}").format(kind=kind_label(letter.kind), case=letter.case_ref))
        keep_as(self, f"letter/{letter.id}/edit")
        layout = QVBoxLayout(self)
        to_parent = bool(letter.parent_role)  # the visit schedule, to one parent; every other letter to the referrer
        intro = QLabel(_("A letter to one parent: the dates, times and place of the visits and how to cancel. The "
                         "letterhead, date and signature are added to the PDF.") if to_parent else
                       _("Keep it factual: dates, attendance, visits held and cancelled, agreements, outcome. "
                         "The letterhead, date and signature are added to the PDF."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.recipient_name = QLineEdit(letter.recipient_name)
        self.recipient_address = QPlainTextEdit(letter.recipient_address)
        self.recipient_address.setTabChangesFocus(True)
        self.recipient_address.setPlaceholderText(_("Street and number\nPostcode and place") if to_parent else
                                                  _("Organisation\nStreet and number\nPostcode and place"))
        self.recipient_address.setFixedHeight(self.recipient_address.fontMetrics().lineSpacing() * 5 + 14)
        self.recipient_address.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # no gap under it
        self.recipient_address.setToolTip(
            _("Printed under the parent's name, a line each. Left as it is, it follows the parent's address (Family); "
              "the other parent's confidential address is never printed.") if to_parent else
            _("Printed under the recipient's name, a line each. Left as it is, it follows the organisation's postal "
              "address (Settings → Referrers)."))
        self.recipient_email = QLineEdit(letter.recipient_email)
        self.subject = QLineEdit(letter.subject)
        self.body = QPlainTextEdit(letter.body)
        self.body.setTabChangesFocus(True)
        self.messages = {
            "recipient_name": add_field(form, _("Recipient"), self.recipient_name),
            "recipient_address": add_field(form, _("Address"), self.recipient_address),
            "recipient_email": add_field(form, _("E-mail address"), self.recipient_email),
            "subject": add_field(form, _("Subject"), self.subject, required=True),
            "body": add_field(form, _("Text"), self.body, required=True),
        }
        layout.addLayout(form, 1)
        layout.addWidget(required_note())
        self.general = FieldMessage()
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 760, 680)
        self.remember_typing()  # what the letter holds: anything else is typing that Cancel would lose

    def values(self) -> dict[str, str]:
        return {"recipient_name": self.recipient_name.text(), "recipient_address": self.recipient_address.toPlainText(),
                "recipient_email": self.recipient_email.text(), "subject": self.subject.text(),
                "body": self.body.toPlainText()}

    def set_values(self, values: dict[str, str]) -> None:
        for key, widget in (("recipient_name", self.recipient_name), ("recipient_email", self.recipient_email),
                            ("subject", self.subject)):
            if key in values:
                widget.setText(values[key])
        if "recipient_address" in values:
            self.recipient_address.setPlainText(values["recipient_address"])
        if "body" in values:
            self.body.setPlainText(values["body"])

    def typed_values(self) -> dict[str, str]:
        return self.values()

    def discard_question(self) -> str:
        return _("This letter has changes that are not saved. Throw them away?")

    def save(self) -> None:
        for message in (*self.messages.values(), self.general):
            message.show_message("")
        values = self.values()
        try:
            letters.set_body(self.workspace, self.letter_id, values["subject"], values["body"],
                             recipient_name=values["recipient_name"], recipient_email=values["recipient_email"],
                             recipient_address=values["recipient_address"])
        except ValidationError as exc:
            self.messages.get(exc.field, self.general).show_message(str(exc))
            return
        except BorError as exc:
            self.general.show_message(str(exc))
            return
        self.saved.emit(self.letter_id)
        self.accept()
