"""Contract versions: a snapshot of the agreements per version, signatures per version, a new version when the
agreements change after anyone signed, and the signed copy kept in the vault."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from borapp.models import AuditEvent, Contract
from borapp.services.cases.attachments import delete_attachment, list_attachments, read_attachment
from borapp.services.cases.editing import AgreementsInput, save_agreements
from borapp.services.documents.contract_signing import record_signature
from borapp.services.documents.contract_versions import (
    current_contract,
    new_version_if_changed,
    signature_status,
    store_signed_copy,
)
from borapp.services.errors import NotFound, ValidationError
from tests.helpers.documents_support import AGREEMENTS, full_case

TODAY = dt.date.today()


@pytest.fixture
def case_id(workspace):
    return full_case(workspace)


def change(workspace, case_id, **values):
    save_agreements(workspace, case_id, AgreementsInput(**(AGREEMENTS | values)))


def test_the_first_version_holds_the_agreements_as_json(workspace, case_id):
    assert current_contract(workspace, case_id) is None
    assert new_version_if_changed(workspace, case_id) == 1
    assert new_version_if_changed(workspace, case_id) == 1
    contract = current_contract(workspace, case_id)
    assert contract.version == 1 and contract.agreements == AGREEMENTS | {"agreed_visits": ""}
    with workspace.session() as session:
        stored = session.scalar(select(Contract.agreements).where(Contract.case_id == case_id))
    assert json.loads(stored) == AGREEMENTS | {"agreed_visits": "", "parties": {
        "resident": "Petra Jansen", "other": "Karel Bakker", "coordinator": "Carla Coördinator",
        "volunteer": "Victor Vrijwilliger"}, "confidential": {"resident": False, "other": False}}
    assert contract.unsigned_roles == ("resident", "other", "coordinator", "volunteer")


def test_a_change_before_anyone_signed_updates_the_same_version(workspace, case_id):
    new_version_if_changed(workspace, case_id)
    change(workspace, case_id, house_rules="Geen snoep.")
    assert new_version_if_changed(workspace, case_id) == 1
    assert current_contract(workspace, case_id).agreements["house_rules"] == "Geen snoep."


def test_a_change_after_a_signature_makes_a_new_version(workspace, case_id):
    new_version_if_changed(workspace, case_id)
    first = current_contract(workspace, case_id)
    record_signature(workspace, first.id, "resident", "Petra Jansen", TODAY)
    record_signature(workspace, first.id, "coordinator", "Carla Coördinator", TODAY)
    change(workspace, case_id, visit_frequency="Elke week")
    status = signature_status(workspace, case_id)
    assert status[0].is_current and status[0].agreements_changed
    assert new_version_if_changed(workspace, case_id) == 2
    status = signature_status(workspace, case_id)
    assert [s.contract.version for s in status] == [2, 1]
    newest, old = status
    assert newest.is_current and not newest.agreements_changed and newest.contract.signatures == ()
    assert newest.contract.agreements["visit_frequency"] == "Elke week"
    assert [(s.role, s.name, s.signed_on) for s in old.contract.signatures] == [
        ("resident", "Petra Jansen", TODAY), ("coordinator", "Carla Coördinator", TODAY)]
    assert old.contract.agreements["visit_frequency"] == AGREEMENTS["visit_frequency"]
    assert old.contract.unsigned_roles == ("other", "volunteer")
    with pytest.raises(ValidationError):  # the old version is not signed any more
        record_signature(workspace, old.contract.id, "other", "Karel Bakker", TODAY)


def test_everyone_signs_and_a_second_signature_replaces_the_first(workspace, case_id):
    new_version_if_changed(workspace, case_id)
    contract_id = current_contract(workspace, case_id).id
    for role, name in (("resident", "Petra Jansen"), ("other", "Karel Bakker"), ("coordinator", "Carla"),
                       ("volunteer", "Victor Vrijwilliger")):
        record_signature(workspace, contract_id, role, name, TODAY)
    record_signature(workspace, contract_id, "coordinator", "Carla Coördinator", TODAY)
    status = signature_status(workspace, case_id)[0]
    assert status.complete
    assert [s.name for s in status.contract.signatures] == ["Petra Jansen", "Karel Bakker", "Carla Coördinator",
                                                            "Victor Vrijwilliger"]


def test_signatures_are_checked(workspace, case_id):
    new_version_if_changed(workspace, case_id)
    contract_id = current_contract(workspace, case_id).id
    with pytest.raises(ValidationError):
        record_signature(workspace, contract_id, "grandmother", "Oma", TODAY)
    with pytest.raises(ValidationError):
        record_signature(workspace, contract_id, "resident", "  ", TODAY)
    with pytest.raises(ValidationError):
        record_signature(workspace, contract_id, "resident", "Petra Jansen", TODAY + dt.timedelta(days=1))
    with pytest.raises(NotFound):
        record_signature(workspace, 9999, "resident", "Petra Jansen", TODAY)
    change(workspace, case_id, buildup="Anders opgebouwd.")
    with pytest.raises(ValidationError):  # what is signed must be what was printed
        record_signature(workspace, contract_id, "resident", "Petra Jansen", TODAY)


def test_the_signed_copy_is_kept_in_the_vault(workspace, case_id):
    new_version_if_changed(workspace, case_id)
    contract_id = current_contract(workspace, case_id).id
    scan = b"%PDF-1.4 signed scan"
    with pytest.raises(ValidationError) as refused:  # nobody signed: the version still follows the case
        store_signed_copy(workspace, contract_id, "overeenkomst.pdf", scan)
    assert refused.value.field == "signed_copy" and str(refused.value).startswith(
        "Leg eerst vast wie versie 1 heeft ondertekend")
    assert list_attachments(workspace, case_id) == [], "nothing kept"
    record_signature(workspace, contract_id, "resident", "Petra Jansen", TODAY)
    attachment_id = store_signed_copy(workspace, contract_id, "/home/coordinator/scans/overeenkomst.pdf", scan)
    assert current_contract(workspace, case_id).signed_copy_id == attachment_id
    (item,) = list_attachments(workspace, case_id)
    assert item.kind == "signed_contract" and item.filename == "overeenkomst.pdf"
    assert read_attachment(workspace, attachment_id).content == scan
    with pytest.raises(ValidationError):
        delete_attachment(workspace, attachment_id)


def test_versions_are_written_to_the_audit_log(workspace, case_id):
    new_version_if_changed(workspace, case_id)
    record_signature(workspace, current_contract(workspace, case_id).id, "resident", "Petra Jansen", TODAY)
    with workspace.session() as session:
        n = session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.record_type == "contract"))
    assert n == 2
