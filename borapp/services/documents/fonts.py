"""The one typeface of every document: DejaVu Sans, shipped in `resources/fonts/` and embedded (subset) in each PDF.

Every Dutch character, €, ĳ are in it; most emoji are not (`printable`). Registered once with reportlab under the names below; nothing in a document
uses reportlab's standard (unembedded) Helvetica: `layout` sets it as the canvas's `initialFontName` and every style
and table names it.
"""

from __future__ import annotations

import unicodedata

from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from borapp.paths import data_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
FAMILY = REGULAR
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf"}


def font_dir() -> Path:
    """`resources/fonts` of the checkout, the installed wheel or the PyInstaller bundle."""
    return data_dir() / "resources" / "fonts"


@lru_cache(maxsize=None)
def register_fonts() -> str:
    """Register the family (idempotent) and return the regular font's name."""
    folder = font_dir()
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    # <b>, <i> and <b><i> in paragraphs map onto the family; there is no bold oblique, bold stands in for it.
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, OBLIQUE)
    addMapping(FAMILY, 1, 1, BOLD)
    return REGULAR


# Marks that only shape the emoji before them (skin tones, gender signs joined by ZWJ, the emoji presentation
# selector): without their emoji they would stand alone.
_SHAPING = {"\u200d", "\ufe0e", "\ufe0f"} | {chr(c) for c in range(0x1F3FB, 0x1F400)}


def printable(value: str) -> str:
    """`value` without the symbols the typeface lacks (an emoji copied from a parent's message into a note), which a
    PDF shows as empty boxes and which cut the rest of the line from the PDF's text (a search, a screen reader).
    Letters the typeface lacks (a name in a script it does not cover) stay: a box says something is there."""
    glyphs = _glyphs()
    kept, dropped = [], False
    for char in value or "":
        if ord(char) in glyphs and not (dropped and char in _SHAPING):
            kept.append(char)
            dropped = False
        elif ord(char) not in glyphs and not unicodedata.category(char).startswith(("S", "C")):
            kept.append(char)  # a letter, digit or mark
        else:
            dropped = dropped or ord(char) not in glyphs
    return "".join(kept)


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)
