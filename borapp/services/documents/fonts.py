"""The one typeface of every document: DejaVu Sans, shipped in `resources/fonts/` and embedded (subset) in each PDF.

Every Dutch character, €, ĳ are in it. Registered once with reportlab under the names below; nothing in a document
uses reportlab's standard (unembedded) Helvetica: `layout` sets it as the canvas's `initialFontName` and every style
and table names it.
"""

from __future__ import annotations

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
