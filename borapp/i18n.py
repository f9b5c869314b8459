"""Translations: English msgids, Dutch first.

The Dutch catalog is read from `translations/<lang>/LC_MESSAGES/borapp.po` and compiled in memory at first use, so
a clone works without a build step and no compiled file is written anywhere. The system locale is never consulted:
the language is what the caller sets (``--lang``, the vault's setting) and Dutch otherwise.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
_DOMAIN = "borapp"

_current = DEFAULT_LANGUAGE


def po_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{_DOMAIN}.po"


@lru_cache(maxsize=None)
def _catalog(lang: str) -> gettext.NullTranslations:
    path = po_path(lang)
    if lang == "en" or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def set_language(lang: str | None) -> str:
    """Make `lang` the language of every later message; unknown or empty means Dutch."""
    global _current
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return _current


def language() -> str:
    return _current


def babel_locale() -> str:
    return "nl_NL" if _current == "nl" else "en_GB"


def _(message: str) -> str:
    return _catalog(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message
