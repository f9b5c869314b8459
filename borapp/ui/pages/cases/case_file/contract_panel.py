"""The BOR-overeenkomst in the case file: draw it up (a new version when agreements or parties changed after
signing), preview and print any version from memory (a signed one exactly as it was signed), record who signed which
version when, and keep the scanned signed copy in the vault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _
from borapp.services.cases.attachments import read_upload
from borapp.services.cases.labels import role_label
from borapp.services.documents import contract_versions
from borapp.services.documents.contract import contract_missing, render_contract
from borapp.services.documents.contract_signing import record_signature
from borapp.services.errors import BorError
from borapp.services.documents.export import record_export
from borapp.services.outbox.letters import write_pdf_copy
from borapp.ui.colours import WARNING, text_style
from borapp.ui.kept_typing import keep_as
from borapp.ui.pages.outbox.pdf_pages import ask_and_print
from borapp.ui.pages.outbox.preview import PreviewDialog
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.forms import FieldMessage, grow_with_messages
from borapp.ui.widgets.result_line import ResultLine


class ContractPanel(QGroupBox):
    changed = Signal()

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(_("BOR contract"), parent)
        self.workspace = workspace
        self.case_id: int | None = None
        self.before_draw_up = None  # called first; False stops the drawing up (the tab saves typed agreements)
        layout = QVBoxLayout(self)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(text_style(WARNING))
        self.missing.setAccessibleName(_("Missing in the contract"))
        layout.addWidget(self.missing)
        row = QHBoxLayout()
        self.draw_up = QPushButton(_("Draw up contract"))
        self.version = QComboBox()
        self.version.setAccessibleName(_("Version to preview"))
        self.preview = QPushButton(_("Preview…"))
        self.sign = QPushButton(_("Record signature…"))
        self.signed_copy = QPushButton(_("Store signed copy…"))
        for button in (self.draw_up, self.version, self.preview, self.sign, self.signed_copy):
            row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
        self.message = ResultLine()
        layout.addWidget(self.message)
        self.draw_up.clicked.connect(self._draw_up)
        self.preview.clicked.connect(self._preview)
        self.sign.clicked.connect(self._sign)
        self.signed_copy.clicked.connect(self._store_copy)

    def load(self, case_id: int) -> None:
        if case_id != self.case_id:  # a reload after drawing up or signing keeps what was said
            self.message.clear()
        self.case_id = case_id
        try:
            missing = contract_missing(self.workspace, case_id)
        except BorError as exc:
            missing = [str(exc)]
        self.missing.setText(_("Still to fill in by hand: {items}").format(items="; ".join(missing)) if missing
                             else "")
        self.missing.setVisible(bool(missing))
        versions = contract_versions.signature_status(self.workspace, case_id)
        self.sign.setEnabled(bool(versions))
        signed = bool(versions) and versions[0].contract.frozen  # the paper belongs with a version someone signed
        self.signed_copy.setEnabled(signed)
        self.signed_copy.setToolTip("" if signed else _("Record who signed first (Record signature…): a signed copy "
                                                         "belongs with a signed version."))
        self._list_versions(versions)

    def _list_versions(self, versions) -> None:
        """What the preview can show: first the contract as it stands (the newest version, or the draft of the
        next one when the case moved on), then each older version as it was stored (a signed one as signed)."""
        self.version.clear()
        newest = versions[0] if versions else None
        if newest is None or newest.agreements_changed:
            number = 1 if newest is None else newest.contract.version + (1 if newest.contract.frozen else 0)
            self.version.addItem(_("Version {n} (draft)").format(n=number), None)
            older = versions if newest is not None and newest.contract.frozen else versions[1:]
        else:
            self.version.addItem(_version_text(newest), None)
            older = versions[1:]
        for status in older:
            self.version.addItem(_version_text(status), status.contract.version)
        self.version.setVisible(self.version.count() > 1)

    def clear(self) -> None:
        self.case_id = None
        self.missing.clear()
        self.message.clear()
        self.version.clear()

    def _attempt(self, action, done: str = "") -> bool:
        return self.message.attempt(action, done)

    def _draw_up(self) -> None:
        if self.before_draw_up is not None and not self.before_draw_up():
            self.message.show_problem(_("Save the agreements first: the contract holds what is saved."))
            return
        versions = []
        if self._attempt(lambda: versions.append(contract_versions.new_version_if_changed(self.workspace,
                                                                                          self.case_id))):
            self.message.setText(_("Contract version {version} is ready to print and sign.").format(
                version=versions[0]))
            self.changed.emit()

    def _preview(self) -> None:
        rendered, number = [], self.version.currentData()
        if not self._attempt(lambda: rendered.append(render_contract(self.workspace, self.case_id, version=number))):
            return
        document = rendered[0]
        dialog = PreviewDialog(document.pdf, document.title, self,
                               on_print=lambda: self._print(document), on_save=lambda: self._save(document))
        dialog.open()

    def _print(self, document) -> None:
        self._attempt(lambda: ask_and_print(self, document.pdf, document.title, write_pdf_copy))

    def _save(self, document) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), f"{document.title}.pdf",
                                                    _("PDF documents (*.pdf)"))
        if path:
            self._attempt(lambda: (write_pdf_copy(Path(path), document.pdf),
                                   record_export(self.workspace, self.case_id, Path(path))),
                          _("Saved as {path}. This copy is not encrypted: delete it when you no longer need it.")
                          .format(path=path))

    def _sign(self) -> None:
        contract = contract_versions.current_contract(self.workspace, self.case_id)
        if contract is None:
            return
        dialog = SignatureDialog(contract, self, names=contract_versions.signer_names(self.workspace, self.case_id),
                                 save=lambda role, name, on: record_signature(self.workspace, contract.id, role, name,
                                                                              on))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.message.show_done(_("Signature recorded."))
        self.changed.emit()

    def _store_copy(self) -> None:
        contract = contract_versions.current_contract(self.workspace, self.case_id)
        path, _filter = QFileDialog.getOpenFileName(self, _("Signed copy"), "",
                                                    _("Scans (*.pdf *.png *.jpg *.jpeg);;All files (*)"))
        if not path or contract is None:
            return

        def store() -> None:
            filename, content = read_upload(Path(path))
            contract_versions.store_signed_copy(self.workspace, contract.id, filename, content)

        if self._attempt(store, _("The signed copy is kept in the vault (Attachments).")):
            self.changed.emit()


def _version_text(status) -> str:
    number = status.contract.version
    if status.complete:
        return _("Version {n}, signed by everyone").format(n=number)
    if status.contract.frozen:
        return _("Version {n}, partly signed").format(n=number)
    return _("Version {n}").format(n=number)


class SignatureDialog(AsksBeforeDiscarding, QDialog):
    """Who signed the current version, and when. It offers the parties the version names (those still to sign first)
    with the name the app knows for each, and saves itself (`save`): when the save is refused the reason shows here
    and everything typed stays. A version that names no volunteer says why the volunteer is not among them."""

    def __init__(self, contract, parent: QWidget | None = None, *, names: dict[str, str] | None = None,
                 save=None):
        super().__init__(parent)
        self._names, self._save, self._offered = dict(names or {}), save, ""
        self.setWindowTitle(_("Record signature (version {version})").format(version=contract.version))
        keep_as(self, f"contract/{contract.id}/signature")
        form = QFormLayout(self)
        self.role = QComboBox()
        for code in contract.unsigned_roles or contract.signer_roles:
            self.role.addItem(role_label(code), code)
        self.later = QLabel(_("No volunteer is matched yet: the volunteer signs the version of the contract that "
                              "names them, once matched."))
        self.later.setWordWrap(True)
        self.later.setAccessibleName(_("Who signs later"))
        self.later.setVisible("volunteer" not in contract.signer_roles)
        self.name = QLineEdit()
        self.signed_on = DateField(optional=False)
        self.signed_on.set_value(dt.date.today())
        for label, widget in ((_("Signer"), self.role), (_("Name"), self.name), (_("Signed on"), self.signed_on)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(self.later)
        self.problem = FieldMessage()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.role.currentIndexChanged.connect(self._offer_name)
        self._offer_name()
        grow_with_messages(self, 460)  # room for a refusal message under the fields
        self.remember_typing()

    def typed_values(self) -> dict:
        """The name the app offered for the chosen party is not typing: choosing another party alone is not asked
        about."""
        values = super().typed_values()
        if self.name.text() == self._offered:
            values.pop(self.name.accessibleName(), None)
        return values

    def _offer_name(self, *_args) -> None:
        """The known name of the chosen party, unless the user typed another one."""
        if self.name.text() in ("", self._offered):
            self._offered = self._names.get(self.role.currentData() or "", "")
            self.name.setText(self._offered)
            self.name.setCursorPosition(0)

    def accept(self) -> None:
        if refuse_unreadable(self):  # a date that cannot be read is said under it, and the dialog stays
            return
        if self.signed_on.value() is None:  # an emptied date was recorded as today, unasked
            self.signed_on.refuse(_("Fill in the date it was signed."))
            return
        if self._save is not None:
            try:
                self._save(*self.values())
            except BorError as exc:  # said here; the dialog and what was typed stay
                self.problem.show_message(str(exc))
                return
        super().accept()

    def values(self) -> tuple[str, str, dt.date]:
        return self.role.currentData(), self.name.text(), self.signed_on.value()
