"""A letter that goes out (exported or sent) has its case's facts read once, for its check and its PDF alike, and
goes out as before: the PDF the preview shows, in the letter's own language, with no confidential address in the
PDF, the message or the file names, also in the schedule letter to the other parent."""

from __future__ import annotations

import io
from email import message_from_bytes, policy

import pytest
from pypdf import PdfReader

from borapp.models import Letter, Parent
from borapp.services import settings
from borapp.services.documents import letter_checks
from borapp.services.documents import letters as document_letters
from borapp.services.outbox import export
from borapp.services.outbox import letters, sending
from tests.helpers.outbox_support import add_referred_case, configure_smtp, leaked, message_texts, smtp_server  # noqa: F401, F811

def pdf_text(data: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)


def confidential_case(workspace, ref: str) -> int:
    """A case in visits (its schedule fills in) whose resident parent's address is confidential."""
    case_id = add_referred_case(workspace, ref, status="visits")
    with workspace.session() as session:
        parent = session.query(Parent).filter_by(case_id=case_id, role="resident").one()
        parent.address, parent.postcode, parent.city = "Geheimsteeg 77", "1234 AB", "Utrecht"
        parent.address_confidential = True
        other = session.query(Parent).filter_by(case_id=case_id, role="other").one()
        other.address, other.postcode, other.city = "Kanaalkade 9", "1811 LK", "Alkmaar"
        other.email = "karel@example.org"
    return case_id


def typed_before_the_guard(workspace, letter_id: int, body: str, language: str = "") -> None:
    """A letter's text stored raw (as before the guard on saving), in another language than the vault's."""
    with workspace.session() as session:
        letter = session.get(Letter, letter_id)
        letter.body = body
        if language:
            letter.language = language


@pytest.fixture
def case_reads(monkeypatch) -> list[int]:
    """The case of every facts read the letter documents make (check, address block, PDF)."""
    reads: list[int] = []
    real = document_letters.load_facts

    def counted(session, case_id, *args, **kwargs):
        reads.append(case_id)
        return real(session, case_id, *args, **kwargs)

    for module in (document_letters, letter_checks):
        monkeypatch.setattr(module, "load_facts", counted)
    return reads


@pytest.fixture
def outgoing(workspace) -> dict[int, int]:
    """Three ready letters of two cases (letter id: case id): to the referrer in English with the confidential
    address typed into its text, to the referrer in Dutch, and the schedule to the other parent."""
    with workspace.session() as session:  # the schedule letter gives the organisation's phone and e-mail
        settings.put(session, "organisation.phone", "072 123 45 67")
        settings.put(session, "organisation.email", "bor@example.org")
    first, second = confidential_case(workspace, "BOR-2026-041"), confidential_case(workspace, "BOR-2026-042")
    english = letters.new_letter(workspace, first, "evaluation")
    typed_before_the_guard(workspace, english, "Dear Anna,\n\nThe handover is at Geheimsteeg 77, 1234 AB Utrecht.",
                           "en")
    dutch = letters.new_letter(workspace, second, "start")
    schedule = letters.new_letter(workspace, second, "schedule", parent_role="other")
    made = {english: first, dutch: second, schedule: second}
    assert [letters.get_letter_row(workspace, i).state for i in made] == ["ready"] * 3
    return made


def test_an_export_reads_each_case_once_per_letter_and_exports_what_the_preview_shows(
        workspace, outgoing, tmp_path, case_reads):
    previews = {letter_id: letters.letter_pdf(workspace, letter_id) for letter_id in outgoing}
    case_reads.clear()
    result = export.export_ready(workspace, tmp_path / "uit")
    assert sorted(case_reads) == sorted(outgoing.values())  # one read per letter, the check's
    assert not result.problems and sorted(item[0] for item in result.exported) == sorted(outgoing)
    for letter_id, eml_path, pdf_path in result.exported:
        assert pdf_path.read_bytes() == previews[letter_id]  # same letter, same words, same language
        message = message_from_bytes(eml_path.read_bytes(), policy=policy.default)
        [attached] = message.iter_attachments()
        assert attached.get_content() == previews[letter_id]
        assert not leaked(eml_path.name) and not leaked(pdf_path.name)
        assert not [t for t in message_texts(eml_path.read_bytes(), pdf_text) if leaked(t)]
    english = next(letter_id for letter_id in outgoing if letters.get_letter_row(workspace, letter_id).language == "en")
    assert "The handover is at (confidential address)" in pdf_text(previews[english])


def test_a_letter_kept_back_is_read_once_and_not_rendered(workspace, tmp_path, case_reads):
    case_id = confidential_case(workspace, "BOR-2026-043")
    letter_id = letters.new_letter(workspace, case_id, "start")
    typed_before_the_guard(workspace, letter_id, "Beste Anna,\n\nDe eerste omgang was op ______.")
    case_reads.clear()
    result = export.export_ready(workspace, tmp_path / "uit")
    assert case_reads == [case_id] and not result.exported
    [(kept, why)] = result.problems
    assert kept == letter_id and why == letters.problems(workspace, letter_id)


def test_sending_reads_each_case_once_per_letter_and_sends_what_the_preview_shows(
        workspace, outgoing, smtp_server, case_reads):
    server = smtp_server()
    configure_smtp(workspace, server.port)  # names the organisation: the letterhead changes
    previews = {letter_id: letters.letter_pdf(workspace, letter_id) for letter_id in outgoing}
    case_reads.clear()
    result = sending.send_ready(workspace, timeout=5)
    assert sorted(case_reads) == sorted(outgoing.values())
    assert result.ok and sorted(o.letter_id for o in result.sent) == sorted(outgoing)
    attached = []
    for _sender, _rcpts, data in server.handler.messages:
        [pdf] = message_from_bytes(data, policy=policy.default).iter_attachments()
        attached.append(pdf.get_content())
        assert not [t for t in message_texts(data, pdf_text) if leaked(t)]
    assert sorted(attached) == sorted(previews.values())
