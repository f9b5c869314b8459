"""A report for outside the organisation hides counts under the threshold as "<5" in every format (JSON, CSV,
XLSX, PDF), keeps the totals, hides a second cell where one alone could be worked out, and leaves out the charts;
the internal report shows every count."""

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
    assert texel[2] == "<5" and schagen[2] == "<5", "one hidden cell alone follows from the total"
    assert alkmaar[2] == "12"
    assert not any("2" == cell for row in rows if row and row[0] == "Texel" for cell in row[1:])
    assert any("22" in row for row in rows), "the total stays"


def test_external_json_xlsx_and_pdf_hide_it_too(workspace, towns):
    shown = json.loads(files.render(workspace, towns, "json", "external"))
    assert shown["registrations"]["by_municipality"]["Texel"] == "<5"
    assert shown["registrations"]["total"] == 22 and shown["audience"] == "external"
    book = load_workbook(io.BytesIO(files.render(workspace, towns, "xlsx", "external")))
    cells = [[c.value for c in row] for sheet in book for row in sheet.iter_rows()]
    texel_rows = [row for row in cells if row and row[0] == "Texel"]
    assert texel_rows and all(2 not in row for row in texel_rows)
    pdf = all_text(files.render(workspace, towns, "pdf", "external"))
    assert "Texel" in pdf and "<5" in pdf
    assert len(files.render(workspace, towns, "pdf", "external")) < len(files.render(workspace, towns, "pdf")), \
        "the outside PDF leaves out the charts whose bars give the numbers away"


def test_the_threshold_is_a_setting(workspace, towns):
    from borapp.services import settings

    settings.write_settings(workspace, {"privacy.small_cell_threshold": "10"})
    rows = csv_rows(files.render(workspace, towns, "csv", "external"))
    assert next(r for r in rows if r and r[0] == "Schagen")[2] == "<10"


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
    assert any(row[:3] == ["Texel", "2", "90.0"] for row in inside), "the cost table is missing"
    outside = csv_rows(files.render(workspace, report, "csv", "external"))
    texel = [row for row in outside if row and row[0] == "Texel" and "90.0" in row]
    assert texel == []
    shown = json.loads(files.render(workspace, report, "json", "external"))
    assert "trajectories" not in shown["costs"] and shown["costs"]["by_municipality"]["Texel"] == {"count": "<5"}


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
