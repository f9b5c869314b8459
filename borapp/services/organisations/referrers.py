"""The organisations cases name as referrer or commissioning party: listed, checked and saved.

    list_organisations(ws) -> [OrganisationRow]         by name, any case
    problems(OrganisationInput) -> {field: message}     every problem at once, in the order of the form
    save_organisation(ws, inp, organisation_id=None)    checks (a ValidationError names the field), stores, audits

Fields are named as the form has them: name, kind, contact_person, address, email, phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.i18n import N_, _
from borapp.models import Organisation
from borapp.models.organisations import ORGANISATION_KINDS
from borapp.services import audit
from borapp.services.errors import NotFound, ValidationError
from borapp.services.organisations.addresses import address_problem, normal_address
from borapp.services.validation import email_problem, phone_problem

KIND_LABELS = {
    "court": N_("Court"),
    "youth_protection": N_("Youth protection (family guardian)"),
    "municipal_team": N_("Municipal neighbourhood team"),
    "municipality": N_("Municipality"),
    "social_work": N_("Social work"),
    "veilig_thuis": N_("Veilig Thuis (domestic violence advice)"),
    "child_protection_board": N_("Child protection board"),
    "other": N_("Other"),
}
FIELDS = ("name", "kind", "contact_person", "address", "email", "phone")


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    kind: str
    contact_person: str
    address: str  # one line each
    email: str
    phone: str


@dataclass(frozen=True)
class OrganisationInput:
    name: str = ""
    kind: str = ""
    contact_person: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""


def _row(org: Organisation) -> OrganisationRow:
    return OrganisationRow(org.id, org.name, org.kind, org.contact_person, normal_address(org.address), org.email,
                           org.phone)


def list_organisations(workspace) -> list[OrganisationRow]:
    with workspace.session() as session:
        return [_row(o) for o in session.scalars(select(Organisation).order_by(Organisation.name.collate("name")))]


def get_organisation(workspace, organisation_id: int) -> OrganisationRow | None:
    with workspace.session() as session:
        found = session.get(Organisation, organisation_id)
        return _row(found) if found is not None else None


def problems(inp: OrganisationInput) -> dict[str, str]:
    """What is wrong, field by field (empty when the organisation can be saved, a name clash aside)."""
    found = {
        "name": _("Enter the organisation's name.") if not _clean(inp.name) else _length(inp.name, 200),
        "kind": "" if inp.kind in ORGANISATION_KINDS else _("Choose the kind of organisation."),
        "contact_person": _length(inp.contact_person, 200),
        "address": address_problem(inp.address),
        "email": email_problem(inp.email) or _length(inp.email, 200),
        "phone": phone_problem(inp.phone),
    }
    return {field: message for field, message in found.items() if message}


def save_organisation(workspace, inp: OrganisationInput, organisation_id: int | None = None) -> int:
    """Add an organisation (no id) or change one; its id."""
    first = next(iter(problems(inp).items()), None)
    if first is not None:
        raise ValidationError(first[1], first[0])
    with workspace.session() as session:
        org = session.get(Organisation, organisation_id) if organisation_id is not None else Organisation()
        if org is None:
            raise NotFound(_("This organisation no longer exists."))
        _refuse_clash(session, _clean(inp.name), organisation_id)
        apply(org, inp)
        session.add(org)
        session.flush()
        audit.record(session, "update" if organisation_id else "create", "organisation", org.id, workspace.actor)
        return org.id


def apply(org: Organisation, inp: OrganisationInput) -> None:
    """Put checked input on the record, tidied: one-line texts, the address one line each."""
    org.name, org.kind = _clean(inp.name), inp.kind
    org.contact_person, org.address = _clean(inp.contact_person), normal_address(inp.address)
    org.email, org.phone = inp.email.strip(), inp.phone.strip()


def _refuse_clash(session: Session, name: str, organisation_id: int | None) -> None:
    clash = session.scalar(select(Organisation).where(func.casefold(Organisation.name) == name.casefold()))
    if clash is not None and clash.id != organisation_id:
        raise ValidationError(_("There is already an organisation called {name}.").format(name=clash.name), "name")


def _length(text: str, limit: int) -> str:
    return _("At most {n} characters.").format(n=limit) if text and len(text.strip()) > limit else ""


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())
