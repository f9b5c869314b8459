"""The Reports screen: a year picked, the annual report's tables and charts, a double-click on a figure listing the
cases behind it (and a double-click there opening the case), exports through the save dialog."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLabel

from borapp.ui.pages.reports_page import ReportsPage
from tests.reports.test_annual_figures import known  # noqa: F401 - the hand-made vault with known answers


@pytest.fixture(autouse=True)
def _english(_dutch):
    from borapp.i18n import set_language

    set_language("en")


@pytest.fixture
def page(qtbot, workspace, known):  # noqa: F811
    widget = ReportsPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.shown):
        pick_year(widget, 2019)  # picking the year loads its report
    return widget


def pick_year(page, year: int) -> None:
    """Type the year into the year field, as a coordinator does."""
    page.year.setFocus()
    QTest.keyClick(page.year, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.year, str(year))


def cell(table, row_label: str, column: int) -> tuple[int, str]:
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == row_label:
            return row, table.item(row, column).text()
    raise AssertionError(row_label)


def double_click(qtbot, table, row: int, column: int) -> None:
    table.scrollToItem(table.item(row, column))
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_year_picked_shows_its_figures(qtbot, page):
    registrations = page.tables["registrations_per_municipality"]
    assert cell(registrations, "Den Helder", 2)[1] == "2"
    assert cell(registrations, "Total", 2)[1] == "5"
    outcomes = page.tables["outcomes"]
    assert cell(outcomes, "Total closed", 1)[1] == "1" and cell(outcomes, "Total closed", 2)[1] == "5"
    pick_year(page, 2020)
    assert page.busy.isVisible() and "2020" in page.busy.text() and not page.scroll.widget().isEnabled()
    qtbot.waitUntil(lambda: page.report.year == 2020)
    assert cell(page.tables["outcomes"], "Total closed", 1)[1] == "5" and not page.busy.isVisible()


def test_a_double_click_lists_the_cases_behind_a_figure_and_opens_one(qtbot, page, known):  # noqa: F811
    table = page.tables["registrations_per_municipality"]
    row, _text = cell(table, "Hoorn", 2)
    double_click(qtbot, table, row, 2)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 2
    refs = {dialog.table.item(r, 0).text() for r in range(2)}
    assert len(refs) == 2
    with qtbot.waitSignal(page.open_case, check_params_cb=lambda case_id: case_id == known["D"]):
        double_click(qtbot, dialog.table, 0, 0)
    assert not dialog.isVisible()


def test_the_list_behind_a_figure_says_how_many_erased_cases_it_counts_too(qtbot, page, workspace, known):  # noqa: F811
    from borapp.models import Case
    from borapp.services.privacy.erasure import erase_case

    with workspace.session() as session:
        ref = session.get(Case, known["D"]).ref
    erase_case(workspace, ref, "request of the parent", confirm=ref)
    table = page.tables["registrations_per_municipality"]
    row, text = cell(table, "Hoorn", 2)
    assert text == "2"  # the figure stays as it was
    double_click(qtbot, table, row, 2)
    dialog = page.dialog
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() != ref
    assert dialog.erased.isVisible()
    assert dialog.erased.text() == ("The figure also counts 1 erased case; it has no case number any more, so it is "
                                    "not listed.")
    dialog.close()
    row, _text = cell(table, "Den Helder", 2)
    double_click(qtbot, table, row, 2)
    assert not page.dialog.erased.isVisible()


def test_a_label_cell_lists_nothing(qtbot, page):
    table = page.tables["registrations_per_municipality"]
    row, _text = cell(table, "Hoorn", 0)
    double_click(qtbot, table, row, 0)
    assert page.dialog is None


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_export_through_the_save_dialog(qtbot, page, tmp_path, monkeypatch, fmt):
    target = tmp_path / f"jaarrapportage.{fmt}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.export_buttons[fmt], Qt.MouseButton.LeftButton)
    data = target.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    else:
        assert json.loads(data)["registrations"]["total"] == 5
    assert "Saved" in page.result.text()


def test_a_failed_export_says_why(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "no such folder" / "x.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.export_buttons["pdf"], Qt.MouseButton.LeftButton)
    assert page.result.text() and "Traceback" not in page.result.text()


def test_clear_drops_the_figures(page):
    page.clear()
    assert page.report is None and page.tables == {}


def test_only_the_latest_year_asked_is_shown(qtbot, page):
    """Years picked one after another (arrow keys in the year field): each is worked out off the UI thread, and
    whatever order the answers come in, the page ends on the year in the field."""
    page.year.setFocus()
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Down):
        QTest.keyClick(page.year, key)
    assert page.year.value() == 2020
    qtbot.waitUntil(lambda: page.report.year == 2020 and not page.busy.isVisible())
    qtbot.wait(300)  # any older answer still on its way is dropped
    assert page.report.year == 2020 and page.tables["outcomes"].isEnabled()


def test_a_report_arriving_after_a_lock_is_dropped(qtbot, page):
    pick_year(page, 2020)
    page.clear()  # what locking does, before the workspace closes
    qtbot.wait(500)
    assert page.report is None and page.tables == {} and not page.busy.isVisible()


def test_a_report_that_cannot_be_worked_out_says_why(qtbot, page, monkeypatch):
    def broken(_workspace, _year, **_choice):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("borapp.ui.pages.reports_page.annual_report", broken)
    pick_year(page, 2020)
    qtbot.waitUntil(lambda: bool(page.result.text()))
    assert "Traceback" not in page.result.text() and not page.busy.isVisible()


def test_the_audience_choice_reads_internal_and_external(page):
    """In English it read "Inside: every count" beside "Outside: …"; the Dutch says Intern and Extern."""
    assert [page.audience.itemText(i) for i in range(page.audience.count())] == [
        "Internal: every count", "External: small counts as <5"]


def test_the_external_choice_names_the_threshold_set_in_settings(qtbot, page, workspace):
    """It said "<5" when the organisation had set 10, beside exports that said "<10"."""
    from borapp.services import settings

    settings.write_settings(workspace, {"privacy.small_cell_threshold": "10"})
    with qtbot.waitSignal(page.shown):
        pick_year(page, 2020)
    assert page.audience.itemText(1) == "External: small counts as <10"
    assert "<10" in page.audience.toolTip() and "<5" not in page.audience.toolTip()


def test_an_export_for_outside_hides_small_counts(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "voor-de-gemeente.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.audience.setFocus()
    QTest.keyClick(page.audience, Qt.Key.Key_Down)  # the second choice: for outside
    assert page.audience.currentData() == "external"
    qtbot.mouseClick(page.export_buttons["json"], Qt.MouseButton.LeftButton)
    shown = json.loads(target.read_bytes())
    assert shown["audience"] == "external"
    [table] = [t for t in shown["tables"] if t["key"] == "registrations_per_municipality"]
    counts = [c for row in table["rows"] if row["kind"] == "row" for c in row["cells"][1:]]
    assert {"<5", "x"} & set(counts) and not [c for c in counts if isinstance(c, int) and 0 < c < 5], \
        "small counts reached it"


def test_choosing_outside_shows_the_outside_figures_on_screen(qtbot, page):
    """The screen kept every small count while "outside" was chosen: shown to a municipality, it gave them away."""
    from borapp.ui.pages.reports.bar_chart import BarChart

    pick_year(page, 2020)
    qtbot.waitUntil(lambda: page.report is not None and page.report.year == 2020 and not page.busy.isVisible())

    def counts() -> list:
        grid = page.tables["registrations_per_municipality"]
        return [grid.item(r, c).text() for r in range(grid.rowCount()) for c in range(1, grid.columnCount())
                if grid.table.rows[r].kind == "row"]

    assert any(t.isdigit() and 0 < int(t) < 5 for t in counts()), "the scenario has small counts inside"
    assert page.scroll.widget().findChildren(BarChart)
    page.audience.setFocus()
    QTest.keyClick(page.audience, Qt.Key.Key_Down)
    assert not [t for t in counts() if t.isdigit() and 0 < int(t) < 5] and {"<5", "x"} & set(counts())
    assert not page.scroll.widget().findChildren(BarChart)
    note = page.scroll.widget().findChild(QLabel, "outside-note")
    assert note is not None and "<5" in note.text()
    left_out = page.scroll.widget().findChild(QLabel, "report-invoicing-left-out")
    assert "invoicing" not in page.tables and left_out is not None and "internal annual report" in left_out.text(), \
        "the invoicing table is not for publication: in its place, where its figures are"
    QTest.keyClick(page.audience, Qt.Key.Key_Up)
    assert page.scroll.widget().findChildren(BarChart) and page.scroll.widget().findChild(QLabel, "outside-note") is None
    assert "invoicing" in page.tables and page.scroll.widget().findChild(QLabel, "report-invoicing-left-out") is None


def text_left(label: QLabel, page) -> int:
    """Where the label's letters begin, on the page: its first column with ink, as the eye finds it."""
    image = label.grab().toImage()
    paper = image.pixelColor(0, 0).lightness()
    inked = (x for x in range(image.width()) for y in range(image.height())
             if abs(image.pixelColor(x, y).lightness() - paper) > 60)
    return label.mapTo(page, QPoint(0, 0)).x() + next(inked)


def test_a_note_under_a_heading_begins_where_the_heading_begins(qtbot, page):
    """The invoicing table's note for outside sat ~4 px left of its heading: the heading's padding framed it, and a
    framed label indents its text."""
    page.audience.setFocus()
    QTest.keyClick(page.audience, Qt.Key.Key_Down)  # for outside: the invoicing table gives way to a note
    content = page.scroll.widget()
    heading = content.findChild(QLabel, "report-invoicing-heading")
    note = content.findChild(QLabel, "report-invoicing-left-out")
    page.scroll.ensureWidgetVisible(note)
    assert abs(text_left(heading, page) - text_left(note, page)) <= 1, "one letter's own side bearing at most"
    outside = content.findChild(QLabel, "outside-note")
    assert abs(text_left(content.findChild(QLabel, "report-summary-heading"), page) - text_left(outside, page)) <= 1


def test_a_report_for_one_municipality_holds_its_figures_only(qtbot, page, tmp_path, monkeypatch):
    """Den Helder is invoiced with its own figures: chosen in the list, the page and the export hold only its cases,
    the volunteers' pool (the organisation's) gives way to a line, and the file offered is named after it."""
    assert page.municipality.currentText() == "All municipalities"
    page.municipality.setFocus()
    with qtbot.waitSignal(page.shown):
        QTest.keyClick(page.municipality, Qt.Key.Key_Down)  # the first municipality
    assert page.municipality.currentText() == "Den Helder" and page.report.municipality == "Den Helder"
    registrations = page.tables["registrations_per_municipality"]
    names = {registrations.item(r, 0).text() for r in range(registrations.rowCount())
             if registrations.table.rows[r].kind == "row"}
    assert names == {"Den Helder"} and cell(registrations, "Total", 2)[1] == "2"
    note = page.scroll.widget().findChild(QLabel, "municipality-note")
    assert note is not None and "Den Helder" in note.text()
    assert "volunteers" not in page.tables and page.scroll.widget().findChild(QLabel, "report-volunteers-left-out")
    row, _text = cell(registrations, "Total", 2)
    double_click(qtbot, registrations, row, 2)
    assert {page.dialog.table.item(r, 2).text() for r in range(page.dialog.table.rowCount())} == {"Den Helder"}
    page.dialog.close()
    offered = []
    target = tmp_path / "helder.json"

    def save_as(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    qtbot.mouseClick(page.export_buttons["json"], Qt.MouseButton.LeftButton)
    assert offered == ["annual-report-2019-den-helder-internal.json"]
    data = json.loads(target.read_bytes())
    assert data["municipality"] == "Den Helder" and data["registrations"]["by_municipality"] == {"Den Helder": 2}
    page.municipality.setFocus()
    with qtbot.waitSignal(page.shown):
        QTest.keyClick(page.municipality, Qt.Key.Key_Up)  # back to all
    assert page.report.municipality == "" and cell(page.tables["registrations_per_municipality"], "Hoorn", 2)


def test_the_page_sets_the_tables_out_as_the_pdf_does(qtbot, page):
    """The summary first (the page had the registrations above it), the growth with its per cent sign."""
    content = page.scroll.widget()
    summary, registrations = (content.findChild(QLabel, f"report-{key}-heading")
                              for key in ("summary", "registrations_per_municipality"))
    assert summary.y() < registrations.y()
    volunteers = page.tables["volunteers"]
    assert cell(volunteers, "Growth percentage", 1)[1] == "-16.7%"


def test_every_row_of_a_table_is_one_line_high(qtbot, workspace, known):  # noqa: F811
    """"Totaal financiering niet vastgelegd" (bold) was measured before its column had its width, wrapped, and its
    row stood taller than the others."""
    from borapp.i18n import set_language

    set_language("nl")
    widget = ReportsPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1190, 720)  # the walker's 1366 px screen, less the sidebar
    widget.show()
    with qtbot.waitSignal(widget.shown):
        pick_year(widget, 2019)
    grid = widget.tables["registrations_per_municipality"]
    assert "Totaal financiering niet vastgelegd" in {grid.item(r, 0).text() for r in range(grid.rowCount())}
    assert len({grid.rowHeight(r) for r in range(grid.rowCount())}) == 1


def test_the_values_of_two_bars_have_room_of_their_own(qtbot, page):
    """At 8 px a bar, the values of a municipality's two bars ran into each other ("2" over "2")."""
    from borapp.ui.pages.reports.bar_chart import BarChart

    [chart] = [c for c in page.scroll.widget().findChildren(BarChart) if c.horizontal]
    assert chart._bar_height() >= chart.fontMetrics().tightBoundingRect("0123456789").height() + 2


def choose_outside(page) -> None:
    page.audience.setFocus()
    QTest.keyClick(page.audience, Qt.Key.Key_Down)
    assert page.audience.currentData() == "external"


def test_outside_then_a_year_without_registrations_shows_that_years_zeros(qtbot, page):
    """Neither 1995 nor 1994 had a registration: the outside tables stopped with a ValueError, and the greyed 2019
    figures stayed on screen without a word."""
    choose_outside(page)
    with qtbot.waitSignal(page.shown):
        pick_year(page, 1995)
    assert page.report.year == 1995 and page.scroll.widget().isEnabled() and not page.result.text()
    registrations = page.tables["registrations_per_municipality"]
    assert [registrations.item(0, c).text() for c in range(registrations.columnCount())] == \
        ["Total", "0", "0", "0", "0"]


def test_a_loaded_year_without_registrations_switched_to_outside_shows_the_outside_version(qtbot, page):
    with qtbot.waitSignal(page.shown):
        pick_year(page, 1995)
    choose_outside(page)
    assert page.scroll.widget().findChild(QLabel, "outside-note") is not None and not page.result.text()
    assert "invoicing" not in page.tables


def test_a_year_without_cases_says_so_and_shows_no_empty_charts(qtbot, page):
    """Two chart frames with "0 0" and nothing saying there was nothing."""
    from borapp.ui.pages.reports.bar_chart import BarChart

    assert page.scroll.widget().findChild(QLabel, "no-cases") is None and page.scroll.widget().findChildren(BarChart)
    with qtbot.waitSignal(page.shown):
        pick_year(page, 1995)
    nothing = page.scroll.widget().findChild(QLabel, "no-cases")
    assert nothing is not None and nothing.text().startswith("No cases in 1995")
    assert not page.scroll.widget().findChildren(BarChart)


def test_without_hours_or_expenses_recorded_the_costs_say_so_instead_of_zeros(qtbot, page):
    """Each closed trajectory of 2019 showed 0.00 (no hours or expenses recorded): read as free trajectories."""
    note = page.scroll.widget().findChild(QLabel, "report-costs-left-out")
    assert "costs" not in page.tables and note is not None
    assert note.text().startswith("No hours or expenses were recorded for the trajectories closed in 2019")


def test_a_table_without_rows_says_there_is_nothing_to_report(qtbot, page):
    """As the PDF says it: a header over no rows read as a table that failed to load."""
    assert "reasons" in page.tables
    with qtbot.waitSignal(page.shown):
        pick_year(page, 1995)
    empty = page.scroll.widget().findChild(QLabel, "report-reasons-empty")
    assert "reasons" not in page.tables and empty is not None and empty.text() == "Nothing to report."


def test_a_long_municipality_name_in_the_chart_is_read_from_its_start(qtbot, monkeypatch):
    """A 60-character name was cut at its start ("…aan de noordkust" in 160 px): it takes two lines from its first
    word, each within the names' room, cut with "…" only after the second."""
    from PySide6.QtGui import QPainter

    from borapp.ui.pages.reports.bar_chart import LABEL_WIDTH, BarChart, Series

    name = "Gemeente Hollands Kroon en omliggende kernen aan de noordkust"
    chart = BarChart(horizontal=True)
    qtbot.addWidget(chart)
    chart.set_data("Aanmeldingen", [name, "Texel"], [Series("2025", (9, 3)), Series("2026", (13, 1))])
    chart.resize(600, chart.sizeHint().height())
    drawn = []
    original = QPainter.drawText
    monkeypatch.setattr(QPainter, "drawText", lambda painter, rect, *rest: (
        drawn.append((rect, rest[-1])), original(painter, rect, *rest))[1])
    chart.grab()
    [(rect, text)] = [(r, t) for r, t in drawn if t.startswith("Gemeente")]
    lines = text.split("\n")
    assert len(lines) == 2 and lines[1].endswith("…"), lines
    assert all(chart.fontMetrics().horizontalAdvance(line) <= rect.width() for line in lines), (lines, rect)
    assert rect.height() >= 2 * chart.fontMetrics().lineSpacing() and rect.width() <= LABEL_WIDTH


def test_a_year_past_the_last_is_brought_back_and_said_why(qtbot, page):
    """2031 typed after Ctrl+A was dropped without a word and the old year stayed."""
    import datetime as dt

    this_year = dt.date.today().year
    page.year.setFocus()
    QTest.keyClick(page.year, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.year, "2031")
    assert page.year.text() == "2031"  # what was typed stays on screen while typing
    with qtbot.waitSignal(page.shown):
        QTest.keyClick(page.year, Qt.Key.Key_Return)
    assert page.year.text() == str(this_year) and page.report.year == this_year
    note = page.findChild(QLabel, "year-note")
    assert note.isVisible() and note.text() == (f"There is no annual report for 2031: the years go from 1990 to "
                                                f"{this_year}, so {this_year} is shown.")
    QTest.keyClick(page.year, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.year, "2019")
    assert not note.isVisible()


def test_a_year_not_over_yet_says_so_on_the_page_as_in_the_pdf(qtbot, page):
    import datetime as dt

    today = dt.date.today()
    with qtbot.waitSignal(page.shown):
        pick_year(page, today.year)
    note = page.scroll.widget().findChild(QLabel, "provisional-note")
    if (today.month, today.day) == (12, 31):  # the year is counted to its last day: nothing provisional to say
        assert note is None
        return
    assert note is not None and note.isVisible() and note.text().startswith(f"Provisional: {today.year} is not over")
    labels = [page.tables["volunteers"].item(r, 0).text() for r in range(page.tables["volunteers"].rowCount())]
    assert not [t for t in labels if "31 December" in t], labels
    with qtbot.waitSignal(page.shown):
        pick_year(page, 2019)
    assert page.scroll.widget().findChild(QLabel, "provisional-note") is None


def test_the_cases_dialog_shows_each_status_whole(qtbot):
    """In English the five equal columns cut "Midway evaluation" to "Midway …"."""
    import datetime as dt

    from borapp.services.reports.selection import CaseLine
    from borapp.ui.pages.reports.cases_dialog import CasesDialog

    lines = [CaseLine(1, "BOR-2026-001", dt.date(2026, 1, 5), "Den Helder", "Midway evaluation", None),
             CaseLine(2, "BOR-2026-002", dt.date(2026, 2, 5), "Hollands Kroon", "Closed", dt.date(2026, 9, 1))]
    dialog = CasesDialog("Registrations in 2026", lines)
    qtbot.addWidget(dialog)
    font = dialog.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)  # a laptop at 125 %: the text grows, the 640 px dialog less so
    dialog.setFont(font)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    for column in range(table.columnCount()):  # each column as wide as its cells ask (the text and its margins)
        assert table.sizeHintForColumn(column) <= table.columnWidth(column), (column, table.columnWidth(column))
    assert table.horizontalHeader().length() <= table.viewport().width()  # no scrolling sideways
    dialog.grab().save("/tmp/shots_fixH/cases_dialog_en.png")


def _go_to(table, row: int, column: int) -> None:
    """The arrow keys, as a coordinator moves through a table (it chooses no cell on focus-in: Down first)."""
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)
    for _step in range(table.rowCount() + table.columnCount()):
        if table.currentRow() == row and table.currentColumn() == column:
            return
        key = (Qt.Key.Key_Down if table.currentRow() < row else Qt.Key.Key_Up if table.currentRow() > row
               else Qt.Key.Key_Right if table.currentColumn() < column else Qt.Key.Key_Left)
        QTest.keyClick(table, key)
    raise AssertionError((row, column, table.currentRow(), table.currentColumn()))


def test_outside_a_hidden_figure_lists_no_cases_by_enter_or_double_click(qtbot, page):
    """Chosen for outside, Enter on an "x" or "<5" opened the list of the families behind it: the screen shown to a
    municipality must not. Inside, the same keys list them."""
    pick_year(page, 2020)
    qtbot.waitUntil(lambda: page.report is not None and page.report.year == 2020 and not page.busy.isVisible())
    page.audience.setFocus()
    QTest.keyClick(page.audience, Qt.Key.Key_Down)
    assert page.audience.currentData() == "external"
    table = page.tables["registrations_per_municipality"]
    row, column = next((r, c) for r in range(table.rowCount()) for c in range(1, table.columnCount())
                       if table.item(r, c).text() in ("x", "<5"))
    _go_to(table, row, column)
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert page.dialog is None, "Enter listed the cases behind a hidden figure"
    double_click(qtbot, table, row, column)
    assert page.dialog is None and not table.item(row, column).toolTip()
    page.audience.setFocus()
    QTest.keyClick(page.audience, Qt.Key.Key_Up)  # inside: the same figure lists its cases
    table = page.tables["registrations_per_municipality"]
    _go_to(table, row, column)
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.isVisible()


def test_the_internal_and_external_files_are_offered_under_their_own_names(qtbot, page, tmp_path, monkeypatch):
    """Both were offered as annual-report-2019.pdf: the internal one (every small count) was easily sent out."""
    offered = []

    def save_as(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return "", ""  # cancelled

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    qtbot.mouseClick(page.export_buttons["pdf"], Qt.MouseButton.LeftButton)
    page.audience.setFocus()
    QTest.keyClick(page.audience, Qt.Key.Key_Down)
    qtbot.mouseClick(page.export_buttons["csv"], Qt.MouseButton.LeftButton)
    assert offered == ["annual-report-2019-internal.pdf", "annual-report-2019-external.csv"]
