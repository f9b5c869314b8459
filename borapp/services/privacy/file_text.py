"""The text of a kept file, read to check it for a confidential address before it leaves the vault.

A letter made here and a document saved as PDF have text (pypdf reads it); so do plain-text, Word and OpenDocument
files. A scan or a photo has none a program can read: `readable_text` gives None for it, and the caller must treat
such a file as unchecked, never as clean.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

_XML_TEXT = {"word/document.xml", "content.xml"}  # .docx, .odt
_PARAGRAPH_END = re.compile(r"</(?:w:p|text:p|text:h)>")
_TAG = re.compile(r"<[^>]+>")
_TEXT_SUFFIXES = (".txt", ".csv", ".eml", ".md", ".html", ".htm", ".xml", ".json")


def readable_text(data: bytes, filename: str = "", mime: str = "") -> str | None:
    """The file's text, or None when it has none to read (a scan, a photo, a damaged or unknown file)."""
    name = filename.lower()
    try:
        if data.startswith(b"%PDF"):
            text = _pdf_text(data)
        elif data.startswith(b"PK") and name.endswith((".docx", ".odt")):
            text = _zipped_xml_text(data)
        elif mime.startswith("text/") or name.endswith(_TEXT_SUFFIXES):
            text = data.decode("utf-8", errors="replace")
        else:
            return None
    except Exception:  # noqa: BLE001 - a file that cannot be read is unchecked, whatever the reader's complaint
        return None
    return text if text and text.strip() else None


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader  # only an access export reads PDFs

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are no news to the user
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _zipped_xml_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n in _XML_TEXT]
        xml = "".join(archive.read(n).decode("utf-8", errors="replace") for n in names)
    return _TAG.sub("", _PARAGRAPH_END.sub("\n", xml))
