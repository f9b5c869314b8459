"""A letter signs off once. The PDF puts "Met vriendelijke groet," and the signature (the coordinator, the
organisation) under the text; a text that ends with a closing of its own (an organisation's template, an edited
letter, a letter proposed by an older version) keeps it, and the PDF then adds only the signature.

A closing followed by nothing but names the signature prints anyway ("Met vriendelijke groet,\\nBOR Noord") is
taken out of the text instead, so the letter reads as every other one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from borapp.i18n import LANGUAGES, _, in_language

# How letters sign off, in Dutch and English; what follows the words may be a comma, a full stop or nothing.
_PHRASES = (
    "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "vriendelijke groeten",
    "met hartelijke groet", "met hartelijke groeten", "hartelijke groet", "hartelijke groeten", "hoogachtend",
    "met een vriendelijke groet", "groeten", "kind regards", "with kind regards", "best regards", "regards",
    "yours sincerely", "yours faithfully", "sincerely", "best wishes", "warm regards",
)
LAST_LINES = 4  # a closing is one of the text's last few lines, never a sentence in the middle of it


def closing_words() -> str:
    """The closing the PDF prints, in the document's language."""
    return _("Kind regards,")


def is_closing(line: str) -> bool:
    words = re.sub(r"[\s,.!;:]+$", "", " ".join(line.split())).lower()
    return bool(words) and (words in _PHRASES or words in _translated())


def settle(body: str, signature: Iterable[str]) -> tuple[str, bool]:
    """(the text to print, whether it signs off itself). A closing among the last lines followed only by names
    the signature prints (`signature`) goes; one followed by anything else stays, and then the PDF adds none."""
    lines = body.rstrip().split("\n")
    found = _closing_line(lines)
    if found is None:
        return body.strip(), False
    names = {" ".join(name.split()).lower() for name in signature if name and name.strip()}
    after = [" ".join(line.split()).lower() for line in lines[found + 1:] if line.strip()]
    if all(line in names for line in after):
        return "\n".join(lines[:found]).strip(), False
    return body.strip(), True


def split_off(body: str) -> tuple[str, str]:
    """(the text before its own closing, the closing and what follows it); ("the text", "") without one."""
    lines = body.rstrip().split("\n")
    found = _closing_line(lines)
    if found is None:
        return body.strip(), ""
    return "\n".join(lines[:found]).strip(), "\n".join(lines[found:]).strip()


def _closing_line(lines: list[str]) -> int | None:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return next((i for i in reversed(filled[-LAST_LINES:]) if is_closing(lines[i])), None)


def _translated() -> set[str]:
    found = set()
    for lang in LANGUAGES:
        with in_language(lang):
            found.add(re.sub(r"[\s,.!;:]+$", "", closing_words()).lower())
    return found
