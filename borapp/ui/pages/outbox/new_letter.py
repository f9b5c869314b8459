"""Making a letter from the outbox: which case, which letter, and to whom: for the visit schedule which parent, for
the closing report the commissioning party (the default, when the case has one of its own) or the referrer.

A letter the template could fill completely is ready to send; one with gaps (or with dates in an impossible order)
starts as a draft, with the gaps named and where to fill them, so nobody sends "______" to a referrer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from borapp.i18n import _
from borapp.services import settings
from borapp.services.cases import listing
from borapp.services.cases.labels import role_label
from borapp.services.errors import BorError
from borapp.services.outbox import letters
from borapp.services.outbox.listing import KINDS, earlier_letters_line, kind_label
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.forms import FieldMessage, add_field


class NewLetterDialog(AsksBeforeDiscarding, QDialog):
    """Escape or Cancel asks before a typed case number goes; the number it opened with (the outbox's row, the case
    file's own) and the choices in its lists are not asked about."""

    made = Signal(int, list, str)  # the new letter's id, what it could not fill in, and why it is not ready

    def __init__(self, workspace, parent: QWidget | None = None, case_ref: str = "", kind: str = ""):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace = workspace
        self.setWindowTitle(_("New letter"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.case_ref = QLineEdit(case_ref)
        self.case_ref.setPlaceholderText("BOR-2026-014")
        self.case_ref.setAccessibleName(_("Case number"))  # also how AsksBeforeDiscarding knows the field
        self.kind = QComboBox()
        for each in KINDS:
            self.kind.addItem(kind_label(each), each)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.parent_role = QComboBox()
        for role in ("resident", "other"):
            self.parent_role.addItem(role_label(role), role)
        self.addressee = QComboBox()  # filled per case and kind (`_fill_addressees`)
        self.case_message = add_field(form, _("Case"), self.case_ref, required=True)
        self.family = QLabel()  # whom the letter is about: prefilled from the outbox's selected row, a wrong
        self.family.setWordWrap(True)  # family was one click away
        self.family.setAccessibleName(_("Whom this case is about"))
        form.addRow("", self.family)
        self.case_ref.textChanged.connect(self._show_family)
        self.parent_role.currentIndexChanged.connect(lambda _i: self._say_earlier())
        self.addressee.currentIndexChanged.connect(lambda _i: self._say_earlier())
        self.kind_message = add_field(form, _("Letter"), self.kind, required=True)
        add_field(form, _("To parent"), self.parent_role)
        add_field(form, _("To organisation"), self.addressee)
        self.language = QLabel(self._language_line())  # the organisation's, not the screen's: shown, not chosen
        self.language.setWordWrap(True)
        self.language.setAccessibleName(_("Letter's language"))
        form.addRow(_("Language"), self.language)
        layout.addLayout(form)
        self.general = FieldMessage()
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make_button = self.buttons.addButton(_("Make letter"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.make)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self._show_family()
        self.resize(460, self.sizeHint().height())
        self.remember_typing()

    def _language_line(self) -> str:
        name = {"nl": "Nederlands", "en": "English"}[settings.read_setting(self.workspace, "language")]
        return _("{language} (the organisation's letters' language, under Settings › Organisation)").format(
            language=name)

    def _show_family(self, *_args) -> None:
        self._fill_addressees()
        self._say_earlier()
        try:
            case_id = letters.find_case_id(self.workspace, self.case_ref.text())
        except BorError:
            self.family.clear()
            return
        self.family.setText(_("About: {family}").format(family=listing.family_line(self.workspace, case_id)))

    def _kind_changed(self) -> None:
        self.parent_role.setEnabled(self.kind.currentData() == "schedule")  # only the schedule goes to a parent
        self._fill_addressees()
        self._say_earlier()

    def _fill_addressees(self) -> None:
        """The organisations this case's letter of this kind can go to, the default first; a choice only for a
        closing report in a case whose commissioning party is not its referrer."""
        try:
            case_id = letters.find_case_id(self.workspace, self.case_ref.text())
            found = letters.addressees(self.workspace, case_id, self.kind.currentData())
        except BorError:
            found = []
        self.addressee.blockSignals(True)  # refilled: `_say_earlier` follows once, from the caller
        self.addressee.clear()
        for each in found:
            self.addressee.addItem(each.label, each.key)
        self.addressee.blockSignals(False)
        self.addressee.setEnabled(len(found) > 1)

    def _say_earlier(self) -> None:
        """Said, not refused: a second letter of a kind may be meant (a corrected schedule)."""
        kind = self.kind.currentData()
        try:
            case_id = letters.find_case_id(self.workspace, self.case_ref.text())
        except BorError:
            self.kind_message.show_message("")
            return
        role = self.parent_role.currentData() if kind == "schedule" else ""
        self.kind_message.show_message(earlier_letters_line(self.workspace, case_id, kind, role,
                                                            self.addressee.currentData() or ""), warning=True)

    def make(self) -> None:
        self.case_message.show_message("")
        self.general.show_message("")
        if not self.case_ref.text().strip():
            self.case_message.show_message(_("Enter the case reference."))
            return
        kind = self.kind.currentData()
        role = self.parent_role.currentData() if kind == "schedule" else ""
        try:
            case_id = letters.find_case_id(self.workspace, self.case_ref.text())
        except BorError as exc:
            self.case_message.show_message(str(exc))
            return
        try:
            made = letters.create_letter(self.workspace, case_id, kind, parent_role=role, state="draft",
                                         addressee=self.addressee.currentData())
        except BorError as exc:
            self.general.show_message(str(exc))
            return
        problems = made.problems
        if not made.missing and not problems:
            try:
                letters.mark_ready(self.workspace, made.id)
            except BorError as exc:  # it stays a draft, and the outbox says why
                problems = str(exc)
        self.made.emit(made.id, made.missing, problems)
        self.accept()
