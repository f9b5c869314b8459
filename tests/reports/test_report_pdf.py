"""The annual report's PDF: whole-number steps on the value axis, no chart of nothing but zeros, and a year not over
said to be provisional."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from borapp.services.reports import files
from borapp.services.reports.annual import annual_report
from borapp.services.reports.charts import municipalities_chart, outcomes_chart
from tests.helpers.documents_support import all_text
from tests.reports.vault_builder import D


def _value_labels(drawing) -> list[str]:
    """The value axis's labels as drawn (the numbers after the category names and bar labels)."""
    chart = next(c for c in drawing.contents if hasattr(c, "valueAxis"))
    text = PdfReader(io.BytesIO(renderPDF.drawToString(drawing))).pages[0].extract_text().split()
    assert chart.valueAxis._tickValues, "drawn"
    return [str(int(v)) for v in chart.valueAxis._tickValues], text


@pytest.mark.parametrize("make", [outcomes_chart, municipalities_chart])
@pytest.mark.parametrize("values", [([0, 2, 0], [1, 0, 2]), ([0, 1, 0], [0, 0, 0]), ([12, 30, 7], [44, 3, 18])])
def test_the_value_axis_counts_in_whole_distinct_steps(make, values):
    """A count of 2 drew the labels 0, 0, 1, 1, 2, 2, 3: reportlab's half steps printed as whole numbers."""
    drawing = make("Titel", ["Alkmaar", "Bergen", "Texel"], *values, ("2025", "2026"), 400)
    ticks, text = _value_labels(drawing)
    assert len(ticks) == len(set(ticks)), ticks
    assert all(t in text for t in ticks)
    assert int(ticks[-1]) >= max(values[0] + values[1])


def test_a_year_with_nothing_to_chart_has_no_empty_charts(workspace):
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    text = all_text(files.render(workspace, report, "pdf"))
    assert text.count("Aanmeldingen per gemeente") == 1, "the table, and no chart under the same title"
    assert "Resultaten per jaar" not in text


def test_a_report_of_a_year_not_over_says_it_is_provisional(workspace):
    """Drawn up on 4 December, it spoke of "31 december 2026" as if the year had ended."""
    during = all_text(files.render(workspace, annual_report(workspace, 2026, today=D(2026, 12, 4)), "pdf"))
    assert "Voorlopig: 2026 is nog niet voorbij" in during and "lees 4 december 2026" in during
    after = all_text(files.render(workspace, annual_report(workspace, 2025, today=D(2026, 12, 4)), "pdf"))
    assert "Voorlopig" not in after
