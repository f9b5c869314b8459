"""The day a contract version was drawn up and the moment a letter was made travel since vault revision 0042. The
records made before went without them: migration 0042 took each from `created_at`, which is right only on the
laptop that made the record (on a colleague's it is the day the record arrived there, and a laptop that joined
later has the day it joined). So once, after the upgrade, the laptop that made each record sends its date as an
ordinary change from nothing; the server takes it even on a letter sent meanwhile (server/facts.py, FILLED_IN), and
the colleagues' laptops apply it over the value their migration gave."""

from __future__ import annotations

from sqlalchemy import func, insert, select

from borapp.models import Contract, Letter, SyncIdentity, SyncOp
from borapp.services.sync.capture import op_row
from borapp.services.sync.records import encode

SINCE = 42  # the vault revision from which the dates travel
DATES = {"contract": "drawn_up_on", "letter": "made_at"}  # the date of each type that began to travel
_COLUMNS = {"contract": (Contract, Contract.drawn_up_on), "letter": (Letter, Letter.made_at)}


def before_dates_travelled(caught_up: str | None) -> bool:
    """Whether a vault whose records were last handed to the sync at revision `caught_up` sent them without dates
    (None: it joined before that revision was noted)."""
    return not (caught_up or "").isdigit() or int(caught_up) < SINCE


def made_here_without_date(type_name: str):
    """The uuids of the records of `type_name` whose first operation was written here and went without the date: it
    sets the case they belong to from nothing, which no edit does. A record that came from a colleague has no such
    operation here (two laptops never both claim one), nor has a record made since the upgrade one without it."""
    date = DATES[type_name]
    return select(SyncOp.uuid).where(SyncOp.type == type_name, SyncOp.kind == "upsert",
                                     func.json_type(SyncOp.fields, "$.case.old") == "null",
                                     func.json_type(SyncOp.fields, f"$.{date}").is_(None))


def send_dates(session) -> int:
    """Queue, for each record this laptop made before the dates travelled, its date as a change from nothing (the
    server holds none); returns how many."""
    ops = []
    for type_name, (model, date) in _COLUMNS.items():
        query = (select(SyncIdentity.uuid, date).select_from(model)
                 .join(SyncIdentity, (SyncIdentity.type == type_name) & (SyncIdentity.local_id == model.id)
                       & SyncIdentity.alias.is_(False))
                 .where(date.is_not(None), SyncIdentity.uuid.in_(made_here_without_date(type_name)))
                 .order_by(model.id))
        if model is Letter:
            query = query.where(Letter.received_from == "")  # only the laptop that made it says "" here
        ops += [op_row(type_name, uuid, "upsert", {date.key: {"old": None, "new": encode(value, date)}})
                for uuid, value in session.execute(query)]
    for start in range(0, len(ops), 1000):
        session.connection().execute(insert(SyncOp), ops[start:start + 1000])
    return len(ops)
