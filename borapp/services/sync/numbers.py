"""Case numbers in a team: each laptop numbers new cases from a block the server set aside for it (docs/sync-
protocol.md, "Case numbers"), so two laptops registering offline never make the same number. With the block used up
and no server in reach a case gets a provisional number (BOR-2026-P001) that the next sync makes final. A laptop that
joins with cases of its own claims their numbers at its first sync; a number the team gave out already gets the case
a number of the block before it travels. The number of an erased case is never given again."""

from __future__ import annotations

import json
import re

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from borapp.models import Case, Contract, Draft, Erasure, Letter, SyncIdentity, SyncOp
from borapp.services import settings
from borapp.services.sync.capture import APPLYING, device_of, uuid_of

LOW = 10  # ask for a new block when fewer are left
PROVISIONAL = "P"
BLOCKS = "sync.numbers"  # {year: [first, last]}: the block the server set aside for this laptop
TAKEN = "sync.numbers_taken"  # {year: [numbers of this laptop's blocks a case on the server holds]}
# from joining until the numbers of the cases made before are claimed: JSON [ids of those numbered outside a team]
CLAIM = "sync.numbers_claim"


def blocks(session: Session) -> dict[str, list[int]]:
    return _setting_dict(session, BLOCKS)


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
    settings.put(session, BLOCKS, json.dumps(found, sort_keys=True))


def provisional_cases(session: Session, prefix: str) -> list[Case]:
    return list(session.scalars(select(Case).where(Case.ref.like(f"{prefix}-%-{PROVISIONAL}%")).order_by(Case.id)))


def _refs(session: Session, start: str) -> list[str]:
    return list(session.scalars(select(Case.ref).where(Case.ref.like(start + "%"))))


def _used(session: Session, prefix: str, year: int) -> set[int]:
    start = f"{prefix}-{year}-"
    here = {int(r[len(start):]) for r in _refs(session, start) + erased_refs(session, start)
            if r[len(start):].isdigit()}
    return here | set(_taken(session).get(str(year), []))


def erased_refs(session: Session, start: str) -> list[str]:
    """The numbers starting with `start` of the cases erased here (the erasure register): never given again."""
    return list(session.scalars(select(Erasure.case_ref).where(Erasure.case_ref.startswith(start, autoescape=True))))


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


def mark_claim(session: Session) -> None:
    """On joining, before the snapshot names every record: the cases numbered outside a team have no identity yet;
    one that has was numbered in a team (this laptop was in one before: a server restored from a backup is joined
    again, as deploy/README.md says)."""
    named = set(session.scalars(select(SyncIdentity.local_id).where(SyncIdentity.type == "case",
                                                                   SyncIdentity.alias.is_(False))))
    settings.put(session, CLAIM, json.dumps([i for i in session.scalars(select(Case.id).order_by(Case.id))
                                             if i not in named]))


def claim_pending(session: Session) -> bool:
    return bool(settings.get(session, CLAIM))


def claimable(session: Session) -> tuple[dict[str, str], list[str]]:
    """The numbers of the cases here to claim since this laptop joined ({number: uuid}; a provisional one is not a
    number yet), and those of them a team gave (see mark_claim)."""
    try:
        alone = set(json.loads(settings.get(session, CLAIM)))
    except (TypeError, ValueError):
        alone = set()
    found, in_team = {}, []
    for case_id, ref in session.execute(select(Case.id, Case.ref).order_by(Case.id)):
        uuid = uuid_of(session, "case", case_id)
        if uuid and not _provisional(ref):
            found[ref] = uuid
            if case_id not in alone:
                in_team.append(ref)
    return found, in_team


def _provisional(ref: str) -> bool:
    return ref.rsplit("-", 1)[-1].startswith(PROVISIONAL)


def give_new_numbers(session: Session, prefix: str, refs: list[str]) -> list[tuple[str, str]]:
    """The cases holding `refs` (numbers the team gave out already) get numbers of this laptop's block (provisional
    when it is used up); the claim is done. Their old and new number, for each."""
    renumbered = []
    for case in session.scalars(select(Case).where(Case.ref.in_(refs)).order_by(Case.id)).all():
        old, new = case.ref, team_ref(session, prefix, case.registered_on.year)
        _renumber(session, case, new)
        renumbered.append((old, new))
    settings.put(session, CLAIM, "")
    return renumbered


def left_naming(session: Session, ref: str) -> int:
    """How many of the case's letters and signed contracts left this laptop (sent, exported, or on their way):
    they name the number the case had then, which no renumbering changes."""
    from borapp.services.outbox.listing import EDITABLE_STATES, EXPORT_MARK, SENDING_MARK

    case_id = session.scalar(select(Case.id).where(Case.ref == ref))
    gone = (Letter.state.not_in(EDITABLE_STATES) | Letter.error.startswith(SENDING_MARK)
            | Letter.error.startswith(EXPORT_MARK))
    letters = session.scalar(select(func.count()).select_from(Letter).where(
        Letter.case_id == case_id, Letter.received_from == "", gone))
    contracts = session.scalar(select(func.count()).select_from(Contract).where(
        Contract.case_id == case_id, Contract.pdf.is_not(None)))
    return letters + contracts


def drafts_follow(session: Session, old: str, new: str) -> None:
    """Typing kept under the case's number (the erasure and access-request dialogs) follows it: under the old
    number it would show in another family's case that has that number."""
    from borapp.services.privacy.erasure import DRAFT_PREFIXES

    for prefix in DRAFT_PREFIXES:
        start = f"{prefix}case/{old}/"
        for key in session.scalars(select(Draft.key).where(Draft.key.startswith(start, autoescape=True))).all():
            session.execute(update(Draft).where(Draft.key == key).values(key=f"{prefix}case/{new}/{key[len(start):]}"))


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
    drafts_follow(session, old, new)
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
