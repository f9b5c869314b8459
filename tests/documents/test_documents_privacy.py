"""THE PRIVACY RULE, as a property: a confidential address appears in no generated document, ever.

Hypothesis makes cases (two parents with random addresses and the confidential flag on or off, children, agreements,
visits, an evaluation, any status) and sometimes types a confidential address into free text as well (a handover,
a visit's place, a coordinator's edited letter). Every document kind (the contract, each referrer letter, the
schedule for both parents) is read back with pypdf, together with everything else a letter hands on (subject,
body, recipient, the missing list, the PDF's metadata), and none may hold the street and number, the street's
name, the postcode (with or without its space) or the city. The generated address words are consonant strings no
other generated text can contain, so a match is a leak.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re

from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from borapp.models import Case, Child, Evaluation, Parent, StatusChange, Visit
from borapp.services.documents.contract import render_contract
from borapp.services.documents.letters import render_letter
from tests.helpers.documents_support import TODAY, set_organisation

CONSONANTS = "bcdfghjklmnpqrstvwxz"
NAMES = ("Petra Jansen", "Karel Bakker", "Fatima el Amrani", "Joost de Wit", "Anouk Visser", "Mehmet Yilmaz")
CHILDREN = ("Sanne", "Daan", "Lotte", "Noah", "Yara", "Finn")
WORDS = ("speeltuin", "bibliotheek", "zaterdag", "ochtend", "overdracht", "rustig", "afspraak", "begeleider",
         "wijkcentrum", "moeder", "vader", "oma", "Schagen", "Alkmaar", "kinderboerderij", "om de week")
STATUSES = ("registered", "intake", "contract", "matching", "visits", "evaluation", "closing", "closed")
FREE_TEXT = ("handover", "visit_place", "house_rules", "buildup", "cancellation_rules", "referrer_information")
_refs = itertools.count(1)

token = st.text(alphabet=CONSONANTS, min_size=6, max_size=9).map(str.capitalize)
postcode = st.tuples(st.integers(1000, 9999), st.sampled_from("BCDFGHJKLNPRTVWXZ"),
                     st.sampled_from("BCDFGHJKLNPRTVWXZ")).map(lambda t: f"{t[0]} {t[1]}{t[2]}")
words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)


@st.composite
def addresses(draw):
    street = draw(token)
    return {"street": street, "address": f"{street}straat {draw(st.integers(1, 999))}",
            "postcode": draw(postcode), "city": draw(token)}


def _forbidden(address: dict) -> list[str]:
    compact = address["postcode"].replace(" ", "")
    return [address["address"], address["street"], address["postcode"], compact, address["city"]]


def _distinct(parts: list[str]) -> bool:
    """No generated address word is inside another (else a non-confidential one would look like a leak)."""
    low = [p.lower() for p in parts]
    return len(set(low)) == len(low) and not any(a in b for a, b in itertools.permutations(low, 2))


def _make_case(workspace, data, addrs, flags) -> tuple[int, list[dict]]:
    status = data.draw(st.sampled_from(STATUSES), label="status")
    secrets = [a for a, secret in zip(addrs, flags) if secret]
    agreements = {key: data.draw(words, label=key) for key in FREE_TEXT}
    leak_into = data.draw(st.sampled_from((None, *FREE_TEXT, "visit", "evaluation", "outcome_note")), label="leak")
    leak = data.draw(st.sampled_from(("address", "postcode", "both")), label="leak_kind")
    secret = secrets[0]
    typed = {"address": secret["address"], "postcode": secret["postcode"],
             "both": f"{secret['address']}, {secret['postcode']} {secret['city']}"}[leak]
    if leak_into in agreements:
        agreements[leak_into] = f"{agreements[leak_into]} bij {typed}".strip()
    with workspace.session() as session:
        case = Case(ref=f"PRIV-{next(_refs):05d}", registered_on=dt.date(2026, 1, 10), status=status,
                    referrer_contact=data.draw(st.sampled_from(("", "Anna de Vries")), label="contact"),
                    staggered_arrival=data.draw(st.booleans(), label="staggered"), **agreements)
        if status == "closed":
            case.outcome, case.closed_on = "successful", dt.date(2026, 5, 1)
            case.outcome_note = f"Afgerond {typed}" if leak_into == "outcome_note" else "Afgerond."
        for role, address, confidential in zip(("resident", "other"), addrs, flags):
            case.parents.append(Parent(role=role, name=data.draw(st.sampled_from(NAMES), label=role),
                                       address=address["address"], postcode=address["postcode"],
                                       city=address["city"], address_confidential=confidential,
                                       email=f"{role}@example.nl"))
        for name in data.draw(st.lists(st.sampled_from(CHILDREN), max_size=3, unique=True), label="children"):
            case.children.append(Child(name=f"{name} Test", birth_date=dt.date(2019, 4, 2)))
        case.history.append(StatusChange(on=dt.date(2026, 1, 10), from_status="", to_status="registered"))
        session.add(case)
        session.flush()
        for i, state in enumerate(data.draw(st.lists(st.sampled_from(("planned", "held", "cancelled")),
                                                     max_size=4), label="visits")):
            place = f"Wijkcentrum bij {typed}" if leak_into == "visit" and i == 0 else "Wijkcentrum"
            session.add(Visit(case_id=case.id, on=TODAY + dt.timedelta(days=14 * i - 20), state=state,
                              cancelled_by="other" if state == "cancelled" else "", place=place,
                              start_time=dt.time(10), end_time=dt.time(11)))
        if data.draw(st.booleans(), label="evaluation") or leak_into == "evaluation":
            agreed = f"Voortaan ophalen bij {typed}" if leak_into == "evaluation" else "Zo doorgaan."
            session.add(Evaluation(case_id=case.id, held_on=dt.date(2026, 3, 3), kind="midway",
                                   participants="beide ouders", agreements=agreed))
        return case.id, secrets


def _documents(workspace, case_id, lang, typed_body):
    contract = render_contract(workspace, case_id, lang, today=TODAY)
    yield "contract", contract.pdf, contract.missing + [contract.title]
    for kind in ("intake", "start", "evaluation", "closing", "no_response"):
        letter = render_letter(workspace, case_id, kind, lang, today=TODAY)
        yield kind, letter.pdf, _handed_on(letter)
    for role in ("resident", "other"):
        letter = render_letter(workspace, case_id, "schedule", lang, parent_role=role, today=TODAY)
        yield f"schedule-{role}", letter.pdf, _handed_on(letter)
        edited = render_letter(workspace, case_id, "schedule", lang, parent_role=role, today=TODAY,
                               body=letter.body + "\n\n" + typed_body, subject=f"Schema {typed_body}")
        yield f"edited-schedule-{role}", edited.pdf, _handed_on(edited)


def _handed_on(letter) -> list[str]:
    return [letter.subject, letter.body, letter.recipient_name, letter.recipient_email, letter.title,
            *letter.missing]


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    meta = reader.metadata or {}
    return " ".join([text, *(str(v) for v in meta.values())])


def _leaks(text: str, secrets: list[dict]) -> list[str]:
    flat = re.sub(r"\s+", " ", text).lower()  # a line break inside an address reads as a space
    return [part for address in secrets for part in _forbidden(address) if part.lower() in flat]


# No shrinking phase: a failure names the document and the words that leaked, and shrinking takes minutes.
@settings(max_examples=25, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_no_document_ever_holds_a_confidential_address(workspace, data):
    if not getattr(workspace, "_privacy_ready", False):
        set_organisation(workspace)
        workspace._privacy_ready = True
    addrs = [data.draw(addresses(), label="resident address"), data.draw(addresses(), label="other address")]
    flags = data.draw(st.sampled_from(((True, False), (False, True), (True, True))), label="confidential")
    assume(_distinct([p for a in addrs for p in (a["street"], a["city"], a["postcode"])]))
    case_id, secrets = _make_case(workspace, data, addrs, flags)
    lang = data.draw(st.sampled_from(("nl", "en")), label="lang")
    typed = f"{secrets[0]['address']}, {secrets[0]['postcode']} {secrets[0]['city']}"
    for name, pdf, handed_on in _documents(workspace, case_id, lang, typed):
        assert not _leaks(_pdf_text(pdf), secrets), (name, _leaks(_pdf_text(pdf), secrets))
        assert not _leaks(" ".join(handed_on), secrets), (name, "text handed on")
    # and the addresses that are not confidential do reach the contract (the test can see an address at all)
    open_parts = [a["address"] for a, secret in zip(addrs, flags) if not secret]
    contract_text = re.sub(r"\s+", " ", _pdf_text(render_contract(workspace, case_id, lang, today=TODAY).pdf))
    assert all(part in contract_text for part in open_parts)
