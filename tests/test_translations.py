"""The Dutch catalog: every message in the code has a Dutch translation, none fuzzy, placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from borapp import i18n

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sd]|%[sd]")


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        ROOT / "borapp", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.fixture(scope="module")
def catalog():
    with i18n.po_path("nl").open("rb") as fh:
        return read_po(fh, locale="nl")


def test_every_source_message_is_in_the_dutch_catalog(catalog):
    missing = sorted(m for m in _source_messages() if m not in catalog)
    assert not missing, f"{len(missing)} messages missing from nl catalog, run scripts/update-translations: {missing[:10]}"


def test_every_message_is_translated_and_not_fuzzy(catalog):
    untranslated = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_placeholders_match(catalog):
    wrong = []
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = sorted(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            if sorted(PLACEHOLDER.findall(s)) != want:
                wrong.append((ids[0], s))
    assert not wrong, f"placeholder mismatch: {wrong[:5]}"


def test_dutch_is_the_default_and_english_is_the_msgid():
    i18n.set_language(None)
    assert i18n.language() == "nl"
    assert i18n._("The vault is locked.") == "De kluis is vergrendeld."
    i18n.set_language("en")
    assert i18n._("The vault is locked.") == "The vault is locked."


def test_no_message_is_marked_where_the_extractor_cannot_see_it():
    """`_("...")` inside an f-string is translated at run time but never reaches the catalog: write it outside."""
    import ast

    hidden = []
    for path in (ROOT / "borapp").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in KEYWORDS \
                            and inner.args and isinstance(inner.args[0], ast.Constant):
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not hidden, hidden


def test_the_dutch_says_u_never_je(catalog):
    """UI.md: the app addresses the coordinator with "u"; one "je" among them reads careless."""
    informal = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf)\b", re.IGNORECASE)
    found = [m.string for m in catalog if m.id and isinstance(m.string, str) and informal.search(m.string)]
    assert not found, found
