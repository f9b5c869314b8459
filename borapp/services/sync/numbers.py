"""Case numbers in a team: each laptop numbers new cases from a block the server set aside for it (docs/sync-
protocol.md, "Case numbers"), so two laptops registering offline never make the same number. With the block used up
and no server in reach a case gets a provisional number (BOR-2026-P001) that the next sync makes final."""

from __future__ import annotations

import json
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.models import Case, SyncOp
from borapp.services import settings
from borapp.services.sync.capture import APPLYING, device_of, uuid_of

LOW = 10  # ask for a new block when fewer are left
PROVISIONAL = "P"
TAKEN = "sync.numbers_taken"  # {year: [numbers of this laptop's blocks a case on the server holds]}


def blocks(session: Session) -> dict[str, list[int]]:
    return _setting_dict(session, "sync.numbers")


def _setting_dict(session: Session, key: str) -> dict:
    """A setting holding a JSON object; empty when unset or unreadable."""
    raw = settings.get(session, key)
    try:
        found = json.loads(raw) if raw else {}
    except ValueError:
        found = {}
    return found if isinstance(found, dict) else {}


def team_ref(session: Session, prefix: str, year: int) -> str | None:
    """The next case number for `year` from this laptop's block; provisional when the block is used up; None when
    the laptop is not in a team (then the vault numbers on its own)."""
    if not device_of(session):
        return None
    used = _used(session, prefix, year)
    block = blocks(session).get(str(year))
    if block:
        free = [n for n in range(block[0], block[1] + 1) if n not in used]
        if free:
            return f"{prefix}-{year}-{free[0]:03d}"
    taken = [int(r.rsplit(PROVISIONAL, 1)[1]) for r in _refs(session, f"{prefix}-{year}-{PROVISIONAL}")
             if r.rsplit(PROVISIONAL, 1)[1].isdigit()]
    return f"{prefix}-{year}-{PROVISIONAL}{max(taken, default=0) + 1:03d}"


def left(session: Session, prefix: str, year: int) -> int:
    block = blocks(session).get(str(year))
    if not block:
        return 0
    used = _used(session, prefix, year)
    return sum(1 for n in range(block[0], block[1] + 1) if n not in used)


def keep_block(session: Session, year: int, first: int, last: int) -> None:
    found = blocks(session)
    found[str(year)] = [first, last]
    settings.put(session, "sync.numbers", json.dumps(found, sort_keys=True))


def provisional_cases(session: Session, prefix: str) -> list[Case]:
    return list(session.scalars(select(Case).where(Case.ref.like(f"{prefix}-%-{PROVISIONAL}%")).order_by(Case.id)))


def _refs(session: Session, start: str) -> list[str]:
    return list(session.scalars(select(Case.ref).where(Case.ref.like(start + "%"))))


def _used(session: Session, prefix: str, year: int) -> set[int]:
    start = f"{prefix}-{year}-"
    here = {int(r[len(start):]) for r in _refs(session, start) if r[len(start):].isdigit()}
    return here | set(_taken(session).get(str(year), []))


def _taken(session: Session) -> dict[str, list[int]]:
    return _setting_dict(session, TAKEN)


def keep_taken(session: Session, prefix: str, year: int, taken: dict[str, str]) -> list[tuple[str, str]]:
    """What the server says about this laptop's blocks of `year` ({number: uuid of the case holding it}): those
    numbers count as used from now on, and a case here that holds one under another identity (numbered after the
    vault was restored from an older backup, while the lost vault had given that number out) gets a new number
    before it is pushed. Its old and new number, for each."""
    start = f"{prefix}-{year}-"
    found = _taken(session)
    found[str(year)] = sorted({int(r[len(start):]) for r in taken if r.startswith(start) and r[len(start):].isdigit()})
    settings.put(session, TAKEN, json.dumps(found, sort_keys=True))
    renumbered = []
    for case in session.scalars(select(Case).where(Case.ref.in_(list(taken))).order_by(Case.id)).all():
        if uuid_of(session, "case", case.id) == taken[case.ref]:
            continue
        old, new = case.ref, team_ref(session, prefix, year)
        _renumber(session, case, new)
        renumbered.append((old, new))
    return renumbered


def _renumber(session: Session, case: Case, new: str) -> None:
    """Its operations still waiting carry the new number instead of the old one (a colleague must never receive
    the old one: it is another case's there); only when none carries a number does the change go as its own."""
    from borapp.services.cases.search_index import reindex_case
    from borapp.services.outbox.case_numbers import letters_to_follow, number_pattern

    old = case.ref
    uuid = uuid_of(session, "case", case.id)
    waiting = list(session.scalars(select(SyncOp).where(SyncOp.type == "case", SyncOp.uuid == uuid,
                                                        SyncOp.outcome.is_(None))))
    rewritten = False
    for op in waiting:
        fields = json.loads(op.fields)
        ref = fields.get("ref")
        if isinstance(ref, dict) and old in (ref.get("old"), ref.get("new")):
            fields["ref"] = {key: new if value == old else value for key, value in ref.items()}
            op.fields = json.dumps(fields, sort_keys=True)
            rewritten = True
    session.info[APPLYING] = rewritten  # rewritten: no operation of its own
    try:
        case.ref = new
        session.flush()
    finally:
        session.info[APPLYING] = False
    named = number_pattern(old)
    for letter, subject, body in letters_to_follow(session, case.id, old, new):  # its letters still to go
        session.info[APPLYING] = _letter_ops_follow(session, letter.id, named, new)
        try:
            letter.subject, letter.body = subject, body
            session.flush()
        finally:
            session.info[APPLYING] = False
    reindex_case(session, case)


def _letter_ops_follow(session: Session, letter_id: int, old: re.Pattern, new: str) -> bool:
    """The letter's operations still waiting carry the new number in the subject and text they set (the old one
    must not reach a colleague either); whether any did, so the change needs no operation of its own."""
    rewritten = False
    uuid = uuid_of(session, "letter", letter_id)
    for op in session.scalars(select(SyncOp).where(SyncOp.type == "letter", SyncOp.uuid == uuid,
                                                   SyncOp.outcome.is_(None))):
        fields = json.loads(op.fields)
        named = [value for value in (fields.get("subject"), fields.get("body"))
                 if isinstance(value, dict) and isinstance(value.get("new"), str) and old.search(value["new"])]
        for value in named:
            value["new"] = old.sub(new, value["new"])
        if named:
            op.fields = json.dumps(fields, sort_keys=True)
            rewritten = True
    return rewritten
