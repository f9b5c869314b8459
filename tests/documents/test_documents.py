"""The contract and the letters as PDFs, read back with pypdf: headings, parties, Dutch dates, signature blocks,
page numbers, fill-in lines with the list of what is missing, the same bytes for the same input, embedded fonts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from sqlalchemy import select
from pypdf import PdfReader

from borapp.i18n import in_language, language, set_language
from borapp.models import Visit
from borapp.services.documents import contract as contract_module
from borapp.services.documents.addressee import REFERRER
from borapp.services.documents.common import FILL
from borapp.services.documents.contract import render_contract
from borapp.services.documents.letters import render_letter
from borapp.services.errors import UsageError
from tests.helpers.documents_support import (
    AGREEMENTS,
    TODAY,
    all_text,
    bare_case,
    closed_at_intake,
    count_words,
    fonts,
    full_case,
    pages,
    set_organisation,
)

REFERRER_KINDS = ("intake", "start", "evaluation", "closing", "no_response")


@pytest.fixture
def workspace(workspace):
    set_organisation(workspace)
    return workspace


@pytest.fixture
def case_id(workspace):
    return full_case(workspace)


def letter(workspace, case_id, kind, lang=None, role="", **kw):
    return render_letter(workspace, case_id, kind, lang, parent_role=role, today=TODAY, **kw)


# ---- the contract ---------------------------------------------------------------------------------------------------

def test_the_contract_in_dutch_names_the_parties_and_every_agreement(workspace, case_id):
    doc = render_contract(workspace, case_id, today=TODAY)
    text = all_text(doc.pdf)
    for words in ("BOR Kop van Noord-Holland", "Postbus 77, 1740 AB Schagen", "BOR-overeenkomst",
                  "1. Partijen", "Verzorgende ouder", "Petra Jansen", "Dorpsstraat 1", "1234 AB Alkmaar",
                  "Uitwonende ouder", "Karel Bakker", "Sanne Jansen, geboren 1 mei 2019",
                  "Daan Jansen, geboren 5 maart 2021", "Carla Coördinator", "Victor Vrijwilliger",
                  "Beschikking van 12 februari 2026", "Eens per twee weken", "Wijkteam Alkmaar",
                  "3. Waar en hoe vaak", "zaterdag 6 juni 2026, 10:00–12:00", "Opbouw van het contact", "Overdracht",
                  "Gescheiden aankomst en vertrek", "Afzeggen", "herhaaldelijk afgezegd", "Huisregels",
                  "Tussenevaluatie", "De tussenevaluatie is gehouden op 5 mei 2026.", "Wat de verwijzer te horen krijgt",
                  "Privacy", "Ondertekening", *(v for v in AGREEMENTS.values() if isinstance(v, str))):
        assert words in text, words
    for label in ("Naam", "Plaats", "Datum", "Handtekening"):
        assert count_words(text, label) == 4, label
    n = len(pages(doc.pdf))
    assert n >= 2
    assert f"Pagina 1 van {n}" in pages(doc.pdf)[0]
    assert f"Pagina {n} van {n}" in pages(doc.pdf)[-1]
    assert doc.missing == []
    assert doc.title == "BOR-overeenkomst, dossier BOR-2026-001"


def test_the_contract_lists_only_the_visits_still_to_come(workspace, case_id):
    """A visit still marked planned months ago was listed under "Geplande omgangsmomenten"."""
    text = all_text(render_contract(workspace, case_id, today=dt.date(2026, 6, 10)).pdf)
    assert "zaterdag 20 juni 2026" in text and "zaterdag 6 juni 2026" not in text
    assert "zaterdag 6 juni 2026" in all_text(render_contract(workspace, case_id, today=TODAY).pdf)


def test_the_evaluation_letter_counts_as_still_planned_only_the_visits_to_come(workspace, case_id):
    """A visit before the evaluation still marked planned is no plan; the count stands on the evaluation day (5 May:
    16 May, 6 and 20 June), whenever the letter is made (more in `test_late_letters`)."""
    with workspace.session() as session:
        session.add(Visit(case_id=case_id, on=dt.date(2026, 4, 25), state="planned"))
    for today in (TODAY, dt.date(2026, 6, 10)):
        text = all_text(render_letter(workspace, case_id, "evaluation", today=today).pdf)
        assert "Omgangsmomenten tot de tussenevaluatie: 3 gehouden; afgezegd: 0; nog gepland: 3." in text, today


def test_the_contract_in_english(workspace, case_id):
    doc = render_contract(workspace, case_id, "en", today=TODAY)
    text = all_text(doc.pdf)
    for words in ("BOR contract", "1. Parties", "Resident parent", "Sanne Jansen, born 1 May 2019", "Signatures",
                  "Name", "Place", "Date", "Signature", "Page 1 of"):
        assert words in text, words
    assert "Pagina" not in text and "Handtekening" not in text


def test_the_pdf_carries_title_author_and_language(workspace, case_id):
    reader = PdfReader(io.BytesIO(render_contract(workspace, case_id, today=TODAY).pdf))
    assert reader.metadata.title == "BOR-overeenkomst, dossier BOR-2026-001"
    assert reader.metadata.author == "BOR Kop van Noord-Holland"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    english = PdfReader(io.BytesIO(render_contract(workspace, case_id, "en", today=TODAY).pdf))
    assert english.trailer["/Root"]["/Lang"] == "en-GB"


def test_what_is_not_known_yet_is_a_line_to_fill_in_and_listed(workspace):
    case_id = bare_case(workspace)
    doc = render_contract(workspace, case_id, today=TODAY)
    text = all_text(doc.pdf)
    assert FILL in text
    for item in ("De coördinator (nog niet toegewezen)",
                 "De locatie van de omgang", "Hoe vaak de omgang plaatsvindt", "De opbouw van het contact",
                 "De overdracht", "De afspraken over afzeggen", "De huisregels", "Wat de verwijzer te horen krijgt",
                 "De geboortedatum van Mila Smit", "Het adres van de verzorgende ouder"):
        assert item in doc.missing, item
    assert len(doc.missing) == len(set(doc.missing))
    # No volunteer is matched: nobody writes one in by hand; the version matching makes names and has them sign.
    assert not any("BOR-medewerker" in item for item in doc.missing)
    assert "Nog niet gekoppeld." in text and "de BOR-medewerker tekent de versie" in text
    assert count_words(text, "Handtekening") == 3


def test_missing_is_in_the_users_language_and_the_language_comes_back(workspace):
    case_id = bare_case(workspace)
    set_language("en")
    doc = render_contract(workspace, case_id, "nl", today=TODAY)
    assert language() == "en"
    assert "The coordinator (none assigned yet)" in doc.missing
    assert "Partijen" in all_text(doc.pdf)
    set_language("nl")
    doc = render_letter(workspace, case_id, "closing", "en", today=TODAY)
    assert language() == "nl"
    assert "De uitkomst (het dossier is nog niet afgesloten)" in doc.missing
    assert "Outcome:" in all_text(doc.pdf)


def test_in_language_restores_the_language_after_an_error():
    set_language("nl")
    with pytest.raises(RuntimeError), in_language("en"):
        assert language() == "en"
        raise RuntimeError
    assert language() == "nl"


def test_a_confidential_address_shows_as_geheim_adres_in_the_contract(workspace):
    case_id = full_case(workspace, confidential="resident")
    text = all_text(render_contract(workspace, case_id, today=TODAY).pdf)
    assert "Petra Jansen (geheim adres)" in text
    for part in ("Dorpsstraat", "1234 AB", "1234AB", "Alkmaar Uitwonende"):
        assert part not in text
    assert "Zeeweg 12" in text  # the other parent's address is not confidential


def test_the_signature_blocks_are_never_split_across_pages(workspace):
    """Contracts of growing length push the signatures over every point of a page break."""
    for lines in range(0, 60, 3):
        rules = "\n".join(f"Huisregel {i}: de ouders houden zich aan afspraak nummer {i}." for i in range(lines))
        case_id = full_case(workspace, f"BOR-LONG-{lines}", agreements=AGREEMENTS | {"house_rules": rules or "Geen."})
        texts = pages(render_contract(workspace, case_id, today=TODAY).pdf)
        for page in texts:
            counts = {label: count_words(page, label) for label in ("Naam", "Plaats", "Datum", "Handtekening")}
            assert len(set(counts.values())) == 1, (lines, counts)
        names = ("Petra Jansen", "Karel Bakker", "Carla Coördinator", "Victor Vrijwilliger")
        last = next(i for i, page in enumerate(texts) if "Ondertekening" in page)
        assert all(name in texts[last] for name in names)
        assert sum(count_words(page, "Handtekening") for page in texts) == 4


def test_a_stored_version_prints_its_own_agreements(workspace, case_id):
    from borapp.services.cases.editing import AgreementsInput, save_agreements
    from borapp.services.documents.contract_versions import new_version_if_changed

    assert new_version_if_changed(workspace, case_id) == 1
    text = all_text(render_contract(workspace, case_id, today=TODAY).pdf)
    assert "versie 1 · opgesteld op" in text and "(concept)" not in text
    save_agreements(workspace, case_id, AgreementsInput(**(AGREEMENTS | {"house_rules": "Nieuwe huisregel."})))
    assert "Nieuwe huisregel." in all_text(render_contract(workspace, case_id, today=TODAY).pdf)
    old = all_text(render_contract(workspace, case_id, version=1, today=TODAY).pdf)
    assert AGREEMENTS["house_rules"] in old and "Nieuwe huisregel." not in old


def test_an_unknown_version_is_not_found(workspace, case_id):
    from borapp.services.errors import NotFound

    with pytest.raises(NotFound):
        render_contract(workspace, case_id, version=7)


# ---- the letters ----------------------------------------------------------------------------------------------------

EXPECTED = {
    "intake": ("Aanmelding ontvangen: dossier BOR-2026-001", "Het kennismakingsgesprek met de ouders heeft "
               "plaatsgevonden op 12 maart 2026. Daarin hebben wij met beide ouders besproken hoe"),
    "start": ("Begeleide omgang gestart: dossier BOR-2026-001", "het eerste omgangsmoment was op 4 april 2026"),
    "evaluation": ("Tussenevaluatie: dossier BOR-2026-001", "Op 5 mei 2026 hebben wij de tussenevaluatie"),
    "closing": ("Eindverslag: dossier BOR-2026-001", "Omgangsmomenten: 6 in totaal, 3 gehouden; afgezegd: 1 (door de "
                "uitwonende ouder)."),
    "no_response": ("Geen reactie van de ouders: dossier BOR-2026-001", "wij kregen geen reactie"),
}


@pytest.mark.parametrize("kind", REFERRER_KINDS)
def test_each_referrer_letter_in_dutch(workspace, case_id, kind):
    doc = letter(workspace, case_id, kind, addressee=REFERRER)  # the closing report too, when asked
    text = all_text(doc.pdf)
    subject, sentence = EXPECTED[kind]
    assert doc.subject == doc.title == subject
    for words in (subject, sentence, "Anna de Vries Wijkteam Alkmaar Postbus 100 1800 AA Alkmaar",
                  "Datum 1 juni 2026", "Ons kenmerk dossier BOR-2026-001", "Geachte Anna de Vries,",
                  "Sanne Jansen (geboren 1 mei 2019) en Daan Jansen (geboren 5 maart 2021)",
                  "Met vriendelijke groet, Carla Coördinator Coördinator BOR, BOR Kop van Noord-Holland",
                  "Pagina 1 van 1"):
        assert words in text, (kind, words)
    assert "ouders is gestart" not in text and "gesprek gestart" not in text, kind  # "heeft plaatsgevonden" (a walk)
    # the note on a report's use ends the reports, not the acknowledgement of a referral (found by a walk)
    assert ("Over dit verslag:" in text) == (kind != "intake"), kind
    assert doc.recipient_name == "Anna de Vries" and doc.recipient_email == "anna@wijkteam.example"
    assert doc.body.startswith("Geachte Anna de Vries,") and "{" not in doc.body
    assert doc.missing == []


def test_the_closing_report_is_factual(workspace, case_id):
    text = all_text(letter(workspace, case_id, "closing").pdf)
    for words in ("Aangemeld: 5 maart 2026", "Kennismakingsgesprek: 12 maart 2026",
                  "Eerste omgangsmoment: 4 april 2026", "Laatste omgangsmoment: 2 mei 2026", "Afgesloten: 1 juli 2026",
                  "Gemaakte afspraken: De ouders maken samen een schema voor de zomer.",
                  "Uitkomst: Succesvol afgerond.", "Ouders regelen de omgang voortaan zelf."):
        assert words in text, words


@pytest.mark.parametrize("kind", REFERRER_KINDS)
def test_each_referrer_letter_in_english(workspace, case_id, kind):
    text = all_text(letter(workspace, case_id, kind, "en", addressee=REFERRER).pdf)
    for words in ("Dear Anna de Vries,", "Sanne Jansen (born 1 May 2019)", "Kind regards,",
                  "Page 1 of 1", "Our reference case BOR-2026-001",
                  "Carla Coördinator BOR coordinator, BOR Kop van Noord-Holland"):  # not "Coordinator BOR" (a walk)
        assert words in text, (kind, words)
    assert ("About this report:" in text) == (kind != "intake"), kind
    assert "Geachte" not in text


@pytest.mark.parametrize("role, name, other", [("resident", "Petra Jansen", "Karel Bakker"),
                                               ("other", "Karel Bakker", "Petra Jansen")])
def test_the_schedule_goes_to_one_parent_with_the_planned_visits(workspace, case_id, role, name, other):
    doc = letter(workspace, case_id, "schedule", role=role)
    text = all_text(doc.pdf)
    assert f"Beste {name}," in text
    assert "zaterdag 6 juni 2026, 10:00–12:00" in text and "zaterdag 20 juni 2026, 10:00–12:00" in text
    assert "4 april 2026" not in text  # held visits are not the schedule
    assert "Locatie: Speeltuin De Klimboom, Schagen" in text
    assert "Over dit verslag" not in text
    assert doc.recipient_name == name and doc.recipient_email.startswith(name.split()[0].lower())
    assert other not in text.split("Datum")[0]  # the address block holds the recipient alone
    english = all_text(letter(workspace, case_id, "schedule", "en", role).pdf)
    assert f"Dear {name}," in english and "Saturday 6 June 2026, 10:00–12:00" in english


def test_a_given_body_and_subject_are_used_as_they_are(workspace, case_id):
    body = "Geachte mevrouw De Vries,\n\nKorte eigen tekst van de coördinator.\n\n- eerste punt\n- tweede punt"
    doc = letter(workspace, case_id, "evaluation", body=body, subject="Eigen onderwerp")
    text = all_text(doc.pdf)
    assert "Korte eigen tekst van de coördinator." in text and "• eerste punt" in text
    assert "Op 5 mei 2026" not in text
    assert doc.body == body and doc.subject == "Eigen onderwerp"
    assert "Betreft Eigen onderwerp" in text


def test_a_letter_with_gaps_lists_them(workspace):
    case_id = bare_case(workspace)
    doc = letter(workspace, case_id, "start")
    assert FILL in all_text(doc.pdf)
    for item in ("De contactpersoon van de verwijzer", "De verwijzende organisatie",
                 "De geboortedatum van Mila Smit", "De datum van het eerste omgangsmoment",
                 "De coördinator (nog niet toegewezen)"):
        assert item in doc.missing, item
    assert doc.recipient_name == ""
    edited = letter(workspace, case_id, "start", body=doc.body)
    assert "In de tekst van de brief staan nog regels om in te vullen" in edited.missing


def test_what_never_happened_in_a_closed_case_is_a_dash_in_the_closing_report_and_a_gap_in_running_text(workspace):
    """"The intake with the parents took place on —." and "the first visit was on —." were made ready and sent: only
    the closing report's list says "—" for what did not happen; a letter about it has a line to fill in."""
    case_id = closed_at_intake(workspace)
    closing = all_text(letter(workspace, case_id, "closing").pdf)
    assert "Kennismakingsgesprek: —" in closing and "Eerste omgangsmoment: —" in closing
    for kind, gap in (("intake", "De datum van het kennismakingsgesprek (niet vastgelegd)"),
                      ("start", "De datum van het eerste omgangsmoment")):
        doc = letter(workspace, case_id, kind)
        assert "op —" not in all_text(doc.pdf) and gap in doc.missing, (kind, doc.missing)


@pytest.mark.parametrize("kind", [*REFERRER_KINDS, "schedule"])
def test_every_kind_can_be_made_in_any_status(workspace, kind):
    case_id = bare_case(workspace)
    role = "other" if kind == "schedule" else ""
    doc = letter(workspace, case_id, kind, role=role)
    assert doc.pdf.startswith(b"%PDF") and doc.missing


def test_a_wrong_kind_or_parent_is_a_usage_error(workspace, case_id):
    with pytest.raises(UsageError):
        letter(workspace, case_id, "birthday")
    with pytest.raises(UsageError):
        letter(workspace, case_id, "schedule")
    with pytest.raises(UsageError):
        letter(workspace, case_id, "closing", role="resident")


# ---- bytes and fonts ------------------------------------------------------------------------------------------------

def _every_document(workspace, case_id, lang=None):
    yield render_contract(workspace, case_id, lang, today=TODAY)
    for kind in REFERRER_KINDS:
        yield letter(workspace, case_id, kind, lang)
    for role in ("resident", "other"):
        yield letter(workspace, case_id, "schedule", lang, role)


def test_the_same_input_gives_the_same_bytes(workspace, case_id):
    first = [d.pdf for d in _every_document(workspace, case_id)]
    second = [d.pdf for d in _every_document(workspace, case_id)]
    assert first == second
    assert len(set(first)) == len(first)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_font_is_embedded_dejavu(workspace, case_id, lang):
    for doc in _every_document(workspace, case_id, lang):
        used = fonts(doc.pdf)
        assert used, doc.title
        for name, embedded in used:
            assert "DejaVuSans" in name and embedded, (doc.title, name)


def test_a_logo_heads_the_letter(workspace, case_id):
    from borapp.services import settings
    from borapp.services.documents.fonts import font_dir

    png = _tiny_png()
    settings.write_settings(workspace, {"organisation.logo": __import__("base64").b64encode(png).decode()})
    reader = PdfReader(io.BytesIO(letter(workspace, case_id, "closing").pdf))
    assert reader.pages[0].images, "the logo is drawn"
    assert font_dir().joinpath("LICENSE-DejaVu.txt").exists()


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x20\x60\xa0" * 8 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_rendered_documents_are_plain_values(workspace, case_id):
    doc = render_contract(workspace, case_id, today=TODAY)
    assert dataclasses.is_dataclass(doc) and isinstance(doc.pdf, bytes)
    assert contract_module.RenderedDocument(b"x").missing == []


def test_a_confidential_address_typed_into_free_text_is_never_printed(workspace):
    """Not on anything the father or the referrer sees; the mother's own schedule letter is hers (below)."""
    case_id = full_case(workspace, confidential="resident", agreements=AGREEMENTS | {
        "handover": "Vader haalt de kinderen op bij Dorpsstraat 1, 1234AB Alkmaar."})
    for doc in _every_document(workspace, case_id):
        if getattr(doc, "recipient_name", "") == "Petra Jansen":
            continue
        text = all_text(doc.pdf)
        assert "Dorpsstraat" not in text and "1234AB" not in text and "1234 AB" not in text, doc.title
    text = all_text(render_contract(workspace, case_id, today=TODAY).pdf)
    assert "Vader haalt de kinderen op bij (geheim adres)." in text


def test_the_schedule_letter_to_the_parent_with_the_confidential_address_goes_to_that_address(workspace):
    """Her address is kept from the father, not from her: her own schedule letter is addressed to her (it was a
    letter without a postal address, marked ready, with her own typed address printed as "(geheim adres)")."""
    case_id = full_case(workspace, confidential="resident")
    with workspace.session() as session:
        from borapp.models import Parent

        session.scalars(select(Parent).where(Parent.case_id == case_id, Parent.role == "other")).one()\
            .address_confidential = True  # both: the father's stays out of her letter
    hers = letter(workspace, case_id, "schedule", None, "resident")
    lines = pages(hers.pdf)[0]
    assert "Petra Jansen Dorpsstraat 1 1234 AB Alkmaar" in lines, lines
    assert "Zeeweg" not in lines and "1971" not in lines
    his = all_text(letter(workspace, case_id, "schedule", None, "other").pdf)
    assert "Dorpsstraat" not in his and "1234 AB" not in his
    for kind in REFERRER_KINDS:
        assert "Dorpsstraat" not in all_text(letter(workspace, case_id, kind).pdf)


def test_what_is_missing_without_making_the_pdf(workspace, monkeypatch):
    """Opening a case lists what the contract leaves to fill in by hand: the same list as the PDF's, in the user's
    language, without laying out a page."""
    bare, full = bare_case(workspace), full_case(workspace)
    expected = {case_id: render_contract(workspace, case_id, today=TODAY).missing for case_id in (bare, full)}
    set_language("en")
    in_english = render_contract(workspace, bare, "nl", today=TODAY).missing
    set_language("nl")
    monkeypatch.setattr("borapp.services.documents.contract.build_pdf", lambda *a, **k: pytest.fail("a PDF was made"))
    assert contract_module.contract_missing(workspace, bare, TODAY) == expected[bare] != []
    assert contract_module.contract_missing(workspace, full, TODAY) == expected[full]
    set_language("en")
    assert contract_module.contract_missing(workspace, bare, TODAY) == in_english


@pytest.mark.parametrize("vault_language", ["nl", "en"])
def test_visits_still_planned_when_the_case_closed_are_not_counted_as_cancelled(workspace, vault_language):
    """Closing cancels the visits still planned ("by the coordinator, reason: case closed"); the closing report
    said "6 in all; cancelled: 3 (by the coordinator)" of visits nobody called off. Whatever language the vault wrote
    the reason in."""
    from borapp.services import settings
    from borapp.services.cases import actions

    case_id = full_case(workspace, closed=False)  # 3 held, 1 cancelled by the other parent, 2 still planned
    with workspace.session() as session:
        settings.put(session, "language", vault_language)
    actions.change_status(workspace, case_id, "closing", on=dt.date(2026, 6, 25))
    actions.change_status(workspace, case_id, "closed", on=dt.date(2026, 7, 1), outcome="successful")
    text = all_text(letter(workspace, case_id, "closing", "nl").pdf)
    assert ("Omgangsmomenten: 4 in totaal, 3 gehouden; afgezegd: 1 (door de uitwonende ouder); 2 geplande "
            "omgangsmomenten vervielen bij de afsluiting.") in text, text
    english = all_text(letter(workspace, case_id, "closing", "en").pdf)
    assert "Visits: 4 in all, 3 held; cancelled: 1 (by the non-resident parent); 2 planned visits lapsed when the " \
           "case was closed." in english, english


def test_a_visit_the_coordinator_called_off_for_a_reason_of_their_own_is_cancelled(workspace):
    from borapp.models import Visit
    from borapp.services.cases import actions

    case_id = full_case(workspace, closed=False)
    with workspace.session() as session:
        for visit in session.query(Visit).filter_by(case_id=case_id, state="planned"):
            visit.state, visit.cancelled_by, visit.cancel_reason = "cancelled", "coordinator", "Vrijwilliger ziek"
    actions.change_status(workspace, case_id, "closing", on=dt.date(2026, 6, 25))
    actions.change_status(workspace, case_id, "closed", on=dt.date(2026, 7, 1), outcome="successful")
    text = all_text(letter(workspace, case_id, "closing").pdf)
    assert "Omgangsmomenten: 6 in totaal, 3 gehouden; afgezegd: 3 (1 door de uitwonende ouder, 2 door de " \
           "coördinator)." in text, text
