"""Reports: the annual report (jaarrapportage) for a chosen year, as the PDF sets it out: two charts, then the
tables; a double-click on a figure lists the cases behind it, and the report is exported as JSON, CSV, XLSX or PDF.
Chosen for outside, the page shows what the outside export holds (small counts hidden, no charts, no cases listed
behind a figure), so that what is shown to a municipality on this screen is what it may see. Chosen for one municipality, the report holds only that
municipality's cases (services/reports/scope.py), on the page and in every export.

The report is worked out off the UI thread: on a long history it reads every case's state at two year ends (1.6 s
at 100,000 cases), and the page keeps answering meanwhile. Only the answer to the latest question is shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services import settings
from borapp.services.errors import describe
from borapp.services.reports import files
from borapp.services.reports.annual import annual_report, cases_behind, erased_behind
from borapp.services.reports.charts import has_data
from borapp.services.reports.notes import provisional_note
from borapp.services.reports.periods import FIRST_YEAR
from borapp.services.reports.scope import report_file_stem, report_municipalities
from borapp.services.reports.audience import EXTERNAL, tables_for
from borapp.ui.pages.base import Page
from borapp.ui.pages.reports.bar_chart import BarChart, Series
from borapp.ui.pages.reports.cases_dialog import CasesDialog
from borapp.ui.pages.reports.figure_table import FigureTable
from borapp.ui.pages.reports.year_box import YearBox
from borapp.ui.tasks import run_task
from borapp.ui.widgets.result_line import ResultLine
from borapp.ui.widgets.scrolling import vertical_scroll

EXPORTS = (("pdf", "PDF"), ("xlsx", "Excel"), ("csv", "CSV"), ("json", "JSON"))
FILTERS = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)", "json": "JSON (*.json)"}


class ReportsPage(Page):
    shown = Signal()  # a report arrived and is on screen

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.report = None
        self._asked = 0  # numbers each question; an answer to an older one (or one asked before a clear) is dropped
        self.tables: dict[str, FigureTable] = {}
        self.dialog: CasesDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.result = ResultLine()
        layout.addWidget(self.result)
        self.busy = QLabel()
        self.busy.hide()
        layout.addWidget(self.busy)
        self.scroll = vertical_scroll()
        layout.addWidget(self.scroll, 1)

    def _header(self) -> QVBoxLayout:
        """Two rows: what the report is (year, municipality, audience), and its exports. In one row, the choice of a
        municipality made the window 1,153 px wide, wider than a 1366 px screen at 125 % (1,093 px)."""
        header, row = QVBoxLayout(), QHBoxLayout()
        header.addLayout(row)
        title = QLabel(_("Annual report"))
        title.setObjectName("pageTitle")
        row.addWidget(title)
        row.addSpacing(12)
        label = QLabel(_("Year"))
        row.addWidget(label)
        self.year = YearBox()
        self.year.setRange(FIRST_YEAR, dt.date.today().year)
        self.year.setValue(dt.date.today().year - 1)
        self.year.setAccessibleName(_("Year"))
        label.setBuddy(self.year)
        self.year.valueChanged.connect(self.refresh)
        self.year.clamped.connect(self._year_clamped)
        self.year.lineEdit().textEdited.connect(lambda _text: self.year_note.hide())
        row.addWidget(self.year)
        row.addSpacing(12)
        row.addWidget(self._municipality_choice())
        row.addSpacing(12)
        self.audience = QComboBox()
        self.audience.addItem(_("Internal: every count"), "internal")
        self.audience.addItem("", "external")  # its words name the threshold set in Settings (_show_threshold)
        # short words, shown whole: the longer ones made the window 1,196 px wide, wider than a 1366 px screen at
        # 125 % (1,093 px), and cut to 24 characters they read "Voor binnen de organisatie (alle aar"
        self.audience.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.audience.setAccessibleName(_("Who the report is for"))
        self._show_threshold(int(settings.SETTINGS["privacy.small_cell_threshold"].default))
        row.addWidget(self.audience)
        self.audience.currentIndexChanged.connect(self._audience_changed)
        row.addStretch()
        self.year_note = QLabel()  # why a typed year was not taken
        self.year_note.setObjectName("year-note")
        self.year_note.setWordWrap(True)
        self.year_note.hide()
        header.addWidget(self.year_note)
        row = QHBoxLayout()
        header.addLayout(row)
        row.addStretch()
        row.addWidget(QLabel(_("Export:")))
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, name in EXPORTS:
            button = QPushButton(name)
            button.setAccessibleName(_("Export as {format}").format(format=name))
            button.setToolTip(_("Save the annual report as a {format} file").format(format=name))
            button.clicked.connect(lambda _checked=False, f=fmt: self.export(f))
            # a button is at least 80 px wide in most styles; in a narrow window it may shrink to its word
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(name) + 24)
            self.export_buttons[fmt] = button
            row.addWidget(button)
        return header

    def _year_clamped(self, typed: int, shown: int) -> None:
        self.year_note.setText(_("There is no annual report for {typed}: the years go from {first} to {last}, so "
                                 "{shown} is shown.").format(typed=typed, first=FIRST_YEAR,
                                                             last=self.year.maximum(), shown=shown))
        self.year_note.show()

    def _show_threshold(self, threshold: int) -> None:
        """The outside choice says the organisation's threshold: "<5" beside exports that said "<10" misled."""
        self.audience.setItemText(1, _("External: small counts as <{n}").format(n=threshold))
        self.audience.setToolTip(_("Outside the organisation (a municipality, a funder) a count under the threshold "
                                   "in Settings → Privacy could point to one family: it is shown as <{n}, or as x "
                                   "where another count would give it away.").format(n=threshold))

    def _municipality_choice(self) -> QComboBox:
        """All municipalities, or one: its report holds only its cases. Filled when the page is refreshed."""
        self.municipality = QComboBox()
        self.municipality.addItem(_("All municipalities"), "")
        self.municipality.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.municipality.setAccessibleName(_("Report for"))
        self.municipality.setToolTip(_("Make the report for one municipality: only the figures of its cases, as it "
                                       "is invoiced with its own figures."))
        self.municipality.currentIndexChanged.connect(self.refresh)
        return self.municipality

    def _fill_municipalities(self) -> None:
        """The municipalities as they are now (one may have been added in Settings), keeping the one chosen."""
        chosen = self.municipality.currentData() or ""
        names = report_municipalities(self.workspace)
        self.municipality.blockSignals(True)
        self.municipality.clear()
        self.municipality.addItem(_("All municipalities"), "")
        for name in names:
            self.municipality.addItem(name, name)
        self.municipality.setCurrentIndex(max(0, self.municipality.findData(chosen)))
        self.municipality.blockSignals(False)

    # ---- Page -------------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask for the chosen year's report; the figures on screen are greyed until it arrives."""
        self.result.clear()
        self._asked += 1
        self._fill_municipalities()
        self._show_threshold(settings.read_int(self.workspace, "privacy.small_cell_threshold"))
        asked, workspace, year, town = self._asked, self.workspace, self.year.value(), self.municipality.currentData()

        def work(_progress):
            try:
                return asked, annual_report(workspace, year, municipality=town), None
            except Exception as exc:  # noqa: BLE001 - said in words on the page (describe)
                return asked, None, exc

        self.busy.setText(_("Working out the figures for {year}…").format(year=year))
        self.busy.show()
        if self.scroll.widget() is not None:
            self.scroll.widget().setEnabled(False)
        run_task(work, workspace).success(self._arrived).start()

    def _arrived(self, answer) -> None:
        asked, report, problem = answer
        if asked != self._asked:
            return
        self.busy.hide()
        if problem is not None:
            self.result.show_problem(describe(problem))
            return
        self.report = report
        if self._show(report):
            self.shown.emit()

    def _show(self, report) -> bool:
        """The report's figures on screen for the chosen audience; if they cannot be set out, why, in words (the
        greyed figures of the year before stayed on screen, without a word)."""
        try:
            content = self._content(report)
        except Exception as exc:  # noqa: BLE001 - said in words on the page (describe)
            self.result.show_problem(describe(exc))
            self.scroll.setWidget(QWidget())
            return False
        self.scroll.setWidget(content)
        return True

    def clear(self) -> None:
        self._asked += 1
        self.busy.hide()
        self.report = None
        self.tables = {}
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.scroll.setWidget(QWidget())

    def _audience_changed(self) -> None:
        """The figures on screen as the chosen audience's export has them (the report is not worked out again)."""
        self.result.clear()  # "Saved: …" was about the export before
        if self._report_is_the_chosen_one():
            self._show(self.report)

    def _report_is_the_chosen_one(self) -> bool:
        return (self.report is not None and self.report.year == self.year.value()
                and self.report.municipality == (self.municipality.currentData() or ""))

    # ---- content ----------------------------------------------------------------------------------------------------

    def _content(self, report) -> QWidget:
        content = QWidget()
        rows = QVBoxLayout(content)
        rows.setContentsMargins(0, 4, 12, 12)
        audience = self.audience.currentData()
        if report.municipality:
            rows.addWidget(self._municipality_note(report))
        if provisional_note(report):  # as the PDF, CSV and XLSX say it: "31 December" is not yet so
            provisional = QLabel(provisional_note(report))
            provisional.setWordWrap(True)
            provisional.setObjectName("provisional-note")
            rows.addWidget(provisional)
        if not report.has_cases():  # every table is zeros: said in words, not left to the reader to add up
            nothing = QLabel(_("No cases in {year}: no registrations and no open or closed cases.").format(
                year=report.year))
            nothing.setWordWrap(True)
            nothing.setObjectName("no-cases")
            rows.addWidget(nothing)
        if audience == EXTERNAL:  # the outside export has no charts: their bars gave the small counts away
            threshold = settings.read_int(self.workspace, "privacy.small_cell_threshold")
            note = QLabel(_("As the version for outside the organisation: counts under {n} are hidden (<{n}, or x "
                            "where another count would give them away), the charts are left out and a figure does "
                            "not list the cases behind it.").format(n=threshold))
            note.setWordWrap(True)
            note.setObjectName("outside-note")
            rows.addWidget(note)
        else:
            threshold = 0
            charts = QHBoxLayout()
            for chart, stretch in ((self._municipality_chart(report), 3), (self._outcome_chart(report), 2)):
                if chart is not None:
                    charts.addWidget(chart, stretch, Qt.AlignmentFlag.AlignTop)
            rows.addLayout(charts)
        self.tables = {}
        for table in tables_for(report, audience, threshold):
            heading = QLabel(table.title)
            heading.setStyleSheet("font-weight: bold; padding-top: 10px;")
            heading.setIndent(0)  # padding makes a frame of a label, and a framed label indents its text half an "x"
            heading.setObjectName(f"report-{table.key}-heading")
            rows.addWidget(heading)
            if table.note:  # left out of this version: where its figures are
                rows.addWidget(self._left_out_note(table))
                continue
            if not table.rows:  # as the PDF says it: a header over no rows read as a table that failed to load
                empty = QLabel(_("Nothing to report."))
                empty.setObjectName(f"report-{table.key}-empty")
                rows.addWidget(empty)
                continue
            grid = FigureTable(table, cases=audience != EXTERNAL)  # outside: no family behind a figure is listed
            grid.cases_asked.connect(self.show_cases)
            self.tables[table.key] = grid
            rows.addWidget(grid)
        rows.addStretch()
        return content

    @staticmethod
    def _municipality_note(report) -> QLabel:
        note = QLabel(_("Only the cases of the municipality of {municipality}: every table counts those cases "
                        "alone. The volunteers' figures are the organisation's and are left out.").format(
                            municipality=report.municipality))
        note.setWordWrap(True)
        note.setObjectName("municipality-note")
        return note

    @staticmethod
    def _left_out_note(table) -> QLabel:
        note = QLabel(table.note)
        note.setWordWrap(True)
        note.setObjectName(f"report-{table.key}-left-out")
        return note

    def _municipality_chart(self, report) -> BarChart | None:
        names, last, this = [], [], []
        for row in report.registrations.table:
            if row.municipality not in names:
                names.append(row.municipality)
                last.append(0)
                this.append(0)
            at = names.index(row.municipality)
            last[at] += row.previous_year
            this[at] += row.registered
        if not has_data(last, this):
            return None
        chart = BarChart(horizontal=True)
        chart.set_data(_("Registrations per municipality"), names,
                       [Series(str(report.year - 1), tuple(last)), Series(str(report.year), tuple(this))])
        return chart

    def _outcome_chart(self, report) -> BarChart | None:
        now, before = report.closed.by_outcome, report.closed_previous_year.by_outcome
        last, this = [before.part_value(p.key) for p in now.parts], [p.value for p in now.parts]
        if not has_data(last, this):
            return None
        chart = BarChart(horizontal=False)
        chart.set_data(_("Outcomes year on year"), [p.label for p in now.parts],
                       [Series(str(report.year - 1), tuple(last)), Series(str(report.year), tuple(this))])
        return chart

    # ---- actions ----------------------------------------------------------------------------------------------------

    def show_cases(self, selection, title: str) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = CasesDialog(title, cases_behind(self.workspace, selection), self,
                                  erased=erased_behind(self.workspace, selection))
        self.dialog.open_case.connect(self.open_case)
        self.dialog.show()

    def export(self, fmt: str) -> None:
        if not self._report_is_the_chosen_one():  # still being worked out: here, now
            self.report = annual_report(self.workspace, self.year.value(),
                                        municipality=self.municipality.currentData() or "")
        report, audience = self.report, self.audience.currentData()
        suggested = report_file_stem(report.year, report.municipality, audience) + f".{fmt}"
        path, _filter = QFileDialog.getSaveFileName(self, _("Export the annual report"), suggested, FILTERS[fmt])
        if not path:
            return
        self.result.attempt(lambda: files.save(path, files.render(self.workspace, report, fmt, audience)),
                            _("Saved: {path}").format(path=path))
