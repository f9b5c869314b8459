"""The start letter's "the BOR contract of {date}" is the contract the visits started under, dated by its signing:
it named a version drawn up after the midway evaluation, dated by its drawing up."""

from __future__ import annotations

import datetime as dt

from borapp.models import Case, Contract, ContractSignature
from borapp.services.documents.facts import load_facts
from borapp.services.visits import records
from tests.visits.test_visit_services import held, make_case

TODAY = dt.date.today()
V1_DRAWN, V1_SIGNED, FIRST_VISIT, V2_DRAWN, V2_SIGNED = (TODAY - dt.timedelta(days=d) for d in (100, 90, 80, 20, 15))


def _contract(session, case_id: int, version: int, drawn: dt.date, signed: dt.date | None) -> None:
    contract = Contract(case_id=case_id, version=version, agreements="{}",
                        drawn_up_on=drawn)
    if signed is not None:
        contract.signatures.append(ContractSignature(role="resident", name="Rianne de Proef",
                                                     signed_on=signed - dt.timedelta(days=2)))
        contract.signatures.append(ContractSignature(role="other", name="Otto van Proefstra", signed_on=signed))
    session.add(contract)


def _contract_on(workspace, case_id) -> dt.date | None:
    with workspace.session() as session:
        return load_facts(session, case_id).contract_on


def test_the_contract_of_the_start_is_the_one_signed_before_the_first_visit(workspace):
    case_id, _volunteer = make_case(workspace, registered_on=TODAY - dt.timedelta(days=120))
    with workspace.session() as session:
        _contract(session, case_id, 1, V1_DRAWN, V1_SIGNED)
    assert _contract_on(workspace, case_id) == V1_SIGNED  # its signing, not its drawing up
    records.record_visit(workspace, held(case_id, None, FIRST_VISIT))
    with workspace.session() as session:
        _contract(session, case_id, 2, V2_DRAWN, V2_SIGNED)  # after the midway evaluation
    assert _contract_on(workspace, case_id) == V1_SIGNED


def test_a_contract_nobody_signed_yet_is_dated_by_its_drawing_up(workspace):
    case_id, _volunteer = make_case(workspace, registered_on=TODAY - dt.timedelta(days=120))
    assert _contract_on(workspace, case_id) is None
    with workspace.session() as session:
        _contract(session, case_id, 1, V1_DRAWN, None)
        assert session.get(Case, case_id) is not None
    assert _contract_on(workspace, case_id) == V1_DRAWN


def test_the_version_matching_drew_up_unsigned_on_the_first_visit_is_not_the_one_cited(workspace):
    """Matching draws up a version naming the volunteer; the visits started that very day under the one everyone
    had signed, and the start letter cited the unsigned version, dated by its drawing up."""
    case_id, _volunteer = make_case(workspace, registered_on=TODAY - dt.timedelta(days=120))
    with workspace.session() as session:
        _contract(session, case_id, 1, V1_DRAWN, V1_SIGNED)
        _contract(session, case_id, 2, FIRST_VISIT, None)
    records.record_visit(workspace, held(case_id, None, FIRST_VISIT))
    assert _contract_on(workspace, case_id) == V1_SIGNED
    with workspace.session() as session:  # signed a week after the first visit: still not the one started under
        contract = session.query(Contract).filter_by(version=2).one()
        contract.signatures.append(ContractSignature(role="resident", name="Rianne de Proef",
                                                     signed_on=FIRST_VISIT + dt.timedelta(days=7)))
    assert _contract_on(workspace, case_id) == V1_SIGNED
