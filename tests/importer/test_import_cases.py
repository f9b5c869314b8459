"""Importing cases: required columns, bad values per row and column, all or nothing, updates, Dutch, XLSX, history."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select, text

from borapp.models import (
    AuditEvent,
    Base,
    Case,
    Child,
    Coordinator,
    Municipality,
    Organisation,
    Parent,
    StatusChange,
    Volunteer,
)
from borapp.services.cases.search_index import search_case_ids
from borapp.services.importer import import_file, parse_file
from borapp.services.importer.columns import CASE_COLUMNS, CASE_REQUIRED

HEADER = list(CASE_COLUMNS)


@pytest.fixture(autouse=True)
def _english(_dutch):
    """Messages are checked in English, whatever the Dutch catalog says."""
    from borapp.i18n import set_language

    set_language("en")


def case(**cells) -> dict:
    """A good synthetic case row; keyword arguments replace cells."""
    row = {
        "case_ref": "T-001", "registered_on": "2023-05-01", "route": "self", "municipality": "Teststad",
        "funding": "purchased", "referrer_name": "Testwijkteam", "referrer_kind": "municipal_team",
        "referrer_email": "team@test.example", "resident_parent_name": "Ada Proef",
        "resident_parent_address": "Proefstraat 1", "resident_parent_postcode": "", "resident_parent_city": "",
        "resident_parent_address_confidential": "no",
        "resident_parent_email": "ada@test.example", "resident_parent_phone": "06-11112222",
        "other_parent_name": "Ben Proef", "other_parent_address": "", "other_parent_postcode": "",
        "other_parent_city": "", "other_parent_address_confidential": "",
        "other_parent_email": "", "other_parent_phone": "(020) 123 45 67",
        "children": "Cas Proef (2017-06-01)", "coordinator": "Dora Coord", "status": "intake",
        "outcome": "", "outcome_reason": "", "closed_on": "", "volunteer": "", "notes": "",
    }
    row.update(cells)
    return row


def write_csv(path, rows, header=None, delimiter=",", encoding="utf-8"):
    header = header or HEADER
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
    return path


def fingerprint(vault) -> str:
    """A hash of every row of every table, and of the search index: equal means the content is unchanged."""
    digest = hashlib.sha256()
    with vault.session() as session:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            for row in session.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
        for row in session.execute(text("SELECT case_id, body FROM case_search ORDER BY case_id")):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def add_volunteer(vault, name="Vera Vrijwillig"):
    with vault.session() as session:
        session.add(Volunteer(name=name))


def get_case(vault, ref):
    with vault.session() as session:
        found = session.scalar(select(Case).where(Case.ref == ref))
        return {
            "status": found.status, "outcome": found.outcome, "reason": found.outcome_reason,
            "note": found.outcome_note, "closed_on": found.closed_on, "funding": found.funding,
            "referrer_email": found.referrer_email, "volunteer": found.volunteer.name if found.volunteer else None,
            "referrer": found.referrer.name if found.referrer else None, "route": found.route,
            "history": [(h.on, h.from_status, h.to_status, h.outcome, h.reason, h.note) for h in found.history],
            "children": sorted((c.name, c.birth_date) for c in found.children),
            "parents": {p.role: (p.name, p.email, p.phone, p.address_confidential) for p in found.parents},
        }


# ---- columns and values --------------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", CASE_REQUIRED)
def test_a_missing_required_column_is_one_clear_error(vault, tmp_path, missing):
    header = [c for c in HEADER if c != missing]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case()], header))
    assert report.fatal and not report.ok and not report.written
    assert [(p.row, p.column) for p in report.errors] == [(1, missing)]
    assert vault.count(Case) == 0


BAD_VALUES = [
    ("case_ref", "", "needs a value"),
    ("case_ref", "X" * 41, "longer than 40"),
    ("registered_on", "", "needs a value"),
    ("registered_on", "gisteren", "not a date BOR Desk can read"),  # a file read on another day
    ("registered_on", "2023-02-30", "February 2023 has no day 30"),
    ("registered_on", "31-04-2023", "April 2023 has no day 31"),
    ("registered_on", (dt.date.today() + dt.timedelta(days=2)).isoformat(), "future"),
    ("registered_on", "0001-03-05", "not a date BOR Desk can read"),  # the year 1 and 1850 were taken
    ("registered_on", "5-3-1850", "not a date BOR Desk can read"),
    ("registered_on", "1985-03-05", "check the year"),  # before the years the annual report knows
    ("route", "helikopter", "not one of"),
    ("municipality", "", "needs a value"),
    ("funding", "gratis", "not one of"),
    ("referrer_kind", "buurman", "not one of"),
    ("referrer_email", "team-at-test", "not an e-mail"),
    ("resident_parent_name", "", "needs a value"),
    ("resident_parent_address_confidential", "misschien", "not one of"),
    ("resident_parent_email", "ada@test", "not an e-mail"),
    ("resident_parent_phone", "bel maar", "not a phone"),
    ("other_parent_name", " ", "needs a value"),
    ("other_parent_email", "ben@@test.example", "not an e-mail"),
    ("other_parent_phone", "06-1234x", "not a phone"),
    ("children", "", "needs a value"),
    ("children", "Cas Proef (2099-01-01)", "future"),
    ("children", "Cas Proef (31-02-2017)", "February 2017 has no day 31"),
    ("children", "(2017-01-01)", "no name"),
    ("status", "bezig", "not one of"),
    ("outcome", "geweldig", "not one of"),
    ("outcome", "successful", "only a closed case"),
    ("outcome_reason", "verhuisd", "only a closed case"),
    ("closed_on", "2023-06-01", "status"),
    ("volunteer", "Niemand Bekend", "import the volunteers first"),
]


@pytest.mark.parametrize("column,value,why", BAD_VALUES)
def test_a_bad_value_is_reported_with_row_and_column(vault, tmp_path, column, value, why):
    rows = [case(case_ref="T-001"), case(**{"case_ref": "T-002", column: value})]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert not report.ok and not report.written
    assert (3, column) in [(p.row, p.column) for p in report.errors]
    assert why.lower() in " ".join(p.message.lower() for p in report.errors if p.column == column)
    assert report.bad_rows == [3]
    assert vault.count(Case) == 0


@pytest.mark.parametrize("column,value,why", [
    ("closed_on", (dt.date.today() + dt.timedelta(days=3)).isoformat(), "future"),
    ("closed_on", "2023-04-30", "before the registration"),
])
def test_closing_dates_are_checked(vault, tmp_path, column, value, why):
    rows = [case(status="closed", outcome="successful", **{column: value})]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert [(p.row, p.column) for p in report.errors] == [(2, column)]
    assert why in report.errors[0].message


def test_a_column_given_twice_is_one_clear_error(vault, tmp_path):
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case()], HEADER + ["Gemeente"]))
    assert report.fatal and [(p.row, p.column) for p in report.errors] == [(1, "municipality")]


def test_a_case_number_twice_in_a_file_is_an_error(vault, tmp_path):
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case(), case()]))
    assert [(p.row, p.column) for p in report.errors] == [(3, "case_ref")]
    assert "row 2" in report.errors[0].message


# ---- all or nothing ------------------------------------------------------------------------------------------


def test_a_bad_row_leaves_the_vault_unchanged(vault, tmp_path):
    assert import_file(vault, "cases", write_csv(tmp_path / "a.csv", [case()])).ok
    counts, before = vault.check().counts, fingerprint(vault)
    rows = [case(case_ref="T-001", other_parent_email="nieuw@test.example"), case(case_ref="T-002"),
            case(case_ref="T-003", municipality="Nieuwstad", coordinator="Nieuwe Coord",
                 registered_on="2023-13-01")]
    report = import_file(vault, "cases", write_csv(tmp_path / "b.csv", rows), update=True)
    assert not report.ok and report.created == report.updated == 0 and report.bad_rows == [4]
    assert vault.check().counts == counts
    assert fingerprint(vault) == before


def test_skip_invalid_imports_the_good_rows(vault, tmp_path):
    rows = [case(case_ref="T-001"), case(case_ref="T-002", status="bezig"), case(case_ref="T-003")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows), skip_invalid=True)
    assert report.ok and report.written and report.created == 2 and report.skipped == [3]
    with vault.session() as session:
        assert sorted(session.scalars(select(Case.ref))) == ["T-001", "T-003"]


def test_skip_invalid_with_no_good_row_is_not_ok(vault, tmp_path):
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case(status="?")]), skip_invalid=True)
    assert not report.ok and report.skipped == [2] and vault.count(Case) == 0


def test_a_dry_run_says_what_would_happen_and_writes_nothing(vault, tmp_path):
    before = fingerprint(vault)
    report = parse_file("cases", write_csv(tmp_path / "c.csv", [case()]), vault)
    assert report.ok and report.created == 1 and report.new_municipalities == ["Teststad"] and not report.written
    assert fingerprint(vault) == before
    file_only = parse_file("cases", tmp_path / "c.csv")
    assert file_only.ok and file_only.rows == 1


def test_a_dry_run_beside_bad_rows_counts_what_the_good_rows_would_do_and_writes_nothing(vault, tmp_path):
    """It counted nothing ("created: 0"): the good rows were not written at all while a row was bad."""
    before = fingerprint(vault)
    rows = [case(case_ref="T-001"), case(case_ref="T-002", registered_on="2023-13-01"), case(case_ref="T-003")]
    report = parse_file("cases", write_csv(tmp_path / "c.csv", rows), vault)
    assert not report.ok and report.created == 2 and report.bad_rows == [3] and not report.written
    assert fingerprint(vault) == before


def test_the_problems_go_by_row_then_column(vault, tmp_path):
    """Found in two rounds (each row's own cells, then against the vault), they were listed in that order."""
    rows = [case(case_ref="T-001", volunteer="Niemand Bekend"), case(case_ref="T-002", registered_on="2023-13-01",
                                                                     status="?")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert [(p.row, p.column) for p in report.errors] == [(2, "volunteer"), (3, "registered_on"), (3, "status")]


def test_an_empty_file_or_only_a_header_imports_nothing(vault, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    for path in (tmp_path / "empty.csv", write_csv(tmp_path / "header.csv", [])):
        report = import_file(vault, "cases", path)
        assert report.empty and report.ok and report.created == 0 and not report.errors
    assert vault.count(Case) == 0


def test_unknown_columns_are_reported_not_refused(vault, tmp_path):
    path = write_csv(tmp_path / "c.csv", [case()], HEADER + ["Lievelingskleur"])
    report = import_file(vault, "cases", path)
    assert report.ok and report.unknown_columns == ["Lievelingskleur"]


# ---- identity and updates ------------------------------------------------------------------------------------


def test_reimport_changes_an_existing_case_only_with_update_and_lists_every_change(vault, tmp_path):
    rows = [case(case_ref="T-001", children="Cas Proef (2017-06-01); Dirk Proef (2019-02-03)"), case(case_ref="T-002")]
    first = import_file(vault, "cases", write_csv(tmp_path / "a.csv", rows))
    assert first.created == 2 and first.updated == 0
    counts, before = vault.check().counts, fingerprint(vault)
    again = import_file(vault, "cases", write_csv(tmp_path / "a.csv", rows))
    assert again.ok and again.created == 0 and again.updated == 0 and again.unchanged == ["T-001", "T-002"]
    assert fingerprint(vault) == before, "the same rows again change nothing"
    changed = [case(case_ref="T-001", children="Cas Proef (2017-06-01); Eva Proef (2020-01-01)",
                    resident_parent_name="Ada Anders", resident_parent_email="ada.nieuw@test.example",
                    status="contract")]
    refused = import_file(vault, "cases", write_csv(tmp_path / "b.csv", changed))
    assert not refused.ok and not refused.written and refused.bad_rows == [2]
    [problem] = refused.errors
    for field in ("resident_parent_name", "resident_parent_email", "children", "status"):
        assert field in problem.message, (field, problem.message)
    assert "--update" in problem.message and "registered_on" not in problem.message
    assert fingerprint(vault) == before
    preview = import_file(vault, "cases", write_csv(tmp_path / "b.csv", changed), update=True, dry_run=True)
    assert preview.ok and not preview.written and fingerprint(vault) == before
    assert any("children" in w.message and "status" in w.message for w in preview.warnings)
    report = import_file(vault, "cases", write_csv(tmp_path / "b.csv", changed), update=True)
    assert report.updated == 1 and vault.check().counts == counts
    found = get_case(vault, "T-001")
    assert found["children"] == [("Cas Proef", dt.date(2017, 6, 1)), ("Eva Proef", dt.date(2020, 1, 1))]
    assert found["parents"]["resident"][1] == "ada.nieuw@test.example"
    assert found["status"] == "contract"
    assert [h[2] for h in found["history"]] == ["registered", "intake", "contract"]


def test_an_update_that_would_move_the_registration_after_a_later_step_is_refused(vault, tmp_path):
    """Steps stayed dated before the new registration date, and the report put a case in visits on the waiting
    list of that year."""
    assert import_file(vault, "cases", write_csv(tmp_path / "a.csv", [case(status="intake")])).ok  # 1 May 2023
    before = fingerprint(vault)
    later = [case(registered_on="2023-10-01", status="intake")]
    report = import_file(vault, "cases", write_csv(tmp_path / "b.csv", later), update=True)
    assert not report.ok and [(p.row, p.column) for p in report.errors] == [(2, "registered_on")]
    assert "1 May 2023" in report.errors[0].message or "1 mei 2023" in report.errors[0].message, report.errors
    assert fingerprint(vault) == before
    earlier = [case(registered_on="2023-04-01", status="intake")]
    assert import_file(vault, "cases", write_csv(tmp_path / "c.csv", earlier), update=True).ok


def test_a_cell_longer_than_csvs_own_limit_is_named_by_row_and_column(vault, tmp_path):
    """A cell over 131,072 characters made the whole file "not a readable CSV file", with no row named."""
    rows = [case(case_ref="T-001"), case(case_ref="T-002", municipality="Teststad" + "x" * 140_000)]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert not report.ok and [(p.row, p.column) for p in report.errors] == [(3, "municipality")]
    assert "120" in report.errors[0].message


def test_organisations_municipalities_coordinators_are_found_or_created(vault, tmp_path):
    with vault.session() as session:
        session.add(Organisation(name="Rechtbank Proef", kind="court", email="griffie@rechtbank.example"))
        session.add(Coordinator(name="Dora Coord"))
    rows = [case(case_ref="T-001", referrer_name="rechtbank proef", referrer_kind="veilig_thuis",
                 referrer_email="jurist@rechtbank.example", municipality="Teststad", funding="purchased"),
            case(case_ref="T-002", referrer_name="Nieuw Team", municipality="teststad", funding="per traject",
                 coordinator="DORA COORD")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert report.ok
    assert report.new_organisations == ["Nieuw Team"]
    assert report.new_municipalities == ["Teststad"] and report.new_coordinators == []
    assert "Organisation Rechtbank Proef is recorded as 'Court'; row 2 says 'Veilig Thuis (domestic violence " \
           "advice)'. The record was kept." in report.notes
    assert any("jurist@rechtbank.example" in n for n in report.notes)
    assert "Municipality Teststad is recorded as 'Purchased trajectory' in 2023; row 3 says 'Per trajectory'. The " \
           "record was kept; the case has the row's funding." in report.notes  # in words, not 'per_case' (a walk)
    with vault.session() as session:
        assert session.scalar(select(Organisation).where(Organisation.name == "Rechtbank Proef")).kind == "court"
        fundings = session.scalar(select(Municipality)).fundings
        assert [(f.year, f.funding) for f in fundings] == [(2023, "purchased")]
        assert session.scalar(select(Organisation).where(Organisation.name == "Nieuw Team")).kind == "municipal_team"
    assert get_case(vault, "T-001")["referrer_email"] == "jurist@rechtbank.example"
    assert get_case(vault, "T-001")["referrer"] == "Rechtbank Proef"
    assert get_case(vault, "T-002")["funding"] == "per_case"
    assert vault.count(Coordinator) == 1


def test_possible_duplicates_are_listed_not_merged(vault, tmp_path):
    rows = [case(case_ref="T-001"), case(case_ref="T-002", children="cas proef (01-06-2017)",
                                         resident_parent_name="Fien Ander", other_parent_name="BEN PROEF")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert report.ok and vault.count(Child) == 2 and vault.count(Parent) == 4
    assert any("Cas Proef" in d and "T-001, T-002" in d for d in report.possible_duplicates)
    assert any("Ben Proef" in d and "T-001, T-002" in d for d in report.possible_duplicates)
    assert not any("Ada" in d for d in report.possible_duplicates)


# ---- old records: status history derived from dates -----------------------------------------------------------


def test_a_closed_case_gets_its_outcome_and_history(vault, tmp_path):
    add_volunteer(vault)
    rows = [case(status="closed", outcome="gestagneerd", outcome_reason="Te veel weerstand verzorgende ouder",
                 closed_on="15-12-2023", volunteer="vera vrijwillig")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert report.ok and not report.warnings
    found = get_case(vault, "T-001")
    assert (found["status"], found["outcome"], found["reason"]) == ("closed", "stagnated", "resident_resistance")
    assert found["closed_on"] == dt.date(2023, 12, 15) and found["volunteer"] == "Vera Vrijwillig"
    (first, last) = found["history"]
    assert first[:3] == (dt.date(2023, 5, 1), "", "registered")
    assert last[:5] == (dt.date(2023, 12, 15), "registered", "closed", "stagnated", "resident_resistance")
    assert "Imported" in last[5]


@pytest.mark.parametrize("outcome,said,reason,note", [
    ("stopped_at_intake", "ouders verzoend", "parents_reconciled", ""),
    ("stopped_at_intake", "no_response", "no_response", ""),
    ("stopped_at_intake", "The parents reconciled.", "parents_reconciled", ""),
    ("stopped_at_intake", "Vader verhuisde naar het buitenland", "other", "Vader verhuisde naar het buitenland"),
    ("successful", "Goede afspraken", "", "Goede afspraken"),
])
def test_outcome_reason_maps_to_a_known_reason_or_other(vault, tmp_path, outcome, said, reason, note):
    rows = [case(status="afgesloten", outcome=outcome, outcome_reason=said, closed_on="2023-07-01")]
    assert import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows)).ok
    found = get_case(vault, "T-001")
    assert (found["reason"], found["note"]) == (reason, note)


def test_closed_without_outcome_is_accepted_with_a_warning(vault, tmp_path):
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case(case_ref="2019-014", status="closed")]))
    assert report.ok
    messages = [w.message for w in report.warnings]
    assert "case 2019-014: closed without outcome" in messages
    assert any("without a closing date" in m for m in messages)
    found = get_case(vault, "2019-014")
    assert found["status"] == "closed" and found["closed_on"] == dt.date(2023, 5, 1)


def test_a_case_in_visits_without_a_volunteer_is_accepted_with_a_warning(vault, tmp_path):
    rows = [case(case_ref="2019-014", status="visits", coordinator="")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert report.ok and report.created == 1
    assert ("volunteer", "case 2019-014: in visits without a volunteer") in [
        (w.column, w.message) for w in report.warnings]
    assert any("without a coordinator" in w.message for w in report.warnings)
    history = get_case(vault, "2019-014")["history"]
    assert [(h[0], h[2]) for h in history] == [(dt.date(2023, 5, 1), "registered"), (dt.date(2023, 5, 1), "visits")]


def test_a_child_older_than_twelve_is_a_warning(vault, tmp_path):
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case(children="Cas Proef (2009-01-01)")]))
    assert report.ok and [(w.row, w.column) for w in report.warnings] == [(2, "children")]


# ---- formats and Dutch -----------------------------------------------------------------------------------------

DATA = Path(__file__).parent.parent / "data" / "import"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_dutch_headings_and_values_from_dutch_excel(vault, tmp_path, encoding):
    add_volunteer(vault, "Vera Vrijwillig")
    path = tmp_path / "dutch.csv"  # as Dutch Excel saves it: ';' and Windows-1252, or UTF-8 with a BOM
    path.write_bytes((DATA / "cases_dutch.csv").read_text(encoding="utf-8").encode(encoding))
    report = import_file(vault, "cases", path)
    assert report.ok, report.errors
    assert report.created == 3 and not report.unknown_columns
    first, second, third = (get_case(vault, ref) for ref in ("2020-001", "2020-002", "2020-003"))
    assert (first["route"], first["funding"], first["status"]) == ("self", "purchased", "waiting")
    assert first["parents"]["resident"][3] is True and first["children"] == [("Cas Proef", dt.date(2017, 6, 1))]
    assert (second["route"], second["outcome"], second["reason"]) == ("court", "stopped_at_intake",
                                                                       "no_volunteer_match")
    assert second["closed_on"] == dt.date(2020, 4, 1) and second["parents"]["resident"][3] is False
    assert (third["route"], third["status"], third["volunteer"]) == ("ots", "visits", "Vera Vrijwillig")
    assert third["funding"] == "purchased"  # the municipality's funding for 2020, recorded by the first row


def test_xlsx_with_date_cells(vault, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    good = case(registered_on=dt.datetime(2022, 9, 1), children="Cas Proef (2016-01-31)")
    sheet.append([good[c] for c in HEADER])
    sheet.append([None] * len(HEADER))  # an empty row in between keeps the numbering
    sheet.append([case(case_ref="T-002", registered_on="nooit")[c] for c in HEADER])
    book.save(tmp_path / "c.xlsx")
    report = import_file(vault, "cases", tmp_path / "c.xlsx")
    assert [(p.row, p.column) for p in report.errors] == [(4, "registered_on")]
    report = import_file(vault, "cases", tmp_path / "c.xlsx", skip_invalid=True)
    assert report.ok and report.created == 1
    assert get_case(vault, "T-001")["history"][0][0] == dt.date(2022, 9, 1)


def test_text_dates_are_read_as_the_date_fields_read_them(vault, tmp_path):
    """'15 maart 2024' was refused ("schrijf JJJJ-MM-DD of DD-MM-JJJJ") though a date field takes it (a walk)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    row = case(registered_on="15 maart 2023", children="Cas Proef (1 jun 2017); Dirk Proef (3-2-19)",
               status="closed", outcome="successful", closed_on="1 december 2023")
    book.active.append([row[c] for c in HEADER])
    book.save(tmp_path / "c.xlsx")
    assert import_file(vault, "cases", tmp_path / "c.xlsx").ok
    found = get_case(vault, "T-001")
    assert found["history"][0][0] == dt.date(2023, 3, 15) and found["closed_on"] == dt.date(2023, 12, 1)
    assert found["children"] == [("Cas Proef", dt.date(2017, 6, 1)), ("Dirk Proef", dt.date(2019, 2, 3))]


def test_an_import_is_audited_and_searchable(vault, tmp_path):
    import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case()]), actor="tester")
    with vault.session() as session:
        events = {(e.action, e.record_type, e.actor) for e in session.scalars(select(AuditEvent))}
        assert {("import", "case", "tester"), ("import", "municipality", "tester"),
                ("import", "organisation", "tester"), ("import", "coordinator", "tester")} <= events
        assert all(e.action == "import" for e in session.scalars(select(AuditEvent)))
        assert len(search_case_ids(session, "Ada Proef")) == 1
        assert len(search_case_ids(session, "Cas")) == 1
    assert vault.count(StatusChange) == 2


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_stray_quote_swallows_no_row_every_row_is_accounted_for(vault, tmp_path, delimiter):
    """One cell that opens a quote and never closes it: 45 of 50 rows used to vanish into it while the report said
    "4 created, row 6 skipped". Now that row is reported, and every other row is read and imported."""
    path = write_csv(tmp_path / "c.csv", [case(case_ref=f"T-{n:03d}", resident_parent_name=f"Ada Proef{n}")
                                          for n in range(1, 51)], delimiter=delimiter)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("Ada Proef5", '"Ada Proef5')  # spreadsheet row 6: a quote opened, never closed
    path.write_text("".join(lines), encoding="utf-8")
    report = import_file(vault, "cases", path, skip_invalid=True)
    assert report.rows == 50
    assert report.skipped == [6] and report.created == 49
    assert report.created + len(report.skipped) == report.rows
    assert any(p.row == 6 and '"' in p.message for p in report.errors)
    with vault.session() as session:
        refs = set(session.scalars(select(Case.ref)))
    assert refs == {f"T-{n:03d}" for n in range(1, 51)} - {"T-005"}
    strict = import_file(vault, "cases", path)
    assert not strict.written and strict.bad_rows == [6]


def test_a_quoted_cell_over_several_lines_is_still_one_cell(vault, tmp_path):
    rows = [case(case_ref="T-001", children="Cas Proef (2017-06-01)\nDaan Proef (2019-02-03)"), case(case_ref="T-002")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert report.ok and report.created == 2 and report.rows == 2


def test_an_xlsx_that_claims_to_be_huge_is_read_within_bounds(vault, tmp_path):
    """One stray cell at XFD1048576 made a 5 KB file take ~20 GB: now the sheet is read at most 200 columns wide,
    until 1,000 empty rows follow each other, and the report says what was left unread."""
    from openpyxl import Workbook

    from borapp.services.importer.reading import read_table

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([case(case_ref="T-001").get(column, "") for column in HEADER])
    sheet["XFD1048576"] = "verdwaald"
    path = tmp_path / "groot.xlsx"
    book.save(path)
    assert path.stat().st_size < 20_000
    table = read_table(path)
    assert len(table.rows) == 1 and len(table.header) == len(HEADER) and len(table.notes) == 2
    report = import_file(vault, "cases", path)
    assert report.ok and report.created == 1 and len(report.notes) >= 2


def test_of_two_municipalities_differing_in_capitals_the_import_takes_the_first(vault, tmp_path):
    """Saved before the settings refused it, "alkmaar" beside "Alkmaar": the import put every case under the
    stray one, the last read (a walk)."""
    with vault.session() as session:
        session.add(Municipality(name="Alkmaar"))
        session.flush()
        session.add(Municipality(name="alkmaar"))
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case(case_ref="T-001", municipality="ALKMAAR")]))
    assert report.ok and report.new_municipalities == []
    with vault.session() as session:
        assert session.scalar(select(Case).where(Case.ref == "T-001")).municipality.name == "Alkmaar"
