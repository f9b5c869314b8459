"""Signing a version of the BOR-overeenkomst: who signed it when. The first signature freezes the version: its PDF is
kept in the vault from then on, and any later change to the agreements or the parties makes a new version."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Contract, ContractSignature
from borapp.models.documents import SIGNER_ROLES
from borapp.services import audit
from borapp.services.cases.contract_terms import in_line, latest_contract
from borapp.services.cases.flow import get_case
from borapp.services.documents.contract import signed_pdf
from borapp.services.documents.contract_versions import contract_by_id
from borapp.services.errors import ValidationError
from borapp.services.vault.workspace import Workspace

MAX_NAME = 200


def record_signature(workspace: Workspace, contract_id: int, role: str, name: str, signed_on: dt.date) -> None:
    """Note that `role` signed this version on `signed_on` (a second signature for the role replaces the first).
    Only a party the version names signs it: the volunteer once one is matched and named in the version."""
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
        contract = contract_by_id(session, contract_id)
        _check_signable(session, contract, role, signed_on)
        if contract.pdf is None:  # the first signature: what is signed is kept as it is
            contract.pdf = signed_pdf(session, contract)
        for old in [s for s in contract.signatures if s.role == role]:
            contract.signatures.remove(old)
        contract.signatures.append(ContractSignature(role=role, name=name, signed_on=signed_on))
        session.flush()
        audit.record(session, "update", "contract", contract.id, workspace.actor)


def _check_signable(session: Session, contract: Contract, role: str, signed_on: dt.date) -> None:
    latest = latest_contract(session, contract.case_id)
    if latest is not None and latest.id != contract.id:
        raise ValidationError(_("Version {old} has been replaced by version {new}; sign the newest version.")
                              .format(old=contract.version, new=latest.version))
    case = get_case(session, contract.case_id)
    if role == "volunteer" and case.volunteer is None:
        raise ValidationError(_("No volunteer is matched to this case yet. The volunteer signs once matched, on the "
                                "version of the contract that names them."), "role")
    if not in_line(contract, case):
        raise ValidationError(_("The agreements, the parties or a confidential address changed after version {n} was "
                                "drawn up; draw up the contract again and print it, so the new version is "
                                "signed.").format(n=contract.version))
    if contract.drawn_up_on and signed_on < contract.drawn_up_on:
        raise ValidationError(_("The date of signing is before the contract was drawn up."), "signed_on")
