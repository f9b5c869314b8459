"""The import templates: a CSV with the canonical headings and one synthetic example row."""

from __future__ import annotations

import csv
import io

from borapp.services.importer.columns import COLUMNS
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


def write_template(kind: str) -> str:
    check_kind(kind)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(COLUMNS[kind]))
    writer.writerow([EXAMPLES[kind].get(column, "") for column in COLUMNS[kind]])
    return out.getvalue()
