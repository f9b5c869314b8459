"""The preview window: a letter's PDF shown from memory, with Print… and Save as PDF…"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.ui.pages.outbox.pdf_pages import PDF_MODULE, pdf_document

try:
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - depends on what is installed
    QPdfView = None


class PreviewDialog(QDialog):
    """One document, shown until closed; deleted then, and its bytes with it."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None,
                 on_print: Callable[[], None] | None = None, on_save: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        self.view = self._body(data)
        layout.addWidget(self.view, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.print_button = self._action(_("Print…"), on_print)
        self.save_button = self._action(_("Save as PDF…"), on_save)
        layout.addWidget(self.buttons)
        self._fit_screen()

    def _body(self, data: bytes) -> QWidget:
        if not (PDF_MODULE and QPdfView is not None):
            label = QLabel(_("The preview needs Qt's PDF module, which is not installed. Print the letter or save it "
                             "as a PDF to read it."))
            label.setWordWrap(True)
            return label
        view = QPdfView(self)
        view.setAccessibleName(_("Preview"))
        self.document = pdf_document(data, self)  # outlives the view: the view lets go of it first
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        return view

    def _action(self, text: str, handler: Callable[[], None] | None):
        if handler is None:
            return None
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(handler)
        return button

    def _fit_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen else None
        height = min(available.height() - 60, 900) if available else 700
        self.resize(min(int(height * 0.82), 820), height)

    def page_count(self) -> int:
        return self.document.pageCount() if hasattr(self, "document") else 0
