"""The import templates: a CSV with the headings and one synthetic example row, in the user's language."""

from __future__ import annotations

import csv
import io

from borapp.i18n import language
from borapp.services.importer import vocab
from borapp.services.importer.columns import COLUMNS, heading
from borapp.services.importer.pipeline import check_kind

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
        "children": "Sam Voorbeeld (2018-04-12); Noor Voorbeeld (2020-09-30)", "coordinator": "Coördinator Voorbeeld",
        "status": "intake", "outcome": "", "outcome_reason": "", "closed_on": "", "volunteer": "",
    },
    "volunteers": {
        "name": "Vera Voorbeeld", "email": "vera@voorbeeld.example", "phone": "06-11223344", "region": "Kennemerland",
        "vog_date": "2023-01-15", "trained_on": "2023-02-04", "max_cases": "2", "active": "yes",
        "joined_on": "2023-02-01", "left_on": "", "gender": "f", "languages": "nl; en",
        "availability": "ma-ochtend; za-middag",
    },
}


WORDS = {  # the columns whose cells are one of a few words: in Dutch the template writes the Dutch word
    "route": vocab.ROUTES, "funding": vocab.FUNDING, "referrer_kind": vocab.REFERRER_KINDS, "status": vocab.STATUSES,
    "outcome": vocab.OUTCOMES, "resident_parent_address_confidential": vocab.YES_NO,
    "other_parent_address_confidential": vocab.YES_NO, "active": vocab.YES_NO, "gender": vocab.GENDERS,
}


def write_template(kind: str) -> str:
    """In Dutch: Dutch headings and words, ';'-separated as Dutch Excel opens it (the English headings and codes
    were all a Dutch coordinator saw, and then saw again in every message about her rows); else the canonical ones."""
    check_kind(kind)
    dutch = language() == "nl"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dutch else ",", lineterminator="\n")
    writer.writerow([heading(kind, column) for column in COLUMNS[kind]])
    writer.writerow([_example(kind, column, dutch) for column in COLUMNS[kind]])
    return out.getvalue()


def _example(kind: str, column: str, dutch: bool) -> str:
    value = EXAMPLES[kind].get(column, "")
    if column == "languages" and dutch:
        return "; ".join(vocab.LANGUAGES.word(code.strip(), True) for code in value.split(";"))
    return WORDS[column].word(value, dutch) if value and column in WORDS else value
