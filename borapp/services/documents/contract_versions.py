"""Versions of a case's BOR-overeenkomst: what each version holds (a JSON snapshot of the agreements and the
parties, see `cases.contract_terms`), who signed which version when, and the signed copy kept in the vault.

A version nobody has signed follows the case; once anyone has signed it is frozen (its PDF is kept, see
`contract_signing`) and any change to the agreements or the parties makes a new version, which every party it
names signs again. Drawing up the first version moves a case in intake on to "contract".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Case, Contract
from borapp.models.documents import SIGNER_ROLES
from borapp.services import audit
from borapp.services.cases import flow
from borapp.services.cases.attachments import add_attachment
from borapp.services.cases.contract_terms import (
    follow_case,
    in_line,
    latest_contract,
    parse_parties,
    parse_snapshot,
    signer_roles,
)
from borapp.services.cases.flow import get_case
from borapp.services.cases.labels import role_label
from borapp.services.errors import NotFound, ValidationError
from borapp.services.vault.workspace import Workspace


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
    parties: dict[str, str]  # role → the name this version gives ("" for a volunteer not matched then)
    frozen: bool = False  # signed by anyone: what was signed is kept and never changes

    @property
    def signer_roles(self) -> tuple[str, ...]:
        """Every party this version names: the parents, the coordinator, and the volunteer when it names one."""
        return signer_roles(self.parties)

    @property
    def unsigned_roles(self) -> tuple[str, ...]:
        done = {s.role for s in self.signatures}
        return tuple(role for role in self.signer_roles if role not in done)


@dataclass(frozen=True)
class VersionStatus:
    """One version as `signature_status` reports it, newest first."""

    contract: ContractVersion
    is_current: bool
    agreements_changed: bool  # the case's agreements or parties differ from this version's (said of the current one)

    @property
    def complete(self) -> bool:
        """Signed by every party the version names."""
        return not self.contract.unsigned_roles


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
    """Draw up the contract: bring it in line with the case's agreements and parties; returns the current version.

    No contract yet: version 1. Unchanged: the same version. Changed, nobody signed yet: the same version with the
    new terms. Changed after anyone signed: a new version (signatures and the signed PDF stay with the old one).
    A case in intake moves on to "contract": its status follows from the contract drawn up."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        contract = follow_case(session, case, workspace.actor, start=True)
        if case.status == "intake":
            flow.change_status(session, case, "contract", coordinator_id=workspace.coordinator_id,
                               actor=workspace.actor)
        return contract.version


def contract_case(session: Session, contract: Contract) -> Case:
    return get_case(session, contract.case_id)


def signature_status(workspace: Workspace, case_id: int) -> list[VersionStatus]:
    """Every version, newest first: who signed it when, who has still to sign, whether the case moved on."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        contracts = session.scalars(select(Contract).where(Contract.case_id == case_id)
                                    .order_by(Contract.version.desc(), Contract.id.desc())).all()
        return [VersionStatus(_item(c), i == 0, i == 0 and not in_line(c, case)) for i, c in enumerate(contracts)]


def store_signed_copy(workspace: Workspace, contract_id: int, filename: str, content: bytes) -> int:
    """Keep the scanned, signed contract in the vault as the version's signed copy; returns the attachment id.
    Refused for a version nobody is recorded to have signed: it still follows the case, so a later change to the
    agreements would change the version the paper no longer matches."""
    with workspace.session() as session:
        contract = contract_by_id(session, contract_id)
        if problem := signed_copy_problem(contract):
            raise ValidationError(problem, "signed_copy")
        case_id = contract.case_id
    attachment_id = add_attachment(workspace, case_id, "signed_contract", filename, content)
    with workspace.session() as session:
        contract = contract_by_id(session, contract_id)
        contract.signed_copy_id = attachment_id
        audit.record(session, "update", "contract", contract.id, workspace.actor)
    return attachment_id


def signed_copy_problem(contract: Contract) -> str:
    """Why no signed copy can be kept for this version yet ("" when it can)."""
    if contract.signatures:
        return ""
    return _("Record who signed version {n} first (Record signature…): a signed copy belongs with a signed "
             "version.").format(n=contract.version)


def contract_by_id(session: Session, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound(_("No contract with number {id}.").format(id=contract_id))
    return contract


def _item(contract: Contract) -> ContractVersion:
    signatures = tuple(SignatureItem(s.role, role_label(s.role), s.name, s.signed_on)
                       for s in sorted(contract.signatures, key=lambda s: (SIGNER_ROLES.index(s.role)
                                                                           if s.role in SIGNER_ROLES else 9, s.id)))
    drawn_up = contract.drawn_up_on or dt.date.today()
    return ContractVersion(contract.id, contract.case_id, contract.version, drawn_up,
                           parse_snapshot(contract.agreements), signatures, contract.signed_copy_id,
                           parse_parties(contract.agreements), bool(contract.signatures))
