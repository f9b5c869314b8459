"""Translations: English msgids, Dutch first.

The Dutch catalog is read from `translations/<lang>/LC_MESSAGES/borapp.po` and compiled in memory at first use, so
a clone works without a build step and no compiled file is written anywhere; a bundle ships the `.mo` that
`installer/build.py` compiled, which is read instead when it is at least as new as the `.po`. The system locale is never consulted:
the language is what the caller sets (``--lang``, the vault's setting) and Dutch otherwise.

Two layers: `set_language` sets the user's language for the whole process (the screen, the CLI's messages), and
`in_language` overrides it for one block in the current thread or task only (a context variable), so a document
rendered in its own language on a worker thread never changes what the UI thread shows.
"""

from __future__ import annotations

import gettext
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from borapp.paths import data_dir

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
TRANSLATIONS_DIR = data_dir() / "translations"
_DOMAIN = "borapp"

_current = DEFAULT_LANGUAGE
_block_language: ContextVar[str | None] = ContextVar("borapp_block_language", default=None)


def po_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{_DOMAIN}.po"


@lru_cache(maxsize=None)
def _catalog(lang: str) -> gettext.NullTranslations:
    path = po_path(lang)
    compiled = path.with_suffix(".mo")
    if lang != "en" and compiled.exists() and (not path.exists() or compiled.stat().st_mtime >= path.stat().st_mtime):
        with compiled.open("rb") as fh:
            return gettext.GNUTranslations(fh)
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
    """The language in force here: the block's (`in_language`) if any, else the user's."""
    return _block_language.get() or _current


@contextmanager
def in_language(lang: str | None) -> Iterator[str]:
    """Messages, dates and numbers in `lang` inside the block, in this thread only; the user's language is untouched."""
    token = _block_language.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield _block_language.get()
    finally:
        _block_language.reset(token)


def babel_locale() -> str:
    return "nl_NL" if language() == "nl" else "en_GB"


def _(message: str) -> str:
    return _catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


class Said(str):
    """A message in the language of now that remembers its English msgid and values: what is kept of it (`kept`,
    JSON) is said again in the language of whenever it is read (`said_again`), not of the moment it was made.
    Made as `Said(N_("The office server {url} …"), url=url)`."""

    msgid: str
    params: dict

    def __new__(cls, msgid: str, **params) -> Said:
        text = _(msgid)
        made = super().__new__(cls, text.format(**params) if params else text)
        made.msgid, made.params = msgid, params
        return made

    def kept(self) -> str:
        return json.dumps({"msgid": self.msgid, "params": self.params}, ensure_ascii=False, default=str)


def said_again(kept: str) -> str:
    """`Said.kept()`'s message in the language of now; any other text (kept before there was `Said`) as it is."""
    try:
        found = json.loads(kept)
        return Said(found["msgid"], **found["params"])
    except (ValueError, TypeError, KeyError, IndexError):
        return kept
