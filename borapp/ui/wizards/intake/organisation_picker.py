"""Pick an organisation from a combo, or add a new one: its name, kind, postal address (and, where the page does not
ask for them already, contact person and e-mail) appear when "New organisation…" is chosen. A chosen organisation's
postal address is shown under the combo, or that none is known yet and where to add it.

The combo's item data is the organisation's id, or one of the words NEW, SAME (as the referrer) and NONE (not
known yet); the last two are offered only where asked for.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget,
)

from borapp.i18n import _
from borapp.services.intake.flow import ORGANISATION_KIND_LABELS, OrganisationChoice
from borapp.services.organisations.addresses import one_line
from borapp.ui.widgets.forms import FieldMessage, add_field, changed_signal
from borapp.ui.widgets.organisation_form import ADDRESS_EXAMPLE

NEW, SAME, NONE = "new", "same", "none"


class OrganisationPicker(QWidget):
    changed = Signal()

    def __init__(self, name: str, *, same_choice: bool = False, none_choice: bool = False,
                 contact_fields: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.same_choice, self.none_choice = same_choice, none_choice
        self.choices: list[OrganisationChoice] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setAccessibleName(name)
        self.combo.setMaxVisibleItems(16)
        column.addWidget(self.combo)
        self.known = QLabel()
        self.known.setWordWrap(True)
        self.known.setStyleSheet("color: palette(placeholder-text);")
        column.addWidget(self.known)
        self.new_box = QWidget()
        column.addWidget(self.new_box)
        self._new_fields(QFormLayout(self.new_box), contact_fields)
        self.new_box.hide()
        self.combo.currentIndexChanged.connect(self._chosen)
        self.set_choices([])

    def _new_fields(self, form: QFormLayout, contact_fields: bool) -> None:
        form.setContentsMargins(16, 2, 0, 0)
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItem(_("Choose…"), "")
        for code, text in ORGANISATION_KIND_LABELS.items():
            self.kind.addItem(_(text), code)
        self.contact, self.email = QLineEdit(), QLineEdit()
        self.email.setPlaceholderText(_("name@example.nl"))
        self.address = QPlainTextEdit()
        self.address.setPlaceholderText(ADDRESS_EXAMPLE)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 3 + 12)
        self.address.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # no gap under it
        rows = [("name", _("Name of the new organisation"), _("Name"), self.name),
                ("kind", _("Kind of organisation"), _("Kind"), self.kind)]
        if contact_fields:
            rows.append(("contact", _("Contact person at the new organisation"), _("Contact person"), self.contact))
        rows.append(("address", _("Postal address of the new organisation"), _("Postal address"), self.address))
        if contact_fields:
            rows.append(("email", _("E-mail of the new organisation"), _("E-mail"), self.email))
        self.messages: dict[str, FieldMessage] = {}
        for key, accessible, label, widget in rows:
            self.messages[key] = add_field(form, label, widget, required=key in ("name", "kind"))
            widget.setAccessibleName(accessible)
            changed_signal(widget).connect(self.changed)

    def set_choices(self, choices: list[OrganisationChoice]) -> None:
        """Refill the combo, keeping what was chosen."""
        chosen = self.choice()
        self.choices = choices
        self.combo.blockSignals(True)
        self.combo.clear()
        if self.same_choice:
            self.combo.addItem(_("Same as the referrer"), SAME)
        else:
            self.combo.addItem(_("Choose an organisation…"), None)
        for org in choices:
            self.combo.addItem(org.name, org.id)
        self.combo.addItem(_("New organisation…"), NEW)
        if self.none_choice:
            self.combo.addItem(_("Not known yet"), NONE)
        self.combo.blockSignals(False)
        self.set_choice(chosen)

    def choice(self):
        return self.combo.currentData()

    def set_choice(self, value) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self._chosen()

    def chosen_organisation(self) -> OrganisationChoice | None:
        value = self.choice()
        return next((o for o in self.choices if o.id == value), None) if isinstance(value, int) else None

    def set_kind(self, code: str) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(code), 0))

    def new_values(self) -> dict[str, str]:
        """What was typed for a new organisation: name, kind, contact, address, email."""
        return {"name": self.name.text(), "kind": self.kind.currentData() or "", "contact": self.contact.text(),
                "address": self.address.toPlainText(), "email": self.email.text()}

    def set_new_values(self, values: dict[str, str]) -> None:
        self.name.setText(values.get("name", ""))
        self.set_kind(values.get("kind", ""))
        self.contact.setText(values.get("contact", ""))
        self.address.setPlainText(values.get("address", ""))
        self.email.setText(values.get("email", ""))

    def _chosen(self, *_args) -> None:
        self.new_box.setVisible(self.choice() == NEW)
        org = self.chosen_organisation()
        if org is None:
            self.known.hide()
        else:
            self.known.setText(_("Postal address: {address}").format(address=one_line(org.address)) if org.address
                               else _("No postal address known yet: letters get a line to fill in. Add it in "
                                      "Settings → Referrers."))
            self.known.show()
        self.changed.emit()

    def clear(self) -> None:
        self.set_new_values({})
        self.set_choices([])
