"""The templates' synthetic example rows, and recognising one in a file to import.

The example row is there to show how the cells are written; imported as it stands it made a case (or volunteer) with
a fake organisation, municipality and coordinator, without a word. A row that is the example, in Dutch or English
words (as the template writes it in either language, or as a spreadsheet program saved it again), is skipped.
"""

from __future__ import annotations

import datetime as dt

from borapp.services import typed_dates
from borapp.services.importer import vocab
from borapp.services.importer.text import fold
from borapp.services.importer.children import parse_children
from borapp.services.importer.values import (
    BadValue, is_empty, parse_availability, parse_date, parse_languages, slot_words,
)

EXAMPLES = {
    "cases": {
        "case_ref": "VOORBEELD-001", "registered_on": "2024-03-05", "route": "court", "municipality": "Voorbeeldstad",
        "funding": "per_case", "referrer_name": "Voorbeeld Jeugdbescherming", "referrer_kind": "youth_protection",
        "referrer_email": "verwijzer@voorbeeld.example", "resident_parent_name": "Anna Voorbeeld",
        "resident_parent_address": "Voorbeeldstraat 1, 1234 AB Voorbeeldstad",
        "resident_parent_address_confidential": "yes", "resident_parent_email": "anna@voorbeeld.example",
        "resident_parent_phone": "06-12345678", "other_parent_name": "Bram Voorbeeld",
        "other_parent_address": "Proefweg 2, 1234 CD Voorbeeldstad", "other_parent_address_confidential": "no",
        "other_parent_email": "bram@voorbeeld.example", "other_parent_phone": "+31 6 87654321",
        "children": "Sam Voorbeeld (12-4-2018); Noor Voorbeeld (30-9-2020)", "coordinator": "Coördinator Voorbeeld",
        "status": "intake", "outcome": "", "outcome_reason": "", "closed_on": "", "volunteer": "",
    },
    "volunteers": {
        "name": "Vera Voorbeeld", "email": "vera@voorbeeld.example", "phone": "06-11223344", "region": "Kennemerland/Alkmaar",
        "vog_date": "2023-01-15", "trained_on": "2023-02-04", "max_cases": "2", "active": "yes",
        "joined_on": "2023-02-01", "left_on": "", "gender": "f", "languages": "nl; en",
        "availability": "mon-morning; sat-afternoon",
    },
}
KEY_COLUMN = {"cases": "case_ref", "volunteers": "name"}

WORDS = {  # the columns whose cells are one of a few words: in Dutch the template writes the Dutch word
    "route": vocab.ROUTES, "funding": vocab.FUNDING, "referrer_kind": vocab.REFERRER_KINDS, "status": vocab.STATUSES,
    "outcome": vocab.OUTCOMES, "resident_parent_address_confidential": vocab.YES_NO,
    "other_parent_address_confidential": vocab.YES_NO, "active": vocab.YES_NO, "gender": vocab.GENDERS,
}


def example_cell(kind: str, column: str, dutch: bool) -> str:
    """The example's cell as the template writes it: the words of the template's language ("vrouw", "female";
    "ma-ochtend", "mon-morning"), a date as the app writes it (15-1-2023, not 2023-01-15)."""
    value = EXAMPLES[kind].get(column, "")
    if value and _is_date(column):
        return typed_dates.date_text(dt.date.fromisoformat(value))
    if column == "languages":
        return "; ".join(vocab.LANGUAGES.word(code.strip(), dutch) for code in value.split(";"))
    if column == "availability":
        return "; ".join(slot_words(*slot.strip().split("-"), dutch=dutch) for slot in value.split(";"))
    return WORDS[column].word(value, dutch) if value and column in WORDS else value


def is_example(kind: str, columns: dict[str, int], cells: list[object]) -> bool:
    """Whether the row holds the example in every column the file has (`columns`: canonical column → position),
    its identifying one included."""
    if KEY_COLUMN[kind] not in columns:
        return False
    return all(_same(kind, column, cells[position] if position < len(cells) else "")
               for column, position in columns.items())


def _same(kind: str, column: str, cell: object) -> bool:
    example = EXAMPLES[kind].get(column, "")
    if is_empty(cell) or not example:
        return is_empty(cell) and not example
    if isinstance(cell, dt.date) or _is_date(column):
        return _date(cell) == _date(example)
    if column in WORDS:
        return WORDS[column].get(fold(cell)) == example
    if column in READ:  # as any template wrote it: "nl; en", "Dutch; English" or "nederlands; engels"
        return _read(column, cell) == _read(column, example)
    return fold(cell) in {fold(example_cell(kind, column, dutch)) for dutch in (False, True)}


READ = {"languages": parse_languages, "availability": parse_availability,
        "children": lambda cell: [(fold(c.name), c.birth_date) for c in parse_children(cell)]}


def _read(column: str, cell: object):
    try:
        return READ[column](cell)
    except BadValue:
        return None


def _is_date(column: str) -> bool:
    return column.endswith("_on") or column == "vog_date"


def _date(value: object) -> dt.date | None:
    try:
        return parse_date(value)
    except BadValue:
        return None
