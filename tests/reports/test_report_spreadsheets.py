"""The report and the treasurer's export as spreadsheets: a name that starts like a formula stays text, a Dutch CSV
writes decimals with a comma (Dutch Excel read 1095.7 as 10957, or as text), and the cost table adds up."""

from __future__ import annotations

import csv
import io

import pytest

from openpyxl import load_workbook

from borapp.models import CaseHours
from borapp.services.reports import files
from borapp.services.reports.annual import annual_report
from tests.reports.vault_builder import D, add_case, municipality

FORMULA = '=HYPERLINK("http://example.invalid";"klik")'


def _report(workspace):
    from borapp.models import CaseHours
    from borapp.services import settings

    settings.write_settings(workspace, {"costs.hourly_cost_cents": "6000"})
    with workspace.session() as s:
        town = municipality(s, FORMULA, "per_case", 2019)
        case_id = add_case(s, D(2019, 2, 1), municipality_id=town, funding="per_case",
                           steps=[(D(2019, 6, 1), "closed", "successful")])
        s.add(CaseHours(case_id=case_id, on=D(2019, 3, 1), kind="intake", minutes=91, note=""))
    return annual_report(workspace, 2019, today=D(2020, 2, 1))


def test_a_name_like_a_formula_stays_text_in_the_xlsx_and_the_csv(workspace):
    report = _report(workspace)
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx")))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells), [c.data_type for c in cells]
    rows = list(csv.reader(io.StringIO(files.render(workspace, report, "csv").decode("utf-8-sig")), delimiter=";"))
    assert ["'" + FORMULA] == [c for row in rows for c in row if FORMULA in c][:1]
    assert not [c for row in rows for c in row if c.startswith("=")]


def test_the_dutch_csv_writes_amounts_and_decimals_with_a_comma(workspace):
    rows = list(csv.reader(io.StringIO(files.render(workspace, _report(workspace), "csv").decode("utf-8-sig")),
                           delimiter=";"))
    assert any("91,00" in row for row in rows), rows
    assert not [c for row in rows for c in row if "." in c and c.replace(".", "").replace("-", "").isdigit()]


def test_the_cost_table_by_outcome_adds_up_with_a_line_for_no_outcome_recorded(workspace):
    """An imported case closed without an outcome: "all closed trajectories" said 2, the outcomes 1."""
    from borapp.services.reports.audience import tables_for

    with workspace.session() as s:
        town = municipality(s, "Texel", "per_case", 2019)
        case_id = add_case(s, D(2019, 2, 1), municipality_id=town, funding="per_case",
                           steps=[(D(2019, 6, 1), "closed", "successful")])
        add_case(s, D(2019, 2, 2), municipality_id=town, funding="per_case", steps=[(D(2019, 6, 2), "closed", "")])
        s.add(CaseHours(case_id=case_id, on=D(2019, 3, 1), kind="intake", minutes=60, note=""))  # some recorded
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    [table] = [t for t in tables_for(report, "internal", 5) if t.key == "costs"]
    counts = {row.cells[0]: row.cells[1] for row in table.rows if row.kind != "heading"}
    assert counts["Alle afgesloten trajecten"] == 2 and counts["Niet vastgelegd"] == 1, counts


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_sheet_has_a_short_name_of_its_own_and_its_whole_title_on_top(workspace, language):
    """Cut at Excel's 31 characters, the sheets read "Afgesloten in 2025 naar jaar va" and "Kosten per afgesloten
    traject (": each table has a short name, and its title stays whole in the sheet's first row."""
    from borapp.i18n import set_language
    from borapp.services.reports.tables_people import all_tables

    set_language(language)
    report = _report(workspace)
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx")))
    tables = all_tables(report)
    assert len(book.sheetnames) == len(tables) == len({n.casefold() for n in book.sheetnames})
    for sheet, table in zip(book, tables):
        assert len(sheet.title) <= 31 and sheet["A1"].value == table.title
        cut = table.title.startswith(sheet.title) and table.title[len(sheet.title):][:1] not in ("", " ")
        assert not cut, f"{sheet.title!r} is {table.title!r} cut mid-word"
    expected = {"nl": ["Samenvatting", "Aanmeldingen", "Afgesloten per aanmeldjaar", "Resultaten", "Redenen",
                       "Vrijwilligers", "Trainingen en bijeenkomsten", "Tot het eerste omgangsmoment", "Facturering",
                       "Kosten per traject"],
                "en": ["Summary", "Registrations", "Closed by registration year", "Outcomes", "Reasons", "Volunteers",
                       "Trainings and meetings", "To the first visit", "Invoicing", "Cost per trajectory"]}
    assert book.sheetnames == expected[language]


def test_a_year_over_a_column_is_a_number_in_the_xlsx(workspace):
    book = load_workbook(io.BytesIO(files.render(workspace, _report(workspace), "xlsx")))
    outcomes = book[book.sheetnames[3]]
    assert [c.value for c in outcomes[2]] == [None, 2018, 2019]
    assert [c.data_type for c in outcomes[2]][1:] == ["n", "n"]
