"""Folding text for loose comparison: headings, Dutch and English values, names."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s_\-./]+")


def fold(value: object) -> str:
    """Lower case, accents dropped, '_', '-', '.' and '/' read as spaces, spaces collapsed.

    'Coördinator ' → 'coordinator', 'VOG-datum' → 'vog datum', 'per_case' → 'per case'.
    """
    text = unicodedata.normalize("NFKD", str(value or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def name_key(value: object) -> str:
    """The key under which a person or organisation is found by name: case and accents ignored, inner spaces single."""
    text = unicodedata.normalize("NFKD", str(value or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(text.split())
