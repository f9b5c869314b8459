"""A report for outside the organisation hides counts under the threshold as "<5" in every format (JSON, CSV,
XLSX, PDF), keeps the totals, hides a second cell where one alone could be worked out (as "x" when that cell is not
small: "<5" is never untrue), also where a group's subtotal would give it back, and leaves out the charts; the
internal report shows every count."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from borapp.services.reports import files
from borapp.services.reports.annual import annual_report
from tests.helpers.documents_support import all_text
from tests.reports.vault_builder import D, add_case, municipality


@pytest.fixture
def towns(workspace):
    """Registrations in 2019: Alkmaar 12, Schagen 8, Texel 2 (a family could be named), 22 in all."""
    with workspace.session() as s:
        for name, count in (("Alkmaar", 12), ("Schagen", 8), ("Texel", 2)):
            town = municipality(s, name, "per_case", 2019)
            for n in range(count):
                add_case(s, D(2019, 3, 1 + n), municipality_id=town, funding="per_case")
    return annual_report(workspace, 2019, today=D(2020, 2, 1))


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_internal_shows_every_count(workspace, towns):
    rows = csv_rows(files.render(workspace, towns, "csv"))
    assert ["Texel", "0", "2", "2", "0"] in rows


def test_external_csv_hides_the_small_cell_and_one_more_but_keeps_totals(workspace, towns):
    rows = csv_rows(files.render(workspace, towns, "csv", "external"))
    texel = next(r for r in rows if r and r[0] == "Texel")
    schagen = next(r for r in rows if r and r[0] == "Schagen")
    alkmaar = next(r for r in rows if r and r[0] == "Alkmaar")
    assert texel[2] == "x" and schagen[2] == "x", "one hidden cell alone follows from the total; Schagen's 8 is no <5"
    assert alkmaar[2] == "12"
    assert not any("2" == cell for row in rows if row and row[0] == "Texel" for cell in row[1:])
    assert any("22" in row for row in rows), "the total stays"


def test_external_json_xlsx_and_pdf_hide_it_too(workspace, towns):
    shown = json.loads(files.render(workspace, towns, "json", "external"))
    [table] = [t for t in shown["tables"] if t["key"] == "registrations_per_municipality"]
    assert next(r["cells"] for r in table["rows"] if r["cells"][0] == "Texel")[2] == "x"
    assert table["rows"][-1]["cells"][2] == 22 and shown["audience"] == "external"
    assert "registrations" not in shown, "the inside JSON's nested counts gave hidden cells back"
    book = load_workbook(io.BytesIO(files.render(workspace, towns, "xlsx", "external")))
    cells = [[c.value for c in row] for sheet in book for row in sheet.iter_rows()]
    texel_rows = [row for row in cells if row and row[0] == "Texel"]
    assert texel_rows and all(2 not in row for row in texel_rows)
    pdf = all_text(files.render(workspace, towns, "pdf", "external"))
    assert "Texel 0 x x 0" in pdf
    assert len(files.render(workspace, towns, "pdf", "external")) < len(files.render(workspace, towns, "pdf")), \
        "the outside PDF leaves out the charts whose bars give the numbers away"


def test_the_threshold_is_a_setting(workspace, towns):
    from borapp.services import settings

    settings.write_settings(workspace, {"privacy.small_cell_threshold": "10"})
    rows = csv_rows(files.render(workspace, towns, "csv", "external"))
    assert next(r for r in rows if r and r[0] == "Schagen")[2] == "<10"
    assert next(r for r in rows if r and r[0] == "Texel")[2] == "<10"


def test_the_cost_per_trajectory_is_in_the_report_and_outside_hides_small_groups(workspace):
    from borapp.models import CaseHours
    from borapp.services import settings

    settings.write_settings(workspace, {"costs.hourly_cost_cents": "6000"})
    with workspace.session() as s:
        town = municipality(s, "Texel", "per_case", 2019)
        ids = [add_case(s, D(2019, 2, 1 + n), municipality_id=town, funding="per_case",
                        steps=[(D(2019, 6, 1 + n), "closed", "successful")]) for n in range(2)]
        for case_id in ids:
            s.add(CaseHours(case_id=case_id, on=D(2019, 3, 1), kind="intake", minutes=90, note=""))
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    inside = csv_rows(files.render(workspace, report, "csv"))
    assert any(row[:3] == ["Texel", "2", "90,00"] for row in inside), "the cost table is missing"
    outside = csv_rows(files.render(workspace, report, "csv", "external"))
    texel = [row for row in outside if row and row[0] == "Texel" and "90,00" in row]
    assert texel == []
    shown = json.loads(files.render(workspace, report, "json", "external"))
    assert "trajectories" not in shown["costs"] and shown["costs"]["by_municipality"]["Texel"] == {"count": 2}, \
        "Texel's 2 are all the closed trajectories: the total says it (an x would only pretend), without amounts"
    assert shown["costs"]["closed"] == {"count": 2}, "the total stays, without one family's amounts"


def _cells(table, name: str) -> list:
    return next(list(row.cells) for row in table.rows if row.cells[0] == name)


def test_a_groups_subtotal_does_not_give_its_one_small_cell_back(workspace):
    """Medemblik alone closed a case among the per-case towns: Alkmaar's hidden cell kept Medemblik hidden alone
    within its group, and the group's subtotal of 1 gave it back (as a group of one row always would)."""
    from borapp.services.reports.audience import tables_for

    with workspace.session() as s:
        alkmaar = municipality(s, "Alkmaar", "purchased", 2019, trajectories=20)
        for n in range(3):
            add_case(s, D(2019, 2, 1 + n), municipality_id=alkmaar, funding="purchased",
                     steps=[(D(2019, 6, 1), "closed", "successful")])
        for name, count in (("Enkhuizen", 6), ("Medemblik", 6), ("Hoorn", 7)):
            town = municipality(s, name, "per_case", 2019)
            for n in range(count):
                steps = [(D(2019, 6, 1), "closed", "successful")] if name == "Medemblik" and n == 0 else []
                add_case(s, D(2019, 3, 1 + n), municipality_id=town, funding="per_case", steps=steps)
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    [table] = [t for t in tables_for(report, "external", 5) if t.key == "registrations_per_municipality"]
    assert [row.kind for row in table.rows if row.kind in ("subtotal", "total")] == ["total"], "no subtotal outside"
    closed = 4
    column = [row.cells[closed] for row in table.rows if row.kind == "row"]
    assert _cells(table, "Medemblik")[closed] in ("<5", "x") and len([c for c in column if c in ("<5", "x")]) >= 2, \
        column
    assert table.rows[-1].cells[closed] == 4, "the total stays"


def test_figures_of_the_volunteers_and_the_whole_organisation_stay(workspace):
    """No family is counted in the volunteers' table or the summary (a "<5" of 24 deployable volunteers was shown)."""
    from borapp.services.reports.audience import tables_for
    from tests.reports.vault_builder import add_volunteer

    with workspace.session() as s:
        town = municipality(s, "Alkmaar", "purchased", 2019, trajectories=11)
        for n in range(2):
            add_case(s, D(2019, 2, 1 + n), municipality_id=town, funding="purchased")
        for n in range(7):
            add_volunteer(s, f"Vrijwilliger {n}", D(2018, 1, 1), D(2019, 5, 1) if n < 2 else None,
                          active=n >= 2, vog=D(2018, 1, 1), trained=D(2018, 2, 1))
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    inside = {t.key: t for t in tables_for(report, "internal", 5)}
    outside = {t.key: t for t in tables_for(report, "external", 5)}
    assert outside["volunteers"] == inside["volunteers"] and outside["summary"] == inside["summary"]
    assert 2 in [row.cells[1] for row in outside["volunteers"].rows], "the two who left are shown"
    assert outside["invoicing"].rows == (), "for invoicing, not for publication: the internal report has it"
    assert _cells(inside["invoicing"], "Alkmaar")[2:5] == [11, 2, 9]


def test_the_outside_pdf_says_what_its_marks_mean(workspace, towns):
    pdf = all_text(files.render(workspace, towns, "pdf", "external"))
    assert "“<5”" in pdf and "“x”" in pdf
    assert "“x”" not in all_text(files.render(workspace, towns, "pdf"))


def test_hidden_counts_keep_a_number_columns_width_in_the_pdf():
    """A "<5" is a count: a six-column table of them still fits the page (it was laid out as text and overflowed)."""
    from reportlab.lib.units import mm

    from borapp.services.reports.pdf import _widths
    from borapp.services.reports.tables import Row, Table

    table = Table("invoicing", "Per gemeente", ("Gemeente", "Financiering", "Ingekocht", "Gebruikt", "Resterend",
                                                "Te factureren"),
                  (Row(("Texel", "Per traject", "<5", "<5", "<5", "<5")), Row(("Schagen", "Per traject", 8, 9, 0, 7))))
    widths = _widths(table)
    assert all(w > 0 for w in widths)
    assert widths[2:] == [widths[2]] * 4 and widths[2] <= 28 * mm


def test_amounts_keep_their_cents_in_the_pdf_and_on_the_screen(workspace):
    """€ 91,00 and € 406,10, never "91" or "406,1": the cost table's amounts are Euros, shown with two decimals."""
    from borapp.models import CaseHours
    from borapp.services import settings
    from borapp.services.reports.tables import Euros, cell_text

    settings.write_settings(workspace, {"costs.hourly_cost_cents": "6000"})
    with workspace.session() as s:
        town = municipality(s, "Texel", "per_case", 2019)
        case_id = add_case(s, D(2019, 2, 1), municipality_id=town, funding="per_case",
                           steps=[(D(2019, 6, 1), "closed", "successful")])
        s.add(CaseHours(case_id=case_id, on=D(2019, 3, 1), kind="intake", minutes=91, note=""))
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    assert "91,00" in all_text(files.render(workspace, report, "pdf"))
    assert cell_text(Euros(406.1)) == "406,10" and cell_text(406.1) == "406,1" and cell_text(1234) == "1.234"


def test_a_number_columns_heading_keeps_its_words_whole_in_the_pdf(workspace, towns):
    """"Te factureren" over two lines as whole words, not "Te factur" over "eren" (nor "Ingekoch" over "t")."""
    pdf = all_text(files.render(workspace, towns, "pdf"))
    assert "Ingekocht Gebruikt Over Te factureren" in pdf


def test_closed_cases_of_earlier_years_do_not_follow_from_this_years_row_the_summary_gives(workspace):
    """14 closed in 2019: 6 registered in 2017, 3 in 2018, 5 in 2019. The summary shows 2019's registrations (9) and
    those still open (4), so the 5 is public; hiding it as the second cell beside the 3 left the 3 to follow from
    14 − 6 − 5. The 2019 row is shown and the earlier years are hidden among themselves."""
    from borapp.services.reports.audience import tables_for

    with workspace.session() as s:
        for n in range(9):
            add_case(s, D(2019, 1, 1 + n), funding="per_case",
                     steps=[(D(2019, 6, 1), "closed", "successful", "")] if n < 5 else [])
        for year, closed in ((2017, 6), (2018, 3)):
            for n in range(closed):
                add_case(s, D(year, 3, 1 + n), funding="per_case", steps=[(D(2019, 6, 1), "closed", "successful", "")])
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    outside = {t.key: t for t in tables_for(report, "external", 5)}
    by_year = {row.cells[0]: row.cells[1] for row in outside["closed_by_registration_year"].rows}
    assert by_year == {"Aangemeld in 2017": "x", "Aangemeld in 2018": "x", "Aangemeld in 2019": 5,
                       "Totaal afgesloten zaken": 14}
    summary = {row.cells[0]: row.cells[1] for row in outside["summary"].rows}
    assert summary["Aanmeldingen 2019"] - summary["Lopende zaken eind van het jaar, aangemeld in 2019"] == 5


def test_a_closed_count_the_summary_and_the_total_give_is_not_passed_off_as_hidden(workspace):
    """11 closed in 2019: 4 registered in 2018, 7 in 2019. The 7 is public (the summary: 9 registered, 2 open) and so
    is the total: "Aangemeld in 2018: x" was 11 − 7 = 4 for anyone. What the public figures give is shown as it is."""
    from borapp.services.reports.audience import tables_for

    with workspace.session() as s:
        for n in range(9):
            add_case(s, D(2019, 1, 1 + n), funding="per_case",
                     steps=[(D(2019, 6, 1), "closed", "successful", "")] if n < 7 else [])
        for n in range(4):
            add_case(s, D(2018, 3, 1 + n), funding="per_case", steps=[(D(2019, 6, 1), "closed", "successful", "")])
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    outside = {t.key: t for t in tables_for(report, "external", 5)}
    by_year = {row.cells[0]: row.cells[1] for row in outside["closed_by_registration_year"].rows}
    assert by_year == {"Aangemeld in 2018": 4, "Aangemeld in 2019": 7, "Totaal afgesloten zaken": 11}
    summary = {row.cells[0]: row.cells[1] for row in outside["summary"].rows}
    assert by_year["Totaal afgesloten zaken"] - (summary["Aanmeldingen 2019"] - summary[
        "Lopende zaken eind van het jaar, aangemeld in 2019"]) == 4, "the figures a reader subtracts"


def test_the_outside_report_leaves_the_invoicing_table_out_and_says_where_it_is(workspace):
    """"Te factureren" said "<5" for three towns and Texel's own 4 purchased trajectories "<5": nobody can invoice
    from that. Invoicing is not for publication, so the outside report (every format) leaves the table out and says
    that the internal report has it; the internal PDF still has every figure."""
    with workspace.session() as s:
        for name, funding, bought, count in (("Alkmaar", "purchased", 20, 12), ("Hoorn", "per_case", None, 3),
                                             ("Schagen", "per_case", None, 8), ("Texel", "purchased", 4, 2)):
            town = municipality(s, name, funding, 2019, trajectories=bought)
            for n in range(count):
                add_case(s, D(2019, 3, 1 + n), municipality_id=town, funding=funding)
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    said = "ze staan allemaal in de interne jaarrapportage"
    inside = all_text(files.render(workspace, report, "pdf"))
    assert "Texel Ingekochte trajecten 4 2 2" in inside and "Hoorn Afrekening per traject 3" in inside
    assert said not in inside
    outside = all_text(files.render(workspace, report, "pdf", "external"))
    assert "Per gemeente, voor de facturering" in outside and said in outside.replace("\n", " ")
    assert "Te factureren" not in outside and "Texel Ingekochte trajecten" not in outside
    rows = csv_rows(files.render(workspace, report, "csv", "external"))
    at = rows.index(["Per gemeente, voor de facturering"])
    assert said in rows[at + 1][0] and not [row for row in rows if "Te factureren" in row]
    shown = json.loads(files.render(workspace, report, "json", "external"))
    [table] = [t for t in shown["tables"] if t["key"] == "invoicing"]
    assert table["rows"] == [] and said in table["note"]
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx", "external")))
    [sheet] = [sheet for sheet in book if sheet["A1"].value == "Per gemeente, voor de facturering"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["Per gemeente, voor de facturering"],
                                                                       [table["note"]]]


@pytest.mark.parametrize("audience", ["internal", "external"])
def test_without_hours_or_expenses_recorded_the_cost_table_says_so_instead_of_zeros(workspace, audience):
    """Every closed trajectory showed 0,00 (median, lowest, highest): a municipality read free trajectories."""
    with workspace.session() as s:
        town = municipality(s, "Texel", "per_case", 2019)
        for n in range(6):
            add_case(s, D(2019, 2, 1 + n), municipality_id=town, funding="per_case",
                     steps=[(D(2019, 6, 1 + n), "closed", "successful")])
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    pdf = " ".join(all_text(files.render(workspace, report, "pdf", audience)).split())
    assert "Er zijn geen uren of onkosten vastgelegd" in pdf and "0,00" not in pdf, pdf
    rows = csv_rows(files.render(workspace, report, "csv", audience))
    assert not any("0,00" in cell for row in rows for cell in row)
