"""Step 8: why each parent wants the BOR, and safety: no-contact orders, who must not meet whom, staggered arrival."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.ui.wizards.intake.base_page import IntakePage, with_hint


def _text_box(height: int = 64) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class SafetyPage(IntakePage):
    NUMBER, NAME, STEP = 8, "safety", "safety"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Motivation and safety"))
        self.setSubTitle(_("Why each parent wants supervised contact, and what keeps everyone safe."))
        group = QGroupBox(_("Motivation"))
        form = self.new_form(QVBoxLayout(group))
        self.body.addWidget(group)
        self.motivation_resident = self.field(form, "motivation_resident", _("Resident parent"), _text_box())
        self.motivation_other = self.field(form, "motivation_other", _("Non-resident parent"), _text_box())
        group = QGroupBox(_("Safety"))
        form = self.new_form(QVBoxLayout(group))
        self.body.addWidget(group)
        self.no_contact = QCheckBox(_("There is a no-contact order (contactverbod)"))
        form.addRow("", self.no_contact)
        self.watch(self.no_contact)
        self.details = self.field(form, "no_contact_details", _("The order"), _text_box(52))
        self.details.setPlaceholderText(_("Between whom, set by whom, until when"))
        self.must_not_meet = self.field(form, "must_not_meet", _("Must not meet"), QLineEdit())
        self.must_not_meet.setPlaceholderText(_("e.g. the parents; the children and the new partner"))
        self.staggered = QCheckBox(_("Staggered arrival and departure"))
        self.field(form, "staggered_arrival", "", with_hint(self.staggered, _(
            "The parent who brings the child arrives first and has left before the other parent comes.")))
        self.staggered.setAccessibleName(_("Staggered arrival and departure"))
        self.fields["staggered_arrival"] = self.staggered
        self.watch(self.staggered)
        self.no_contact.toggled.connect(self._order_toggled)
        self._order_toggled(False)
        self.body.addStretch()

    def _order_toggled(self, on: bool) -> None:
        self.details.setEnabled(on)

    def read(self, data: dict) -> None:
        data["motivation_resident"] = self.motivation_resident.toPlainText()
        data["motivation_other"] = self.motivation_other.toPlainText()
        data["no_contact_order"] = self.no_contact.isChecked()
        data["no_contact_details"] = self.details.toPlainText()
        data["must_not_meet"] = self.must_not_meet.text()
        data["staggered_arrival"] = self.staggered.isChecked()

    def write(self, data: dict) -> None:
        self.motivation_resident.setPlainText(data.get("motivation_resident", ""))
        self.motivation_other.setPlainText(data.get("motivation_other", ""))
        self.no_contact.setChecked(bool(data.get("no_contact_order")))
        self.details.setPlainText(data.get("no_contact_details", ""))
        self.must_not_meet.setText(data.get("must_not_meet", ""))
        self.staggered.setChecked(bool(data.get("staggered_arrival")))

    def blank(self) -> None:
        self.write({})
