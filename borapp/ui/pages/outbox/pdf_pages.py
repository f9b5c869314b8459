"""PDFs shown and printed from memory: a QPdfDocument over a QBuffer, never a temporary file.

Printing paints each page onto the QPrinter. A page from Qt's PDF module is an image, so when the chosen printer is
"print to file" (PDF) the document itself is written instead: the copy keeps its text and stays sharp.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from borapp.i18n import _
from borapp.services.errors import BorError

try:  # Qt's PDF module comes with the PySide6-Pdf wheel (see pyproject.toml)
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # pragma: no cover - depends on what is installed
    QPdfDocument = None

PDF_MODULE = QPdfDocument is not None
RASTER_DPI = 300  # enough for print; a 1200 dpi printer would otherwise get 140-megapixel pages


class PrintProblem(BorError):
    pass


def pdf_document(data: bytes, parent: QObject | None = None):
    """The PDF loaded from memory; the buffer lives as long as the document."""
    if not PDF_MODULE:
        raise PrintProblem(_("Qt's PDF module is not installed, so PDFs cannot be shown or printed here. Save the "
                             "PDF and open it in another program."))
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        document.deleteLater()
        raise PrintProblem(_("The document could not be read."))
    return document


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the document has its own margins; draw the page as it is
    return printer


def ask_and_print(parent: QWidget, data: bytes, title: str, save_file: Callable[[Path, bytes], object],
                  printer: QPrinter | None = None) -> bool:
    """The print dialog, then the document on the chosen printer; False when the user cancelled."""
    printer = printer or new_printer()
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print {title}").format(title=title))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_to(printer, data, save_file)
    return True


def print_to(printer: QPrinter, data: bytes, save_file: Callable[[Path, bytes], object]) -> None:
    """`data` on `printer`: the PDF itself for "print to file" of the whole document, else painted page by page."""
    whole = printer.fromPage() == 0 and printer.toPage() == 0
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName() and whole:
        save_file(Path(printer.outputFileName()), data)
        return
    document = pdf_document(data)
    try:
        paint_pages(document, printer)
    finally:
        document.deleteLater()


def paint_pages(document, printer: QPrinter) -> None:
    count = document.pageCount()
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = min(printer.toPage(), count) if printer.toPage() else count
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintProblem(_("The printer could not be started."))
    try:
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            _paint_page(painter, document, number - 1, printer)
    finally:
        painter.end()


def _paint_page(painter: QPainter, document, index: int, printer: QPrinter) -> None:
    points = document.pagePointSize(index)
    dpi = min(printer.resolution(), RASTER_DPI)
    image = document.render(index, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
    target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    target.moveTo(0, 0)
    scale = min(target.width() / image.width(), target.height() / image.height())
    painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
