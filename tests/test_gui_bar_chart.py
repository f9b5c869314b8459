"""The Reports charts' labels under the bars: a long outcome is broken over two lines, not cut off."""

from __future__ import annotations

from borapp.ui.pages.reports.bar_chart import BarChart, Series, label_lines

LONG = "Vroegtijdig gestopt (intakefase)"


def test_a_label_too_long_for_its_bars_takes_two_lines(qtbot):
    chart = BarChart(horizontal=False)
    qtbot.addWidget(chart)
    metrics = chart.fontMetrics()
    width = metrics.horizontalAdvance("Vroegtijdig gestopt") + 2
    assert metrics.horizontalAdvance(LONG) > width
    assert label_lines(LONG, metrics, width) == ["Vroegtijdig gestopt", "(intakefase)"]
    assert label_lines("Gestagneerd", metrics, width) == ["Gestagneerd"]


def test_only_what_does_not_fit_in_two_lines_is_elided(qtbot):
    chart = BarChart(horizontal=False)
    qtbot.addWidget(chart)
    metrics = chart.fontMetrics()
    width = metrics.horizontalAdvance("Vroegtijdig") + 2
    lines = label_lines(LONG, metrics, width)
    assert lines[0] == "Vroegtijdig" and len(lines) == 2 and lines[1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
    one_word = label_lines("Vroegtijdiggestopt", metrics, width)
    assert len(one_word) == 1 and one_word[0].endswith("…")


def test_the_chart_leaves_room_for_two_lines_of_label(qtbot):
    chart = BarChart(horizontal=False)
    qtbot.addWidget(chart)
    chart.set_data("Resultaten per jaar", [LONG, "Gestagneerd"], [Series("2023", (3, 4)), Series("2024", (5, 6))])
    chart.resize(300, chart.height())
    chart.show()
    qtbot.waitExposed(chart)
    assert chart.height() >= 40 + 190 + 2 * chart.fontMetrics().lineSpacing()
    assert chart.grab().width() == 300  # painted (pytest-qt fails the test on an error in paintEvent)
