"""Records that are facts once finished (issue 14: append-only): a visit whose report is finished, a letter that
was sent or exported. The service never changes or deletes one after that; an operation that would is dropped and
answered `final`, and the laptop keeps what it carried in another way (a visit's as an addendum: sync/facts.py).
Corrections are new records (addenda, a new letter), so facts never conflict."""

from __future__ import annotations

FINAL = {
    "visit": lambda fields: fields.get("report_final_on") is not None,
    "letter": lambda fields: fields.get("state") in ("sent", "exported"),
}


def is_final(type_: str, fields: dict) -> bool:
    rule = FINAL.get(type_)
    return rule is not None and rule(fields)
