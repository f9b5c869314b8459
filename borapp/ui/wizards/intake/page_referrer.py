"""Step 2: the referrer (an organisation and the person there) and the commissioning party, who pays."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLineEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.intake.flow import ROUTE_REFERRER_KIND
from borapp.ui.wizards.intake.base_page import IntakePage, hint
from borapp.ui.wizards.intake.organisation_picker import NEW, NONE, SAME, OrganisationPicker


class ReferrerPage(IntakePage):
    NUMBER, NAME, STEP = 2, "referrer", "referrer"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Referrer and commissioning party"))
        self.setSubTitle(_("Who referred the family, who to keep informed, and who commissioned the BOR."))
        group = QGroupBox(_("Referrer"))
        form = self.new_form(QVBoxLayout(group))
        self.body.addWidget(group)
        self.referrer = OrganisationPicker(_("Referrer"), contact_fields=False)  # the person: the rows below
        self.referrer.setFocusProxy(self.referrer.combo)
        self.field(form, "referrer_id", _("Organisation"), self.referrer, required=True, also=("referrer_name",))
        self._inner("referrer", self.referrer, ("kind", "address"))
        self.contact = QLineEdit()
        self.field(form, "referrer_contact", _("Contact person"), self.contact, required=True)
        self.email = QLineEdit()
        self.email.setPlaceholderText(_("name@example.nl"))
        self.field(form, "referrer_email", _("E-mail"), self.email)
        form.addRow("", hint(_("The referrer gets a short, factual letter: referral received, intake planned.")))
        self.referrer.combo.currentIndexChanged.connect(self._referrer_chosen)

        group = QGroupBox(_("Commissioning party"))
        form = self.new_form(QVBoxLayout(group))
        self.body.addWidget(group)
        self.commissioner = OrganisationPicker(_("Commissioning party"), same_choice=True, none_choice=True)
        self.commissioner.setFocusProxy(self.commissioner.combo)
        self.field(form, "commissioner_id", _("Organisation"), self.commissioner, also=("commissioner_name",))
        self._inner("commissioner", self.commissioner, ("kind", "contact", "address", "email"))
        form.addRow("", hint(_("Who commissioned and pays; receives the closing report.")))
        self.body.addStretch()
        self.add_required_note()

    def _inner(self, prefix: str, picker: OrganisationPicker, keys: tuple[str, ...]) -> None:
        """A new organisation's own fields show their problems under themselves."""
        for key in keys:
            self.messages[f"{prefix}_{key}"] = picker.messages[key]
            self.fields.setdefault(f"{prefix}_{key}", getattr(picker, key))

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Offer the organisations as they are now; a new referrer's kind follows the route."""
        choices = self.context.organisations()
        self.referrer.set_choices(choices)
        self.commissioner.set_choices(choices)
        route = self.wizard().route()
        if self.referrer.choice() != NEW and not self.referrer.name.text() and route in ROUTE_REFERRER_KIND:
            self.referrer.set_kind(ROUTE_REFERRER_KIND[route])

    def _referrer_chosen(self) -> None:
        """An existing organisation fills in its known contact person and e-mail where still empty."""
        org = self.referrer.chosen_organisation()
        if org is None:
            return
        if not self.contact.text().strip():
            self.contact.setText(org.contact_person)
        if not self.email.text().strip():
            self.email.setText(org.email)

    def read(self, data: dict) -> None:
        data.update(_picked("referrer", self.referrer, ("name", "kind", "address")))
        data["referrer_contact"], data["referrer_email"] = self.contact.text(), self.email.text()
        picked = _picked("commissioner", self.commissioner, ("name", "kind", "contact", "address", "email"))
        picked["commissioner_same"] = self.commissioner.choice() == SAME
        data.update(picked)

    def write(self, data: dict) -> None:
        self.referrer.set_choices(self.context.organisations())
        self.commissioner.set_choices(self.referrer.choices)
        _show("referrer", self.referrer, data, None)
        self.contact.setText(data.get("referrer_contact", ""))
        self.email.setText(data.get("referrer_email", ""))
        _show("commissioner", self.commissioner, data, SAME if data.get("commissioner_same", True) else NONE)

    def blank(self) -> None:
        for widget in (self.referrer, self.commissioner):
            widget.clear()
        self.contact.clear()
        self.email.clear()


def _picked(prefix: str, picker: OrganisationPicker, keys: tuple[str, ...]) -> dict:
    """The chosen organisation's id, or what was typed for a new one (`keys` of it: name, kind, address, ...)."""
    value, typed = picker.choice(), picker.new_values()
    new = value == NEW
    return {f"{prefix}_id": value if isinstance(value, int) else None,
            **{f"{prefix}_{key}": typed[key] if new else "" for key in keys}}


def _show(prefix: str, picker: OrganisationPicker, data: dict, otherwise) -> None:
    org_id = data.get(f"{prefix}_id")
    typed = {key: data.get(f"{prefix}_{key}", "") for key in ("name", "kind", "contact", "address", "email")}
    if prefix == "referrer":  # the referrer's contact person and e-mail are the page's own rows
        typed["contact"] = typed["email"] = ""
    picker.set_new_values(typed)
    name, kind = typed["name"], typed["kind"]
    if isinstance(org_id, int) and any(o.id == org_id for o in picker.choices):
        picker.set_choice(org_id)
    elif name or kind:
        picker.set_choice(NEW)
    else:
        picker.set_choice(otherwise)
