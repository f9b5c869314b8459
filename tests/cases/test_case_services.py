"""The case list, the case file and case editing services: filters and sorting in SQL, search, DTOs, validation."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, insert, select, text

from borapp.models import (
    AuditEvent,
    Case,
    Child,
    Contract,
    ContractSignature,
    Coordinator,
    Municipality,
    Parent,
    StatusChange,
    Visit,
    Volunteer,
)
from borapp.services.cases import case_file
from borapp.services.cases import editing as cases_editing
from borapp.services.cases.flow import start_history
from borapp.services.cases.listing import CaseFilter, count_cases, filter_options, list_cases
from borapp.services.cases.search_index import reindex_case
from borapp.services.errors import NotFound, ValidationError

TODAY = dt.date.today()


# ---- building synthetic cases ---------------------------------------------------------------------------------------

def add_case(workspace, ref, *, registered_on=dt.date(2025, 3, 5), resident="Petra Jansen", other="Karel Bakker",
             children=(("Sanne Jansen", dt.date(2019, 5, 1)),), status="registered", coordinator_id=None,
             municipality=None, volunteer=None, notes="", confidential=False) -> int:
    """One case through the models, indexed for search as the app does it."""
    with workspace.session() as session:
        case = Case(ref=ref, registered_on=registered_on, notes=notes, coordinator_id=coordinator_id)
        if municipality:
            case.municipality = _named(session, Municipality, municipality)
        if volunteer:
            case.volunteer = _named(session, Volunteer, volunteer)
        case.parents.append(Parent(role="resident", name=resident, address="Dorpsstraat 1", postcode="1234 AB",
                                   city="Alkmaar", address_confidential=confidential))
        if other:
            case.parents.append(Parent(role="other", name=other))
        for name, born in children:
            case.children.append(Child(name=name, birth_date=born))
        session.add(case)
        start_history(case)
        case.status = status
        session.flush()
        reindex_case(session, case)
        return case.id


def _named(session, model, name):
    found = session.scalar(select(model).where(model.name == name))
    if found is None:
        found = model(name=name)
        session.add(found)
    return found


def bulk_cases(workspace, n: int) -> None:
    """`n` cases in a few statements (bulk inserts), searchable: what a big organisation's vault looks like."""
    statuses = ("registered", "waiting", "intake", "contract", "matching", "visits", "evaluation", "closing",
                "closed")
    with workspace.session() as session:
        session.execute(insert(Case), [
            {"ref": f"BULK-{i:05d}", "registered_on": dt.date(2015 + i % 10, 1 + i % 12, 1 + i % 28),
             "status": statuses[i % len(statuses)], "notes": f"bulknote{i}"} for i in range(n)])
        ids = dict(session.execute(select(Case.ref, Case.id).where(Case.ref.like("BULK-%"))).all())
        session.execute(insert(Parent), [
            {"case_id": ids[f"BULK-{i:05d}"], "role": "resident", "name": f"Ouder{i} Bulk"} for i in range(n)])
        session.execute(insert(Child), [
            {"case_id": ids[f"BULK-{i:05d}"], "name": f"Kind{i} Bulk", "birth_date": dt.date(2018, 1, 1)}
            for i in range(n)])
        session.execute(text("INSERT INTO case_search(rowid, case_id, body) VALUES (:id, :id, :body)"), [
            {"id": ids[f"BULK-{i:05d}"], "body": f"BULK-{i:05d} Ouder{i} Bulk Kind{i} Bulk bulknote{i}"}
            for i in range(n)])


@pytest.fixture
def three(workspace):
    """Three cases that differ in every filterable way."""
    with workspace.session() as session:
        other = Coordinator(name="Bert Coördinator")
        session.add(other)
        session.flush()
        other_id = other.id
    ids = {
        "a": add_case(workspace, "BOR-2024-001", registered_on=dt.date(2024, 2, 1), resident="Petra Jansen",
                      children=(("Sanne Jansen", dt.date(2019, 5, 1)), ("Daan Jansen", dt.date(2021, 1, 2))),
                      status="visits", coordinator_id=workspace.coordinator_id, municipality="Alkmaar",
                      volunteer="Vera Vrijwilliger", notes="overdracht via school"),
        "b": add_case(workspace, "BOR-2025-002", registered_on=dt.date(2025, 6, 1), resident="Ilse de Groot",
                      other="Mehmet Yilmaz", children=(("Noor de Groot", dt.date(2020, 3, 3)),), status="intake",
                      coordinator_id=other_id, municipality="Den Helder"),
        "c": add_case(workspace, "BOR-2025-003", registered_on=dt.date(2025, 1, 15), resident="Anouk Smit", other="",
                      children=(("Bram Smit", None),), status="closed", municipality="Alkmaar"),
    }
    ids["other_coordinator"] = other_id
    return ids


@pytest.fixture
def english():
    """For assertions on words the Dutch catalog may not have yet: the English msgids themselves."""
    from borapp.i18n import set_language

    set_language("en")


def refs(rows):
    return [r.ref for r in rows]


# ---- the list -------------------------------------------------------------------------------------------------------

def test_rows_carry_what_the_list_shows(workspace, three):
    row = next(r for r in list_cases(workspace, CaseFilter()) if r.ref == "BOR-2024-001")
    assert row.status == "visits"
    assert row.children == f"Sanne ({_age(dt.date(2019, 5, 1))}), Daan ({_age(dt.date(2021, 1, 2))})"
    assert row.parents == "Petra Jansen / Karel Bakker"
    assert (row.municipality, row.coordinator, row.volunteer) == ("Alkmaar", "Test Coördinator", "Vera Vrijwilliger")
    assert row.days == (TODAY - dt.date(2024, 2, 1)).days
    assert row.next_visit is None


def _age(born):
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


def test_next_visit_is_the_first_planned_one_from_today(workspace, three):
    with workspace.session() as session:
        for days, state in ((-3, "planned"), (10, "planned"), (5, "cancelled"), (20, "planned")):
            session.add(Visit(case_id=three["a"], on=TODAY + dt.timedelta(days=days), state=state))
    row = next(r for r in list_cases(workspace, CaseFilter()) if r.id == three["a"])
    assert row.next_visit == TODAY + dt.timedelta(days=10)
    assert case_file.load_case(workspace, three["a"]).next_visit == TODAY + dt.timedelta(days=10)


@pytest.mark.parametrize("flt, expected", [
    (CaseFilter(status="intake"), {"BOR-2025-002"}),
    (CaseFilter(status="open"), {"BOR-2024-001", "BOR-2025-002"}),
    (CaseFilter(status="active"), {"BOR-2024-001", "BOR-2025-002"}),
    (CaseFilter(year=2025), {"BOR-2025-002", "BOR-2025-003"}),
    (CaseFilter(mine_only=True), {"BOR-2024-001"}),
    (CaseFilter(status="closed", year=2024), set()),
])
def test_filters(workspace, three, flt, expected):
    assert set(refs(list_cases(workspace, flt))) == expected
    assert count_cases(workspace, flt) == len(expected)


def test_filters_by_ids(workspace, three):
    options = filter_options(workspace)
    alkmaar = next(o.value for o in options.municipalities if o.label == "Alkmaar")
    vera = next(o.value for o in options.volunteers if o.label == "Vera Vrijwilliger")
    assert set(refs(list_cases(workspace, CaseFilter(municipality_id=alkmaar)))) == {"BOR-2024-001", "BOR-2025-003"}
    assert refs(list_cases(workspace, CaseFilter(volunteer_id=vera))) == ["BOR-2024-001"]
    assert refs(list_cases(workspace, CaseFilter(coordinator_id=three["other_coordinator"]))) == ["BOR-2025-002"]


def test_filter_options(workspace, three):
    options = filter_options(workspace)
    assert [o.label for o in options.municipalities] == ["Alkmaar", "Den Helder"]
    assert [o.label for o in options.coordinators] == ["Bert Coördinator", "Test Coördinator"]
    assert options.years == [2025, 2024]
    codes = [o.value for o in options.statuses]
    assert codes[:2] == ["open", "active"] and "closed" in codes
    assert next(o.label for o in options.statuses if o.value == "intake") == "Intake"


@pytest.mark.parametrize("key, descending, expected", [
    ("ref", False, ["BOR-2024-001", "BOR-2025-002", "BOR-2025-003"]),
    ("ref", True, ["BOR-2025-003", "BOR-2025-002", "BOR-2024-001"]),
    ("registered_on", True, ["BOR-2025-002", "BOR-2025-003", "BOR-2024-001"]),
    ("days", True, ["BOR-2024-001", "BOR-2025-003", "BOR-2025-002"]),
    ("status", False, ["BOR-2025-002", "BOR-2024-001", "BOR-2025-003"]),  # the order a case runs through
    ("parents", False, ["BOR-2025-003", "BOR-2025-002", "BOR-2024-001"]),  # Anouk, Ilse, Petra
    ("children", False, ["BOR-2025-003", "BOR-2024-001", "BOR-2025-002"]),  # Bram, Daan, Noor
    ("municipality", False, ["BOR-2024-001", "BOR-2025-003", "BOR-2025-002"]),
    ("volunteer", False, ["BOR-2024-001", "BOR-2025-002", "BOR-2025-003"]),  # empty values last
    ("volunteer", True, ["BOR-2024-001", "BOR-2025-003", "BOR-2025-002"]),
])
def test_sorting(workspace, three, key, descending, expected):
    assert refs(list_cases(workspace, CaseFilter(sort=key, descending=descending))) == expected


NATURAL = ["BOR-2020-5000", "BOR-2021-007", "BOR-2021-99", "BOR-2021-100", "BOR-2021-101", "BOR-2021-999",
           "BOR-2021-1000", "BOR-2021-1001", "BOR-2021-P001", "BOR-2022-1"]


@pytest.mark.parametrize("key", ["ref"])
def test_case_numbers_sort_by_year_then_number(workspace, key):
    """As text BOR-2021-1000 came between BOR-2021-100 and BOR-2021-101; by the case number they go by year and then
    by value, whatever their number of digits, either way. (Among cases alike in status or day the number's text
    breaks the tie, as the index holds it: a natural tie there made every list a full scan, test_query_plans.)"""
    for ref in reversed(NATURAL):
        add_case(workspace, ref, registered_on=dt.date(2021, 6, 1))
    assert refs(list_cases(workspace, CaseFilter(sort=key, descending=False))) == NATURAL
    assert refs(list_cases(workspace, CaseFilter(sort=key, descending=True))) == NATURAL[::-1]
    page = list_cases(workspace, CaseFilter(sort=key, descending=False), offset=4, limit=3)
    assert refs(page) == NATURAL[4:7]


@pytest.mark.parametrize("key", ["parents", "children", "volunteer", "municipality"])
def test_names_sort_as_a_dutch_reader_looks_for_them(workspace, key):
    """Accents and capitals do not move a name: Élise before Oscar, Özlem between Oscar and Piet (SQLite's lower()
    folds ASCII only, which put every accented capital after Z)."""
    names = {"BOR-2025-011": "Zoë Bakker", "BOR-2025-012": "Özlem Kaya", "BOR-2025-013": "Oscar Peters",
             "BOR-2025-014": "Élise Visser", "BOR-2025-015": "piet de Vries"}
    for ref, name in names.items():
        add_case(workspace, ref, resident=name, children=((name, dt.date(2019, 5, 1)),), volunteer=name,
                 municipality=name)
    expected = ["BOR-2025-014", "BOR-2025-013", "BOR-2025-012", "BOR-2025-015", "BOR-2025-011"]
    assert refs(list_cases(workspace, CaseFilter(sort=key, descending=False))) == expected
    assert refs(list_cases(workspace, CaseFilter(sort=key, descending=True))) == expected[::-1]


def test_sorting_and_paging_happen_in_sql(workspace, monkeypatch):
    """The query asks for one page in order: the SQL carries ORDER BY, LIMIT and OFFSET, never all rows."""
    bulk_cases(workspace, 300)
    statements = []
    from sqlalchemy import event

    engine = workspace.vault.engine
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        page = list_cases(workspace, CaseFilter(sort="ref", descending=True, text="bulk"), offset=200, limit=50)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(page) == 50
    assert page[0].ref == "BULK-00099" and page[-1].ref == "BULK-00050"
    main = next(s for s in statements if "FROM case_file" in s and "ORDER BY" in s)
    assert "LIMIT" in main and "OFFSET" in main and "case_search MATCH" in main


@pytest.mark.parametrize("typed, expected", [
    ("jans", {"BOR-2024-001"}),  # part of a parent's name
    ("Noor", {"BOR-2025-002"}),  # a child's name
    ("2025", {"BOR-2025-002", "BOR-2025-003"}),  # part of the case number
    ("2025-003", {"BOR-2025-003"}),
    ("school", {"BOR-2024-001"}),  # a word in the notes
    ("yilmaz mehmet", {"BOR-2025-002"}),  # every word must match, in any order
    ("Smit Alkmaar", set()),
    ("   ", {"BOR-2024-001", "BOR-2025-002", "BOR-2025-003"}),  # nothing typed is no search
])
def test_search_through_the_full_text_index(workspace, three, typed, expected):
    assert set(refs(list_cases(workspace, CaseFilter(text=typed)))) == expected
    assert count_cases(workspace, CaseFilter(text=typed)) == len(expected)


def test_search_combines_with_filters(workspace, three):
    assert refs(list_cases(workspace, CaseFilter(text="2025", status="closed"))) == ["BOR-2025-003"]


@pytest.fixture
def numbered(workspace):
    """Case numbers that begin alike, a note with the same digits apart, and a name with an apostrophe."""
    add_case(workspace, "BOR-2021-101", resident="Anja d'Hondt")
    add_case(workspace, "BOR-2021-102")
    add_case(workspace, "BOR-2021-200")
    add_case(workspace, "BOR-2022-005", notes="BOR-traject sinds 2021, 10 minuten te laat in 2025 om 01 uur")
    add_case(workspace, "BOR-2025-011", notes="Hondt d")


@pytest.mark.parametrize("typed, expected", [
    ("BOR-2021-10", {"BOR-2021-101", "BOR-2021-102"}),  # part of a case number: those that begin with it
    ("bor-2021", {"BOR-2021-101", "BOR-2021-102", "BOR-2021-200"}),
    ("2025-01", {"BOR-2025-011"}),  # not the note with 2025 and 01 in it apart
    ("d'Hondt", {"BOR-2021-101"}),  # joined by an apostrophe: one phrase, not "d" and "hondt" anywhere
    ("d'hon", {"BOR-2021-101"}),
    ("2021 10", {"BOR-2021-101", "BOR-2021-102", "BOR-2022-005"}),  # apart: each word anywhere
    ('"BOR-2021-10" OR', set()),  # quotes and operators typed are words, not FTS5 syntax
    ('BOR-2021-10" NEAR(', set()),
    ('"', {"BOR-2021-101", "BOR-2021-102", "BOR-2021-200", "BOR-2022-005", "BOR-2025-011"}),
])
def test_words_joined_by_punctuation_are_searched_as_one_phrase(workspace, numbered, typed, expected):
    assert set(refs(list_cases(workspace, CaseFilter(text=typed)))) == expected
    assert count_cases(workspace, CaseFilter(text=typed)) == len(expected)


def test_ten_thousand_cases_page_and_search(workspace):
    bulk_cases(workspace, 10_000)
    assert count_cases(workspace, CaseFilter()) == 10_000
    first = list_cases(workspace, CaseFilter(sort="ref", descending=False), 0, 200)
    assert len(first) == 200 and first[0].ref == "BULK-00000"
    assert refs(list_cases(workspace, CaseFilter(text="Ouder4321"))) == ["BULK-04321"]
    assert count_cases(workspace, CaseFilter(status="closed", year=2024)) == len(
        [i for i in range(10_000) if i % 9 == 8 and 2015 + i % 10 == 2024])


# ---- the case file --------------------------------------------------------------------------------------------------

def test_case_file_facts_and_the_open_is_logged(workspace, three):
    facts = case_file.load_case(workspace, three["a"])
    assert facts.ref == "BOR-2024-001" and facts.status == "visits" and facts.status_label == "Omgangsmomenten"
    assert [c.name for c in facts.children] == ["Sanne Jansen", "Daan Jansen"]
    assert facts.children_summary.startswith("Sanne (")
    assert facts.coordinator == "Test Coördinator" and facts.volunteer == "Vera Vrijwilliger"
    assert facts.referral.municipality_name == "Alkmaar"
    assert facts.parent("resident").address == "Dorpsstraat 1"
    assert facts.next_step.to == "evaluation" and facts.next_step.label == "Tussenevaluatie vastleggen"
    assert [s.to for s in facts.steps] == ["evaluation", "closing"]
    assert dataclasses.is_dataclass(facts) and facts.__dataclass_params__.frozen
    assert _audit(workspace, "open") == [("case", three["a"])]
    case_file.load_case(workspace, three["a"], record_open=False)
    assert len(_audit(workspace, "open")) == 1


def _audit(workspace, action):
    with workspace.session() as session:
        return [(e.record_type, e.record_id) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))]


def test_a_missing_case_is_not_found(workspace):
    with pytest.raises(NotFound):
        case_file.load_case(workspace, 999)


def test_next_step_labels_follow_the_status(english):
    from borapp.services.cases.steps import next_step, step_options

    assert {s: next_step(s, matched=True).label for s in ("registered", "intake", "contract", "matching", "visits",
                                                          "evaluation", "closing")} == {
        "registered": "Start intake", "intake": "Draw up contract", "contract": "Match a volunteer",
        "matching": "Start visits", "visits": "Record midway evaluation", "evaluation": "Close the case",
        "closing": "Record outcome"}
    # Three steps are work the case file opens (the status follows from it); the others are a status to pick.
    assert {s: next_step(s, matched=True).work for s in ("intake", "contract", "matching", "visits")} == {
        "intake": "contract", "contract": "match", "matching": "", "visits": "evaluation"}
    unmatched = next_step("matching")  # in matching without a volunteer: matching is still the step
    assert (unmatched.label, unmatched.work) == ("Match a volunteer", "match")
    assert [s.to for s in step_options("matching")] == ["matching", "closed"]
    assert next_step("closed") is None
    closing = next_step("closing")
    assert closing.to == "closed" and [o.value for o in closing.outcomes] == ["successful", "stagnated"]
    early = [s for s in step_options("contract") if s.to == "closed"]
    assert [o.value for o in early[0].outcomes] == ["stopped_at_intake"] and not early[0].primary
    assert [s.to for s in step_options("closed")] == ["reopen"]


def test_confidential_address_stays_out_of_the_facts_until_revealed(workspace):
    case_id = add_case(workspace, "BOR-2025-010", confidential=True)
    facts = case_file.load_case(workspace, case_id)
    resident = facts.parent("resident")
    assert resident.address_confidential and (resident.address, resident.postcode, resident.city) == ("", "", "")
    assert "Dorpsstraat" not in repr(facts)
    assert cases_editing.reveal_address(workspace, case_id, "resident") == "Dorpsstraat 1, 1234 AB Alkmaar"
    with workspace.session() as session:
        parent_id = session.scalar(select(Parent.id).where(Parent.case_id == case_id, Parent.role == "resident"))
    assert _audit(workspace, "reveal_address") == [("parent", parent_id)]
    with pytest.raises(NotFound):
        cases_editing.reveal_address(workspace, add_case(workspace, "BOR-X", other=""), "other")


def test_timeline_merges_steps_and_events_newest_first(workspace, three, english):
    from borapp.models import Attachment, Evaluation, Letter

    case_id = three["a"]
    with workspace.session() as session:
        session.add(StatusChange(case_id=case_id, on=dt.date(2024, 3, 1), from_status="registered",
                                 to_status="intake", note="eerste gesprek"))
        session.add(Visit(case_id=case_id, on=dt.date(2024, 4, 1), state="held", place="Speelhuis"))
        session.add(Visit(case_id=case_id, on=dt.date(2024, 4, 8), state="cancelled", cancelled_by="other",
                          cancel_reason="ziek"))
        session.add(Evaluation(case_id=case_id, held_on=dt.date(2024, 5, 1)))
        session.add(Letter(case_id=case_id, kind="start"))
        session.add(Attachment(case_id=case_id, filename="beschikking.pdf", content=b"%PDF"))
    entries = case_file.load_case(workspace, case_id).timeline
    assert [e.on for e in entries] == sorted((e.on for e in entries), reverse=True)
    kinds = {e.kind for e in entries}
    assert kinds == {"status", "visit", "evaluation", "letter", "attachment"}
    cancelled = next(e for e in entries if e.on == dt.date(2024, 4, 8))
    assert cancelled.title == "Visit cancelled by the non-resident parent" and cancelled.detail == "ziek"
    assert entries[-1].title == "Registered"
    assert any(e.detail == "eerste gesprek" for e in entries)


def test_contract_status_is_read_from_the_contracts(workspace, three):
    with workspace.session() as session:
        contract = Contract(case_id=three["a"], version=2)
        contract.signatures.append(ContractSignature(role="resident", name="Petra Jansen",
                                                     signed_on=dt.date(2024, 3, 2)))
        session.add(contract)
    (facts,) = case_file.load_case(workspace, three["a"]).contracts
    assert facts.version == 2 and [s.role for s in facts.signatures] == ["resident"]
    # A version that names no volunteer is signed by everyone it names once the other parent and the coordinator sign.
    assert facts.unsigned_roles == ("Uitwonende ouder", "Coördinator")
    assert facts.outdated  # the case has a volunteer now: the next version names her


# ---- editing --------------------------------------------------------------------------------------------------------

def family(**changes):
    base = dict(
        parents=(cases_editing.ParentInput("resident", "Petra Jansen", "Kerkweg 2", "1811ab", "Alkmaar", False,
                                          "petra@example.nl", "06-12345678"),
                 cases_editing.ParentInput("other", "Karel Bakker", email="karel@example.nl")),
        children=(cases_editing.ChildInput(None, "Sanne Jansen", dt.date(2019, 5, 1)),),
    )
    base.update(changes)
    return cases_editing.FamilyInput(**base)


def test_save_family_updates_parents_children_and_search(workspace):
    case_id = add_case(workspace, "BOR-2025-020", children=(("Oud Kind", dt.date(2018, 1, 1)),))
    cases_editing.save_family(workspace, case_id, family())
    facts = case_file.load_case(workspace, case_id)
    resident = facts.parent("resident")
    assert (resident.address, resident.postcode, resident.email) == ("Kerkweg 2", "1811 AB", "petra@example.nl")
    assert [c.name for c in facts.children] == ["Sanne Jansen"]  # the child left out was removed
    assert refs(list_cases(workspace, CaseFilter(text="sanne"))) == ["BOR-2025-020"]
    assert refs(list_cases(workspace, CaseFilter(text="oud kind"))) == []
    assert ("case", case_id) in _audit(workspace, "update")


@pytest.mark.parametrize("changes, field", [
    ({"parents": (cases_editing.ParentInput("resident", "", "Kerkweg 2"),)}, "resident.name"),
    ({"parents": (cases_editing.ParentInput("resident", "P", email="petra@"),)}, "resident.email"),
    ({"parents": (cases_editing.ParentInput("resident", "P", phone="bel me"),)}, "resident.phone"),
    ({"parents": (cases_editing.ParentInput("resident", "P", postcode="12345"),)}, "resident.postcode"),
    ({"parents": (cases_editing.ParentInput("other", "", email="k@example.nl"),)}, "other.name"),
    ({"children": (cases_editing.ChildInput(None, "", dt.date(2020, 1, 1)),)}, "children.0.name"),
    ({"children": (cases_editing.ChildInput(None, "A"), cases_editing.ChildInput(None, "B", TODAY + dt.timedelta(1)))},
     "children.1.birth_date"),
])
def test_family_validation_names_the_first_bad_field_and_saves_nothing(workspace, changes, field):
    case_id = add_case(workspace, "BOR-2025-021")
    with pytest.raises(ValidationError) as caught:
        cases_editing.save_family(workspace, case_id, family(**changes))
    assert caught.value.field == field and str(caught.value)
    facts = case_file.load_case(workspace, case_id)
    assert facts.parent("resident").name == "Petra Jansen" and facts.children[0].name == "Sanne Jansen"


def test_an_older_child_is_a_warning_not_a_block(workspace):
    case_id = add_case(workspace, "BOR-2025-022")
    old = dt.date(TODAY.year - 14, 1, 1)
    cases_editing.save_family(workspace, case_id, family(children=(cases_editing.ChildInput(None, "Tom", old),)))
    (child,) = case_file.load_case(workspace, case_id).children
    assert child.age >= 13 and "12" in child.warning


def test_a_confidential_address_is_kept_when_not_revealed(workspace):
    case_id = add_case(workspace, "BOR-2025-023", confidential=True)
    keep = cases_editing.ParentInput("resident", "Petra Jansen", None, None, None, True, "p@example.nl")
    cases_editing.save_family(workspace, case_id, family(parents=(keep,)))
    assert cases_editing.reveal_address(workspace, case_id, "resident") == "Dorpsstraat 1, 1234 AB Alkmaar"


def test_save_referral_makes_new_organisations_and_checks_fields(workspace, three):
    with workspace.session() as session:
        alkmaar = session.scalar(select(Municipality.id).where(Municipality.name == "Alkmaar"))
    inp = cases_editing.ReferralInput(route="court", referrer_name="Wijkteam Noord", referrer_contact="J. Pieters",
                                     referrer_email="j.pieters@example.nl", commissioner_name="wijkteam noord",
                                     municipality_id=alkmaar, funding="per_case",
                                     court_decision_on=dt.date(2025, 1, 10), court_frequency="1x per 2 weken",
                                     court_buildup="eerst 1 uur")
    cases_editing.save_referral(workspace, three["b"], inp)
    referral = case_file.load_case(workspace, three["b"]).referral
    assert referral.referrer_name == referral.commissioner_name == "Wijkteam Noord"
    assert (referral.route, referral.funding, referral.court_frequency) == ("court", "per_case", "1x per 2 weken")
    assert [o.name for o in cases_editing.list_organisations(workspace)] == ["Wijkteam Noord"]
    assert refs(list_cases(workspace, CaseFilter(text="pieters"))) == ["BOR-2025-002"]
    for bad, field in ((dict(referrer_email="nope"), "referrer_email"), (dict(route="x"), "route"),
                       (dict(municipality_id=9999), "municipality_id"), (dict(funding="free"), "funding"),
                       (dict(court_decision_on=TODAY + dt.timedelta(days=1)), "court_decision_on"),
                       (dict(court_decision_on=dt.date(1900, 1, 1)), "court_decision_on")):  # 1-1-1900 was taken
        with pytest.raises(ValidationError) as caught:
            cases_editing.save_referral(workspace, three["b"], dataclasses.replace(inp, referrer_contact="X", **bad))
        assert caught.value.field == field
    assert case_file.load_case(workspace, three["b"]).referral.referrer_contact == "J. Pieters"


def test_save_agreements_and_notes(workspace, three):
    inp = cases_editing.AgreementsInput(visit_place="Speelhuis De Kikker", visit_frequency="om de week",
                                       staggered_arrival=True, house_rules="geen telefoon")
    cases_editing.save_agreements(workspace, three["b"], inp)
    agreements = case_file.load_case(workspace, three["b"]).agreements
    assert agreements.visit_place == "Speelhuis De Kikker" and agreements.staggered_arrival
    with pytest.raises(ValidationError) as caught:
        cases_editing.save_agreements(workspace, three["b"], cases_editing.AgreementsInput(visit_place="x" * 301))
    assert caught.value.field == "visit_place"
    cases_editing.save_notes(workspace, three["b"], "  belt liever na 17 uur ")
    assert case_file.load_case(workspace, three["b"]).notes == "belt liever na 17 uur"
    assert refs(list_cases(workspace, CaseFilter(text="17 uur"))) == ["BOR-2025-002"]


def test_lookups_for_combos(workspace, three):
    assert [m.name for m in cases_editing.list_municipalities(workspace)] == ["Alkmaar", "Den Helder"]
    assert [c.name for c in cases_editing.list_coordinators(workspace)] == ["Bert Coördinator", "Test Coördinator"]


# ---- status and hand-over -------------------------------------------------------------------------------------------

def test_change_status_moves_the_case_with_history_and_log(workspace, three):
    cases_editing.change_status(workspace, three["a"], "closing", TODAY, note="laatste omgang geweest")
    facts = case_file.load_case(workspace, three["a"])
    assert facts.status == "closing" and facts.timeline[0].title == "Afronding"
    assert facts.timeline[0].detail == "laatste omgang geweest"
    assert ("case", three["a"]) in _audit(workspace, "status")


@pytest.mark.parametrize("to, where", [("contract", "BOR-overeenkomst opstellen"), ("matching", "Koppelen"),
                                       ("evaluation", "Evaluaties")])
def test_a_step_that_is_work_is_not_taken_as_a_status(workspace, three, to, where):
    """Drawing up the contract, matching and the midway evaluation move the case; picking the status does not."""
    case_id = {"contract": three["b"], "matching": three["b"], "evaluation": three["a"]}[to]
    before = case_file.load_case(workspace, case_id).status
    with pytest.raises(ValidationError) as caught:
        cases_editing.change_status(workspace, case_id, to, TODAY)
    assert caught.value.field == "step" and where in str(caught.value)
    assert case_file.load_case(workspace, case_id).status == before


@pytest.mark.parametrize("kwargs", [
    dict(to="visits"),  # not the next step from intake
    dict(to="closed", outcome="stopped_at_intake", reason="parents_reconciled",
         on=TODAY + dt.timedelta(days=1)),  # future
    dict(to="closed", outcome="stopped_at_intake", reason="parents_reconciled",
         on=dt.date(2020, 1, 1)),  # before the case's last step
    dict(to="closed", outcome="stopped_at_intake"),  # needs a reason
    dict(to="closed", outcome="stopped_at_intake", reason="other"),  # "other" needs a note
    dict(to="closed", outcome="successful"),  # not from intake
])
def test_status_refusals_are_validation_errors_and_change_nothing(workspace, three, kwargs):
    with pytest.raises(ValidationError) as caught:
        cases_editing.change_status(workspace, three["b"], **kwargs)
    assert caught.value.field == "step" and str(caught.value)
    assert case_file.load_case(workspace, three["b"]).status == "intake"


def test_visits_need_a_volunteer(workspace):
    case_id = add_case(workspace, "BOR-2025-030", status="matching")
    with pytest.raises(ValidationError, match="vrijwilliger"):
        cases_editing.change_status(workspace, case_id, "visits", TODAY)


def test_closing_with_outcome_and_reason(workspace, three, english):
    cases_editing.change_status(workspace, three["b"], "closed", TODAY, outcome="stopped_at_intake",
                               reason="parents_reconciled")
    facts = case_file.load_case(workspace, three["b"])
    assert facts.status == "closed" and facts.outcome == "stopped_at_intake" and facts.next_step is None
    assert facts.timeline[0].title == "Closed: Stopped at intake"


def test_hand_over(workspace, three):
    target = three["other_coordinator"]
    cases_editing.hand_over(workspace, three["a"], target, "zwangerschapsverlof")
    facts = case_file.load_case(workspace, three["a"])
    assert facts.coordinator == "Bert Coördinator" and facts.status == "visits"
    assert facts.timeline[0].kind == "handover" and facts.timeline[0].detail == "zwangerschapsverlof"
    assert "Bert Coördinator" in facts.timeline[0].title
    assert ("case", three["a"]) in _audit(workspace, "update")
    with pytest.raises(ValidationError) as caught:
        cases_editing.hand_over(workspace, three["a"], target)
    assert caught.value.field == "coordinator"
    with pytest.raises(ValidationError):
        cases_editing.hand_over(workspace, three["a"], None)
    with pytest.raises(ValidationError):
        cases_editing.hand_over(workspace, three["c"], target)  # closed


def test_bulk_helper_is_consistent(workspace):
    bulk_cases(workspace, 10)
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(text("case_search"))) == 10



def test_after_the_midway_evaluation_the_visits_go_on_while_some_are_planned(workspace, english):
    """The header offered "Close the case" right after the midway evaluation, with six visits still to come."""
    from borapp.models import Visit

    case_id = add_case(workspace, "BOR-2025-020", status="evaluation")
    facts = case_file.load_case(workspace, case_id, record_open=False)
    assert (facts.next_step.to, facts.next_step.label) == ("closing", "Close the case")
    with workspace.session() as session:
        session.add(Visit(case_id=case_id, on=dt.date.today() + dt.timedelta(days=7), state="planned"))
    facts = case_file.load_case(workspace, case_id, record_open=False)
    assert (facts.next_step.to, facts.next_step.label) == ("visits", "Back to visits")
    assert [(s.to, s.label, s.primary) for s in facts.steps] == [("visits", "Back to visits", True),
                                                                  ("closing", "Close the case", False)]


def test_the_closing_letter_stands_above_the_closing_of_the_same_day(workspace, three, english):
    """Newest first: the closing report is written after the closing, and stood below it as if written before."""
    from borapp.services.outbox import letters as outbox_letters

    cases_editing.change_status(workspace, three["b"], "closed", TODAY, outcome="stopped_at_intake",
                               reason="parents_reconciled")
    outbox_letters.create_letter(workspace, three["b"], "closing")
    facts = case_file.load_case(workspace, three["b"])
    today = [(e.kind, e.title) for e in facts.timeline if e.on == TODAY]
    assert [kind for kind, _title in today][:2] == ["letter", "status"], today


def test_back_in_visits_after_the_midway_evaluation_the_next_step_is_closing(workspace, english):
    """The header offered "Record midway evaluation" again once the visits went on after it."""
    from borapp.services.cases import editing, evaluations
    from borapp.services.cases.evaluations import EvaluationInput
    from tests.visits.test_visit_services import make_case

    case_id, _volunteer = make_case(workspace)
    assert case_file.load_case(workspace, case_id, record_open=False).next_step.label == "Record midway evaluation"
    evaluations.save_evaluation(workspace, EvaluationInput(case_id, dt.date.today(), "midway", "Rianne, Otto"))
    editing.change_status(workspace, case_id, "visits", dt.date.today())
    facts = case_file.load_case(workspace, case_id, record_open=False)
    assert (facts.status, facts.next_step.to, facts.next_step.label) == ("visits", "closing", "Close the case")
    assert "Record midway evaluation" in [s.label for s in facts.steps]  # a second one stays possible


def test_the_case_file_says_when_its_volunteer_has_left(workspace):
    """She left and stayed on her cases: the case header still named her as if she came."""
    from borapp.models import Case, Volunteer
    from borapp.services.cases.case_file import load_case

    case_id = add_case(workspace, "BOR-2026-901", status="visits", volunteer="Mila Schilt")
    assert load_case(workspace, case_id, record_open=False).volunteer == "Mila Schilt"
    with workspace.session() as session:
        volunteer = session.get(Case, case_id).volunteer
        volunteer.left_on, volunteer.active = dt.date(2026, 3, 5), False
    assert load_case(workspace, case_id, record_open=False).volunteer == "Mila Schilt (gestopt op 5 maart 2026)"
    with workspace.session() as session:
        session.query(Volunteer).one().left_on = None
    assert load_case(workspace, case_id, record_open=False).volunteer == "Mila Schilt (niet actief)"
