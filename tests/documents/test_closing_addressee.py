"""The closing report goes to the commissioning party (DOMAIN.md, Afronding: "a short factual report to the
commissioning party"): its contact person, e-mail and postal address, its own note on the report's use; the referrer
when the case has no commissioning party of its own, or when asked. No "copy to" line: nothing sends that copy."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from borapp.models import Case, Letter, Organisation
from borapp.services.documents.addressee import COMMISSIONER, REFERRER
from borapp.services.documents.common import FILL
from borapp.services.documents.letters import render_letter
from borapp.services.errors import UsageError
from borapp.services.outbox import letters as outbox_letters
from tests.helpers.documents_support import TODAY, all_text, full_case, set_organisation

COMMISSIONER_BLOCK = "Bert Opdracht Gemeente Alkmaar Postbus 10 1800 AA Alkmaar"
REFERRER_BLOCK = "Anna de Vries Wijkteam Alkmaar Postbus 100 1800 AA Alkmaar"
FOR_COMMISSIONER = "Het is bedoeld voor u als opdrachtgever in dit dossier."
FOR_REFERRER = "Het is bedoeld voor u als verwijzer in dit dossier."


@pytest.fixture
def case_id(workspace):
    """A closed case referred by Wijkteam Alkmaar and commissioned by Gemeente Alkmaar, whose record is complete."""
    set_organisation(workspace)
    case_id = full_case(workspace)
    with workspace.session() as session:
        commissioner = session.get(Case, case_id).commissioner
        commissioner.contact_person, commissioner.email = "Bert Opdracht", "jeugd@alkmaar.example"
        commissioner.address = "Postbus 10\n1800 AA Alkmaar"
    return case_id


def letter(workspace, case_id, lang=None, **kw):
    return render_letter(workspace, case_id, "closing", lang, today=TODAY, **kw)


def heading(pdf: bytes) -> str:
    """The address block: what stands above the date."""
    return all_text(pdf).split("Datum")[0].split("Date")[0]


def test_the_closing_report_is_the_commissioning_partys(workspace, case_id):
    doc = letter(workspace, case_id)
    text = all_text(doc.pdf)
    assert (doc.recipient_name, doc.recipient_email, doc.addressee) == (
        "Bert Opdracht", "jeugd@alkmaar.example", COMMISSIONER)
    assert COMMISSIONER_BLOCK in heading(doc.pdf) and "Wijkteam" not in heading(doc.pdf)
    assert doc.body.startswith("Geachte Bert Opdracht,") and doc.missing == []
    assert FOR_COMMISSIONER in text and "verwijzer" not in text
    assert "Afschrift" not in text  # a copy nobody sends is not promised
    english = all_text(letter(workspace, case_id, "en").pdf)
    assert "Dear Bert Opdracht," in english
    assert "It is meant for you as the commissioning party in this case." in english and "referrer" not in english


def test_the_referrer_can_be_sent_one_too(workspace, case_id):
    doc = letter(workspace, case_id, addressee=REFERRER)
    text = all_text(doc.pdf)
    assert (doc.recipient_name, doc.recipient_email, doc.addressee) == ("Anna de Vries", "anna@wijkteam.example",
                                                                        REFERRER)
    assert REFERRER_BLOCK in heading(doc.pdf) and "Gemeente" not in heading(doc.pdf)
    assert doc.body.startswith("Geachte Anna de Vries,")
    assert FOR_REFERRER in text and "opdrachtgever" not in text and "Afschrift" not in text
    english = all_text(letter(workspace, case_id, "en", addressee=REFERRER).pdf)
    assert "It is meant for you as the referrer in this case." in english and "Copy to" not in english


@pytest.mark.parametrize("commissioner", ["the referrer", "none"])
def test_without_a_commissioning_party_of_its_own_it_goes_to_the_referrer(workspace, case_id, commissioner):
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.commissioner = case.referrer if commissioner == "the referrer" else None
    doc = letter(workspace, case_id)
    text = all_text(doc.pdf)
    assert (doc.recipient_name, doc.addressee) == ("Anna de Vries", REFERRER)
    assert REFERRER_BLOCK in heading(doc.pdf) and FOR_REFERRER in text
    assert "Afschrift" not in text and "Gemeente Alkmaar" not in text


def test_what_the_commissioning_partys_record_lacks_is_a_line_to_fill_in(workspace, case_id):
    with workspace.session() as session:
        commissioner = session.get(Case, case_id).commissioner
        commissioner.contact_person = commissioner.email = commissioner.address = ""
    doc = letter(workspace, case_id)
    assert heading(doc.pdf).count(FILL) == 2 and "Gemeente Alkmaar" in heading(doc.pdf)
    assert doc.body.startswith(f"Geachte {FILL},")
    assert (doc.recipient_name, doc.recipient_email) == ("", "")
    assert doc.missing == ["De contactpersoon van de opdrachtgever", "Het adres van de opdrachtgevende organisatie"]


def test_only_the_closing_report_goes_to_the_commissioning_party(workspace, case_id):
    for kind in ("intake", "start", "evaluation", "no_response"):
        assert render_letter(workspace, case_id, kind, today=TODAY).addressee == REFERRER
        with pytest.raises(UsageError, match="Alleen het eindverslag gaat naar de opdrachtgever"):
            render_letter(workspace, case_id, kind, today=TODAY, addressee=COMMISSIONER)
    with pytest.raises(UsageError):
        letter(workspace, case_id, addressee="the parents")


# ---- a letter keeps its addressee -----------------------------------------------------------------------------------

def test_a_letter_made_for_the_commissioning_party_renders_the_same_later(workspace, case_id):
    made = outbox_letters.create_letter(workspace, case_id, "closing")
    assert made.state == "ready", made.problems
    with workspace.session() as session:
        stored = session.get(Letter, made.id)
        assert (stored.addressee, stored.recipient_name, stored.recipient_email, stored.recipient_address) == (
            COMMISSIONER, "Bert Opdracht", "jeugd@alkmaar.example", "")  # the block follows the organisation
    text = all_text(outbox_letters.letter_pdf(workspace, made.id))
    assert COMMISSIONER_BLOCK in text.split("Datum")[0] and FOR_COMMISSIONER in text
    shown = outbox_letters.get_letter_text(workspace, made.id)  # the editor offers the commissioner's block
    assert shown.recipient_address == "Gemeente Alkmaar\nPostbus 10\n1800 AA Alkmaar"
    outbox_letters.set_body(workspace, made.id, shown.subject, shown.body, recipient_name=shown.recipient_name,
                            recipient_email=shown.recipient_email, recipient_address=shown.recipient_address)
    with workspace.session() as session:
        assert session.get(Letter, made.id).recipient_address == ""  # as the case gives it: it keeps following
        session.scalar(select(Organisation).where(Organisation.name == "Gemeente Alkmaar")).address = (
            "Stationsweg 1\n1815 BA Alkmaar")
    assert "Gemeente Alkmaar Stationsweg 1 1815 BA Alkmaar" in all_text(outbox_letters.letter_pdf(workspace, made.id))


def test_a_closing_letter_stored_before_still_goes_to_the_referrer(workspace, case_id):
    """Letters made before the addressee was kept went to the referrer: they render as they did."""
    with workspace.session() as session:
        old = Letter(case_id=case_id, kind="closing", language="nl", recipient_name="Anna de Vries",
                     recipient_email="anna@wijkteam.example", subject="Eindverslag: dossier BOR-2026-001",
                     body="Geachte Anna de Vries,\n\nHet traject is afgerond.", state="draft")
        session.add(old)
        session.flush()
        letter_id = old.id
    text = all_text(outbox_letters.letter_pdf(workspace, letter_id))
    assert REFERRER_BLOCK in text.split("Datum")[0] and FOR_REFERRER in text
    assert outbox_letters.get_letter_text(workspace, letter_id).recipient_address.startswith("Wijkteam Alkmaar")


def test_the_referrers_closing_letter_is_kept_as_the_referrers(workspace, case_id):
    made = outbox_letters.create_letter(workspace, case_id, "closing", addressee=REFERRER)
    with workspace.session() as session:
        assert (session.get(Letter, made.id).addressee, session.get(Letter, made.id).recipient_name) == (
            REFERRER, "Anna de Vries")
    text = all_text(outbox_letters.letter_pdf(workspace, made.id))
    assert REFERRER_BLOCK in text.split("Datum")[0] and FOR_REFERRER in text


def test_a_gap_in_the_commissioning_partys_record_keeps_the_letter_back_and_says_where_to_fill_it(workspace, case_id):
    with workspace.session() as session:
        session.get(Case, case_id).commissioner.address = ""
    made = outbox_letters.create_letter(workspace, case_id, "closing")
    assert made.state == "draft"
    assert ("Het postadres van de opdrachtgever: vul het in bij het dossier, tab Verwijzing (Organisatie bewerken… "
            "onder de opdrachtgever), of typ het in het adresblok van de brief (Bewerken).") in made.problems
