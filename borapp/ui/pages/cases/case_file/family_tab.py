"""Gezin: both parents and the children, editable, with messages under the fields.

A confidential address is masked until "Show" (which the access log records) and masked again when the case is
opened again or saved. An address that was never shown is sent to the service as "keep what is stored".
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services import typed_dates
from borapp.services.cases import editing
from borapp.services.cases.case_file import CaseFile
from borapp.services.cases.editing import (
    AddressParts,
    ChildInput,
    FamilyInput,
    ParentInput,
)
from borapp.services.errors import BorError, ValidationError
from borapp.ui.pages.cases.case_file.children_editor import ChildrenEditor
from borapp.ui.pages.cases.case_file.form_tab import FormTab, read, write
from borapp.ui.pages.cases.case_file.parent_form import ADDRESS_FIELDS, ParentForm
from borapp.ui.widgets.forms import FieldMessage, required_note
from borapp.ui.widgets.side_by_side import SideBySide

ROLES = ("resident", "other")
TEXT_FIELDS = ("name", "address", "postcode", "city", "email", "phone")


class FamilyTab(FormTab):
    key = "family"

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self.body)
        titles = {"resident": _("Resident parent"), "other": _("Non-resident parent")}
        self.parent_forms = {role: ParentForm(role, titles[role], self.bind) for role in ROLES}
        for form in self.parent_forms.values():
            form.reveal_requested.connect(self.reveal)
            form.hide_requested.connect(self.hide_address)
        self.parents_row = SideBySide(list(self.parent_forms.values()))
        layout.addWidget(self.parents_row)
        box = QGroupBox(_("Children"))
        self.children = ChildrenEditor()
        self.children.changed.connect(self._edited)
        QVBoxLayout(box).addWidget(self.children)
        layout.addWidget(box)
        layout.addWidget(required_note())
        layout.addStretch()
        self._shown: dict[str, AddressParts] = {}  # confidential addresses shown in this sitting, as stored
        self._keep_shown = False  # a refill that keeps them shown (typing kept, or read again before a save)

    # ---- values -------------------------------------------------------------------------------------------------

    def values(self) -> dict:
        values = super().values()
        values["children"] = self.children.value()
        return values

    def set_values(self, values: dict) -> None:
        if "children" in values:
            was_filling, self._filling = self._filling, True
            try:
                self.children.set_value(values["children"])
            finally:
                self._filling = was_filling
        super().set_values(values)

    def fill(self, facts: CaseFile) -> None:
        for role, form in self.parent_forms.items():
            p = facts.parent(role)
            for field in TEXT_FIELDS:
                write(self.fields[f"{role}.{field}"], getattr(p, field) if p else "")
            write(self.fields[f"{role}.address_confidential"], bool(p and p.address_confidential))
            shown = self._shown.get(role) if self._keep_shown and p and p.address_confidential else None
            if shown is not None:
                for field, value in zip(ADDRESS_FIELDS, (shown.address, shown.postcode, shown.city)):
                    write(self.fields[f"{role}.{field}"], value)
            form.set_masked(bool(p and p.address_confidential) and shown is None, shown=shown is not None)
        self.children.set_value([{"id": c.id, "name": c.name,
                                  "birth_date": c.birth_date.isoformat() if c.birth_date else None}
                                 for c in facts.children])

    def _show(self, facts: CaseFile, *, keep_typing: bool) -> None:
        """A reload that keeps typing also keeps an address shown in this sitting (no second log entry); any other
        shows it masked again (a case opened anew, or saved)."""
        keep = keep_typing and self.case_id == facts.id
        if not keep:
            self._shown = {}
        self._keep_shown = keep
        try:
            super()._show(facts, keep_typing=keep_typing)
        finally:
            self._keep_shown = False

    def _merged_with_stored(self, typed: dict) -> dict | None:
        """Read again before a save with the shown addresses still shown: stored, they are what was shown, not the
        blanks of a masked form (which made a typed address look changed by a colleague meanwhile)."""
        self._keep_shown = True
        try:
            return super()._merged_with_stored(typed)
        finally:
            self._keep_shown = False

    def clear(self) -> None:
        super().clear()
        self._filling = True
        try:
            self.children.set_value([])
        finally:
            self._filling = False
        self._shown = {}
        for form in self.parent_forms.values():
            form.set_masked(False)

    # ---- the confidential address -------------------------------------------------------------------------------

    def reveal(self, role: str) -> None:
        if self.case_id is None:
            return
        try:
            parts = editing.reveal_address_parts(self.workspace, self.case_id, role)
        except BorError as exc:
            self.show_problem(str(exc), "")
            return
        self._apply_reveal(role, parts)
        self.parent_forms[role].address.setFocus()

    def _apply_reveal(self, role: str, parts: AddressParts) -> None:
        """Put the address in its fields as the stored value; anything typed there (a restored draft) stays."""
        names = [f"{role}.{f}" for f in ADDRESS_FIELDS]
        typed = {n: read(self.fields[n]) for n in names if read(self.fields[n]) != self._loaded.get(n)}
        self._filling = True
        try:
            for name, value in zip(names, (parts.address, parts.postcode, parts.city)):
                write(self.fields[name], value)
        finally:
            self._filling = False
        self._loaded.update({n: read(self.fields[n]) for n in names})
        self._shown[role] = parts
        self.parent_forms[role].set_masked(False, shown=True)
        if typed:
            self.set_values(typed)
        self._edited()

    def hide_address(self, role: str) -> None:
        """Mask a shown confidential address again. Its fields go back to what they held before "Show" (the address
        left out); what was typed over it stays, to be saved, though no longer on screen."""
        stored = self.facts.parent(role) if self.facts else None
        self._filling = True
        try:
            for field in ADDRESS_FIELDS:
                name, masked = f"{role}.{field}", getattr(stored, field) if stored else ""
                if read(self.fields[name]) == self._loaded.get(name):
                    write(self.fields[name], masked)
                self._loaded[name] = masked  # as a masked form is loaded: a typed street stays a change
        finally:
            self._filling = False
        self._shown.pop(role, None)
        self.parent_forms[role].set_masked(True)
        self.parent_forms[role].show_button.setFocus()

    # ---- saving -------------------------------------------------------------------------------------------------

    def save_values(self, values: dict) -> None:
        editing.save_family(self.workspace, self.case_id, self._family_input(values))

    def problems(self, values: dict) -> dict[str, str]:
        stored = {p.role for p in self.facts.parents} if self.facts else set()
        return editing.family_problems(self._family_input(values, lenient=True), stored)

    def _family_input(self, values: dict, lenient: bool = False) -> FamilyInput:
        """`lenient`: a birth date that cannot be read as none (its field says why already)."""
        parents = tuple(self._parent_input(role, values) for role in ROLES)
        children = tuple(ChildInput(c.get("id"), c.get("name") or "", self._birth_date(c, lenient))
                         for c in values["children"])
        return FamilyInput(parents, children)

    @staticmethod
    def _birth_date(child: dict, lenient: bool):
        typed = child.get("birth_date") or ""
        try:
            return typed_dates.parse_date(typed, what=_("Birth date"))
        except ValidationError:
            if lenient:
                return None
            raise

    def _parent_input(self, role: str, values: dict) -> ParentInput:
        get = {f: values[f"{role}.{f}"] for f in TEXT_FIELDS}
        if self.parent_forms[role].masked:  # never shown: keep the stored address unless a draft typed one
            for field in ADDRESS_FIELDS:
                name = f"{role}.{field}"
                get[field] = None if values[name] == self._loaded.get(name) else values[name]
        stored = self.facts.parent(role) if self.facts else None
        return ParentInput(role=role, address_confidential=values[f"{role}.address_confidential"],
                           notes=stored.notes if stored else "", **get)

    def message_for(self, field: str) -> FieldMessage | None:
        parts = field.split(".")
        if parts[0] == "children" and len(parts) == 3 and parts[1].isdigit():
            return self.children.message(int(parts[1]))
        return super().message_for(field)
