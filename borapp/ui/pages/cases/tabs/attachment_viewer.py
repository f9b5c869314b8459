"""Showing an attachment from memory: images, PDFs (when Qt's PDF module is installed) and text, never via a temp file.

What cannot be shown here gets a plain explanation and a "Save a copy…" button, with the warning that a copy on
disk is not encrypted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _
from borapp.services.cases.attachments import AttachmentContent

try:  # the PDF viewer comes with the PySide6-Addons wheel, which Essentials does not include
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - depends on what is installed
    QPdfDocument = QPdfView = None

PDF_VIEWER = QPdfDocument is not None
TEXT_TYPES = ("application/json", "application/xml", "application/csv")


def content_kind(content: AttachmentContent) -> str:
    """"image", "pdf", "text" or "other", from the mime type and the first bytes."""
    mime = content.mime_type.lower()
    if mime == "application/pdf" or content.content.startswith(b"%PDF-"):
        return "pdf"
    if mime.startswith("image/"):
        return "image"
    if mime.startswith("text/") or mime in TEXT_TYPES:
        return "text"
    return "other"


def decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class ViewerDialog(QDialog):
    """A window showing one attachment; deleted when closed, so its bytes go with it."""

    def __init__(self, content: AttachmentContent, body: QWidget, parent: QWidget | None = None,
                 save_copy: Callable[[], None] | None = None, shows_content: bool = True):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(content.filename)
        self.setAccessibleName(content.filename)
        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.save_button = None
        if save_copy is not None:
            self.save_button = self.buttons.addButton(_("Save a copy…"), QDialogButtonBox.ButtonRole.ActionRole)
            self.save_button.setAccessibleName(_("Save an unencrypted copy"))
            self.save_button.clicked.connect(save_copy)
        layout.addWidget(self.buttons)
        self.body = body
        self.shows_content = shows_content  # False: the body says why the file cannot be shown


def viewer(content: AttachmentContent, parent: QWidget, save_copy: Callable[[], None] | None) -> ViewerDialog:
    kind = content_kind(content)
    body: QWidget | None = None
    if kind == "image":
        body = _image_body(content.content)
    elif kind == "pdf" and PDF_VIEWER:
        body = _pdf_body(content.content)
    elif kind == "text":
        body = _text_body(content.content)
    if body is None:
        return ViewerDialog(content, _cannot_show_body(kind, save_copy is not None), parent, save_copy, shows_content=False)
    dialog = ViewerDialog(content, body, parent)
    screen = QGuiApplication.primaryScreen().availableGeometry().size() if QGuiApplication.primaryScreen() else None
    width, height = (screen.width() * 3 // 4, screen.height() * 3 // 4) if screen else (900, 600)
    dialog.resize(min(width, 1000), min(height, 700))
    return dialog


def _image_body(data: bytes) -> QWidget | None:
    image = QImage.fromData(data)
    if image.isNull():
        return None
    label = QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName(_("Image"))
    label.setPixmap(QPixmap.fromImage(image).scaled(960, 620, Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation)
                    if image.width() > 960 or image.height() > 620 else QPixmap.fromImage(image))
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(label)
    return scroll


def _text_body(data: bytes) -> QWidget:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setPlainText(decode_text(data))
    view.setAccessibleName(_("File contents"))
    return view


def _pdf_body(data: bytes) -> QWidget:
    """A PDF shown from memory. Children are made view first, document, then buffer: Qt deletes children in that
    order, so the view never outlives the document it draws (the other order crashes when the window closes)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    view = QPdfView(holder)
    view.setAccessibleName(_("PDF"))
    layout.addWidget(view)
    document = QPdfDocument(holder)
    buffer = QBuffer(holder)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    view.setDocument(document)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    return holder


def _cannot_show_body(kind: str, can_save: bool) -> QWidget:
    why = (_("PDFs cannot be shown here: the PDF viewer is not installed.") if kind == "pdf"
           else _("Files of this kind cannot be shown here."))
    label = QLabel(why + ("\n\n" + _("You can save a copy and open it in another program. The copy is not "
                                     "encrypted: keep it only as long as you need it, then delete it.")
                          if can_save else ""))
    label.setWordWrap(True)
    label.setMinimumWidth(420)
    label.setAccessibleName(why)
    return label
