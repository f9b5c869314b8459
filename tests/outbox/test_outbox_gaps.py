"""Letters that must not go out wrong: one with a line still to fill in ("______") or with dates in an impossible
order is not made ready, sent or exported, and the message names each gap and where to fill it, in Dutch and in
English. Every letter kind is worded by the organisation's saved template, and a letter signs off once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from borapp.i18n import set_language
from borapp.models import Case, Letter, Visit
from borapp.models.documents import LETTER_KINDS
from borapp.services.documents import closing, templates
from borapp.services.documents.common import FILL
from borapp.services.errors import ValidationError
from borapp.services.outbox import export
from borapp.services.outbox import letters, sending
from tests.helpers.documents_support import set_organisation
from tests.helpers.outbox_support import (  # noqa: F401 - fixtures
    add_gapped_case,
    add_referred_case,
    configure_smtp,
    smtp_server,
    stand_in,
)


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).split())


def state(workspace, letter_id) -> str:
    with workspace.session() as session:
        return session.get(Letter, letter_id).state


def refusal(call, *args) -> str:
    with pytest.raises(ValidationError) as refused:
        call(*args)
    return str(refused.value)


def set_address(workspace, case_id, address: str) -> None:
    with workspace.session() as session:
        session.get(Case, case_id).referrer.address = address


@pytest.fixture
def workspace(workspace):
    set_organisation(workspace)  # BOR Kop van Noord-Holland, with its phone and e-mail
    return workspace


# ---- gaps -----------------------------------------------------------------------------------------------------------

def test_a_letter_with_gaps_is_made_a_draft_that_names_each_gap_and_where_to_fill_it(workspace):
    case_id = add_gapped_case(workspace, "BOR-2026-030")
    made = letters.create_letter(workspace, case_id, "intake")  # asked for ready
    assert made.state == "draft" == state(workspace, made.id)
    assert FILL in letters.get_letter_text(workspace, made.id).body
    lines = made.problems.splitlines()
    assert lines[0] == "Deze brief heeft nog regels om in te vullen (______); vul die eerst in:"
    assert ("• Het postadres van de verwijzer: vul het in bij het dossier, tab Verwijzing (Organisatie "
            "bewerken…), of typ het in het adresblok van de brief (Bewerken).") in lines
    assert any(line.startswith("• De coördinator die ondertekent: geef het dossier een coördinator") for line in lines)
    # a line in the text: what its placeholder stood for, the words around it, and that it is typed in the text
    assert ("• De coördinator (nog niet toegewezen), in “…coördinator voor dit gezin is ______. Het "
            "kennismakingsgesprek met…”: typ het over de lijn in de tekst van de brief (Bewerken).") in lines
    assert ("• De datum van het kennismakingsgesprek (niet vastgelegd), in “…ouders heeft plaatsgevonden op ______. Daarin hebben "
            "wij met beide…”: typ het over de lijn in de tekst van de brief (Bewerken).") in lines
    assert len(lines) == 5


def test_mark_ready_refuses_a_gap_in_the_address_block_until_it_is_known(workspace, stand_in):
    case_id = add_gapped_case(workspace, "BOR-2026-031")
    with workspace.session() as session:
        session.get(Case, case_id).coordinator_id = workspace.coordinator_id
    letter_id = letters.new_letter(workspace, case_id, "intake", state="draft")
    message = refusal(letters.mark_ready, workspace, letter_id)
    assert "Het postadres van de verwijzer" in message and "tab Verwijzing" in message
    assert state(workspace, letter_id) == "draft"
    set_language("en")
    message = refusal(letters.mark_ready, workspace, letter_id)
    assert message.startswith("This letter still has lines to fill in (______); fill them in first:\n")
    assert ("• The referrer's postal address: add it in the case file, tab Referral (Edit organisation…), or type "
            "it into the letter's address block (Edit).") in message
    set_address(workspace, case_id, "Postbus 9\n1000 AA Plaats")  # added to the organisation: the letter follows
    letters.mark_ready(workspace, letter_id)
    assert state(workspace, letter_id) == "ready"


def test_an_address_typed_into_the_letter_fills_its_gap(workspace, stand_in):
    case_id = add_gapped_case(workspace, "BOR-2026-032")
    with workspace.session() as session:
        session.get(Case, case_id).coordinator_id = workspace.coordinator_id
    letter_id = letters.new_letter(workspace, case_id, "intake", state="draft")
    text = letters.get_letter_text(workspace, letter_id)
    letters.set_body(workspace, letter_id, text.subject, text.body,
                     recipient_address="Jeugdteam Zonderadres\nPostbus 12\n1000 AB Plaats")
    letters.mark_ready(workspace, letter_id)
    assert "Postbus 12" in pdf_text(letters.letter_pdf(workspace, letter_id))


def test_a_line_left_in_the_text_is_named_by_its_words_and_goes_once_typed_over(workspace):
    case_id = add_referred_case(workspace, "BOR-2026-033")
    letter_id = letters.new_letter(workspace, case_id, "closing")
    assert state(workspace, letter_id) == "ready"  # the whole story is known: nothing to fill in
    text = letters.get_letter_text(workspace, letter_id)
    body = text.body.replace("Afgesloten: 1 juli 2025", "Afgesloten: ____")
    letters.set_body(workspace, letter_id, "Eindverslag ___", body)
    with workspace.session() as session:
        session.get(Letter, letter_id).state = "draft"
    message = refusal(letters.mark_ready, workspace, letter_id)
    assert ("• Een regel om in te vullen: “Afgesloten: ______”: typ het over de lijn in de tekst van de brief "
            "(Bewerken).") in message  # the case knows the date: what the line stood for is the coordinator's
    assert "• Een regel om in te vullen: “Eindverslag ______”: typ het over de lijn in het onderwerp" in message
    letters.set_body(workspace, letter_id, "Eindverslag", text.body)
    letters.mark_ready(workspace, letter_id)


def test_a_ready_letter_with_a_gap_is_neither_exported_nor_sent_and_comes_back_once_filled(
        workspace, tmp_path, smtp_server, stand_in):
    case_id = add_referred_case(workspace, "BOR-2026-034")
    letter_id = letters.new_letter(workspace, case_id, "start")
    text = letters.get_letter_text(workspace, letter_id)
    letters.set_body(workspace, letter_id, text.subject, text.body + f"\n\nDe volgende evaluatie is op {FILL}.")
    assert state(workspace, letter_id) == "ready"  # a ready letter may still be edited; it is checked on its way out

    exported = export.export_ready(workspace, tmp_path / "uit")
    assert exported.exported == [] and [i for i, _why in exported.problems] == [letter_id]
    assert "“De volgende evaluatie is op ______.”" in exported.problems[0][1]
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())
    assert state(workspace, letter_id) == "ready"

    server = smtp_server()
    configure_smtp(workspace, server.port)
    result = sending.send_ready(workspace, timeout=5)
    assert [o.letter_id for o in result.failed] == [letter_id] and server.handler.messages == []
    assert "De volgende evaluatie is op ______." in result.failed[0].error
    assert "typ het over de lijn in de tekst van de brief" in result.failed[0].error
    assert refusal(letters.retry, workspace, letter_id).startswith("Deze brief heeft nog regels om in te vullen")

    letters.set_body(workspace, letter_id, text.subject, text.body)
    letters.retry(workspace, letter_id)
    assert sending.send_ready(workspace, timeout=5).ok and len(server.handler.messages) == 1


# ---- dates ----------------------------------------------------------------------------------------------------------

def test_dates_in_an_impossible_order_keep_the_letter_back_until_corrected(workspace):
    case_id = add_referred_case(workspace, "BOR-2026-035")
    with workspace.session() as session:  # the intake dated by the day it was typed in, after the first visit
        intake = next(h for h in session.get(Case, case_id).history if h.to_status == "intake")
        intake.on = dt.date(2025, 4, 20)
    made = letters.create_letter(workspace, case_id, "closing")
    assert made.state == "draft"
    message = refusal(letters.mark_ready, workspace, made.id)
    assert message.startswith("Deze brief noemt data in een onmogelijke volgorde:\n")
    assert ("• De brief zet het kennismakingsgesprek op 20 april 2025 ná het eerste omgangsmoment op 5 april 2025: "
            "dat kan niet.") in message
    assert "Verbeter de verkeerde datum in de tekst van de brief (Bewerken)" in message
    set_language("en")
    assert ("The letter puts the intake talk on 20 April 2025 after the first visit on 5 April 2025: that "
            "cannot be.") in refusal(letters.mark_ready, workspace, made.id)
    text = letters.get_letter_text(workspace, made.id)  # corrected by hand in the letter
    letters.set_body(workspace, made.id, text.subject, text.body.replace("20 april 2025", "12 maart 2025"))
    letters.mark_ready(workspace, made.id)


def test_a_visit_after_the_closing_is_named_too(workspace):
    case_id = add_referred_case(workspace, "BOR-2026-036")
    with workspace.session() as session:
        session.add(Visit(case_id=case_id, on=dt.date(2025, 8, 2), state="held"))
    made = letters.create_letter(workspace, case_id, "closing")
    assert "het laatste omgangsmoment op 2 augustus 2025 ná de afsluiting op 1 juli 2025" in made.problems
    assert "tab Omgangsmomenten" in made.problems


def test_a_complete_case_gives_every_referrer_letter_ready(workspace):
    case_id = add_referred_case(workspace, "BOR-2026-037")
    for kind in ("intake", "start", "evaluation", "closing"):
        made = letters.create_letter(workspace, case_id, kind)
        assert (made.state, made.problems) == ("ready", ""), (kind, made.problems)
    stuck = add_referred_case(workspace, "BOR-2026-038", status="intake")  # the parents stopped answering
    made = letters.create_letter(workspace, stuck, "no_response")
    assert (made.state, made.problems) == ("ready", ""), made.problems


def test_no_response_from_the_parents_is_held_back_when_visits_were_held(workspace):
    """It said the visits could not start, and went out 'ready' for a case with 8 visits held (found by a walk)."""
    case_id = add_referred_case(workspace, "BOR-2026-039")
    made = letters.create_letter(workspace, case_id, "no_response")
    assert made.state == "draft"
    assert "maar er zijn 3 omgangsmomenten gehouden (de laatste op 3 mei 2025)" in made.problems, made.problems
    assert "stuur de afsluitbrief" in made.problems
    assert "stuur de afsluitbrief" in refusal(letters.mark_ready, workspace, made.id)
    assert state(workspace, made.id) == "draft"


# ---- the saved template, one closing --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_every_letter_kind_is_worded_by_the_saved_template(workspace, kind):
    case_id = add_referred_case(workspace, "BOR-2026-038", status="visits")
    name = "parent_name" if kind == "schedule" else "referrer_contact"
    templates.save_template(workspace, kind, "nl", f"Beste {{{name}}},\n\nEigen woorden van BOR Kop ({kind}) over "
                                                   "{case_ref}.")
    made = letters.create_letter(workspace, case_id, kind, parent_role="resident" if kind == "schedule" else "")
    body = letters.get_letter_text(workspace, made.id).body
    assert f"Eigen woorden van BOR Kop ({kind}) over BOR-2026-038." in body
    assert f"Eigen woorden van BOR Kop ({kind})" in pdf_text(letters.letter_pdf(workspace, made.id))


def test_a_letter_signs_off_once(workspace):
    case_id = add_referred_case(workspace, "BOR-2026-039")
    templates.save_template(workspace, "intake", "nl", "Geachte {referrer_contact},\n\nUw verwijzing is ontvangen."
                                                       "\n\nMet vriendelijke groet,\n{organisation}")
    letter_id = letters.new_letter(workspace, case_id, "intake")
    text = pdf_text(letters.letter_pdf(workspace, letter_id))
    assert text.count("Met vriendelijke groet") == 1 and text.count("BOR Kop van Noord-Holland,") == 0
    assert "Met vriendelijke groet, Test Coördinator" in text  # the signature follows the one closing
    own = "Geachte mevrouw,\n\nKort bericht.\n\nHartelijke groet,\nnamens het hele team, Ans"
    letters.set_body(workspace, letter_id, "Bericht", own)
    text = pdf_text(letters.letter_pdf(workspace, letter_id))
    assert "Hartelijke groet, namens het hele team, Ans" in text and "Met vriendelijke groet" not in text


def test_the_closing_rule():
    signature = ("Carla Coördinator", "BOR Noord")
    assert closing.settle("Tekst.", signature) == ("Tekst.", False)
    assert closing.settle("Tekst.\n\nMet vriendelijke groet,\nBOR Noord", signature) == ("Tekst.", False)
    assert closing.settle("Tekst.\n\nKind regards,\n\ncarla coördinator\n", signature) == ("Tekst.", False)
    assert closing.settle("Tekst.\n\nMet vriendelijke groeten\nAns", signature) == (
        "Tekst.\n\nMet vriendelijke groeten\nAns", True)
    mid = "Met vriendelijke groet van de kinderen.\n\nNog een alinea.\nEn nog een.\nEn meer.\nEn meer.\nSlot."
    assert closing.settle(mid, signature) == (mid, False)  # a greeting early in the text is not the closing


def test_a_stored_letter_of_an_older_version_with_its_own_closing_prints_one(workspace):
    case_id = add_referred_case(workspace, "BOR-2026-040")
    letter_id = letters.new_letter(workspace, case_id, "intake")
    letters.set_body(workspace, letter_id, "Aanmelding ontvangen", "Geachte Anna de Vries,\n\nOntvangen.\n\n"
                     "Met vriendelijke groet,\nBOR Kop van Noord-Holland")
    text = pdf_text(letters.letter_pdf(workspace, letter_id))
    assert text.count("Met vriendelijke groet") == 1
