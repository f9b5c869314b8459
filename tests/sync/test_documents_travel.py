"""Contracts with their signatures, attachments and letters travel; their files (the signed PDF, a scanned court
decision, the letter as sent) go as content-addressed blobs, stored once on the server, and are gone from it when
their case is erased. A letter is sent only from the laptop that made it: a colleague sees it and its state."""

from __future__ import annotations

import datetime as dt
import hashlib

import psycopg
from sqlalchemy import select

from borapp.models import Attachment, Case, Contract, Letter
from borapp.services.cases import letters as case_letters
from borapp.services.cases.attachments import add_attachment, read_attachment
from borapp.services.cases.contract_terms import case_terms, snapshot
from borapp.services.cases.timeline import timeline
from borapp.services.cases.editing import AgreementsInput, save_agreements
from borapp.services.documents.contract_signing import record_signature
from borapp.services.documents.contract_versions import (
    current_contract, new_version_if_changed, signature_status, store_signed_copy,
)
from borapp.services.outbox.export import export_ready
from borapp.services.outbox.sending import send_plan, send_ready
from borapp.services.privacy.erasure import erase_case
from borapp.services.sync import conflicts
from tests.cases.test_case_services import add_case
from tests.conftest import PASSPHRASE
from tests.helpers.decrypt import decrypted_everything
from tests.helpers.documents_support import AGREEMENTS
from tests.helpers.outbox_support import configure_smtp, smtp_server, stand_in  # noqa: F401 - fixtures
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

SCAN = b"%PDF-1.4\n% scan van de beschikking Wobbelgrauw\n" + bytes(range(256)) * 40


def _both_sync(anna, bram) -> None:
    for laptop in (anna, bram, anna, bram):
        laptop.sync()


def _case_on(laptop, ref: str) -> int:
    with laptop.workspace.session() as session:
        return session.scalar(select(Case.id).where(Case.ref == ref))


def _blobs(db_url) -> dict[str, int]:
    with psycopg.connect(db_url) as conn:
        return dict(conn.execute("SELECT sha256, size FROM blobs").fetchall())


def test_a_signed_contract_travels_with_its_signatures_its_pdf_and_the_signed_copy(team, db_url):
    anna, bram = team
    case_id = add_case(anna.workspace, "BOR-2026-300", status="intake", coordinator_id=anna.workspace.coordinator_id)
    save_agreements(anna.workspace, case_id, AgreementsInput(**AGREEMENTS))
    new_version_if_changed(anna.workspace, case_id)
    contract = current_contract(anna.workspace, case_id)
    today = dt.date.today()
    for role, name in (("resident", "Petra Jansen"), ("other", "Karel Bakker"), ("coordinator", "Coördinator anna")):
        record_signature(anna.workspace, contract.id, role, name, today)
    record_signature(anna.workspace, contract.id, "other", "Karel J. Bakker", today)  # a second one replaces
    store_signed_copy(anna.workspace, contract.id, "getekend.pdf", SCAN)
    _both_sync(anna, bram)

    here = current_contract(bram.workspace, _case_on(bram, "BOR-2026-300"))
    assert sorted((s.role, s.name) for s in here.signatures) == [
        ("coordinator", "Coördinator anna"), ("other", "Karel J. Bakker"), ("resident", "Petra Jansen")]
    with anna.workspace.session() as a, bram.workspace.session() as b:
        signed_pdf = a.get(Contract, contract.id).pdf
        theirs = b.scalar(select(Contract))
        assert signed_pdf.startswith(b"%PDF") and theirs.pdf == signed_pdf
        assert b.get(Attachment, theirs.signed_copy_id).content == SCAN
    stored = _blobs(db_url)
    assert stored[hashlib.sha256(SCAN).hexdigest()] == len(SCAN)
    assert stored[hashlib.sha256(signed_pdf).hexdigest()] == len(signed_pdf)
    with psycopg.connect(db_url) as conn:  # the records name the files; the bytes are only in the blobs
        assert conn.execute("SELECT count(*) FROM records WHERE fields::text LIKE '%beschikking%'").fetchone()[0] == 0


def test_the_day_a_contract_was_drawn_up_and_a_letter_made_travel_and_a_signature_dated_as_on_paper_is_taken(team):
    """Both dates were read from `created_at`, when the laptop stored the record: on a colleague's laptop the day it
    arrived there, and a signature of the week after the drawing up was refused as before it."""
    anna, bram = team
    case_id = add_case(anna.workspace, "BOR-2026-302", status="intake", coordinator_id=anna.workspace.coordinator_id)
    save_agreements(anna.workspace, case_id, AgreementsInput(**AGREEMENTS))
    with anna.workspace.session() as session:
        case = session.get(Case, case_id)
        session.add(Contract(case_id=case_id, version=1, agreements=snapshot(case_terms(case)),
                             drawn_up_on=dt.date(2026, 10, 2)))
        session.add(Letter(case_id=case_id, kind="intake", state="draft", subject="Aanmelding",
                           made_at=dt.datetime(2018, 3, 5, 9)))
    _both_sync(anna, bram)

    here = _case_on(bram, "BOR-2026-302")
    contract = signature_status(bram.workspace, here)[0].contract
    assert contract.drawn_up_on == dt.date(2026, 10, 2)
    assert [letter.made_at.date() for letter in case_letters.list_letters(bram.workspace, here)] == [
        dt.date(2018, 3, 5)]
    with bram.workspace.session() as session:
        dated = {(e.kind, e.on) for e in timeline(session, session.get(Case, here))}
    assert {("contract", dt.date(2026, 10, 2)), ("letter", dt.date(2018, 3, 5))} <= dated
    record_signature(bram.workspace, contract.id, "resident", "Petra Jansen", dt.date(2026, 10, 9))
    _both_sync(anna, bram)
    (signed,) = signature_status(anna.workspace, case_id)[0].contract.signatures
    assert (signed.role, signed.signed_on) == ("resident", dt.date(2026, 10, 9))


def test_an_attachment_is_on_both_laptops_and_an_erasure_takes_its_file_off_the_server(team, db_url):
    anna, bram = team
    ref = anna.register(parent="Ria Smit")
    attachment = add_attachment(anna.workspace, _case_on(anna, ref), "court_decision", "beschikking.pdf", SCAN)
    _both_sync(anna, bram)
    with bram.workspace.session() as session:
        (theirs,) = session.scalars(select(Attachment.id)).all()
    assert read_attachment(bram.workspace, theirs).content == SCAN
    assert read_attachment(anna.workspace, attachment).content == SCAN
    assert hashlib.sha256(SCAN).hexdigest() in _blobs(db_url)

    erase_case(anna.workspace, ref, "verzoek van de ouder", confirm=ref)
    _both_sync(anna, bram)
    assert _blobs(db_url) == {}
    bram.workspace.vault.engine.dispose()
    from borapp.models import db
    from borapp.services.vault.vault import unlock_key

    db.checkpoint(bram.workspace.vault.engine)
    assert b"wobbelgrauw" not in decrypted_everything(bram.path, unlock_key(bram.path, PASSPHRASE, None)).lower()


def test_a_letter_is_shown_on_the_other_laptop_but_sent_only_from_the_one_that_made_it(team, smtp_server,
                                                                                       stand_in, tmp_path):
    anna, bram = team
    mail = smtp_server()
    for laptop in (anna, bram):
        configure_smtp(laptop.workspace, mail.port)
    case_id = add_case(anna.workspace, "BOR-2026-301", status="intake", coordinator_id=anna.workspace.coordinator_id)
    with anna.workspace.session() as session:  # ready as a person leaves it (create_letter keeps gaps a draft)
        session.add(Letter(case_id=case_id, kind="intake", state="ready", subject="Aanmelding",
                           recipient_name="Wijkteam", recipient_email="wijkteam@example.org", body="Geachte ...",
                           recipient_address="Wijkteam Alkmaar\nPostbus 100\n1800 AA Alkmaar"))
    _both_sync(anna, bram)
    with bram.workspace.session() as session:
        (letter,) = session.scalars(select(Letter)).all()
        assert (letter.state, letter.received_from) == ("ready", "anna")
    assert send_plan(bram.workspace).ready == 0
    assert send_plan(anna.workspace).ready == 1
    assert send_ready(bram.workspace).outcomes == [] and mail.handler.messages == []
    assert export_ready(bram.workspace, tmp_path / "export").exported == []

    configure_smtp(anna.workspace, smtp_server("451 4.3.0 Try again later").port)
    assert [o.state for o in send_ready(anna.workspace).outcomes] == ["ready"]  # kept, with the server's reason
    _both_sync(anna, bram)
    configure_smtp(anna.workspace, mail.port)
    assert [(o.state, o.error) for o in send_ready(anna.workspace).outcomes] == [("sent", "")]
    _both_sync(anna, bram)
    with anna.workspace.session() as a, bram.workspace.session() as b:
        sent = a.scalar(select(Letter))
        theirs = b.scalar(select(Letter))
        assert (theirs.state, theirs.error) == ("sent", "") and theirs.pdf == sent.pdf is not None
    assert len(mail.handler.messages) == 1
    assert conflicts.open_conflicts(anna.workspace, http=anna.http) == []  # the claim's mark travelled as it was
