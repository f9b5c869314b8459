"""Small things every document shares: its language, the line to fill in by hand, and the list of what is missing.

A document is rendered in its own language (`borapp.i18n.in_language`, local to the rendering thread), so the
user's screen stays in the user's language; `Missing` keeps msgids and translates them only when asked, outside
the document's language, because the list is for the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from borapp.i18n import LANGUAGES, _
from borapp.services import settings

FILL = "_" * 22  # printed where something is not known yet, to fill in by hand
PDF_LANG = {"nl": "nl-NL", "en": "en-GB"}


def document_language(session, lang: str | None) -> str:
    """`lang` when given, else the vault's language setting: documents are Dutch unless the language says otherwise."""
    if lang in LANGUAGES:
        return lang
    return settings.get(session, "language") or "nl"


@dataclass
class Missing:
    """What a document could not fill in; msgids with their values, translated when read."""

    items: list[tuple[str, dict]] = field(default_factory=list)

    def add(self, msgid: str, **values: str) -> str:
        """Note `msgid` as missing and return the fill-in line to print in its place."""
        if (msgid, values) not in self.items:
            self.items.append((msgid, values))
        return FILL

    def texts(self) -> list[str]:
        """One line each, in the current (the user's) language."""
        return [_(msgid).format(**values) for msgid, values in self.items]


def or_fill(value: str, missing: Missing, msgid: str, **values: str) -> str:
    """`value`, or the fill-in line with `msgid` noted as missing."""
    return value if value and value.strip() else missing.add(msgid, **values)
