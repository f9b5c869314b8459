"""Records that are facts once finished (issue 14: append-only): a visit whose report is finished, a letter that
was sent or exported. The service never changes or deletes one after that; an operation that would is dropped and
answered `final`, and the laptop keeps what it carried in another way (a visit's as an addendum: sync/facts.py).
Corrections are new records (addenda, a new letter), so facts never conflict.

One kind of operation is taken all the same: filling in a date an older version never sent (FILLED_IN), which the
laptop that made the record sends once after its upgrade (services/sync/dates.py). It is what the record always
was, not a change to it."""

from __future__ import annotations

FINAL = {
    "visit": lambda fields: fields.get("report_final_on") is not None,
    "letter": lambda fields: fields.get("state") in ("sent", "exported"),
}
# Since vault revision 0042 these travel; the records made before went without them
FILLED_IN = {"letter": frozenset({"made_at"}), "contract": frozenset({"drawn_up_on"})}


def is_final(type_: str, fields: dict) -> bool:
    rule = FINAL.get(type_)
    return rule is not None and rule(fields)


def fills_in(type_: str, changes: dict) -> bool:
    """Whether the changes ({name: Change}) only fill in FILLED_IN dates, each from nothing."""
    names = FILLED_IN.get(type_)
    return bool(names) and bool(changes) and all(name in names and change.old is None
                                                 for name, change in changes.items())


def refuses(type_: str, fields: dict, changes: dict) -> bool:
    """An upsert of these changes would change a finished fact (filling in a date does not)."""
    return is_final(type_, fields) and not fills_in(type_, changes)
