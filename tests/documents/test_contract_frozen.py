"""A signed contract version is frozen: what was signed is kept (its PDF in the vault) and a change to the agreements
or the parties (matching a volunteer, say) makes a new version for everyone to sign. A volunteer signs only once
matched, and "signed by everyone" means every party the version names."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.models import Contract, Training, Volunteer
from borapp.services.cases import case_file
from borapp.services.cases.editing import AgreementsInput, save_agreements
from borapp.services.documents.contract import render_contract
from borapp.services.documents.contract_signing import record_signature
from borapp.services.documents.contract_versions import current_contract, new_version_if_changed, signature_status
from borapp.services.errors import ValidationError
from borapp.services.matching.flow import assign_volunteer
from tests.cases.test_case_services import add_case
from tests.helpers.documents_support import AGREEMENTS, all_text

TODAY = dt.date.today()


def matchable_volunteer(workspace, name="Anke Best") -> int:
    with workspace.session() as session:
        volunteer = Volunteer(name=name, region="Kop", gender="f", vog_date=TODAY - dt.timedelta(days=200),
                              availability="sat-morning")
        volunteer.trainings.append(Training(kind="initial", on=TODAY - dt.timedelta(days=300)))
        session.add(volunteer)
        session.flush()
        return volunteer.id


@pytest.fixture
def contract_case(workspace):
    """A case in intake with its agreements typed and a coordinator, no volunteer yet."""
    case_id = add_case(workspace, "BOR-2026-300", status="intake", coordinator_id=workspace.coordinator_id)
    save_agreements(workspace, case_id, AgreementsInput(**AGREEMENTS))
    return case_id


def sign_by_parents_and_coordinator(workspace, contract_id):
    for role, name in (("resident", "Petra Jansen"), ("other", "Karel Bakker"), ("coordinator", "Test Coördinator")):
        record_signature(workspace, contract_id, role, name, TODAY)


def test_a_version_without_a_volunteer_is_signed_by_everyone_it_names(workspace, contract_case):
    assert new_version_if_changed(workspace, contract_case) == 1
    first = current_contract(workspace, contract_case)
    assert first.parties["volunteer"] == "" and first.signer_roles == ("resident", "other", "coordinator")
    sign_by_parents_and_coordinator(workspace, first.id)
    (status,) = signature_status(workspace, contract_case)
    assert status.complete and status.contract.unsigned_roles == ()
    facts = case_file.load_case(workspace, contract_case, record_open=False).contracts[0]
    assert facts.unsigned_roles == () and not facts.outdated


def test_a_volunteer_cannot_sign_before_one_is_matched(workspace, contract_case):
    new_version_if_changed(workspace, contract_case)
    first = current_contract(workspace, contract_case)
    with pytest.raises(ValidationError) as caught:
        record_signature(workspace, first.id, "volunteer", "Iemand", TODAY)
    assert caught.value.field == "role"
    assert str(caught.value) == ("Er is nog geen vrijwilliger aan dit dossier gekoppeld. De vrijwilliger tekent na de "
                                 "koppeling, op de versie van de overeenkomst waarin die wordt genoemd.")
    assert current_contract(workspace, contract_case).signatures == ()


def test_matching_after_signing_makes_version_2_and_version_1_stays_as_signed(workspace, contract_case):
    new_version_if_changed(workspace, contract_case)
    first = current_contract(workspace, contract_case)
    record_signature(workspace, first.id, "resident", "Petra Jansen", TODAY)
    with workspace.session() as session:
        kept = session.get(Contract, first.id).pdf
    assert kept is not None and kept.startswith(b"%PDF")  # what was signed is kept from the first signature on
    assert render_contract(workspace, contract_case).pdf == kept
    record_signature(workspace, first.id, "other", "Karel Bakker", TODAY)  # the first signature's PDF stays
    with workspace.session() as session:
        assert session.get(Contract, first.id).pdf == kept

    assign_volunteer(workspace, contract_case, matchable_volunteer(workspace))

    newest, old = signature_status(workspace, contract_case)
    assert (newest.contract.version, old.contract.version) == (2, 1)
    assert newest.contract.parties["volunteer"] == "Anke Best"
    assert newest.contract.unsigned_roles == ("resident", "other", "coordinator", "volunteer")
    assert [s.role for s in old.contract.signatures] == ["resident", "other"]
    assert old.contract.parties["volunteer"] == ""
    version_1 = render_contract(workspace, contract_case, version=1).pdf
    assert version_1 == kept and "Anke Best" not in all_text(version_1)
    assert "Anke Best" in all_text(render_contract(workspace, contract_case).pdf)
    with pytest.raises(ValidationError):  # version 1 is replaced: nobody signs it any more
        record_signature(workspace, first.id, "coordinator", "Test Coördinator", TODAY)
    record_signature(workspace, newest.contract.id, "volunteer", "Anke Best", TODAY)
    assert [s.role for s in current_contract(workspace, contract_case).signatures] == ["volunteer"]


def test_an_unsigned_version_follows_the_match(workspace, contract_case):
    new_version_if_changed(workspace, contract_case)
    assign_volunteer(workspace, contract_case, matchable_volunteer(workspace))
    (only,) = signature_status(workspace, contract_case)
    assert only.contract.version == 1 and only.contract.parties["volunteer"] == "Anke Best"
    assert only.contract.unsigned_roles == ("resident", "other", "coordinator", "volunteer")


def test_a_change_to_the_agreements_after_signing_leaves_the_signed_pdf(workspace, contract_case):
    new_version_if_changed(workspace, contract_case)
    first = current_contract(workspace, contract_case)
    record_signature(workspace, first.id, "resident", "Petra Jansen", TODAY)
    kept = render_contract(workspace, contract_case, version=1).pdf
    save_agreements(workspace, contract_case, AgreementsInput(**(AGREEMENTS | {"house_rules": "Geen telefoons."})))
    assert render_contract(workspace, contract_case, version=1).pdf == kept
    assert "Geen telefoons." not in all_text(kept)
    assert "versie 2 (concept)" in all_text(render_contract(workspace, contract_case).pdf)
    facts = case_file.load_case(workspace, contract_case, record_open=False).contracts[0]
    assert facts.outdated and facts.version == 1
    assert new_version_if_changed(workspace, contract_case) == 2


def test_the_signed_pdf_is_kept_encrypted(workspace, contract_case, vault_path):
    new_version_if_changed(workspace, contract_case)
    record_signature(workspace, current_contract(workspace, contract_case).id, "resident", "Petra Jansen", TODAY)
    with workspace.session() as session:
        kept = session.scalar(select(Contract.pdf).where(Contract.case_id == contract_case))
    marker = b"ReportLab Generated PDF document"
    assert marker in kept
    for path in vault_path.parent.iterdir():  # the database, its WAL, the key file: ciphertext only
        assert marker not in path.read_bytes(), path.name


def test_what_was_signed_stays_when_other_facts_of_the_case_change(workspace, contract_case):
    """Not only the agreements and the parties: the letterhead, an address, a child are printed as they were."""
    from borapp.services import settings
    from borapp.services.cases.editing import ChildInput, FamilyInput, ParentInput, save_family

    new_version_if_changed(workspace, contract_case)
    record_signature(workspace, current_contract(workspace, contract_case).id, "resident", "Petra Jansen", TODAY)
    kept = render_contract(workspace, contract_case, version=1).pdf
    with workspace.session() as session:
        settings.put(session, "organisation.name", "Stichting Nieuwe Naam")
    save_family(workspace, contract_case, FamilyInput(
        parents=(ParentInput("resident", "Petra Jansen", "Nieuwstraat 9", "1234 AB", "Alkmaar"),
                 ParentInput("other", "Karel Bakker")),
        children=(ChildInput(None, "Sanne Jansen", dt.date(2019, 5, 1)), ChildInput(None, "Bram Jansen", dt.date(2021, 2, 2)))))
    assert render_contract(workspace, contract_case, version=1).pdf == kept
    assert render_contract(workspace, contract_case).pdf == kept  # the current version: still in line
    text = all_text(kept)
    assert "Nieuwstraat" not in text and "Bram" not in text and "Stichting Nieuwe Naam" not in text



def test_an_address_made_confidential_after_a_signature_needs_a_new_version_without_it(workspace, contract_case):
    """Version 1 was signed by one parent with the other's address printed in it; that address was made
    confidential afterwards, and the others went on signing version 1, address and all."""
    from borapp.models import Parent

    with workspace.session() as session:
        other = session.scalar(select(Parent).where(Parent.case_id == contract_case, Parent.role == "other"))
        other.address, other.postcode, other.city = "Kanaalkade 10", "1811 LN", "Alkmaar"
    assert new_version_if_changed(workspace, contract_case) == 1
    first = current_contract(workspace, contract_case)
    record_signature(workspace, first.id, "resident", "Petra Jansen", TODAY)
    assert "Kanaalkade 10" in all_text(render_contract(workspace, contract_case).pdf)
    with workspace.session() as session:
        session.scalar(select(Parent).where(Parent.case_id == contract_case, Parent.role == "other")) \
            .address_confidential = True
    with pytest.raises(ValidationError):
        record_signature(workspace, first.id, "coordinator", "Test Coördinator", TODAY)
    assert case_file.load_case(workspace, contract_case, record_open=False).contracts[0].outdated
    assert new_version_if_changed(workspace, contract_case) == 2
    text = all_text(render_contract(workspace, contract_case).pdf)
    assert "Kanaalkade" not in text and "1811 LN" not in text and "(geheim adres)" in text
