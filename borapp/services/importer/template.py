"""The import templates: a CSV with the headings and one synthetic example row, in the user's language."""

from __future__ import annotations

import csv
import io

from borapp.i18n import language
from borapp.services.importer.columns import COLUMNS, heading
from borapp.services.importer.examples import example_cell
from borapp.services.importer.pipeline import check_kind


def write_template(kind: str) -> str:
    """In Dutch: Dutch headings and words, ';'-separated as Dutch Excel opens it (the English headings and codes
    were all a Dutch coordinator saw, and then saw again in every message about her rows); else the canonical ones."""
    check_kind(kind)
    dutch = language() == "nl"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dutch else ",", lineterminator="\n")
    writer.writerow([heading(kind, column) for column in COLUMNS[kind]])
    writer.writerow([example_cell(kind, column, dutch) for column in COLUMNS[kind]])
    return out.getvalue()

