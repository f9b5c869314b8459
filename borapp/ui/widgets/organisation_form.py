"""One organisation's form (a referrer or commissioning party): name, kind, contact person, postal address, e-mail
and phone, each with its message underneath. Settings → Referrers and the case file's Verwijzing tab both use it.

The postal address is one box, a line each as on an envelope ("Postbus 53" / "1800 BC Alkmaar"): that is how it
is printed under the organisation's name on every letter to it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from borapp.i18n import _
from borapp.services.organisations.addresses import address_warning
from borapp.services.organisations.referrers import KIND_LABELS, OrganisationInput, OrganisationRow, problems
from borapp.ui.widgets.forms import FieldMessage, add_field, changed_signal

ADDRESS_EXAMPLE = "Postbus 53\n1800 BC Alkmaar"


class OrganisationForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name, self.contact_person = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        self.kind.addItem(_("Choose…"), "")
        for code, text in KIND_LABELS.items():
            self.kind.addItem(_(text), code)
        self.address = QPlainTextEdit()
        self.address.setPlaceholderText(ADDRESS_EXAMPLE)
        self.address.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 4 + 14)
        self.address.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # no gap under it
        self.email, self.phone = QLineEdit(), QLineEdit()
        self.email.setPlaceholderText(_("name@example.nl"))
        self.messages: dict[str, FieldMessage] = {}
        for field, label, widget, required in (
                ("name", _("Name"), self.name, True), ("kind", _("Kind"), self.kind, True),
                ("contact_person", _("Contact person"), self.contact_person, False),
                ("address", _("Postal address"), self.address, False), ("email", _("E-mail"), self.email, False),
                ("phone", _("Phone"), self.phone, False)):
            self.messages[field] = add_field(form, label, widget, required=required)
            changed_signal(widget).connect(self.changed)
        self.address.setToolTip(_("One line each, as on an envelope: street and number (or Postbus), then postcode "
                                  "and place."))
        self.address.textChanged.connect(self._address_edited)

    def values(self) -> OrganisationInput:
        return OrganisationInput(self.name.text(), self.kind.currentData() or "", self.contact_person.text(),
                                 self.address.toPlainText(), self.email.text(), self.phone.text())

    def set_row(self, row: OrganisationRow | None) -> None:
        """Show `row` (None: an empty form for a new organisation)."""
        self.name.setText(row.name if row else "")
        self.kind.setCurrentIndex(max(self.kind.findData(row.kind if row else ""), 0))
        self.contact_person.setText(row.contact_person if row else "")
        self.address.setPlainText(row.address if row else "")
        self.email.setText(row.email if row else "")
        self.phone.setText(row.phone if row else "")
        for edit in (self.name, self.contact_person, self.email, self.phone):
            edit.setCursorPosition(0)
        self.show_problems({})

    def check(self) -> bool:
        """Show every problem under its field (and a hint about the address); True when it can be saved."""
        found = problems(self.values())
        self.show_problems(found)
        return not found

    def show_problems(self, found: dict[str, str]) -> None:
        for field, message in self.messages.items():
            message.show_message(found.get(field, ""))
        if "address" not in found:
            self._show_address_hint()
        first = next((f for f in self.messages if f in found), None)
        if first is not None:
            getattr(self, first).setFocus()

    def _show_address_hint(self) -> None:
        self.messages["address"].show_message(address_warning(self.address.toPlainText()), warning=True)

    def _address_edited(self) -> None:
        message = self.messages["address"]
        if message.text() and getattr(message, "warning", False):
            self._show_address_hint()  # a hint shown follows the typing, and goes once the postcode is there
