"""Names and words in the order a Dutch reader looks for them: accents and capitals do not move a word, so Élise
sorts beside Elise and before Zoë, Özlem beside Oscar (Python's own order puts every accented capital after Z).

Accents are set aside by Unicode decomposition (NFKD without combining marks) and capitals by casefold; the text
itself breaks ties, so the order is total and stable. Used wherever the app sorts names in Python; pure Python, so
the models, services and the UI can all use it. Case numbers sort by their numbers' values (`natural`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DIGITS = re.compile(r"([0-9]+)")  # captured: split() keeps the runs at the odd places


@lru_cache(maxsize=65_536)  # every name of a large vault: lists are sorted again at each refresh
def folded(text: str) -> str:
    """`text` without accents and capitals: "Özlem" → "ozlem"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()


def sort_key(text: str | None) -> tuple[str, str]:
    """A key for `sorted`: the text without accents and capitals, then the text itself."""
    text = text or ""
    return folded(text), text


@lru_cache(maxsize=65_536)  # every case number of a large vault: the list is sorted again at each refresh
def natural(text: str) -> str:
    """A key in which numbers count by their value, whatever their number of digits: BOR-2021-100, BOR-2021-101, ...,
    BOR-2021-999, BOR-2021-1000 (as plain text 1000 came between 100 and 101). Each run of digits is written as its
    length (five digits) and then the digits without leading zeros, so a longer number always sorts after a shorter
    one; capitals do not count. A plain string, so SQL can ORDER BY it (`natural_key(x)`) with one call per row."""
    parts = _DIGITS.split(text.casefold())
    parts[1::2] = [f"{len(digits):05d}{digits}" for digits in (run.lstrip("0") or "0" for run in parts[1::2])]
    return "".join(parts)
