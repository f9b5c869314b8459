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
from tests.reports.test_annual_figures import known  # noqa: F401 - the hand-made vault with known answers
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


def test_the_municipalities_chart_reads_as_the_screen_last_year_above_this_year_each_with_its_value():
    """2025's bar was drawn under 2026's while the legend and the screen put 2025 first, and its bars had no values."""
    from reportlab.graphics.shapes import Group, Rect

    from borapp.services.reports.charts import LAST_YEAR, THIS_YEAR

    drawing = municipalities_chart("Titel", ["Alkmaar", "Texel"], [9, 3], [13, 1], ("2025", "2026"), 400)
    chart = next(c for c in drawing.contents if hasattr(c, "valueAxis"))

    def shapes(group):
        for shape in group.contents:
            yield from shapes(shape) if isinstance(shape, Group) else [shape]

    bars = sorted((r for r in shapes(chart.draw()) if isinstance(r, Rect) and r.fillColor in (LAST_YEAR, THIS_YEAR)),
                  key=lambda r: -r.y)
    top_down = [(r.fillColor, round(r.width / bars[0].width * 9)) for r in bars]
    assert top_down == [(LAST_YEAR, 9), (THIS_YEAR, 13), (LAST_YEAR, 3), (THIS_YEAR, 1)], top_down
    heights: dict[str, float] = {}

    def seen(text, cm, tm, _font, _size):  # the text's place on the page: its matrix in the drawing's
        heights.setdefault(text.strip(), tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    PdfReader(io.BytesIO(renderPDF.drawToString(drawing))).pages[0].extract_text(visitor_text=seen)
    assert heights["9"] > heights["13"] > heights["3"] > heights["1"], heights


def test_the_words_for_the_years_end_say_the_day_a_year_not_over_is_counted_to(workspace):
    """"Waarvan nog lopend" read as "still open today" for cases closed since (English: "Open at year end"); a report
    on 2026 made on 5 December said "Lopend eind 2026" and "Wachtlijst eind 2026" as if the year were over, where
    its title page says the year is not over and the date it counts to."""
    from borapp.i18n import set_language
    from borapp.services.reports.tables import case_tables
    from tests.reports.vault_builder import add_case, municipality

    with workspace.session() as s:
        town = municipality(s, "Texel", "per_case", 2026)
        add_case(s, D(2025, 3, 1), municipality_id=town, funding="per_case")
        add_case(s, D(2026, 3, 1), municipality_id=town, funding="per_case")
    during = annual_report(workspace, 2026, today=D(2026, 12, 5))
    text = all_text(files.render(workspace, during, "pdf"))
    for words in ("Lopend op 5 december 2026, aangemeld in 2025 1", "Lopend op 5 december 2026 2",
                  "Wachtlijst op 5 december 2026 2", "2025 2026 Lopend op 5 december Waarvan afgesloten",
                  "zoals die er op 5 december 2026 voor stonden"):
        assert words in text, words
    assert not [w for w in ("Lopend eind", "Wachtlijst eind", "eind van het jaar", "nog lopend", "er eind 2026")
                if w in text]
    after = all_text(files.render(workspace, annual_report(workspace, 2026, today=D(2027, 1, 4)), "pdf"))
    for words in ("Lopende zaken eind van het jaar, aangemeld in 2025 1", "Lopend eind 2026 2", "Wachtlijst eind 2026 2",
                  "2025 2026 Lopend op 31 december Waarvan afgesloten", "zoals die er eind 2026 voor stonden"):
        assert words in after, words
    set_language("en")  # a report's figures are labelled in the language it is made in
    during = annual_report(workspace, 2026, today=D(2026, 12, 5))
    tables = {t.key: t for t in case_tables(during)}
    assert tables["registrations_per_municipality"].columns[3:] == ("Open on 5 December", "Closed by then")
    assert [row.cells[0] for row in tables["summary"].rows][2:6] == [
        "Open on 5 December 2026, registered in 2025", "Open on 5 December 2026, registered in 2026",
        "Open on 5 December 2026", "Waiting list on 5 December 2026"]


@pytest.mark.parametrize("make", [outcomes_chart, municipalities_chart])
def test_the_legend_shows_each_colour_before_its_year(make):
    """The squares stood after the years ("2025 ■ 2026 ■"), so each year seemed to belong to the square after it."""
    from reportlab.graphics.charts.legends import Legend

    drawing = make("Titel", ["Alkmaar", "Texel"], [9, 3], [13, 1], ("2025", "2026"), 400)
    [legend] = [c for c in drawing.contents if isinstance(c, Legend)]
    assert legend.alignment == "right", "text to the right of its swatch"


def test_a_chart_title_has_the_space_above_it_a_section_heading_has(workspace, known):  # noqa: F811
    """The chart's title sat tight under the table above it: 17 pt below the table's last line, a heading 25."""
    from borapp.i18n import _

    pages = PdfReader(io.BytesIO(files.render(workspace, annual_report(workspace, 2019), "pdf"))).pages

    def gaps_above(title: str) -> list[float]:
        """For each place `title` is written: how far its line is below the nearest line above it on its page."""
        gaps = []
        for page in pages:
            lines: list[tuple[float, str]] = []
            page.extract_text(visitor_text=lambda t, cm, tm, _f, _s: lines.append((tm[5] * cm[3] + cm[5], t.strip())))
            for y, words in lines:
                if words == title:
                    gaps.append(min(above for above, w in lines if w and above > y + 1) - y)
        return gaps

    [after_summary_table, chart] = gaps_above(_("Registrations per municipality"))  # the table's heading, the chart's
    [outcomes_chart_gap] = gaps_above(_("Outcomes year on year"))
    assert chart >= after_summary_table - 1 and outcomes_chart_gap >= after_summary_table - 1, \
        (after_summary_table, chart, outcomes_chart_gap)


def test_meetings_cancelled_for_too_few_sign_ups_are_called_that(workspace):
    """The meetings table said "Geannuleerd: minder dan 4 aanwezigen", while since sign-ups are recorded a meeting is
    cancelled for too few sign-ups, and that reason is what is kept."""
    from borapp.i18n import set_language
    from borapp.services.volunteers import meetings

    meetings.set_cancelled(workspace, meetings.add_meeting(workspace, D(2019, 4, 5), "Hoorn"), True, "too_few")
    text = all_text(files.render(workspace, annual_report(workspace, 2019), "pdf"))
    assert "Geannuleerd: te weinig aanmeldingen 1" in text and "aanwezigen" not in text
    set_language("en")
    text = all_text(files.render(workspace, annual_report(workspace, 2019), "pdf"))
    assert "Cancelled: too few sign-ups 1" in text and "attendees" not in text


def test_a_long_municipality_name_stays_on_the_page_in_two_lines():
    """A 60-character name, right-aligned to the bars, ran off the page's left edge: it wraps, and is cut with "…"
    only after two lines."""
    name = "Gemeente Hollands Kroon en omliggende kernen aan de noordkust"
    drawing = municipalities_chart("Titel", [name, "Texel"], [9, 3], [13, 1], ("2025", "2026"), 400)
    starts: dict[str, float] = {}

    def seen(text, cm, tm, _font, _size):
        if text.strip():
            starts.setdefault(text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    PdfReader(io.BytesIO(renderPDF.drawToString(drawing))).pages[0].extract_text(visitor_text=seen)
    lines = [t for t in starts if t.startswith(("Gemeente", "omliggende"))]
    assert len(lines) == 2 and lines[1].endswith("…"), starts
    assert min(starts.values()) >= 0, starts  # nothing left of the drawing


def test_the_internal_pdf_says_on_its_cover_and_every_page_that_it_is_not_for_distribution(workspace, known):  # noqa: F811
    """It looked like the external one: handed to a municipality by mistake, it gave every small count away."""
    from borapp.services.reports.scope import report_file_stem

    from borapp.services import settings

    settings.write_settings(workspace, {"organisation.name": "Stichting Begeleide Omgang Noord-Holland Noord en "
                                                             "Kennemerland"})  # a footer too long is cut at its end
    report = annual_report(workspace, 2019)
    inside = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(files.render(workspace, report,
                                                                                             "pdf"))).pages]
    assert "Intern: niet voor verspreiding buiten de organisatie" in inside[0]
    assert all("Intern, niet voor verspreiding" in page for page in inside), "the footer of every page"
    outside = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(files.render(workspace, report, "pdf",
                                                                                    "external"))).pages)
    assert "verspreiding" not in outside
    assert report_file_stem(2026, "Den Helder", "external") == "jaarrapportage-2026-den-helder-extern"
    assert report_file_stem(2026) == "jaarrapportage-2026-intern"
