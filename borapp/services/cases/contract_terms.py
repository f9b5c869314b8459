"""What one version of the BOR-overeenkomst holds: the agreements, the parties named in it and whose address it keeps
out, kept with the version as a JSON snapshot, and who signs it.

A version nobody has signed follows the case (its snapshot is updated); once anyone has signed, the version is
frozen and any change to the agreements or the parties makes a new version, which everyone it names signs again.
`follow_case` applies that rule; `documents.contract_versions` records signatures and `documents.contract` renders.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.models import Case, Contract
from borapp.models.documents import SIGNER_ROLES
from borapp.services import audit

AGREEMENT_KEYS = ("visit_place", "visit_frequency", "agreed_visits", "buildup", "handover", "staggered_arrival",
                  "cancellation_rules", "house_rules", "referrer_information")
PARTIES = "parties"  # the snapshot's key for {role: name}
CONFIDENTIAL = "confidential"  # the snapshot's key for {parent role: address confidential}
PARENT_ROLES = ("resident", "other")
ALWAYS_SIGN = ("resident", "other", "coordinator")  # the volunteer signs once a version names one


def case_agreements(case: Case) -> dict:
    """The agreements as they stand in the case, in the snapshot's shape."""
    values = {key: getattr(case, key) for key in AGREEMENT_KEYS}
    values["staggered_arrival"] = bool(values["staggered_arrival"])
    values["agreed_visits"] = str(values["agreed_visits"] or "")  # as a stored snapshot reads it back
    return {key: (value if isinstance(value, bool) else (value or "")) for key, value in values.items()}


def case_parties(case: Case) -> dict[str, str]:
    """Who the contract names for each signer role now ("" where nobody is known: no volunteer matched yet)."""
    names = {role: "" for role in SIGNER_ROLES}
    for parent in case.parents:
        if parent.role in names:
            names[parent.role] = parent.name or ""
    names["coordinator"] = case.coordinator.name if case.coordinator else ""
    names["volunteer"] = case.volunteer.name if case.volunteer else ""
    return names


def case_confidential(case: Case) -> dict[str, bool]:
    """Whose address the version keeps out: a parent's address made confidential after someone signed must not
    stay in the signed version the others go on to sign (it is printed there)."""
    flags = {role: False for role in PARENT_ROLES}
    for parent in case.parents:
        if parent.role in flags:
            flags[parent.role] = bool(parent.address_confidential)
    return flags


def case_terms(case: Case) -> dict:
    """The case's agreements and parties: what a version drawn up now would hold."""
    return case_agreements(case) | {PARTIES: case_parties(case), CONFIDENTIAL: case_confidential(case)}


def snapshot(terms: dict) -> str:
    return json.dumps(terms, ensure_ascii=False, sort_keys=True)


def parse_terms(text: str) -> dict:
    """A stored snapshot with every key present (an older or damaged one reads as empty agreements, no names)."""
    try:
        stored = json.loads(text or "{}")
    except ValueError:
        stored = {}
    stored = stored if isinstance(stored, dict) else {}
    terms = {key: bool(stored.get(key)) if key == "staggered_arrival" else str(stored.get(key) or "")
             for key in AGREEMENT_KEYS}
    names = stored.get(PARTIES) if isinstance(stored.get(PARTIES), dict) else {}
    terms[PARTIES] = {role: str(names.get(role) or "") for role in SIGNER_ROLES}
    flags = stored.get(CONFIDENTIAL) if isinstance(stored.get(CONFIDENTIAL), dict) else {}
    terms[CONFIDENTIAL] = {role: bool(flags.get(role)) for role in PARENT_ROLES}
    return terms


def parse_snapshot(text: str) -> dict:
    """Only the agreements of a stored snapshot."""
    terms = parse_terms(text)
    return {key: terms[key] for key in AGREEMENT_KEYS}


def parse_parties(text: str) -> dict[str, str]:
    return parse_terms(text)[PARTIES]


def signer_roles(parties: dict[str, str]) -> tuple[str, ...]:
    """Who signs a version: both parents and the coordinator, and the volunteer when the version names one."""
    return ALWAYS_SIGN + (("volunteer",) if parties.get("volunteer") else ())


def latest_contract(session: Session, case_id: int) -> Contract | None:
    return session.scalars(select(Contract).where(Contract.case_id == case_id)
                           .order_by(Contract.version.desc(), Contract.id.desc()).limit(1)).first()


def in_line(contract: Contract, case: Case) -> bool:
    """The version holds what the case has now (agreements and parties)."""
    return parse_terms(contract.agreements) == case_terms(case)


def follow_case(session: Session, case: Case, actor: str, *, start: bool = False) -> Contract | None:
    """Bring the contract in line with the case and return its newest version.

    No contract yet: nothing (version 1 when `start`). In line: the same version. Changed, nobody signed yet: the
    same version with the new terms. Changed after anyone signed: a new version (the signed one stays as it is)."""
    contract = latest_contract(session, case.id)
    if contract is None and not start:
        return None
    if contract is not None and in_line(contract, case):
        return contract
    terms = snapshot(case_terms(case))
    if contract is not None and not contract.signatures:
        contract.agreements = terms
        audit.record(session, "update", "contract", contract.id, actor)
        return contract
    version = contract.version + 1 if contract is not None else 1
    contract = Contract(case_id=case.id, version=version, agreements=terms)
    session.add(contract)
    session.flush()
    audit.record(session, "create", "contract", contract.id, actor)
    return contract
