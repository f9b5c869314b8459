"""The outside annual report holds the same figures in every format: a figure the PDF hides (or leaves out) is in no
JSON, CSV or XLSX either. The outside JSON held a municipality's expenses month by month (one family's visits,
kilometres and euros) and each cost group's quartiles, mean and sum, which no other export shows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from borapp.services import settings
from borapp.services.costs import expenses, hours
from borapp.services.costs.expenses import ExpenseInput
from borapp.services.costs.hours import HoursInput
from borapp.services.privacy.small_cells import is_hidden
from borapp.services.reports import files
from borapp.services.reports.annual import annual_report
from borapp.services.visits import records
from borapp.services.visits.records import VisitInput
from tests.costs.support import close_case, make_case, volunteer_id

Y = 2025
YEARS = {Decimal(Y - 1), Decimal(Y)}  # column headings, not figures


def _visit(workspace, case_id: int, on: dt.date) -> int:
    return records.record_visit(workspace, VisitInput(case_id=case_id, on=on, state="held", start_time=dt.time(10),
                                                      end_time=dt.time(12), volunteer_id=volunteer_id(workspace)))


@pytest.fixture
def vault(workspace):
    """Texel: two trajectories closed in 2025, one with 137 km and € 12,34 of expenses; Den Helder: eight
    registrations, three closed. Amounts chosen so that no figure equals another by chance."""
    settings.write_settings(workspace, {"costs.hourly_cost_cents": "6000", "costs.kilometre_rate_cents": "23"})
    texel = [make_case(workspace, f"T{n}", dt.date(Y, 1, 10 + n), municipality="Texel") for n in range(2)]
    expenses.save_expense(workspace, _visit(workspace, texel[0], dt.date(Y, 2, 3)), ExpenseInput("137", "12,34"))
    for n, case_id in enumerate(texel):
        hours.record_hours(workspace, HoursInput(case_id, dt.date(Y, 1, 20), "talk", f"{n + 1},25",
                                                 workspace.coordinator_id))
        close_case(workspace, case_id, dt.date(Y, 4, 1 + n), "successful")
    for n in range(8):
        case_id = make_case(workspace, f"H{n}", dt.date(Y, 3, 1 + n), municipality="Den Helder")
        hours.record_hours(workspace, HoursInput(case_id, dt.date(Y, 3, 20 + n), "talk", f"{n + 3},5",
                                                 workspace.coordinator_id))
        if n < 3:
            close_case(workspace, case_id, dt.date(Y, 9, 1 + n), "stagnated")
    return workspace


def _number(text: str) -> Decimal | None:
    """A figure as the exports write it: "12", "1.234,56" or "12,34" (Dutch), "-40%"; None for words."""
    text = text.strip().replace("\u2212", "-").rstrip("%").replace("€", "").strip()
    if not re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+([.,]\d+)?", text):
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return Decimal(text)


def _json_figures(data: bytes) -> set:
    found = set()

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("year", "small_cells", "made_on"):
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, bool) or value is None or is_hidden(value):
            return
        elif isinstance(value, (int, float)):
            found.add(Decimal(value) / 100 if key.endswith("_cents") else Decimal(str(value)))

    walk(json.loads(data))
    return found - YEARS


def _csv_figures(data: bytes) -> set:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    return {n for row in rows for cell in row if (n := _number(cell)) is not None} - YEARS


def _xlsx_figures(data: bytes) -> set:
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                    found.add(Decimal(str(cell)))
                elif isinstance(cell, str) and (n := _number(cell)) is not None:
                    found.add(n)
    return found - YEARS


def _pdf_figures(data: bytes, tmp_path) -> set:
    path = tmp_path / "outside.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return {n for word in text.split() if (n := _number(word)) is not None}


def _percent_as_shown(figures: set) -> set:
    """A spreadsheet keeps a percentage as a fraction (-0.4 for -40 %)."""
    return figures | {f * 100 for f in figures}


@pytest.mark.parametrize("town", ["", "Texel"])
def test_every_outside_export_holds_the_same_figures(vault, town, tmp_path):
    report = annual_report(vault, Y, today=dt.date(Y + 1, 2, 1), municipality=town)
    made = {fmt: files.render(vault, report, fmt, "external") for fmt in files.FORMATS}
    as_json, as_csv = _json_figures(made["json"]), _csv_figures(made["csv"])
    as_xlsx, as_pdf = _xlsx_figures(made["xlsx"]), _pdf_figures(made["pdf"], tmp_path)
    assert as_json - as_csv == set(), "the JSON holds figures the CSV does not show"
    assert as_csv - as_json == set(), "the CSV holds figures the JSON does not"
    assert as_xlsx - _percent_as_shown(as_csv) == set(), "the XLSX holds figures the CSV does not show"
    assert as_csv - as_xlsx - {f for f in as_csv if f * Decimal("0.01") in as_xlsx} == set()
    assert as_json - as_pdf == set(), "the JSON holds figures the PDF does not show"
    inside = _json_figures(files.render(vault, report, "json"))
    assert {Decimal("137"), Decimal("12.34")} <= inside, "the expenses are in the internal JSON"
