"""Afspraken: what goes into the BOR-overeenkomst, with a read-only line on the contract's versions and signatures,
and the contract itself (the case header's "Draw up contract" opens it here)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from borapp.formatting import short_date
from borapp.i18n import _
from borapp.services.cases import editing
from borapp.services.cases.case_file import CaseFile, ContractFacts
from borapp.services.cases.editing import AgreementsInput
from borapp.services.cases.status import status_label
from borapp.services.cases.wishes import WISH_GENDERS, Wishes, save_wishes
from borapp.services.volunteers.profiles import GENDER_LABELS
from borapp.ui.pages.cases.case_file.contract_panel import ContractPanel
from borapp.ui.pages.cases.case_file.form_tab import FormTab, text_box
from borapp.ui.pages.volunteers.availability_grid import AvailabilityGrid
from borapp.ui.pages.volunteers.small_editors import LanguagePicker
from borapp.ui.widgets.forms import FieldMessage, add_field

FIELDS = ("visit_place", "visit_frequency", "agreed_visits", "buildup", "handover", "staggered_arrival",
          "cancellation_rules", "house_rules", "referrer_information")
WISH_FIELDS = ("preferred_slots", "wish_gender", "wish_languages", "volunteer_wishes")


class AgreementsTab(FormTab):
    key = "agreements"

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        outer = QVBoxLayout(self.body)
        self.contract_label = QLabel()
        self.contract_label.setWordWrap(True)
        self.contract_label.setAccessibleName(_("Contract status"))
        outer.addWidget(self.contract_label)
        self.contract = ContractPanel(workspace)
        self.contract.changed.connect(self.changed)
        self.contract.before_draw_up = self.save  # the contract holds what is saved: typed agreements go first
        outer.addWidget(self.contract)
        row = QHBoxLayout()
        left, right = QGroupBox(_("Visits")), QGroupBox(_("Rules and information"))
        row.addWidget(left, 1)
        row.addWidget(right, 1)
        outer.addLayout(row)
        outer.addWidget(self._wishes_box())
        outer.addStretch()
        form = _form(left)
        self._add(form, "visit_place", _("Place"), QLineEdit())
        self._add(form, "visit_frequency", _("Frequency"), QLineEdit())
        number = QLineEdit()
        number.setPlaceholderText(_("e.g. 8 (a trajectory is 6 to 12 visits)"))  # anything else is said on saving
        self._add(form, "agreed_visits", _("Number of visits"), number)
        self._add(form, "buildup", _("Build-up"), text_box(_("Build-up of contact")))
        self._add(form, "handover", _("Handover"), text_box(_("Handover")))
        staggered = QCheckBox(_("Staggered arrival and departure"))
        staggered.setToolTip(_("The parent bringing the child arrives earlier and has left before the other "
                               "parent arrives."))
        form.addRow("", staggered)
        self.bind("staggered_arrival", staggered)
        staggered.setAccessibleName(_("Staggered arrival and departure"))
        form = _form(right)
        self._add(form, "cancellation_rules", _("Cancelling"), text_box(_("Cancellation rules")))
        self._add(form, "house_rules", _("House rules"), text_box(_("House rules")))
        self._add(form, "referrer_information", _("The referrer is told"),
                  text_box(_("What the referrer is told"), 96))

    def _wishes_box(self) -> QGroupBox:
        """What the family asks for the match: the intake asked it, and it changes later too."""
        box = QGroupBox(_("Wishes for the match"))
        row = QHBoxLayout(box)
        when = QVBoxLayout()
        when.addWidget(QLabel(_("Preferred days and day-parts")))
        slots = AvailabilityGrid()
        slots.setAccessibleName(_("Preferred days and day-parts"))
        when.addWidget(slots)
        self.slots_message = FieldMessage()
        when.addWidget(self.slots_message)
        when.addStretch()
        self.bind("preferred_slots", slots, self.slots_message)
        row.addLayout(when)
        form = _form_in(row)
        gender = QComboBox()
        gender.addItem(_("No demand"), "")
        for code in filter(None, WISH_GENDERS):  # after "No demand"
            gender.addItem(_(GENDER_LABELS[code]), code)
        gender.setAccessibleName(_("The volunteer's gender"))
        gender.setMaximumWidth(320)
        self._add(form, "wish_gender", _("Gender (demand)"), gender)
        languages = LanguagePicker(others=True)  # a wish for Tarifit or Farsi, as the volunteers record them
        languages.setAccessibleName(_("The volunteer speaks"))
        self._add(form, "wish_languages", _("Speaks (wish)"), languages)
        self._add(form, "volunteer_wishes", _("Other wishes"), text_box(_("Other wishes")))
        return box

    def set_workspace(self, workspace) -> None:
        super().set_workspace(workspace)
        self.contract.workspace = workspace

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        self.bind(name, widget, add_field(form, label, widget))

    def fill(self, facts: CaseFile) -> None:
        self.set_values({f: getattr(facts.agreements, f) for f in FIELDS}
                        | {f: getattr(facts.wishes, f) for f in WISH_FIELDS})
        self.contract_label.setText(contract_line(facts.contracts))
        self.contract.load(facts.id)

    def show_contract(self) -> ContractPanel:
        """The contract panel in view with its first action focused, and what to do said in it."""
        self.scroll.ensureWidgetVisible(self.contract)
        self.contract.draw_up.setFocus()
        self.contract.message.show_done(_("Check the agreements below, then draw up the contract: the case moves on "
                                          "to '{status}' once it is drawn up.").format(status=status_label("contract"))
                                        if self.facts is not None and self.facts.status == "intake" else "")
        return self.contract

    def save_values(self, values: dict) -> None:
        save_wishes(self.workspace, self.case_id, Wishes(**{f: values[f] for f in WISH_FIELDS}))
        editing.save_agreements(self.workspace, self.case_id, AgreementsInput(**{f: values[f] for f in FIELDS}))

    def clear(self) -> None:
        super().clear()
        self.contract_label.clear()
        self.contract.clear()


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _form_in(row: QHBoxLayout) -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    row.addLayout(form, 1)
    return form


def contract_line(contracts: tuple[ContractFacts, ...]) -> str:
    """The newest contract version in one line: who signed when, who of the parties it names has still to sign,
    and whether the case moved on since."""
    if not contracts:
        return _("Contract: not drawn up yet. The agreements below go into it.")
    latest = contracts[0]
    signed = ", ".join(f"{s.role_label} ({short_date(s.signed_on)})" for s in latest.signatures)
    text = _("Contract version {version} of {date}.").format(version=latest.version,
                                                            date=short_date(latest.drawn_up_on))
    if signed:
        text += " " + _("Signed by: {names}.").format(names=signed)
    if latest.unsigned_roles:
        text += " " + _("Still to sign: {names}.").format(names=", ".join(latest.unsigned_roles))
    else:
        text += " " + _("Signed by everyone.")
    if latest.outdated and latest.signatures:
        text += " " + _("The agreements, the parties or a confidential address changed after it was signed: draw up "
                        "version {n} and have it signed.").format(n=latest.version + 1)
    elif latest.outdated:
        text += " " + _("The agreements, the parties or a confidential address changed: draw up the contract again "
                        "before it is signed.")
    return text
