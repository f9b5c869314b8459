"""Short texts broken into lines of a given width at spaces and after hyphens, for text drawn line by line (the
letterhead) and for names in narrow columns: reportlab's own wrapping cuts a word wider than its column anywhere
("…Oldenbarnevelt-Hoogstrat" / "en"), where a break after the hyphen fits."""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth

from borapp.services.documents.fonts import printable

_AFTER_HYPHEN = re.compile(r"(?<=-)(?=[^-])")


def wrap_lines(value: str, font: str, size: float, width: float) -> list[str]:
    """`value` as lines no wider than `width`: broken at spaces, else after a hyphen inside a word; a word is cut
    inside only where even its part alone is wider than `width`."""
    lines: list[str] = []
    line = ""
    for word in " ".join(printable(value or "").split()).split(" "):
        for index, piece in enumerate(part for part in _AFTER_HYPHEN.split(word) if part):
            joined = f"{line} {piece}" if line and index == 0 else line + piece
            if stringWidth(joined, font, size) <= width:
                line = joined
                continue
            if line:
                lines.append(line)
            line = piece
            while stringWidth(line, font, size) > width and len(line) > 1:  # no break fits: cut where it must
                cut = _longest_fit(line, font, size, width)
                lines.append(line[:cut])
                line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _longest_fit(value: str, font: str, size: float, width: float) -> int:
    cut = len(value) - 1
    while cut > 1 and stringWidth(value[:cut], font, size) > width:
        cut -= 1
    return cut
