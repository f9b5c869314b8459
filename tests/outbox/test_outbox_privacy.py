"""A confidential address typed into a letter's subject, text or recipient never leaves in a message: not when it is
saved, not from a letter stored before this guard existed, not over SMTP and not in an export."""

from __future__ import annotations

import re

from borapp.models import Letter, Parent
from borapp.services.outbox import export
from borapp.services.outbox import letters, sending
from tests.helpers.outbox_support import add_referred_case, configure_smtp, leaked, message_texts, smtp_server  # noqa: F401, F811

def confidential_case(workspace) -> int:
    """The resident parent's address kept on one line, as the import template has it."""
    case_id = add_referred_case(workspace, "BOR-2026-031")
    with workspace.session() as session:
        parent = session.query(Parent).filter_by(case_id=case_id, role="resident").one()
        parent.address, parent.postcode, parent.city = "Geheimsteeg 77, 1234 AB Utrecht", "", ""
        parent.address_confidential = True
    return case_id


def test_saving_an_edited_letter_takes_the_address_out_of_subject_text_and_recipient(workspace):
    case_id = confidential_case(workspace)
    letter_id = letters.new_letter(workspace, case_id, "start", state="draft")
    letters.set_body(workspace, letter_id, "Start, ophalen GEHEIMSTEEG77a", "Breng haar naar geheim steeg 77\n1234ab",
                     recipient_name="Anna (1234 AB Utrecht)")
    text = letters.get_letter_text(workspace, letter_id)
    assert not leaked(" ".join((text.subject, text.body, text.recipient_name)))
    assert "(geheim adres)" in text.subject and "(geheim adres)" in text.body


def test_her_own_schedule_letter_keeps_her_address_as_typed_and_the_fathers_does_not(workspace):
    """The mother's own letter goes to her own address: typed into its block or text it stays (and prints); the
    same words in the father's letter are taken out on saving."""
    case_id = confidential_case(workspace)
    hers = letters.new_letter(workspace, case_id, "schedule", parent_role="resident", state="draft")
    his = letters.new_letter(workspace, case_id, "schedule", parent_role="other", state="draft")
    assert "Geheimsteeg 77" in letters.get_letter_text(workspace, hers).recipient_address  # offered to change
    for letter_id in (hers, his):
        letters.set_body(workspace, letter_id, "Omgangsschema", "Overdracht bij Geheimsteeg 77a.",
                         recipient_address="Geheimsteeg 77a\n1234 AB Utrecht")
    mine = letters.get_letter_text(workspace, hers)
    assert "Geheimsteeg 77a" in mine.body and mine.recipient_address == "Geheimsteeg 77a\n1234 AB Utrecht"
    assert "Geheimsteeg 77a" in re.sub(r"\s+", " ", _pdf_text(letters.render_stored(workspace, hers).pdf))
    other = letters.get_letter_text(workspace, his)
    assert not leaked(" ".join((other.body, other.recipient_address))) and "(geheim adres)" in other.body
    assert not leaked(_pdf_text(letters.render_stored(workspace, his).pdf))


def _pdf_text(pdf: bytes) -> str:
    from tests.helpers.documents_support import all_text

    return all_text(pdf)


def test_a_raw_subject_stored_earlier_is_taken_out_of_the_sent_message(workspace, smtp_server):
    case_id = confidential_case(workspace)
    letter_id = letters.new_letter(workspace, case_id, "closing")
    with workspace.session() as session:  # as saved before the guard: the subject raw in the vault
        letter = session.get(Letter, letter_id)
        letter.subject = "Afsluiting, moeder woont Geheimsteeg 77 (1234AB)"
        letter.recipient_name = "Anna de Vries, Geheimsteeg 77"
    server = smtp_server()
    configure_smtp(workspace, server.port)
    result = sending.send_ready(workspace, timeout=5)
    assert result.ok and [o.letter_id for o in result.sent] == [letter_id]
    [(_sender, _rcpts, data)] = server.handler.messages
    texts = message_texts(data)
    assert any(t.startswith("Subject: Afsluiting, moeder woont (geheim adres)") for t in texts), texts
    assert not [t for t in texts if leaked(t)]


def test_export_takes_the_address_out_of_headers_text_and_file_names(workspace, tmp_path):
    case_id = confidential_case(workspace)
    letter_id = letters.new_letter(workspace, case_id, "intake")
    with workspace.session() as session:
        session.get(Letter, letter_id).subject = "Intake 1234 ab Utrecht"
    result = export.export_ready(workspace, tmp_path / "uit")
    assert len(result.exported) == 1
    for path in (tmp_path / "uit").iterdir():
        assert not leaked(path.name)
        if path.suffix == ".eml":
            assert not [t for t in message_texts(path.read_bytes()) if leaked(t)]


HER_CONTACTS = ("eva.stinis74@mail.example", "0675700673", "31675700673")


def contacts_leaked(text: str) -> list[str]:
    """Her e-mail address and phone number in any form: spaces, dashes, dots and brackets left out."""
    flat = re.sub(r"[\s\-.()+]", "", text).lower()
    return [piece for piece in HER_CONTACTS if piece.replace(".", "") in flat]


def test_her_e_mail_address_and_phone_number_never_reach_the_other_parent(workspace, tmp_path):
    """Typed into the father's schedule letter (a walk: "eva.stinis74@mail.example of 06-75700673"), they are taken
    out on saving; stored raw before this guard, they are still out of the PDF, the subject, the message's text and
    the file names."""
    from tests.helpers.documents_support import set_organisation

    set_organisation(workspace)  # the schedule's lines on how to reach the coordinator filled in
    case_id = add_referred_case(workspace, "BOR-2026-032", status="visits")
    with workspace.session() as session:
        mother = session.query(Parent).filter_by(case_id=case_id, role="resident").one()
        mother.address_confidential, mother.email, mother.phone = True, HER_CONTACTS[0], "06-75700673"
    his = letters.new_letter(workspace, case_id, "schedule", parent_role="other", state="draft")
    text = letters.get_letter_text(workspace, his)
    typed = "Moeder is bereikbaar via eva.stinis74@mail.example of 06-757 006 73 (+31 6 75700673)."
    letters.set_body(workspace, his, "Schema, moeder: 06-75700673", f"{text.body}\n\n{typed}",
                     recipient_name=f"{text.recipient_name} (mail moeder: EVA.STINIS74@mail.example)")
    saved = letters.get_letter_text(workspace, his)
    assert not contacts_leaked(" ".join((saved.subject, saved.body, saved.recipient_name)))
    assert "via (geheim e-mailadres) of (geheim telefoonnummer) ((geheim telefoonnummer))." in saved.body
    with workspace.session() as session:  # as saved before this guard: raw in the vault
        stored = session.get(Letter, his)
        stored.subject, stored.body = "Schema, moeder: 06-75700673", f"{text.body}\n\n{typed}"
    assert not contacts_leaked(_pdf_text(letters.render_stored(workspace, his).pdf))
    letters.mark_ready(workspace, his)
    assert [item[0] for item in export.export_ready(workspace, tmp_path / "uit").exported] == [his]
    for path in (tmp_path / "uit").iterdir():
        assert not contacts_leaked(path.name)
        texts = message_texts(path.read_bytes(), _pdf_text) if path.suffix == ".eml" else [_pdf_text(path.read_bytes())]
        assert not [t for t in texts if contacts_leaked(t)], path.suffix
        assert any("(geheim telefoonnummer)" in t for t in texts), path.suffix


def test_her_own_schedule_letter_keeps_her_e_mail_address_and_phone_number(workspace):
    case_id = add_referred_case(workspace, "BOR-2026-033", status="visits")
    with workspace.session() as session:
        mother = session.query(Parent).filter_by(case_id=case_id, role="resident").one()
        mother.address_confidential, mother.email, mother.phone = True, HER_CONTACTS[0], "06-75700673"
    hers = letters.new_letter(workspace, case_id, "schedule", parent_role="resident", state="draft")
    letters.set_body(workspace, hers, "Omgangsschema", "Uw gegevens: eva.stinis74@mail.example, 06-75700673.")
    assert letters.get_letter_text(workspace, hers).body == "Uw gegevens: eva.stinis74@mail.example, 06-75700673."
