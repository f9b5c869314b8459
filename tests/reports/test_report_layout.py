"""The annual report's tables set out the same everywhere: the summary first (the PDF's order, and the screen's, CSV's
and spreadsheet's), a growth percentage with its per cent sign in the user's language, the reasons of an outcome in
their fixed order whichever year they were found in, and bar values that do not run into each other."""

from __future__ import annotations

import csv
import io

import pytest
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.textlabels import Label

from borapp.i18n import set_language
from borapp.services.reports import charts, files
from borapp.services.reports.annual import annual_report
from borapp.services.reports.tables import cell_text
from borapp.services.reports.tables_people import all_tables
from tests.reports.test_annual_figures import known  # noqa: F401 - the hand-made vault with known answers
from tests.reports.test_report_pdf import all_text


def test_the_summary_comes_first_as_in_the_pdf(workspace, known):  # noqa: F811
    assert [t.key for t in all_tables(annual_report(workspace, 2019))][:2] == ["summary",
                                                                                "registrations_per_municipality"]


def growth_cells(report) -> list:
    [table] = [t for t in all_tables(report) if t.key == "volunteers"]
    return [row.cells[1] for row in table.rows if row.cells[0].startswith(("Growth", "Groei"))]


@pytest.mark.parametrize("language, shown", [("nl", ["-16,7%", "-66,7%"]),
                                              ("en", ["-16.7%", "-66.7%"])])
def test_a_growth_percentage_has_its_sign_in_the_pdf_and_the_csv(workspace, known, language, shown):  # noqa: F811
    set_language(language)
    report = annual_report(workspace, 2019)
    assert [cell_text(c) for c in growth_cells(report)] == shown  # 6 on 1 January, 5 at the end, 2 deployable
    rows = list(csv.reader(io.StringIO(files.render(workspace, report, "csv").decode("utf-8-sig")),
                           delimiter=";" if language == "nl" else ","))  # the separator of the language
    assert [row[1] for row in rows if row and row[0].startswith(("Growth", "Groei"))] == shown
    text = all_text(files.render(workspace, report, "pdf"))
    assert all(s in text for s in shown)


def test_a_growth_percentage_is_a_percentage_in_the_spreadsheet(workspace, known):  # noqa: F811
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(files.render(workspace, annual_report(workspace, 2019), "xlsx")))
    sheet = book["Vrijwilligers"]
    growth = [row[1] for row in sheet.iter_rows(min_row=3) if str(row[0].value).startswith("Groei")]
    assert [(c.value, c.number_format) for c in growth] == [(-0.167, "0.0%"), (-0.667, "0.0%")]


def test_a_reason_found_only_last_year_keeps_its_place(workspace, known):  # noqa: F811
    """2019 closed B at intake for a rejected contract and E for no response; 2020 closed I because the parents
    reconciled. The contract rejected, listed first, went to the bottom, under "no response"."""
    set_language("en")
    [reasons] = [t for t in all_tables(annual_report(workspace, 2020)) if t.key == "reasons"]
    labels = [row.cells[0] for row in reasons.rows]
    at = labels.index("Stopped at intake")
    assert labels[at + 1:at + 4] == ["A parent does not agree to the contract", "The parents reconciled",
                                     "The parents did not respond"]


def test_the_values_of_a_municipalitys_two_bars_do_not_touch():
    """At 18 points a category, the values of last year's and this year's bars (7 points) touched: "2" over "2"."""
    names = ["Alkmaar", "Den Helder", "Hoorn", "Texel", "No municipality"]  # five, as the walker had them
    drawing = charts.municipalities_chart("t", names, [2, 2, 2, 1, 0], [2, 5, 3, 1, 1], ("2024", "2025"), 450)
    [chart] = [c for c in drawing.contents if isinstance(c, HorizontalBarChart)]
    labels = []

    def walk(node):
        for child in getattr(node, "contents", []):
            if isinstance(child, Label):
                labels.append(child.y)
            walk(child)

    walk(chart.draw())
    heights = sorted(labels)
    assert len(heights) == 10
    assert min(b - a for a, b in zip(heights, heights[1:])) >= chart.barLabels.fontSize + 2
