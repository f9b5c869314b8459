"""The annual report as a PDF a coordinator hands to the municipality: a title page with the organisation and the
year, then the tables of the 2019 report with two charts, on the organisation's letterhead; numbers and dates in
the user's language (Babel)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, PageBreak, Paragraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import TableStyle

from borapp.formatting import long_date
from borapp.i18n import _, language
from borapp.services.documents.facts import organisation
from borapp.services.documents.fonts import BOLD, OBLIQUE, REGULAR
from borapp.services.documents.layout import TEXT_WIDTH, PageSetup, build_pdf, spacer, styles, text
from borapp.services.privacy.small_cells import is_hidden
from borapp.services.reports import charts
from borapp.services.reports.notes import marks_legend, provisional_note
from borapp.services.reports.periods import counted_to
from borapp.services.reports.scope import POOL_NOTE
from borapp.services.reports.tables import Table, cell_text
from borapp.services.reports.tables_people import all_tables

HEADER_FILL = colors.HexColor("#E4EBF2")
HEADING_SIZE = 8  # a table's column headings (points)
CELL_PADDING = 6  # reportlab's padding left and right in a table cell (points)
TOTAL_FILL = colors.HexColor("#F2F2F2")
LINE = colors.HexColor("#B5B5B5")


def report_pdf(workspace, report, tables=None, charts: bool = True, small_cells: int | None = None) -> bytes:
    """`tables` as given (an outside report's, small counts hidden), else all; `charts` False leaves them out;
    `small_cells`, an outside report's threshold, says on the title page what its marks mean."""
    with workspace.session() as session:
        org = organisation(session)
    st = styles()
    title = _("Annual report {year}").format(year=report.year)
    if report.municipality:
        title = _("Annual report {year}, municipality of {municipality}").format(
            year=report.year, municipality=report.municipality)
    inside = small_cells is None  # every count: marked as the organisation's own on the cover and each page
    story = _title_page(report, org.name, st, inside) + _notes(report, small_cells, st) + [PageBreak()]
    tables = {t.key: t for t in (all_tables(report) if tables is None else tables)}
    for key in ("summary", "registrations_per_municipality"):
        story += _table_block(tables[key], st)
    if charts:
        story += _registrations_chart(report, st)
    for key in ("closed_by_registration_year", "outcomes"):
        story += _table_block(tables[key], st)
    if charts:
        story += _outcomes_chart(report, st)
    for key in ("reasons", "volunteers", "trainings_and_meetings", "timeliness", "invoicing", "costs"):
        if key in tables:
            story += _table_block(tables[key], st)
    setup = PageSetup(title=title, author=org.name or "BOR Desk", subject=title, lang=language(),
                      footer=_footer(report, org.name, inside), footer_name=org.name)
    return build_pdf(story, org, setup)


def _footer(report, name: str, inside: bool) -> str:
    if report.municipality:
        footer = _("{organisation} · annual report {year} · {municipality}").format(
            organisation=name or "BOR", year=report.year, municipality=report.municipality)
    else:
        footer = _("{organisation} · annual report {year}").format(organisation=name or "BOR", year=report.year)
    return _("Internal, not for distribution") + " · " + footer if inside else footer  # first: a long name is cut


def _title_page(report, name: str, st, inside: bool) -> list:
    big = ParagraphStyle("cover", parent=st.title, fontSize=26, leading=32, spaceAfter=10)
    sub = ParagraphStyle("cover-sub", parent=st.body, fontSize=13, leading=18)
    cover = [spacer(45), Paragraph(text(_("Annual report {year}").format(year=report.year).upper()), big)]
    if report.municipality:  # whose figures these are, under the title
        town = ParagraphStyle("cover-town", parent=st.title, fontSize=18, leading=24, spaceAfter=10)
        cover.append(Paragraph(text(_("Municipality of {municipality}").format(municipality=report.municipality)),
                               town))
    if inside:  # every count, small ones too: not to be handed to a municipality (the external version is)
        mark = ParagraphStyle("cover-internal", parent=st.title, fontName=BOLD, fontSize=13, leading=18,
                              textColor=colors.HexColor("#A31515"), spaceAfter=10)
        cover.append(Paragraph(text(_("Internal: not for distribution outside the organisation. It shows every "
                                      "count, small ones too; for a municipality or funder export the external "
                                      "version.")), mark))
    return cover + [
        Paragraph(text(_("Supervised visitation (Begeleide Omgangsregeling, BOR)")), sub), spacer(8),
        Paragraph(text(name or ""), sub), spacer(4),
        Paragraph(text(_("Made on {date}").format(date=long_date(report.made_on))), st.small), spacer(10),
        Paragraph(text(_counted_from(report)), st.note)] + _scope_note(report, st)


def _scope_note(report, st) -> list:
    """A municipality's report: what it holds, and why the volunteers' figures are not in it."""
    if not report.municipality:
        return []
    return [Paragraph(text(_("This report holds only the cases of the municipality of {municipality}: every table "
                             "counts those cases alone.").format(municipality=report.municipality) + " "
                           + _(POOL_NOTE)), st.note)]


def _counted_from(report) -> str:
    until = counted_to(report.year, report.made_on)
    if until is None:
        return _("Every figure in this report is counted from the case records as they stood at the end of {year}; "
                 "every total is the sum of its parts.").format(year=report.year)
    return _("Every figure in this report is counted from the case records as they stood on {date}; every total is "
             "the sum of its parts.").format(date=long_date(until))


def _notes(report, small_cells: int | None, st) -> list:
    """Under the title: that the year is not over yet, and (outside) what "<5" and "x" mean."""
    notes = [provisional_note(report)] + ([marks_legend(small_cells)] if small_cells is not None else [])
    return [Paragraph(text(note), st.note) for note in notes if note]


def _table_block(table: Table, st) -> list:
    if table.note:  # left out of this version: where its figures are
        return [KeepTogether([Paragraph(text(table.title), st.heading), Paragraph(text(table.note), st.note)])]
    if not table.rows:
        return [Paragraph(text(table.title), st.heading), Paragraph(text(_("Nothing to report.")), st.small)]
    cell = ParagraphStyle("cell", parent=st.body, fontSize=9, leading=11.5, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD, fontSize=HEADING_SIZE, leading=10, alignment=TA_RIGHT)
    head_left = ParagraphStyle("head-left", parent=head, alignment=TA_LEFT)  # over a column of words
    data = [[Paragraph(text(table.columns[0]), head_left)]
            + [Paragraph(text(c), head_left if is_text else head)
               for c, is_text in zip(table.columns[1:], _text_columns(table))]]
    heading = ParagraphStyle("group", parent=cell, fontName=BOLD)
    for row in table.rows:
        style = heading if row.kind == "heading" else cell
        data.append([cell_text(c) if not isinstance(c, str) or is_hidden(c)  # a hidden count aligns as a number
                     else Paragraph(text(cell_text(c)), style) for c in row.cells])
    pdf_table = PdfTable(data, colWidths=_widths(table), repeatRows=1)
    pdf_table.setStyle(TableStyle(_style(table)))
    footnote = [Paragraph(text(table.footnote), st.note)] if table.footnote else []
    return [KeepTogether([Paragraph(text(table.title), st.heading), pdf_table, *footnote])]


def _widths(table: Table) -> list[float]:
    """A text column 40 mm, a number column 20 to 28 mm (narrower when there are many), never narrower than the
    longest word of a number column's heading ("factureren" was broken as "factur-eren"); the label takes the rest."""
    texts = _text_columns(table)
    numbers = texts.count(False)
    number_width = min(28 * mm, max(20 * mm, (TEXT_WIDTH * 0.62 - 40 * mm * texts.count(True)) / max(1, numbers)))
    words = [word for column, is_text in zip(table.columns[1:], texts) if not is_text for word in column.split()]
    number_width = max([number_width] + [stringWidth(word, BOLD, HEADING_SIZE) + 2 * CELL_PADDING + 1
                                         for word in words])
    rest = [40 * mm if is_text else number_width for is_text in texts]
    return [TEXT_WIDTH - sum(rest)] + rest


def _text_columns(table: Table) -> list[bool]:
    """Per column after the first: whether it holds words (the funding) rather than numbers."""
    return [any(isinstance(r.cells[i], str) and not is_hidden(r.cells[i]) and r.kind == "row" for r in table.rows)
            for i in range(1, len(table.columns))]


def _style(table: Table) -> list:
    style = [("FONT", (0, 0), (-1, -1), REGULAR, 9), ("FONT", (0, 0), (-1, 0), BOLD, 9),
             ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
             ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    for index, row in enumerate(table.rows, 1):
        if row.kind in ("subtotal", "total"):
            style += [("FONT", (1, index), (-1, index), BOLD, 9), ("BACKGROUND", (0, index), (-1, index), TOTAL_FILL)]
        if row.kind == "heading":
            style += [("FONT", (0, index), (-1, index), OBLIQUE, 9), ("SPAN", (0, index), (-1, index))]
    return style


def _registrations_chart(report, st) -> list:
    rows = [r for r in report.registrations.table]
    names, last, this = [], [], []
    for row in rows:
        if row.municipality in names:
            at = names.index(row.municipality)
            last[at] += row.previous_year
            this[at] += row.registered
        else:
            names.append(row.municipality)
            last.append(row.previous_year)
            this.append(row.registered)
    years = (str(report.year - 1), str(report.year))
    if not charts.has_data(last, this):
        return []
    chart = charts.municipalities_chart(_("Registrations per municipality"), names, last, this, years, TEXT_WIDTH)
    return _spaced_as_heading(chart, st)


def _outcomes_chart(report, st) -> list:
    now, before = report.closed.by_outcome, report.closed_previous_year.by_outcome
    labels = [p.label for p in now.parts]
    years = (str(report.year - 1), str(report.year))
    last, this = [before.part_value(p.key) for p in now.parts], [p.value for p in now.parts]
    if not charts.has_data(last, this):
        return []
    chart = charts.outcomes_chart(_("Outcomes year on year"), labels, last, this, years, TEXT_WIDTH)
    return _spaced_as_heading(chart, st)


def _spaced_as_heading(chart: charts.Chart, st) -> list:
    """A chart's title is a section's heading: the space above it the headings have (it sat tight under the table)."""
    chart.spaceBefore = st.heading.spaceBefore
    return [chart]
