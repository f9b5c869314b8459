"""Verwijzing: how the family came (route), who referred and who pays (with their postal address, editable through
"Edit organisation…"), the municipality and funding, and the court decision the visits must follow as closely as
possible."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services import typed_dates
from borapp.services.cases import editing
from borapp.services.cases.case_file import CaseFile
from borapp.services.cases.editing import ReferralInput
from borapp.services.cases.labels import FUNDING_LABELS, ROUTE_LABELS
from borapp.services.organisations import referrers
from borapp.services.validation import email_problem
from borapp.ui.pages.cases.case_file.form_tab import FormTab, text_box
from borapp.ui.pages.cases.case_file.organisation_address import OrganisationAddress, OrganisationDialog
from borapp.ui.widgets.date_field import DateField
from borapp.ui.widgets.forms import add_field, required_note


class ReferralTab(FormTab):
    key = "referral"

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self._organisations: dict[str, referrers.OrganisationRow] = {}  # by name in lower case
        self.organisation_dialog: OrganisationDialog | None = None
        outer = QVBoxLayout(self.body)
        row = QHBoxLayout()
        row.addWidget(self._referral_box(), 1)
        row.addWidget(self._court_box(), 1)
        outer.addLayout(row)
        outer.addWidget(required_note())
        outer.addStretch()

    def _referral_box(self) -> QGroupBox:
        box = QGroupBox(_("Referral"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.route = QComboBox()
        for code, label in ROUTE_LABELS.items():
            self.route.addItem(_(label), code)
        self._add(form, "route", _("Route"), self.route, required=True)
        self.referrer = self._organisation_combo()
        self._add(form, "referrer_name", _("Referrer"), self.referrer)
        self.referrer_address = self._address_row(form, self.referrer, _("referrer"))
        self._add(form, "referrer_contact", _("Contact person"), QLineEdit())
        email = QLineEdit()
        message = self._add(form, "referrer_email", _("Referrer's e-mail"), email)
        email.editingFinished.connect(lambda: message.show_message(email_problem(email.text())))
        self.commissioner = self._organisation_combo()
        self._add(form, "commissioner_name", _("Commissioning party"), self.commissioner)
        self.commissioner_address = self._address_row(form, self.commissioner, _("commissioning party"))
        self.municipality = QComboBox()
        self._add(form, "municipality_id", _("Municipality"), self.municipality)
        self.funding = QComboBox()
        self.funding.addItem(_("Not set"), "")
        for code, label in FUNDING_LABELS.items():
            self.funding.addItem(_(label), code)
        self._add(form, "funding", _("Funding"), self.funding)
        return box

    def _court_box(self) -> QGroupBox:
        box = QGroupBox(_("Court decision"))
        column = QVBoxLayout(box)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch()  # the room the taller box beside it leaves goes below, not into the Build-up row
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        note = QLabel(_("Deviate from the court decision as little as possible."))
        note.setWordWrap(True)
        note.setStyleSheet("font-style: italic;")
        form.addRow(note)
        self._add(form, "court_decision_on", _("Date of the decision"), DateField())
        self._add(form, "court_frequency", _("Frequency"), QLineEdit())
        self._add(form, "court_duration", _("Duration"), QLineEdit())
        self._add(form, "court_buildup", _("Build-up"), text_box(_("Build-up in the court decision"), 96))
        return box

    def _organisation_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.lineEdit().setPlaceholderText(_("Choose or type a new organisation"))
        return combo

    def _address_row(self, form: QFormLayout, combo: QComboBox, whose: str) -> OrganisationAddress:
        line = OrganisationAddress(whose)
        form.addRow("", line)
        combo.editTextChanged.connect(lambda text: line.show_for(text, self._known(text)))
        line.edit_requested.connect(self.edit_organisation)
        return line

    def _known(self, name: str) -> referrers.OrganisationRow | None:
        return self._organisations.get(" ".join(name.split()).lower())

    def edit_organisation(self, organisation_id: int) -> None:
        row = next((o for o in self._organisations.values() if o.id == organisation_id), None)
        if row is None:
            return
        self.organisation_dialog = OrganisationDialog(self.workspace, row, self)
        self.organisation_dialog.saved.connect(lambda org_id, old=row.name: self._organisation_saved(org_id, old))
        self.organisation_dialog.finished.connect(lambda _r: setattr(self, "organisation_dialog", None))
        self.organisation_dialog.open()

    def _organisation_saved(self, organisation_id: int, old_name: str) -> None:
        """Show the organisation as saved; a renamed one stays the one chosen, also in typing not yet saved."""
        dirty = self.is_dirty()
        self._load_organisations()
        if not dirty and self.case_id is not None:
            self.load(self.case_id)
            return
        new_name = next((o.name for o in self._organisations.values() if o.id == organisation_id), old_name)
        for combo in (self.referrer, self.commissioner):
            if " ".join(combo.currentText().split()).lower() == old_name.lower():
                combo.setEditText(new_name)
        self._show_addresses()

    def _load_organisations(self) -> None:
        rows = referrers.list_organisations(self.workspace)
        self._organisations = {o.name.lower(): o for o in rows}
        for combo in (self.referrer, self.commissioner):
            text = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([o.name for o in rows])
            combo.setEditText(text)
            combo.blockSignals(False)

    def _show_addresses(self) -> None:
        for combo, line in ((self.referrer, self.referrer_address), (self.commissioner, self.commissioner_address)):
            line.show_for(combo.currentText(), self._known(combo.currentText()))

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget, *, required: bool = False):
        message = add_field(form, label, widget, required=required)
        self.bind(name, widget, message)
        return message

    def fill(self, facts: CaseFile) -> None:
        self._load_organisations()
        self.municipality.clear()
        self.municipality.addItem(_("Not set"), None)
        for item in editing.list_municipalities(self.workspace):
            self.municipality.addItem(item.name, item.id)
        r = facts.referral
        self.set_values({"route": r.route, "referrer_name": r.referrer_name, "referrer_contact": r.referrer_contact,
                         "referrer_email": r.referrer_email, "commissioner_name": r.commissioner_name,
                         "municipality_id": r.municipality_id, "funding": r.funding,
                         "court_decision_on": r.court_decision_on.isoformat() if r.court_decision_on else None,
                         "court_frequency": r.court_frequency, "court_duration": r.court_duration,
                         "court_buildup": r.court_buildup})
        self._show_addresses()

    def save_values(self, values: dict) -> None:
        values = dict(values)
        on = values.pop("court_decision_on")
        values["court_decision_on"] = typed_dates.parse_date(on or "", what=_("Date of the decision"))
        values["route"] = values["route"] or "self"
        values["funding"] = values["funding"] or ""
        editing.save_referral(self.workspace, self.case_id, ReferralInput(**values))
