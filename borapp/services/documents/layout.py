"""The page every document is printed on: the organisation's letterhead, a "Pagina x van y" footer, the styles.

Built in memory (`BytesIO`), never on disk. `invariant=True` makes the same input give the same bytes; the title,
author, language and the embedded DejaVu font are set on every PDF.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer
from reportlab.platypus.doctemplate import LayoutError

from borapp.i18n import _
from borapp.services.documents.common import PDF_LANG
from borapp.services.documents.facts import Organisation
from borapp.services.documents.fonts import BOLD, FAMILY, OBLIQUE, REGULAR, printable, register_fonts
from borapp.services.documents.wrapping import wrap_lines
from borapp.services.errors import BorError

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 22 * mm
TOP = 40 * mm  # letterhead band
BOTTOM = 22 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#9A9A9A")
LOGO_BOX = (45 * mm, 20 * mm)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    label: ParagraphStyle
    bullet: ParagraphStyle
    right: ParagraphStyle
    address: ParagraphStyle
    fill: ParagraphStyle  # lines to write on by hand


def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, spaceAfter=6)
    return Styles(
        body=body,
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=4),
        heading=ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=9,
                               spaceAfter=3, keepWithNext=1),
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11.5, textColor=GREY, spaceAfter=2),
        note=ParagraphStyle("note", parent=body, fontName=OBLIQUE, fontSize=8.5, leading=11.5, textColor=GREY),
        label=ParagraphStyle("label", parent=body, fontName=BOLD, spaceAfter=0),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=2,
                              bulletFontName=REGULAR),
        right=ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        address=ParagraphStyle("address", parent=body, spaceAfter=0),
        fill=ParagraphStyle("fill", parent=body, leading=22, textColor=GREY),
    )


def text(value: str) -> str:
    """Plain text as paragraph markup: escaped, line breaks kept."""
    return "<br/>".join(escape(printable(line)) for line in (value or "").strip().splitlines())


def paragraphs(value: str, st: Styles, style: ParagraphStyle | None = None) -> list[Flowable]:
    """Plain text (blank lines between paragraphs, "- " for list items) as flowables."""
    out: list[Flowable] = []
    style = style or st.body
    for block in _blocks(value):
        lines = block.splitlines()
        if all(_is_item(line) for line in lines):
            out += [Paragraph(escape(printable(_item_text(line))), st.bullet, bulletText="•") for line in lines]
            out.append(Spacer(1, 4))
        else:
            out.append(Paragraph(text(block), style))
    return out


def with_ending(body: Sequence[Flowable], ending: Sequence[Flowable]) -> list[Flowable]:
    """`body` followed by `ending` (a letter's closing, signature and note), which never starts a page alone: it
    stays on one page with at least the body's last lines (see `KeepEnding`)."""
    last = max((i for i, item in enumerate(body) if isinstance(item, Paragraph)), default=len(body))
    return [*body[:last], KeepEnding([*body[last:], *ending])]


class KeepEnding(KeepTogether):
    """A text's last paragraph and what ends it, kept on one page. Where they do not fit, the paragraph may break
    over the page as any paragraph does, but its last TAIL_LINES lines go over with the ending (a short paragraph
    goes over whole): the ending never stands alone at the top of a page."""

    TAIL_LINES = 2

    def split(self, aW, aH):  # noqa: N803 (reportlab's names)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > aH:
            broken = self._break_first(aW, aH)
            if broken:
                return broken
        return super().split(aW, aH)

    def _break_first(self, aW, aH) -> list[Flowable]:  # noqa: N803
        """The first paragraph's head on this page, its tail with the ending on the next; [] where it cannot."""
        first, rest = self._content[0], self._content[1:]
        if not isinstance(first, Paragraph) or not hasattr(first, "blPara"):
            return []
        leading = first.style.leading
        fits = min(int(aH // leading), len(first.blPara.lines) - self.TAIL_LINES)
        parts = first.split(aW, fits * leading + leading / 2) if fits >= 2 else []
        return [parts[0], KeepTogether([parts[1], *rest])] if len(parts) == 2 else []


def _blocks(value: str) -> list[str]:
    blocks, current = [], []
    for line in (value or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _is_item(line: str) -> bool:
    return line.lstrip().startswith(("- ", "• "))


def _item_text(line: str) -> str:
    return line.lstrip()[2:].strip()


@dataclass(frozen=True)
class PageSetup:
    title: str
    author: str
    subject: str
    lang: str
    footer: str  # left of the page number, e.g. "BOR-overeenkomst · dossier 2019-0012"
    footer_name: str = ""  # the part of `footer` shortened where it is too long (the organisation's name), so the
    # rest, such as the case number, always shows whole


# reportlab keeps shared state (the registered fonts and their per-document subsets) that it does not guard:
# documents rendered on worker threads at once are laid out one at a time.
_REPORTLAB = threading.Lock()


def build_pdf(story: Sequence[Flowable], org: Organisation, setup: PageSetup) -> bytes:
    """Lay out `story` on letterhead pages and return the PDF's bytes."""
    with _REPORTLAB:
        try:
            return _build_pdf(story, org, setup)
        except LayoutError as exc:  # one piece taller than a page: said in words, and other documents go on
            raise BorError(_("This document does not fit on its pages: one part of it is too long to run over "
                             "a page (a very long subject, name or line in a table). Make it shorter.")) from exc


def _build_pdf(story: Sequence[Flowable], org: Organisation, setup: PageSetup) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=TOP, bottomMargin=BOTTOM,
        title=setup.title, author=setup.author, subject=setup.subject, creator="BOR Desk", producer="BOR Desk",
        lang=PDF_LANG.get(setup.lang, "nl-NL"), invariant=True, initialFontName=REGULAR, initialFontSize=10,
        displayDocTitle=True,
    )
    frame = Frame(MARGIN_X, BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - TOP - BOTTOM, id="text", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=lambda c, d: draw_letterhead(c, org))])
    page_of = _("Page {page} of {pages}")
    doc.build(list(story), canvasmaker=numbered_canvas(lambda c, n, total: draw_footer(
        c, setup.footer, page_of.format(page=n, pages=total), setup.footer_name)))
    return buffer.getvalue()


def numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each can say "page x of y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


NAME_SIZE = 14
NAME_FLOOR = 11  # the smallest type for the organisation's name; below it the name wraps onto a second line
NAME_LINES = 2


def draw_letterhead(canvas: Canvas, org: Organisation) -> None:
    """The organisation's full name (smaller type, then two lines, where it is long), its address and contact line
    and a rule, all above TOP, so the text and a letter's address block (window envelopes) never move."""
    canvas.saveState()
    top = PAGE_HEIGHT - 14 * mm
    logo_width = _draw_logo(canvas, org.logo, top)
    width = TEXT_WIDTH - (logo_width + 6 * mm if logo_width else 0)
    canvas.setFillColor(colors.black)
    size, lines = name_lines(org.name, width)
    canvas.setFont(BOLD, size)
    one = len(lines) == 1  # two lines sit a little closer, to leave the rule room below the contact lines
    y = top - (5 if one else 4) * mm
    for line in lines:
        canvas.drawString(MARGIN_X, y, line)
        y -= size * 1.1
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(GREY)
    y = y + size * 1.1 - (5.5 if one else 4.6) * mm
    for line in _contact_lines(org):
        canvas.drawString(MARGIN_X, y, _fit(line, REGULAR, 8.5, width))
        y -= (4 if one else 3.7) * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, PAGE_HEIGHT - TOP + 6 * mm, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - TOP + 6 * mm)
    canvas.restoreState()


def name_lines(name: str, width: float) -> tuple[float, list[str]]:
    """The type size and lines the organisation's name is printed in: one line, in smaller type down to
    NAME_FLOOR where needed; else two lines; only a name too long even for that is cut with "…"."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    name = " ".join(printable(name or "").split())
    size = NAME_SIZE
    while size > NAME_FLOOR and stringWidth(name, BOLD, size) > width:
        size -= 0.5
    if stringWidth(name, BOLD, size) <= width:
        return size, [name]
    size = 12.0
    lines = wrap_lines(name, BOLD, size, width)
    if len(lines) > NAME_LINES:
        size = NAME_FLOOR
        lines = wrap_lines(name, BOLD, size, width)
    if len(lines) > NAME_LINES:
        lines = [*lines[:NAME_LINES - 1], _fit(" ".join(lines[NAME_LINES - 1:]), BOLD, size, width)]
    return size, lines


def _contact_lines(org: Organisation) -> list[str]:
    lines = [org.address.strip()] if org.address.strip() else []
    reach = [part.strip() for part in (_("Tel. {phone}").format(phone=org.phone) if org.phone.strip() else "",
                                       org.email, org.website) if part and part.strip()]
    if reach:
        lines.append("  ·  ".join(reach))
    return lines


def _draw_logo(canvas: Canvas, logo: bytes, top: float) -> float:
    """The logo at the top right, at most LOGO_BOX; returns the width used (0 without a usable logo)."""
    if not logo:
        return 0.0
    try:
        image = ImageReader(io.BytesIO(logo))
        width, height = image.getSize()
    except Exception:  # a damaged logo must not stop a letter  # noqa: BLE001
        return 0.0
    if not width or not height:
        return 0.0
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    w, h = width * scale, height * scale
    canvas.drawImage(image, PAGE_WIDTH - MARGIN_X - w, top - h + 1 * mm, w, h, mask="auto")
    return w


def draw_footer(canvas: Canvas, left: str, right: str, shorten: str = "") -> None:
    """The footer line; where `left` is too long, its part `shorten` (the organisation's name) is cut first."""
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, BOTTOM - 6 * mm, PAGE_WIDTH - MARGIN_X, BOTTOM - 6 * mm)
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN_X, BOTTOM - 10.5 * mm, fit_keeping(left, shorten, REGULAR, 8, TEXT_WIDTH * 0.7))
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, BOTTOM - 10.5 * mm, right)
    canvas.restoreState()


def fit_keeping(value: str, shorten: str, font: str, size: float, width: float) -> str:
    """`value` within `width` on one line, its part `shorten` cut with "…" first so the rest stays whole (then
    the whole is cut, as `_fit`, only where the rest alone is too wide)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    value = " ".join(printable(value or "").split())
    shorten = " ".join(printable(shorten or "").split())
    if stringWidth(value, font, size) <= width or not shorten or shorten not in value:
        return _fit(value, font, size, width)
    before, after = value.split(shorten, 1)
    room = width - stringWidth(before + after, font, size)
    if room > stringWidth("…", font, size) * 4:
        return before + _fit(shorten, font, size, room) + after
    return _fit(value, font, size, width)


def _fit(value: str, font: str, size: float, width: float) -> str:
    """Cut a one-line text with "…" so it stays within `width`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    value = " ".join(printable(value or "").split())
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


__all__ = ["FAMILY", "PageSetup", "Styles", "TEXT_WIDTH", "build_pdf", "paragraphs", "spacer", "styles", "text",
           "with_ending"]
