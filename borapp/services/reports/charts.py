"""The annual report's charts, drawn with reportlab's graphics (no image files): the outcomes of the closed cases
year on year, and the registrations per municipality this year against last year."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.validators import isNumber
from reportlab.pdfbase.pdfmetrics import stringWidth

from borapp.formatting import number
from borapp.services.documents.fonts import BOLD, REGULAR, register_fonts

LAST_YEAR = colors.HexColor("#A9BCD0")
THIS_YEAR = colors.HexColor("#2F5D8A")


class Chart(Drawing):
    """A drawing that can be given space above it on the page (`spaceBefore`, as a heading has); a plain Drawing
    refuses the attribute. Like a heading's, the space is left out at the top of a page."""

    _attrMap = AttrMap(BASE=Drawing, spaceBefore=AttrMapValue(isNumber, desc="points above it, after what precedes"))


def _value_axis(axis, values: list[int]) -> None:
    """From 0 in whole steps (about five): with reportlab's own step the labels of a small count read 0, 0, 1, 1, 2,
    its half steps shown as whole numbers."""
    top = max(values + [1])
    step = max(1, round(top / 5))
    axis.valueMin, axis.valueMax, axis.valueStep = 0, step * (top // step + 1), step
    axis.labels.fontName, axis.labels.fontSize = REGULAR, 8
    axis.labelTextFormat = lambda v: number(int(v))


def has_data(*series: list[int]) -> bool:
    """A chart of nothing but zeros shows nothing the table beside it does not say: it is left out."""
    return any(any(values) for values in series)


def _legend(drawing: Drawing, x: float, y: float, names: tuple[str, str]) -> None:
    legend = Legend()
    legend.x, legend.y = x - 110, y
    legend.fontName, legend.fontSize = REGULAR, 8
    legend.columnMaximum = 1
    legend.deltax = 55
    legend.dxTextSpace = 4
    legend.alignment = "right"  # the colour first, then its year, as a reader looks it up
    legend.colorNamePairs = [(LAST_YEAR, names[0]), (THIS_YEAR, names[1])]
    drawing.add(legend)


def _title(drawing: Drawing, text: str, height: float) -> None:
    drawing.add(String(0, height - 12, text, fontName=BOLD, fontSize=10))


def outcomes_chart(title: str, labels: list[str], last_year: list[int], this_year: list[int],
                   years: tuple[str, str], width: float) -> Chart:
    register_fonts()
    height = 200
    drawing = Chart(width, height)
    _title(drawing, title, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 40, width - 40, height - 80
    chart.data = [last_year, this_year]
    chart.bars[0].fillColor, chart.bars[1].fillColor = LAST_YEAR, THIS_YEAR
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 14, 2
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = REGULAR, 8
    _value_axis(chart.valueAxis, last_year + this_year)
    chart.barLabelFormat = lambda v: number(int(v))
    chart.barLabels.fontName, chart.barLabels.fontSize, chart.barLabels.nudge = REGULAR, 7, 6
    drawing.add(chart)
    _legend(drawing, width, height - 8, years)
    return drawing


def wrapped(name: str, width: float, size: float = 8, lines: int = 2) -> str:
    """`name` in at most `lines` lines of `width` points, broken between words; what does not fit is cut with "…"
    (a 60-character municipality ran off the page's left edge)."""
    fits = lambda text: stringWidth(text, REGULAR, size) <= width  # noqa: E731
    words, out = name.split(), []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and fits(line + " " + words[0]):
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] += " " + " ".join(words)
    return "\n".join(line if fits(line) else _cut(line, fits) for line in out)


def _cut(line: str, fits) -> str:
    while line and not fits(line + "…"):
        line = line[:-1].rstrip()
    return line + "…"


def municipalities_chart(title: str, names: list[str], last_year: list[int], this_year: list[int],
                         years: tuple[str, str], width: float) -> Chart:
    register_fonts()
    row = 26  # at 18 the values of a category's two bars (7 pt) touched: "2" over "2"
    height = max(120, 70 + row * len(names))
    drawing = Chart(width, height)
    _title(drawing, title, height)
    chart = HorizontalBarChart()
    label_width = 130  # the names, at most two lines each, to the left of the bars
    chart.x, chart.y, chart.width, chart.height = label_width + 6, 25, width - label_width - 26, height - 65
    # reportlab draws the first category at the bottom, and in each the first series lowest: both reversed, so that
    # the list reads from the top and last year's bar is above this year's, as in the legend and on the screen
    chart.data = [list(reversed(this_year)), list(reversed(last_year))]
    chart.bars[0].fillColor, chart.bars[1].fillColor = THIS_YEAR, LAST_YEAR
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 4, 0.5
    chart.categoryAxis.categoryNames = [wrapped(name, label_width - 4) for name in reversed(names)]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = REGULAR, 8
    chart.categoryAxis.labels.boxAnchor = "e"
    _value_axis(chart.valueAxis, last_year + this_year)
    chart.barLabelFormat = lambda v: number(int(v))  # each value just after its bar, as on the screen
    chart.barLabels.fontName, chart.barLabels.fontSize = REGULAR, 7
    chart.barLabels.boxAnchor, chart.barLabels.nudge = "w", 3
    drawing.add(chart)
    _legend(drawing, width, height - 8, years)
    return drawing
