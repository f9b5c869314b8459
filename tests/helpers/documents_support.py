"""Cases for the documents tests, built through the models (dates fixed, so the texts can be checked), and PDF
reading with pypdf (raw PDF bytes are compressed: only extracted text proves anything)."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader
from sqlalchemy import select

from borapp.models import (
    Case, Child, Coordinator, Evaluation, Organisation, Parent, StatusChange, Visit, Volunteer,
)
from borapp.services import settings

TODAY = dt.date(2026, 6, 1)  # the date the documents are made "on" in these tests
ORGANISATION = {"organisation.name": "BOR Kop van Noord-Holland", "organisation.address": "Postbus 77, 1740 AB Schagen",
                "organisation.phone": "0224-123456", "organisation.email": "bor@kop.example",
                "organisation.website": "bor.kop.example"}
AGREEMENTS = dict(
    visit_place="Speeltuin De Klimboom, Schagen",
    visit_frequency="Om de week op zaterdag, 10.00 tot 12.00 uur",
    buildup="Eerste drie keer volledig begeleid; daarna neemt de begeleider afstand.",
    handover="Moeder brengt Sanne en Daan naar de speeltuin.",
    staggered_arrival=True,
    cancellation_rules="Afzeggen uiterlijk 24 uur van tevoren bij de coördinator.",
    house_rules="Niet praten over de scheiding waar de kinderen bij zijn.",
    referrer_information="De verwijzer krijgt bericht bij de start, de tussenevaluatie en de afronding.",
)


def set_organisation(workspace, values: dict | None = None) -> None:
    with workspace.session() as session:
        for key, value in (values or ORGANISATION).items():
            settings.put(session, key, value)


def _one(session, model, **values):
    found = session.scalar(select(model).filter_by(name=values["name"]))
    if found is None:
        found = model(**values)
        session.add(found)
        session.flush()
    return found


def full_case(workspace, ref: str = "BOR-2026-001", *, confidential: str = "", agreements: dict | None = None,
              closed: bool = True, volunteer: bool = True, route: str = "court") -> int:
    """A case that went the whole way: intake, contract, visits (held, cancelled, planned), evaluation, closing."""
    with workspace.session() as session:
        case = Case(ref=ref, registered_on=dt.date(2026, 3, 5), route=route, status="closed" if closed else "visits",
                    referrer_contact="Anna de Vries", referrer_email="anna@wijkteam.example",
                    court_decision_on=dt.date(2026, 2, 12) if route == "court" else None,
                    court_frequency="Eens per twee weken" if route == "court" else "",
                    **(AGREEMENTS if agreements is None else agreements))
        case.referrer = _one(session, Organisation, name="Wijkteam Alkmaar", address="Postbus 100, 1800 AA Alkmaar")
        case.commissioner = _one(session, Organisation, name="Gemeente Alkmaar")
        case.coordinator = _one(session, Coordinator, name="Carla Coördinator", phone="06-12345678")
        if volunteer:
            case.volunteer = _one(session, Volunteer, name="Victor Vrijwilliger")
        case.parents.append(Parent(role="resident", name="Petra Jansen", address="Dorpsstraat 1", postcode="1234 AB",
                                   city="Alkmaar", email="petra@example.nl",
                                   address_confidential=confidential == "resident"))
        case.parents.append(Parent(role="other", name="Karel Bakker", address="Zeeweg 12", postcode="1971 HZ",
                                   city="IJmuiden", email="karel@example.nl",
                                   address_confidential=confidential == "other"))
        case.children.append(Child(name="Sanne Jansen", birth_date=dt.date(2019, 5, 1)))
        case.children.append(Child(name="Daan Jansen", birth_date=dt.date(2021, 3, 5)))
        steps = [("", "registered", dt.date(2026, 3, 5)), ("registered", "intake", dt.date(2026, 3, 12)),
                 ("intake", "contract", dt.date(2026, 3, 20)), ("contract", "matching", dt.date(2026, 3, 25)),
                 ("matching", "visits", dt.date(2026, 4, 1))]
        if closed:
            steps += [("visits", "closing", dt.date(2026, 6, 20)), ("closing", "closed", dt.date(2026, 7, 1))]
            case.outcome, case.closed_on = "successful", dt.date(2026, 7, 1)
            case.outcome_note = "Ouders regelen de omgang voortaan zelf."
        for frm, to, on in steps:
            case.history.append(StatusChange(on=on, from_status=frm, to_status=to))
        session.add(case)
        session.flush()
        for on, state, by in ((dt.date(2026, 4, 4), "held", ""), (dt.date(2026, 4, 18), "held", ""),
                              (dt.date(2026, 5, 2), "held", ""), (dt.date(2026, 5, 16), "cancelled", "other"),
                              (dt.date(2026, 6, 6), "planned", ""), (dt.date(2026, 6, 20), "planned", "")):
            session.add(Visit(case_id=case.id, on=on, state=state, cancelled_by=by, start_time=dt.time(10),
                              end_time=dt.time(12), place=case.visit_place))
        session.add(Evaluation(case_id=case.id, held_on=dt.date(2026, 5, 5), kind="midway",
                               participants="beide ouders, de vrijwilliger en de coördinator",
                               agreements="Vanaf juni twee uur per keer."))
        if closed:
            session.add(Evaluation(case_id=case.id, held_on=dt.date(2026, 6, 25), kind="final",
                                   agreements="De ouders maken samen een schema voor de zomer."))
        return case.id


def bare_case(workspace, ref: str = "BOR-2026-002") -> int:
    """Just registered: no coordinator, no volunteer, no agreements, no visits."""
    with workspace.session() as session:
        case = Case(ref=ref, registered_on=dt.date(2026, 3, 5))
        case.parents.append(Parent(role="resident", name="Ria Smit"))
        case.parents.append(Parent(role="other", name="Olaf Smit"))
        case.children.append(Child(name="Mila Smit", birth_date=None))
        case.history.append(StatusChange(on=dt.date(2026, 3, 5), from_status="", to_status="registered"))
        session.add(case)
        session.flush()
        return case.id


def closed_at_intake(workspace) -> int:
    """A bare case closed on 20 March 2026, stopped at intake: no intake date, no visit."""
    case_id = bare_case(workspace)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.status, case.outcome, case.closed_on = "closed", "stopped_at_intake", dt.date(2026, 3, 20)
        case.history.append(StatusChange(on=dt.date(2026, 3, 20), from_status="registered", to_status="closed",
                                         outcome="stopped_at_intake"))
    return case_id


def pages(pdf: bytes) -> list[str]:
    """The text of each page, with runs of white space as one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(base font name, embedded) of every font any page uses."""
    reader = PdfReader(io.BytesIO(pdf))
    found = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            found[str(font.get("/BaseFont"))] = _embedded(font)
    return sorted(found.items())


def _embedded(font) -> bool:
    descendants = font.get("/DescendantFonts")
    if descendants:
        font = descendants[0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def count_words(text: str, word: str) -> int:
    return len(re.findall(rf"\b{re.escape(word)}\b", text))
