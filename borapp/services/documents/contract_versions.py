"""Versions of a case's BOR-overeenkomst: the agreements as a JSON snapshot, who signed which version when, and
the signed copy kept in the vault.

A contract nobody has signed yet follows the agreements (its snapshot is updated); once anyone has signed, a change
to the agreements makes a new version, which everyone signs again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Case, Contract, ContractSignature
from borapp.models.documents import SIGNER_ROLES
from borapp.services import audit
from borapp.services.cases.attachments import add_attachment
from borapp.services.cases.flow import get_case
from borapp.services.cases.labels import role_label
from borapp.services.errors import NotFound, ValidationError
from borapp.services.vault.workspace import Workspace

AGREEMENT_KEYS = ("visit_place", "visit_frequency", "buildup", "handover", "staggered_arrival",
                  "cancellation_rules", "house_rules", "referrer_information")
MAX_NAME = 200


@dataclass(frozen=True)
class SignatureItem:
    role: str
    role_label: str
    name: str
    signed_on: dt.date


@dataclass(frozen=True)
class ContractVersion:
    id: int
    case_id: int
    version: int
    drawn_up_on: dt.date
    agreements: dict
    signatures: tuple[SignatureItem, ...]
    signed_copy_id: int | None

    @property
    def unsigned_roles(self) -> tuple[str, ...]:
        done = {s.role for s in self.signatures}
        return tuple(role for role in SIGNER_ROLES if role not in done)


@dataclass(frozen=True)
class VersionStatus:
    """One version as `signature_status` reports it, newest first."""

    contract: ContractVersion
    is_current: bool
    agreements_changed: bool  # the case's agreements differ from this version's (only said of the current one)

    @property
    def complete(self) -> bool:
        return not self.contract.unsigned_roles


def case_agreements(case: Case) -> dict:
    """The agreements as they stand in the case, in the snapshot's shape."""
    values = {key: getattr(case, key) for key in AGREEMENT_KEYS}
    values["staggered_arrival"] = bool(values["staggered_arrival"])
    return {key: (value if isinstance(value, bool) else (value or "")) for key, value in values.items()}


def snapshot(agreements: dict) -> str:
    return json.dumps(agreements, ensure_ascii=False, sort_keys=True)


def parse_snapshot(text: str) -> dict:
    """A stored snapshot with every key present (an older or damaged one reads as empty agreements)."""
    try:
        stored = json.loads(text or "{}")
    except ValueError:
        stored = {}
    stored = stored if isinstance(stored, dict) else {}
    return {key: bool(stored.get(key)) if key == "staggered_arrival" else str(stored.get(key) or "")
            for key in AGREEMENT_KEYS}


def latest_contract(session: Session, case_id: int) -> Contract | None:
    return session.scalars(select(Contract).where(Contract.case_id == case_id)
                           .order_by(Contract.version.desc(), Contract.id.desc()).limit(1)).first()


def current_contract(workspace: Workspace, case_id: int) -> ContractVersion | None:
    """The newest version of the case's contract, or None when none was drawn up."""
    with workspace.session() as session:
        get_case(session, case_id)
        contract = latest_contract(session, case_id)
        return _item(contract) if contract is not None else None


def signer_names(workspace: Workspace, case_id: int) -> dict[str, str]:
    """The names the app knows for each party that signs (parents, coordinator, matched volunteer)."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        names = {p.role: p.name for p in case.parents if p.name}
        if case.coordinator is not None:
            names["coordinator"] = case.coordinator.name
        if case.volunteer is not None:
            names["volunteer"] = case.volunteer.name
        return names


def new_version_if_changed(workspace: Workspace, case_id: int) -> int:
    """Bring the contract in line with the case's agreements and return the current version number.

    No contract yet: version 1. Agreements unchanged: the same version. Changed, nobody signed yet: the same version
    with the new agreements. Changed after anyone signed: a new version (signatures stay with the old one)."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        agreements = snapshot(case_agreements(case))
        contract = latest_contract(session, case_id)
        if contract is not None and parse_snapshot(contract.agreements) == case_agreements(case):
            return contract.version
        if contract is not None and not contract.signatures:
            contract.agreements = agreements
            audit.record(session, "update", "contract", contract.id, workspace.actor)
            return contract.version
        version = contract.version + 1 if contract is not None else 1
        contract = Contract(case_id=case_id, version=version, agreements=agreements)
        session.add(contract)
        session.flush()
        audit.record(session, "create", "contract", contract.id, workspace.actor)
        return version


def record_signature(workspace: Workspace, contract_id: int, role: str, name: str, signed_on: dt.date) -> None:
    """Note that `role` signed this version on `signed_on` (a second signature for the role replaces the first)."""
    name = " ".join((name or "").split())
    if role not in SIGNER_ROLES:
        raise ValidationError(_("Choose who signed."), "role")
    if not name:
        raise ValidationError(_("Enter the name of the person who signed."), "name")
    if len(name) > MAX_NAME:
        raise ValidationError(_("At most {n} characters.").format(n=MAX_NAME), "name")
    if signed_on is None or signed_on > dt.date.today():
        raise ValidationError(_("The date of signing cannot be in the future."), "signed_on")
    with workspace.session() as session:
        contract = _contract(session, contract_id)
        _check_signable(session, contract, signed_on)
        for old in [s for s in contract.signatures if s.role == role]:
            contract.signatures.remove(old)
        contract.signatures.append(ContractSignature(role=role, name=name, signed_on=signed_on))
        session.flush()
        audit.record(session, "update", "contract", contract.id, workspace.actor)


def _check_signable(session: Session, contract: Contract, signed_on: dt.date) -> None:
    latest = latest_contract(session, contract.case_id)
    if latest is not None and latest.id != contract.id:
        raise ValidationError(_("Version {old} has been replaced by version {new}; sign the newest version.")
                              .format(old=contract.version, new=latest.version))
    if parse_snapshot(contract.agreements) != case_agreements(contract_case(session, contract)):
        raise ValidationError(_("The agreements changed after this version was drawn up; print the contract "
                                "again so the new version is signed."))
    if contract.created_at and signed_on < contract.created_at.date():
        raise ValidationError(_("The date of signing is before the contract was drawn up."), "signed_on")


def contract_case(session: Session, contract: Contract) -> Case:
    return get_case(session, contract.case_id)


def signature_status(workspace: Workspace, case_id: int) -> list[VersionStatus]:
    """Every version, newest first: who signed it when, who has still to sign, whether the agreements moved on."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        contracts = session.scalars(select(Contract).where(Contract.case_id == case_id)
                                    .order_by(Contract.version.desc(), Contract.id.desc())).all()
        now = case_agreements(case)
        return [VersionStatus(_item(c), i == 0, i == 0 and parse_snapshot(c.agreements) != now)
                for i, c in enumerate(contracts)]


def store_signed_copy(workspace: Workspace, contract_id: int, filename: str, content: bytes) -> int:
    """Keep the scanned, signed contract in the vault as the version's signed copy; returns the attachment id."""
    with workspace.session() as session:
        case_id = _contract(session, contract_id).case_id
    attachment_id = add_attachment(workspace, case_id, "signed_contract", filename, content)
    with workspace.session() as session:
        contract = _contract(session, contract_id)
        contract.signed_copy_id = attachment_id
        audit.record(session, "update", "contract", contract.id, workspace.actor)
    return attachment_id


def _contract(session: Session, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound(_("No contract with number {id}.").format(id=contract_id))
    return contract


def _item(contract: Contract) -> ContractVersion:
    signatures = tuple(SignatureItem(s.role, role_label(s.role), s.name, s.signed_on)
                       for s in sorted(contract.signatures, key=lambda s: (SIGNER_ROLES.index(s.role)
                                                                           if s.role in SIGNER_ROLES else 9, s.id)))
    drawn_up = contract.created_at.date() if contract.created_at else dt.date.today()
    return ContractVersion(contract.id, contract.case_id, contract.version, drawn_up,
                           parse_snapshot(contract.agreements), signatures, contract.signed_copy_id)
