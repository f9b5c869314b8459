"""Case numbers in a team: each laptop numbers new cases from a block the server set aside for it (docs/sync-
protocol.md, "Case numbers"), so two laptops registering offline never make the same number. With the block used up
and no server in reach a case gets a provisional number (BOR-2026-P001) that the next sync makes final."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.models import Case
from borapp.services import settings
from borapp.services.sync.capture import device_of

LOW = 10  # ask for a new block when fewer are left
PROVISIONAL = "P"


def blocks(session: Session) -> dict[str, list[int]]:
    raw = settings.get(session, "sync.numbers")
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
    return {int(r[len(start):]) for r in _refs(session, start) if r[len(start):].isdigit()}
