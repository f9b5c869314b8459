"""Verwijzing: how the family came (route), who referred and who pays, the municipality and funding, and the
court decision the visits must follow as closely as possible."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services import typed_dates
from borapp.services.cases import editing
from borapp.services.cases.case_file import CaseFile
from borapp.services.cases.editing import ReferralInput
from borapp.services.cases.labels import FUNDING_LABELS, ROUTE_LABELS
from borapp.services.validation import email_problem
from borapp.ui.pages.cases.case_file.form_tab import FormTab, text_box
from borapp.ui.widgets.date_field import DateField
from borapp.ui.widgets.forms import add_field, required_note


class ReferralTab(FormTab):
    key = "referral"

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
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
        self._add(form, "referrer_contact", _("Contact person"), QLineEdit())
        email = QLineEdit()
        message = self._add(form, "referrer_email", _("Referrer's e-mail"), email)
        email.editingFinished.connect(lambda: message.show_message(email_problem(email.text())))
        self.commissioner = self._organisation_combo()
        self._add(form, "commissioner_name", _("Commissioning party"), self.commissioner)
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
        form = QFormLayout(box)
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

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget, *, required: bool = False):
        message = add_field(form, label, widget, required=required)
        self.bind(name, widget, message)
        return message

    def fill(self, facts: CaseFile) -> None:
        organisations = [o.name for o in editing.list_organisations(self.workspace)]
        for combo in (self.referrer, self.commissioner):
            combo.clear()
            combo.addItems(organisations)
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

    def save_values(self, values: dict) -> None:
        values = dict(values)
        on = values.pop("court_decision_on")
        values["court_decision_on"] = typed_dates.parse_date(on or "", what=_("Date of the decision"))
        values["route"] = values["route"] or "self"
        values["funding"] = values["funding"] or ""
        editing.save_referral(self.workspace, self.case_id, ReferralInput(**values))
