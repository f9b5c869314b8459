"""The same figure written the same way in every format: a year not over yet says so in the CSV and XLSX as the PDF
does, the outside marks are explained in them, one CSV rule per language for the report and the treasurer's export,
one money format in both workbooks, 24 days written 24 (not 24,0), cost parts that add up to their total exactly,
and one key for a case without a municipality."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from openpyxl import load_workbook

from borapp.i18n import set_language
from borapp.models import CaseHours
from borapp.services import settings
from borapp.services.costs.treasurer_export import export_expenses
from borapp.services.reports import files
from borapp.services.reports.annual import annual_report
from tests.reports.test_annual_figures import known  # noqa: F401 - the hand-made vault with known answers
from tests.reports.vault_builder import D, add_case, municipality

TODAY = dt.date(2019, 12, 6)  # 2019 not over yet


def _csv_rows(data: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def _cells(book) -> list[str]:
    return [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]


def test_a_year_not_over_yet_says_so_in_the_csv_and_the_xlsx_and_its_labels_say_the_day(workspace, known):  # noqa: F811
    report = annual_report(workspace, 2019, today=TODAY)
    assert report.volunteers.end_of_year.label == "BOR-medewerkers op 6 december 2019"
    rows = _csv_rows(files.render(workspace, report, "csv"))
    assert rows[0][0].startswith("Voorlopig: 2019 is nog niet voorbij") and "6 december 2019" in rows[0][0], rows[:2]
    labels = [row[0] for row in rows if row]
    assert "BOR-medewerkers op 6 december 2019" in labels and not [t for t in labels if "31 december" in t
                                                                   and not t.startswith("Voorlopig")], labels
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx")))
    for sheet in book:  # on every sheet, under its title
        assert str(sheet["A2"].value).startswith("Voorlopig: 2019 is nog niet voorbij"), sheet.title
    over = annual_report(workspace, 2019, today=dt.date(2020, 1, 10))
    assert over.volunteers.end_of_year.label == "BOR-medewerkers op 31 december 2019"
    assert not [c for c in _cells(load_workbook(io.BytesIO(files.render(workspace, over, "xlsx")))) if "Voorlopig" in c]


def test_the_outside_csv_and_xlsx_explain_their_marks(workspace, known):  # noqa: F811
    report = annual_report(workspace, 2019, today=dt.date(2020, 1, 10))
    rows = _csv_rows(files.render(workspace, report, "csv", "external"))
    assert {"<5", "x"} & {c for row in rows for c in row}
    assert rows[-1][0].startswith("Voor lezers buiten de organisatie") and "“<5”" in rows[-1][0], rows[-3:]
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx", "external")))
    sheet = book["Aanmeldingen"]
    assert str(sheet.cell(sheet.max_row, 1).value).startswith("Voor lezers buiten de organisatie")
    inside = _csv_rows(files.render(workspace, report, "csv"))
    assert not [row for row in inside if row and row[0].startswith("Voor lezers")]


def _costs_vault(workspace) -> dt.date:
    """Two closed trajectories of one minute each at €1 an hour: 1.67 cents each."""
    settings.write_settings(workspace, {"costs.hourly_cost_cents": "100"})
    with workspace.session() as s:
        town = municipality(s, "Texel", "per_case", 2019)
        for day in (1, 2):
            case_id = add_case(s, D(2019, 2, day), municipality_id=town, funding="per_case",
                               steps=[(D(2019, 6, day), "closed", "successful")])
            s.add(CaseHours(case_id=case_id, on=D(2019, 3, 1), kind="intake", minutes=1, note=""))
        add_case(s, D(2019, 2, 3), funding="per_case", steps=[(D(2019, 6, 3), "closed", "successful")])
    return dt.date(2020, 2, 1)


def test_the_english_csv_files_use_commas_and_the_dutch_semicolons(workspace, tmp_path):
    today = _costs_vault(workspace)
    for lang, delimiter, amount in (("en", ",", "0.02"), ("nl", ";", "0,02")):
        set_language(lang)
        report = annual_report(workspace, 2019, today=today)
        rows = _csv_rows(files.render(workspace, report, "csv"), delimiter)
        assert any(amount in row for row in rows), (lang, rows)
        treasurer = tmp_path / f"expenses-{lang}.csv"
        export_expenses(workspace, 2019, "csv", treasurer)
        assert len(_csv_rows(treasurer.read_bytes(), delimiter)[0]) == 7, lang  # one column each
    set_language("nl")


def test_amounts_have_the_same_money_format_in_both_workbooks(workspace, tmp_path):
    from borapp.services.spreadsheet_cells import MONEY_FORMAT

    report = annual_report(workspace, 2019, today=_costs_vault(workspace))
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx")))
    row = [r for r in book["Kosten per traject"].iter_rows() if r[0].value == "Alle afgesloten trajecten"][0]
    assert [c.number_format for c in row[2:5]] == [MONEY_FORMAT] * 3 == ["#,##0.00"] * 3
    export_expenses(workspace, 2019, "xlsx", tmp_path / "e.xlsx")  # the treasurer's: the same format
    assert load_workbook(tmp_path / "e.xlsx").active["G2"].number_format == MONEY_FORMAT


def test_a_whole_number_of_days_is_written_as_the_pdf_writes_it(workspace, known):  # noqa: F811
    report = annual_report(workspace, 2019, today=dt.date(2020, 1, 10))
    rows = _csv_rows(files.render(workspace, report, "csv"))
    [median] = [row for row in rows if row and row[0] == "Mediaan aantal dagen van aanmelding tot eerste omgangsmoment"]
    assert median[1] == "24", median
    [share] = [row for row in rows if row and row[0].startswith("Aandeel binnen een maand gestart")]
    assert share[1] == "66,7", share


def test_the_cost_parts_add_up_to_the_total_and_no_municipality_has_one_key(workspace):
    report = annual_report(workspace, 2019, today=_costs_vault(workspace))
    data = json.loads(files.render(workspace, report, "json"))
    closed = data["costs"]["closed"]
    assert closed["hours_cents"] + closed["expenses_cents"] + closed["on_call_cents"] == closed["total_cents"], closed
    for t in data["costs"]["trajectories"]:
        assert t["hours_cents"] + t["expenses_cents"] + t["on_call_cents"] == t["total_cents"], t
    assert "(none)" in data["registrations"]["by_municipality"]
    assert "(none)" in data["costs"]["by_municipality"] and "" not in data["costs"]["by_municipality"]
    assert "(none)" in [r["municipality"] for r in data["invoicing"]], data["invoicing"]
