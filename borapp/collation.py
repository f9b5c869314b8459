"""Names and words in the order a Dutch reader looks for them: accents and capitals do not move a word, so Élise
sorts beside Elise and before Zoë, Özlem beside Oscar (Python's own order puts every accented capital after Z).

Accents are set aside by Unicode decomposition (NFKD without combining marks) and capitals by casefold; the text
itself breaks ties, so the order is total and stable. Used wherever the app sorts names in Python; pure Python, so
the models, services and the UI can all use it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65_536)  # every name of a large vault: lists are sorted again at each refresh
def folded(text: str) -> str:
    """`text` without accents and capitals: "Özlem" → "ozlem"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()


def sort_key(text: str | None) -> tuple[str, str]:
    """A key for `sorted`: the text without accents and capitals, then the text itself."""
    text = text or ""
    return folded(text), text
