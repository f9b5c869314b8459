"""A parent's details on one page (steps 4 and 5): name, address with the confidential flag, e-mail, phone."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from borapp.i18n import _
from borapp.ui.wizards.intake.base_page import IntakePage, with_hint

TEXT_FIELDS = ("name", "address", "postcode", "city", "email", "phone")


class ParentPage(IntakePage):
    ROLE = ""  # "resident" or "other": the key in the state dict and the prefix of the fields' problems

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        form = self.new_form()
        labels = {"name": _("Name"), "address": _("Street and number"), "postcode": _("Postcode"),
                  "city": _("City"), "email": _("E-mail"), "phone": _("Phone")}
        self.edits: dict[str, QLineEdit] = {}
        self.confidential = QCheckBox(_("Confidential address (never shown to the other parent)"))
        self.confidential.setAccessibleName(_("Confidential address"))
        for key, label in labels.items():
            edit = QLineEdit()
            self.edits[key] = edit
            self.field(form, f"{self.ROLE}.{key}", label, edit, required=key == "name")
            edit.setAccessibleName(f"{label} ({self.title_text()})")
            if key == "city":  # the flag right under the address it hides; rows made in screen order, so Tab follows
                form.addRow("", with_hint(self.confidential, _(
                    "Keeps this address off the contract, the letters and everything else the other parent sees.")))
        self.edits["postcode"].setMaxLength(7)
        self.edits["postcode"].setMaximumWidth(110)
        self.edits["postcode"].setPlaceholderText("1234 AB")
        self.edits["email"].setPlaceholderText(_("name@example.nl"))
        self.watch(self.confidential)
        self.body.addStretch()
        self.add_required_note()

    def title_text(self) -> str:
        raise NotImplementedError

    def read(self, data: dict) -> None:
        values = {key: edit.text() for key, edit in self.edits.items()}
        values["address_confidential"] = self.confidential.isChecked()
        data[self.ROLE] = values

    def write(self, data: dict) -> None:
        values = data.get(self.ROLE) or {}
        for key, edit in self.edits.items():
            edit.setText(values.get(key) or "")
        self.confidential.setChecked(bool(values.get("address_confidential")))

    def blank(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.confidential.setChecked(False)
