"""Long names on the page: the organisation's full legal name heads every page (smaller type, then two lines,
never "Stichting Begeleide Omgang Kennemerland en…"), the footer keeps the case number whole and shortens the name
instead, and a signer's long name breaks at a space or hyphen, not mid-word."""

from __future__ import annotations

import base64
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from borapp.models import Case
from borapp.services import settings
from borapp.services.documents.contract import render_contract
from borapp.services.documents.layout import PAGE_HEIGHT, TOP
from borapp.services.documents.letters import render_letter
from tests.helpers.documents_support import ORGANISATION, TODAY, full_case, pages, set_organisation

LONG_NAME = "Stichting Begeleide Omgang Kennemerland en West-Friesland BV"
REF = "BOR-2026-00123"


def _logo() -> str:
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtCore import QBuffer

    image = QImage(450, 200, QImage.Format.Format_RGB32)  # as wide as the logo box: the name gets the least room
    image.fill(QColor("#2A6F97"))
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(buffer.data())).decode()


@pytest.fixture
def case_id(workspace):
    set_organisation(workspace, ORGANISATION | {"organisation.name": LONG_NAME})
    settings.write_settings(workspace, {"organisation.logo": _logo()})
    return full_case(workspace, REF)


def _lines(pdf: bytes, page: int = 0) -> list[tuple[float, str]]:
    """(height on the page, text) of each run of text on a page, top first."""
    found: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((round(cm[5] + tm[5] * cm[3], 1), text.strip()))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return sorted(found, key=lambda item: -item[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_full_name_of_the_organisation_heads_every_page(workspace, case_id, lang):
    documents = [render_letter(workspace, case_id, kind, lang, today=TODAY).pdf for kind in ("intake", "closing")]
    documents.append(render_contract(workspace, case_id, lang, today=TODAY).pdf)
    rule = PAGE_HEIGHT - TOP + 6 * mm
    for pdf in documents:
        for number, text in enumerate(pages(pdf)):
            assert LONG_NAME in text, text[:200]
            head = [line for y, line in _lines(pdf, number) if y > rule]
            assert "Kennemerland en…" not in " ".join(head)
            assert any("Postbus 77" in line for line in head), "the address stays in the letterhead, above the rule"


def test_a_two_line_name_moves_neither_the_address_block_nor_the_text(workspace, case_id):
    """The address block sits where a window envelope shows it, whatever the length of the name."""
    long = _lines(render_letter(workspace, case_id, "intake", "nl", today=TODAY).pdf)
    set_organisation(workspace, ORGANISATION)
    short = _lines(render_letter(workspace, case_id, "intake", "nl", today=TODAY).pdf)
    rule = PAGE_HEIGHT - TOP + 6 * mm
    assert [item for item in long if item[0] < rule][:6] == [item for item in short if item[0] < rule][:6]
    assert len([y for y, _line in long if y > rule]) == len([y for y, _line in short if y > rule]) + 1


@pytest.mark.parametrize("lang, case_word", [("nl", "dossier"), ("en", "case")])
def test_the_footer_keeps_the_case_number_whole(workspace, case_id, lang, case_word):
    pdf = render_letter(workspace, case_id, "closing", lang, today=TODAY).pdf
    footer = [line for y, line in _lines(pdf) if y < 20 * mm]
    assert any(line.endswith(f"· {case_word} {REF}") for line in footer), footer
    assert any(line.startswith("Stichting Begeleide") and "…" in line for line in footer), footer


def test_a_long_name_in_the_signature_block_breaks_between_words(workspace, case_id):
    with workspace.session() as session:
        case = session.get(Case, case_id)
        next(p for p in case.parents if p.role == "other").name = "Mehmet Çelik-Ğüneş van Oldenbarnevelt-Hoogstraten"
    text = pages(render_contract(workspace, case_id, "nl", today=TODAY).pdf)[-1]
    words = text.split()
    assert "Hoogstraten" in words and "Oldenbarnevelt-" in words, text
