"""The outbox service: states and edits, export as e-mail drafts, and sending over a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
from email import message_from_bytes, policy

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from borapp.i18n import _
from borapp.models import AuditEvent, Letter
from borapp.models.base import utcnow
from borapp.services.errors import NotFound, UsageError, ValidationError
from borapp.services.outbox import export
from borapp.services.outbox import letters, smtp_secret
from borapp.services.outbox import sending
from borapp.services.outbox.listing import SENDING_MARK, error_text
from tests.helpers.outbox_support import (  # noqa: F401 - fixtures
    FakeKeyring,
    add_referred_case,
    auth_server,
    configure_smtp,
    renderer,
    smtp_server,
    stand_in,
)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def letter(workspace, letter_id) -> Letter:
    with workspace.session() as session:
        found = session.get(Letter, letter_id)
        session.expunge(found)
        return found


def audit_actions(workspace, action) -> list[int]:
    with workspace.session() as session:
        return list(session.scalars(select(AuditEvent.record_id).where(AuditEvent.action == action,
                                                                        AuditEvent.record_type == "letter")))


@pytest.fixture
def case_id(workspace):
    return add_referred_case(workspace, "BOR-2026-014")


# ---- making, editing, states ------------------------------------------------------------------------------------------

def test_new_letter_is_ready_and_filled_from_the_template(workspace, case_id, renderer):
    made = letters.create_letter(workspace, case_id, "closing")
    row = letters.get_letter_row(workspace, made.id)
    assert row.state == "ready" and row.kind == "closing" and row.language == "nl"
    assert row.subject and "\n" not in row.subject
    assert letter(workspace, made.id).body.strip()
    assert row.case_ref == "BOR-2026-014"
    assert audit_actions(workspace, "create") == [made.id]


def test_a_proposed_letter_starts_as_draft_and_is_marked_ready(workspace, case_id, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "start", state="draft")
    assert [r.id for r in letters.list_letters(workspace, ("draft",))] == [letter_id]
    letters.mark_ready(workspace, letter_id)
    letters.mark_ready(workspace, letter_id)  # already ready: nothing happens
    assert letter(workspace, letter_id).state == "ready"
    with pytest.raises(ValidationError) as refused:
        letters.retry(workspace, letter_id)  # only a failed letter is retried
    assert str(refused.value) == "Alleen een mislukte brief kan opnieuw worden geprobeerd (deze brief is klaar)."


def test_new_letter_refuses_bad_input(workspace, case_id, stand_in):
    with pytest.raises(UsageError):
        letters.new_letter(workspace, case_id, "invoice")
    with pytest.raises(UsageError):
        letters.new_letter(workspace, case_id, "intake", parent_role="grandma")
    with pytest.raises(NotFound):
        letters.new_letter(workspace, 9999, "intake")
    with pytest.raises(NotFound):
        letters.find_case_id(workspace, "BOR-0000-000")
    assert letters.find_case_id(workspace, " BOR-2026-014 ") == case_id


def test_letter_to_a_parent_goes_to_that_parent(workspace, case_id, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "schedule", parent_role="resident")
    row = letters.get_letter_row(workspace, letter_id)
    assert row.parent_role == "resident" and row.recipient_name == "Petra Jansen"


def test_edit_rules(workspace, case_id, tmp_path, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "evaluation", state="draft")
    letters.set_body(workspace, letter_id, "  Nieuw\nonderwerp ", "Eigen tekst\nregel twee",
                    recipient_email="nieuw@verwijzer.example")
    saved = letter(workspace, letter_id)
    assert (saved.subject, saved.body, saved.recipient_email) == ("Nieuw onderwerp", "Eigen tekst\nregel twee",
                                                                  "nieuw@verwijzer.example")
    with pytest.raises(ValidationError) as empty:
        letters.set_body(workspace, letter_id, "Onderwerp", "   ")
    assert empty.value.field == "body"
    with pytest.raises(ValidationError):
        letters.set_body(workspace, letter_id, "", "tekst")
    with pytest.raises(ValidationError):
        letters.set_body(workspace, letter_id, "Onderwerp", "tekst", recipient_email="geen adres")
    letters.mark_ready(workspace, letter_id)
    letters.set_body(workspace, letter_id, "Nog steeds te wijzigen", "Ja, in ready")
    export.export_ready(workspace, tmp_path / "out")
    with pytest.raises(ValidationError):
        letters.set_body(workspace, letter_id, "Te laat", "Al geëxporteerd")
    with pytest.raises(ValidationError):
        letters.mark_ready(workspace, letter_id)
    assert letter(workspace, letter_id).subject == "Nog steeds te wijzigen"


def test_letter_pdf_is_made_from_the_letters_own_text(workspace, case_id, renderer):
    letter_id = letters.new_letter(workspace, case_id, "evaluation")
    letters.set_body(workspace, letter_id, "Onderwerp XQ42", "Een zin die alleen in deze brief staat.")
    data = letters.letter_pdf(workspace, letter_id)
    assert data.startswith(b"%PDF-")
    text = " ".join(pdf_text(data).split())
    assert "alleen in deze brief" in text and "Onderwerp XQ42" in text


def test_nothing_is_written_to_disk_while_making_and_previewing(workspace, case_id, tmp_path, stand_in):
    before = set(tmp_path.rglob("*"))
    letter_id = letters.new_letter(workspace, case_id, "intake")
    letters.letter_pdf(workspace, letter_id)
    after = {p for p in tmp_path.rglob("*") if "vault" not in p.parts}
    assert after <= before


# ---- export ---------------------------------------------------------------------------------------------------------

def test_export_writes_drafts_with_the_pdf_and_final_state(workspace, case_id, tmp_path, renderer):
    ready = letters.new_letter(workspace, case_id, "closing")
    draft = letters.new_letter(workspace, case_id, "start", state="draft")
    folder = tmp_path / "uit" / "brieven"
    result = export.export_ready(workspace, folder)
    assert [item[0] for item in result.exported] == [ready] and not result.problems
    _id, eml_path, pdf_path = result.exported[0]
    assert eml_path.name == f"BOR-2026-014-eindverslag-{ready}.eml" and pdf_path.suffix == ".pdf"
    assert sorted(p.name for p in folder.iterdir()) == sorted([eml_path.name, pdf_path.name])  # no temp left
    if os.name == "posix":
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    message = message_from_bytes(eml_path.read_bytes(), policy=policy.default)
    row = letters.get_letter_row(workspace, ready)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == row.recipient_email == "anna@wijkteam.example"
    assert message["Subject"] == row.subject
    assert message["Date"] and "organisation" not in str(message["From"])
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1 and attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == pdf_path.read_bytes()
    assert "BOR-2026-014" in message.get_body(("plain",)).get_content() or row.subject in \
        message.get_body(("plain",)).get_content()
    saved = letter(workspace, ready)
    assert saved.state == "exported" and saved.pdf == pdf_path.read_bytes() and not saved.error
    assert letters.letter_pdf(workspace, ready) == saved.pdf  # the kept copy, not made again
    assert [r.id for r in letters.list_letters(workspace, letters.WAITING_STATES)] == [draft]
    assert audit_actions(workspace, "export") == [ready]
    assert export.export_ready(workspace, folder).exported == []  # nothing is exported twice


def test_export_names_carry_no_personal_data_and_never_overwrite(workspace, case_id, tmp_path, stand_in):
    folder = tmp_path / "uit"
    folder.mkdir()
    letter_id = letters.new_letter(workspace, case_id, "intake")
    (folder / f"BOR-2026-014-aanmelding-ontvangen-intake-{letter_id}.eml").write_bytes(b"someone else's")
    result = export.export_ready(workspace, folder)
    names = [p.name for p in result.files]
    stem = f"BOR-2026-014-aanmelding-ontvangen-intake-{letter_id}-2"
    assert names == [f"{stem}.eml", f"{stem}.pdf"]
    assert (folder / f"BOR-2026-014-aanmelding-ontvangen-intake-{letter_id}.eml").read_bytes() == b"someone else's"
    assert not any(part in name for name in names for part in ("Anna", "Petra", "Jansen", "wijkteam"))


def test_export_into_a_file_is_a_clear_error(workspace, case_id, tmp_path, stand_in):
    letters.new_letter(workspace, case_id, "intake")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = export.export_ready(workspace, blocker)
    assert result.stopped == f"{blocker} is geen map." and result.exported == []
    assert [(r.state, r.raw_error) for r in letters.list_letters(workspace)] == [("ready", "")]


def test_save_pdf_writes_where_asked(workspace, case_id, tmp_path, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "intake")
    target = tmp_path / "kopie.pdf"
    letters.save_pdf(workspace, letter_id, target)
    assert target.read_bytes() == letters.letter_pdf(workspace, letter_id)
    assert letter(workspace, letter_id).state == "ready"  # a copy, not an export


# ---- sending --------------------------------------------------------------------------------------------------------

def test_send_down_then_up_then_again(workspace, tmp_path, smtp_server, renderer):
    first = add_referred_case(workspace, "BOR-2026-001", email="een@verwijzer.example")
    second = add_referred_case(workspace, "BOR-2026-002", contact="Bram Bos", email="twee@verwijzer.example")
    ids = [letters.new_letter(workspace, first, "intake"), letters.new_letter(workspace, second, "closing")]
    letters.new_letter(workspace, second, "start", state="draft")  # drafts never go
    server = smtp_server(start=False)
    configure_smtp(workspace, server.port)

    down = sending.send_ready(workspace, timeout=5)
    assert not down.ok and len(down.kept) == 2 and not down.sent and not down.failed
    for letter_id in ids:
        saved = letter(workspace, letter_id)
        assert saved.state == "ready" and saved.attempts == 1 and "127.0.0.1" in saved.error and saved.pdf is None
    assert server.handler.messages == []

    server.start()
    up = sending.send_ready(workspace, timeout=5)
    assert up.ok and sorted(o.letter_id for o in up.sent) == sorted(ids)
    # the test server speaks plain SMTP: the app says where to change it, the command line which setting
    assert up.warning.endswith("Kies STARTTLS of SSL/TLS bij Instellingen → E-mail.") and "smtp." not in up.warning
    assert "smtp.security none" in up.command_line_warning
    assert len(server.handler.messages) == 2
    by_to = {rcpts[0]: (sender, data) for sender, rcpts, data in server.handler.messages}
    assert set(by_to) == {"een@verwijzer.example", "twee@verwijzer.example"}
    for letter_id in ids:
        saved = letter(workspace, letter_id)
        assert saved.state == "sent" and saved.attempts == 2 and saved.error == "" and saved.pdf
        sender, data = by_to[saved.recipient_email]
        message = message_from_bytes(data, policy=policy.default)
        assert sender == "bor@desk.example" and message["Subject"] == saved.subject
        assert message["X-Unsent"] is None and message["Message-ID"].startswith(f"<bor-letter-{letter_id}-")
        [attachment] = list(message.iter_attachments())
        assert attachment.get_content() == saved.pdf
        assert "BOR Noord" in message.get_body(("plain",)).get_content()
    assert sorted(audit_actions(workspace, "send")) == sorted(ids + ids)

    again = sending.send_ready(workspace, timeout=5)
    assert again.ok and again.outcomes == []
    assert len(server.handler.messages) == 2  # nothing sent twice
    assert letters.list_letters(workspace, letters.WAITING_STATES)[0].state == "draft"


def test_permanent_refusal_fails_and_retry_sends_later(workspace, case_id, smtp_server, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "closing")
    refusing = smtp_server("550 5.7.1 Message rejected")
    configure_smtp(workspace, refusing.port)
    result = sending.send_ready(workspace, timeout=5)
    assert [o.letter_id for o in result.failed] == [letter_id] and "550" in result.failed[0].error
    saved = letter(workspace, letter_id)
    assert saved.state == "failed" and "550" in saved.error
    assert saved.error.endswith("Controleer de e-mailinstellingen (Instellingen, E-mail) of vraag het aan wie de "
                                "mailserver beheert, en kies dan Opnieuw proberen."), "what to do about it"
    assert sending.send_ready(workspace, timeout=5).outcomes == []  # a failed letter waits for a person
    letters.set_body(workspace, letter_id, saved.subject, saved.body + "\nAangepast.")
    letters.retry(workspace, letter_id)
    assert letter(workspace, letter_id).state == "ready" and letter(workspace, letter_id).error == ""
    good = smtp_server()
    configure_smtp(workspace, good.port)
    assert sending.send_ready(workspace, timeout=5).ok
    assert letter(workspace, letter_id).state == "sent" and len(good.handler.messages) == 1


def test_refused_recipient_fails(workspace, case_id, smtp_server, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "closing")
    server = smtp_server("550 5.1.1 No such user", at="RCPT")
    configure_smtp(workspace, server.port)
    assert not sending.send_ready(workspace, timeout=5).ok
    assert letter(workspace, letter_id).state == "failed" and "No such user" in letter(workspace, letter_id).error
    assert letter(workspace, letter_id).error.endswith(
        "Controleer het e-mailadres van de ontvanger (Bewerken) en kies dan Opnieuw proberen.")


def test_temporary_refusal_keeps_the_letter_ready(workspace, case_id, smtp_server, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "closing")
    server = smtp_server("451 4.3.0 Try again later")
    configure_smtp(workspace, server.port)
    result = sending.send_ready(workspace, timeout=5)
    assert [o.letter_id for o in result.kept] == [letter_id] and "451" in result.kept[0].error
    saved = letter(workspace, letter_id)
    assert saved.state == "ready" and saved.attempts == 1 and "451" in saved.error


def test_a_letter_without_an_address_fails_without_bothering_the_server(workspace, smtp_server, stand_in):
    case_id = add_referred_case(workspace, "BOR-2026-020", email="")
    letter_id = letters.new_letter(workspace, case_id, "intake")
    server = smtp_server()
    configure_smtp(workspace, server.port)
    result = sending.send_ready(workspace, timeout=5)
    assert [o.letter_id for o in result.failed] == [letter_id] and server.handler.messages == []


def test_settings_must_name_a_server_and_a_sender(workspace, case_id, stand_in):
    letters.new_letter(workspace, case_id, "intake")
    with pytest.raises(UsageError):
        sending.send_ready(workspace)
    configure_smtp(workspace, 25, sender="")
    with pytest.raises(UsageError):
        sending.send_ready(workspace)


def test_login_only_when_a_user_is_set(workspace, case_id, auth_server, stand_in):
    letters.new_letter(workspace, case_id, "intake")
    configure_smtp(workspace, auth_server.port)
    asked = []
    result = sending.send_ready(workspace, lambda: asked.append(1) or "geheim", timeout=5)
    assert result.ok and asked == [] and auth_server.logins == []


def test_password_from_the_keyring(workspace, case_id, auth_server, monkeypatch, stand_in):
    keyring = FakeKeyring({(smtp_secret.SERVICE, "bor@desk.example"): "geheim"})
    monkeypatch.setattr(smtp_secret, "_keyring", lambda: keyring)
    letters.new_letter(workspace, case_id, "intake")
    configure_smtp(workspace, auth_server.port, user="bor@desk.example")
    assert sending.send_plan(workspace).needs_password is False
    result = sending.send_ready(workspace, lambda: pytest.fail("the keyring has the password"), timeout=5)
    assert result.ok and auth_server.logins == [("bor@desk.example", "geheim")]
    assert len(auth_server.handler.messages) == 1


def test_password_from_the_provider_when_no_keyring(workspace, case_id, auth_server, stand_in):
    letters.new_letter(workspace, case_id, "intake")
    configure_smtp(workspace, auth_server.port, user="bor@desk.example")
    assert sending.send_plan(workspace).needs_password is True
    assert sending.send_ready(workspace, lambda: "geheim", timeout=5).ok
    assert auth_server.logins == [("bor@desk.example", "geheim")]


def test_wrong_password_keeps_letters_ready(workspace, case_id, auth_server, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "intake")
    configure_smtp(workspace, auth_server.port, user="bor@desk.example")
    result = sending.send_ready(workspace, lambda: "fout", timeout=5)
    assert [o.letter_id for o in result.kept] == [letter_id]
    assert letter(workspace, letter_id).state == "ready" and "bor@desk.example" in letter(workspace, letter_id).error
    assert auth_server.handler.messages == []


def test_no_password_changes_nothing(workspace, case_id, auth_server, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "intake")
    configure_smtp(workspace, auth_server.port, user="bor@desk.example")
    with pytest.raises(smtp_secret.PasswordMissing):
        sending.send_ready(workspace, lambda: None, timeout=5)
    saved = letter(workspace, letter_id)
    assert saved.state == "ready" and saved.attempts == 0 and saved.error == ""


def test_keyring_store_and_forget(monkeypatch):
    keyring = FakeKeyring()
    monkeypatch.setattr(smtp_secret, "_keyring", lambda: keyring)
    smtp_secret.store_password("gebruiker", "pw")
    assert smtp_secret.stored_password("gebruiker") == "pw"
    smtp_secret.forget_password("gebruiker")
    assert smtp_secret.stored_password("gebruiker") is None
    with pytest.raises(UsageError):
        smtp_secret.store_password("", "pw")


def test_no_keyring_backend_is_no_password():
    assert smtp_secret.stored_password("niemand") is None  # the machine's own keyring, or none: never an error


# ---- a crash between the server accepting and the state being written -----------------------------------------------

def _mark(workspace, letter_id, age):
    with workspace.session() as session:
        session.get(Letter, letter_id).error = SENDING_MARK + (utcnow() - age).isoformat()


def test_an_interrupted_send_is_never_sent_again_automatically(workspace, case_id, smtp_server, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "closing")
    _mark(workspace, letter_id, dt.timedelta(hours=1))  # what a crash after the server's 250 leaves behind
    server = smtp_server()
    configure_smtp(workspace, server.port)
    result = sending.send_ready(workspace, timeout=5)
    assert [o.letter_id for o in result.failed] == [letter_id] and server.handler.messages == []
    saved = letter(workspace, letter_id)
    assert saved.state == "failed" and saved.error and not saved.error.startswith(SENDING_MARK)
    with pytest.raises(ValidationError):
        letters.mark_ready(workspace, letter_id)
    letters.retry(workspace, letter_id)  # a person checked: it did not arrive
    assert sending.send_ready(workspace, timeout=5).ok and len(server.handler.messages) == 1


def test_a_letter_being_sent_elsewhere_is_left_alone(workspace, case_id, smtp_server, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "closing")
    _mark(workspace, letter_id, dt.timedelta(seconds=5))
    server = smtp_server()
    configure_smtp(workspace, server.port)
    [skipped] = sending.send_ready(workspace, timeout=5).outcomes  # said, not silently left
    assert (skipped.letter_id, skipped.state) == (letter_id, "skipped")
    assert skipped.error == "Hij wordt op dit moment verzonden, vanuit een ander venster of commando."
    assert server.handler.messages == [] and letter(workspace, letter_id).error.startswith(SENDING_MARK)
    with pytest.raises(ValidationError):
        letters.set_body(workspace, letter_id, "Onderwerp", "tekst")
    assert letters.get_letter_row(workspace, letter_id).error == error_text(SENDING_MARK)  # in words, not the mark


def test_a_letter_an_export_marked_is_not_sent_and_the_send_says_why(workspace, case_id, smtp_server, stand_in,
                                                                     tmp_path):
    """Its files may be in the folder already (the export was cut off): sending it too could send it twice."""
    marked, other = (letters.new_letter(workspace, case_id, kind) for kind in ("intake", "closing"))
    with workspace.session() as session:
        letters.mark_export(session, marked, tmp_path / "uit" / "BOR-2026-014-intake.eml")
    server = smtp_server()
    configure_smtp(workspace, server.port)
    result = sending.send_ready(workspace, timeout=5)
    assert [o.letter_id for o in result.sent] == [other] and not result.ok
    [skipped] = result.skipped
    assert skipped.letter_id == marked and f"Een export naar {tmp_path / 'uit'}" in skipped.error
    assert letter(workspace, marked).state == "ready" and len(server.handler.messages) == 1


def test_a_letter_changed_since_it_was_read_is_not_claimed(workspace, case_id, stand_in):
    letter_id = letters.new_letter(workspace, case_id, "closing")
    stamp = letter(workspace, letter_id).updated_at
    letters.set_body(workspace, letter_id, "Ander onderwerp", "Andere tekst")
    assert sending._claim(workspace, letter_id, stamp) is False
    assert sending._claim(workspace, letter_id, letter(workspace, letter_id).updated_at) is True
    assert sending._claim(workspace, letter_id, letter(workspace, letter_id).updated_at) is False


def test_connection_lost_after_the_text_went_out_is_not_retried_blindly(workspace, case_id, smtp_server, stand_in):
    class Dropping:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            server.transport.abort()  # the server may have kept the message; we never hear back
            return "250 OK"

    letter_id = letters.new_letter(workspace, case_id, "closing")
    server = smtp_server()
    server.stop()
    server.handler = Dropping()
    server.start()
    configure_smtp(workspace, server.port)
    result = sending.send_ready(workspace, timeout=5)
    assert [o.letter_id for o in result.failed] == [letter_id]
    saved = letter(workspace, letter_id)
    assert saved.state == "failed" and saved.error == _(
        "The connection broke while the mail server was receiving this letter, so it may have been delivered. "
        "Check with the recipient before you send it again.")


def test_file_names_say_the_kind_in_the_letters_language(workspace, case_id, stand_in):
    """A Dutch referrer got "BOR-2026-014-schedule-3.pdf"."""
    dutch = letters.create_letter(workspace, case_id, "schedule", parent_role="resident", lang="nl").id
    english = letters.create_letter(workspace, case_id, "closing", lang="en").id
    assert letters.pdf_file_name(letters.get_letter_row(workspace, dutch)) == f"BOR-2026-014-omgangsschema-{dutch}.pdf"
    assert letters.pdf_file_name(letters.get_letter_row(workspace, english)) == \
        f"BOR-2026-014-closing-report-{english}.pdf"


def test_a_letter_not_gone_out_is_deleted_and_one_gone_out_is_kept(workspace, case_id, tmp_path, stand_in):
    """There was no way to remove a wrong draft, or a schedule whose visits were called off."""
    draft = letters.new_letter(workspace, case_id, "start", state="draft")
    letters.delete_letter(workspace, draft)
    with pytest.raises(NotFound):
        letters.get_letter_text(workspace, draft) or letters.delete_letter(workspace, draft)
    assert audit_actions(workspace, "delete") == [draft]
    ready = letters.new_letter(workspace, case_id, "closing")
    folder = tmp_path / "out"
    folder.mkdir()
    export.export_ready(workspace, folder)
    assert letter(workspace, ready).state == "exported"
    with pytest.raises(ValidationError):
        letters.delete_letter(workspace, ready)
    assert letter(workspace, ready) is not None


def test_a_colleagues_letter_is_not_deleted_here(workspace, case_id):
    made = letters.new_letter(workspace, case_id, "start", state="draft")
    with workspace.session() as session:
        session.get(Letter, made).received_from = "laptop-anna"
    with pytest.raises(ValidationError, match="laptop-anna"):
        letters.delete_letter(workspace, made)
