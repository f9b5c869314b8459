"""One sync: push this laptop's waiting operations, then pull what the others did (docs/sync-protocol.md). Pushing
first means a field changed here is, by the time the server's value arrives, either equal or a recorded conflict."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select, update

from borapp.i18n import said_again
from borapp.models import Case, SyncOp
from borapp.models.schema import head
from borapp.services import settings
from borapp.services.privacy.erasure import scrub_files
from borapp.services.sync import blobs, facts, news, numbers
from borapp.services.sync.apply import UnknownRecord, apply_changes, reindex_marked
from borapp.services.sync.capture import BASE, DEVICE_SETTING
from borapp.services.sync.erasure_ops import TeamErasure, taken_from
from borapp.services.sync.failure import kept_words, said_in_words
from borapp.services.sync.records import BLOB
from borapp.services.sync.snapshot import catch_up
from borapp.services.sync.transport import TIMEOUT_S, Offline, SyncClient, SyncError

BATCH = 500
MAX_OWN_SPANS = 64  # borapp.server.pull.MAX_SPANS (the laptop does not import the server)
log = logging.getLogger(__name__)


@dataclass
class SyncResult:
    pushed: int = 0
    conflicts: list[int] = field(default_factory=list)
    pulled: int = 0
    seq: int = 0
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # case number → its new one
    kept_as_addenda: int = 0  # edits of reports a colleague finished meanwhile, kept as addenda
    kept_as_drafts: int = 0  # edits of letters a colleague sent meanwhile, kept as new draft letters
    erased_by_team: list[TeamErasure] = field(default_factory=list)  # cases a colleague erased, gone here too
    # a number this laptop gave a case before it joined, that the team had given out already → how many of the
    # case's letters and signed contracts left naming it (the case has a new number, in `renumbered`)
    team_had: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SyncStatus:
    joined: bool
    url: str
    device: str
    waiting: int          # operations not yet acknowledged by the server
    last_synced: str      # ISO time of the last finished sync, "" for never
    open_conflicts: int
    failed_at: str = ""   # ISO time the last sync failed (not offline), "" when the last one went well
    failure: str = ""     # why it failed, in words (of the language of now, whatever it was as it failed)


def client_for(workspace, http=None, timeout_s: float = TIMEOUT_S) -> SyncClient:
    values = settings.read_all(workspace)
    if not values[DEVICE_SETTING]:
        raise SyncError(_not_joined(), "not_joined")
    return SyncClient(values["sync.url"], values["sync.token"], http=http, timeout_s=timeout_s)


class AlreadySyncing(SyncError):
    """A sync of this vault is under way on this laptop (the status bar's, Settings → Team's or the timer's): a second
    one beside it would push the same operations twice and apply the same pages twice."""

    def __init__(self) -> None:
        from borapp.i18n import _

        super().__init__(_("A sync is already running; wait a moment."), "already_syncing")


_syncing: set[str] = set()  # the vaults a sync runs for in this process, by path
_syncing_guard = threading.Lock()


def running(workspace) -> bool:
    """Whether a sync of this vault is under way here."""
    with _syncing_guard:
        return str(workspace.path) in _syncing


@contextmanager
def _one_at_a_time(workspace) -> Iterator[None]:
    """Hold this vault's sync, or raise AlreadySyncing (at once: a second click does not queue a second sync)."""
    key = str(workspace.path)
    with _syncing_guard:
        if key in _syncing:
            raise AlreadySyncing()
        _syncing.add(key)
    try:
        yield
    finally:
        with _syncing_guard:
            _syncing.discard(key)


@said_in_words  # a fault of the program is said in words, not as "(IntegrityError)"
def sync_now(workspace, http=None, progress=None, timeout_s: float = TIMEOUT_S) -> SyncResult:
    """`progress(done, total)` hears of every batch sent (a long first sync shows how far it is); `timeout_s`
    bounds each request (a sync as the vault locks must not hold the lock up long). A failure is noted (when and
    why, `status`) for every screen that shows the sync's state, until a sync goes well. One at a time: while a
    sync of this vault runs here, another raises AlreadySyncing (no failure: the one running says how it went)."""
    with _one_at_a_time(workspace):
        try:
            return _sync(workspace, http, progress, timeout_s)
        except Exception as exc:
            _note_failure(workspace, exc)
            raise


def _note_failure(workspace, exc: Exception) -> None:
    """When and why (kept in no language: said in the one of whenever it is read, `status`); offline is no failure
    of the sync (the screens say Offline), so it clears the note."""
    if workspace.is_locked or getattr(exc, "wipe", False):
        return  # the vault is closed, or goes (this laptop was revoked)
    offline = isinstance(exc, Offline)
    try:
        settings.write_settings(workspace, {
            "sync.failed_at": "" if offline else dt.datetime.now().isoformat(timespec="seconds"),
            "sync.failure": "" if offline else kept_words(exc)})
    except Exception:  # noqa: BLE001 - a full disk or damaged vault: the sync's own failure is what is said
        log.warning("the failed sync could not be noted in the vault")


def _sync(workspace, http, progress, timeout_s: float) -> SyncResult:
    client = client_for(workspace, http, timeout_s)
    catch_up(workspace)
    total = status(workspace).waiting
    result = SyncResult()
    schema = head()
    try:
        settle_case_numbers(workspace, client, result=result)  # before the push: the new numbers go with it
        own = _push_all(workspace, client, schema, result, progress, total)
        since = _pull_all(workspace, client, schema, spans_param(own), result)
        with workspace.session() as session:  # the touched cases are searched anew once, not after every page
            reindex_marked(session)
        result.seq = since
        open_conflicts = len(client.conflicts())
        settings.write_settings(workspace, {"sync.last_synced": dt.datetime.now().isoformat(timespec="seconds"),
                                            "sync.open_conflicts": str(open_conflicts), "sync.failed_at": "",
                                            "sync.failure": ""})
    finally:  # a number changed or typing kept before the connection broke off is news all the same
        if not workspace.is_locked:
            news.keep(workspace, news.lines(result))
    return result


def _push_all(workspace, client: SyncClient, schema: str, result: SyncResult, progress,
              total: int) -> list[list[int]]:
    """Push a batch at a time, each answer recorded before the next batch goes; while the service works on one
    batch this laptop reads and prepares the next (a first sync sends hundreds). The spans of change numbers the
    pushes wrote: the pull leaves them out."""
    own: list[list[int]] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sender:
        batch = _next_batch(workspace, 0)
        while batch.ops:
            blobs.upload_for(workspace, client, batch.naming_files)  # first: a colleague pulling finds them
            sending = sender.submit(client.push, schema, batch.ops)
            following = _next_batch(workspace, batch.last_seq)
            answer = sending.result()
            outcomes = {r["op_id"]: r for r in answer.get("results", [])}
            kept = _record_outcomes(workspace, outcomes, result)
            result.pushed += len(outcomes)
            own = join_spans(own, answer_spans(answer))
            if progress is not None:
                progress(result.pushed, max(total, result.pushed))
            if len(outcomes) < len(batch.ops):
                break  # the server answered for fewer than sent: the rest goes with the next sync
            # read before the answer; again when a `final` answer kept typing as an addendum (a new operation)
            batch = _next_batch(workspace, batch.last_seq) if kept else following
    return own


def _pull_all(workspace, client: SyncClient, schema: str, own: str, result: SyncResult) -> int:
    """Apply what the others did, a page at a time, each with its position in one transaction; the next page is
    fetched while this one is applied (its position comes with this one). The position reached."""
    since = settings.read_int(workspace, "sync.last_seq")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as fetcher:
        page = client.pull(since, schema, BATCH, own)
        while True:
            changes = page.get("changes", [])
            files = blobs.fetch_for(workspace, client, changes)  # before the next fetch: one request at a time
            following = (fetcher.submit(client.pull, int(page.get("seq", since)), schema, BATCH, own)
                         if page.get("more") else None)
            try:
                with workspace.session() as session:  # the page and the new position together, or neither
                    apply_changes(session, changes, reindex=False, files=files)
                    erased = taken_from(session)
                    since = int(page.get("seq", since))
                    settings.put(session, "sync.last_seq", str(since))
            except UnknownRecord as unknown:
                log.warning("pull stopped: a change refers to an unknown %s", unknown.type_name)
                raise SyncError(_unknown_record(), "unknown_record") from None
            result.pulled += len(changes)
            if erased:  # as where it was made: no page of the file or the WAL holds the case any more
                scrub_files(workspace.vault.engine)
                result.erased_by_team = join_erasures(result.erased_by_team, erased)
            if following is None:
                return since
            page = following.result()


def join_erasures(known: list[TeamErasure], more: list[TeamErasure]) -> list[TeamErasure]:
    """One per case: a case's records may come over two pages, its unsent work counted on either."""
    by_ref = {e.ref: e for e in known}
    for erasure in more:
        first = by_ref.get(erasure.ref)
        by_ref[erasure.ref] = erasure if first is None else replace(first, unsent=first.unsent + erasure.unsent)
    return list(by_ref.values())


@dataclass(frozen=True)
class _Batch:
    ops: list[str]             # wire_text of each
    naming_files: list[dict]   # _wire of those that name a file
    last_seq: int


def _next_batch(workspace, after: int) -> _Batch:
    """The next operations waiting to go, after queue position `after`."""
    with workspace.session() as session:
        waiting = list(session.scalars(select(SyncOp).where(SyncOp.outcome.is_(None), SyncOp.seq > after)
                                       .order_by(SyncOp.seq).limit(BATCH)))
        return _Batch([wire_text(op) for op in waiting], [_wire(op) for op in waiting if BLOB in op.fields],
                      waiting[-1].seq if waiting else after)


def _record_outcomes(workspace, outcomes: dict[str, dict], result: SyncResult) -> int:
    """Each answered operation's outcome, in one transaction; how many came back `final` (put back here, their
    typing kept as new operations)."""
    with workspace.session() as session:
        by_outcome: dict[str, list[str]] = {}
        for op_id, reply in outcomes.items():
            by_outcome.setdefault(reply.get("outcome", "applied"), []).append(op_id)
            result.conflicts += reply.get("conflicts", [])
        for outcome, op_ids in by_outcome.items():  # one statement per outcome, not an object per operation
            session.execute(update(SyncOp).where(SyncOp.op_id.in_(op_ids)).values(outcome=outcome))
        for op in session.scalars(select(SyncOp).where(SyncOp.op_id.in_(by_outcome.get("final", [])))):
            kept = facts.keep_refused(session, op)  # a colleague finished it meanwhile: keep what was typed here
            result.kept_as_addenda += kept == facts.ADDENDUM  # not when no report words were typed
            result.kept_as_drafts += kept == facts.DRAFT  # not for a letter's date (sync/dates.py)
        return len(by_outcome.get("final", []))


def answer_spans(answer: dict) -> list[list[int]]:
    """The push answer's `own` spans, when well formed (an older service sends none)."""
    spans = answer.get("own") if isinstance(answer.get("own"), list) else []
    return [[a, b] for a, b in (s for s in spans if isinstance(s, list) and len(s) == 2)
            if isinstance(a, int) and isinstance(b, int) and 0 <= a < b]


def join_spans(spans: list[list[int]], more: list[list[int]]) -> list[list[int]]:
    """Sorted, with spans that touch made one: pushes one after another, with nobody writing between, make one."""
    joined: list[list[int]] = []
    for after, upto in sorted([list(s) for s in spans + more]):
        if joined and after <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], upto)
        else:
            joined.append([after, upto])
    return joined


def spans_param(spans: list[list[int]]) -> str:
    """At most the service's limit of spans, the largest; what is left out comes back and is skipped here."""
    largest = sorted(sorted(spans, key=lambda s: s[1] - s[0], reverse=True)[:MAX_OWN_SPANS])
    return ",".join(f"{after}-{upto}" for after, upto in largest)


def wire_text(op: SyncOp) -> str:
    """A queued operation as the JSON text `_wire` would make of it: its fields are stored as JSON already and go
    as they are (reading and writing them again took a first sync of 280,000 operations about 8 s)."""
    if op.kind == "delete":
        return json.dumps(_wire(op))
    head = json.dumps({"op_id": op.op_id, "type": op.type, "uuid": op.uuid, "kind": op.kind})
    return f'{head[:-1]}, "fields": {op.fields or "{}"}}}'


def _wire(op: SyncOp) -> dict:
    """A queued operation as docs/sync-protocol.md sends it (a delete's base travels beside its fields)."""
    fields = json.loads(op.fields)
    wire = {"op_id": op.op_id, "type": op.type, "uuid": op.uuid, "kind": op.kind, "fields": fields}
    if op.kind == "delete":
        wire["base"] = int(fields.pop(BASE, 0))
        wire["fields"] = {}
    return wire


def settle_case_numbers(workspace, client: SyncClient, year: int | None = None, claim: bool = True,
                        result: SyncResult | None = None) -> list[tuple[str, str]]:
    """Learn which numbers of this laptop's blocks the server's cases hold or held (a vault restored from an older
    backup would give some out again: a case here holding one gets another), claim the numbers of the cases made
    before this laptop joined (`claim`; one the team gave out already gets a number of the block), ask for a block
    for every year that needs numbers (this year's nearly used up), then give every case with a provisional number
    (made offline with the block used up) a number from the block. `result` hears which numbers the team had."""
    from borapp.services.intake.flow import REF_PREFIX
    from borapp.services.outbox.case_numbers import follow_new_number

    year = year or dt.date.today().year
    renumbered = result.renumbered if result is not None else []  # as they come: told also when a later step fails
    for taken_year in (year - 1, year):  # numbers a lost vault gave out (this one restored from a backup)
        taken = client.taken_numbers(taken_year, REF_PREFIX)
        with workspace.session() as session:
            renumbered += numbers.keep_taken(session, REF_PREFIX, taken_year, taken)
    refused = _claim(workspace, client) if claim else None
    _take_blocks(workspace, client, year, refused or [])
    if refused is not None:
        with workspace.session() as session:
            given = numbers.give_new_numbers(session, REF_PREFIX, refused)
            left = {old: numbers.left_naming(session, new) for old, new in given}
        renumbered += given
        if result is not None:
            result.team_had.update(left)
    with workspace.session() as session:
        for case in numbers.provisional_cases(session, REF_PREFIX):
            final = numbers.team_ref(session, REF_PREFIX, case.registered_on.year)
            if final is None or numbers.PROVISIONAL in final.rsplit("-", 1)[1]:
                continue  # no number left for that year: it stays provisional until the next sync
            renumbered.append((case.ref, final))
            follow_new_number(session, case.id, case.ref, final)  # the letters still to go say the final one
            numbers.drafts_follow(session, case.ref, final)
            case.ref = final
            session.flush()
    return renumbered


def _claim(workspace, client: SyncClient) -> list[str] | None:
    """The numbers of this laptop's cases the team gave out already (to another case, an erased one, or a block of
    another laptop), once after joining; None when claimed before."""
    from borapp.services.intake.flow import REF_PREFIX

    with workspace.session() as session:
        if not numbers.claim_pending(session):
            return None
        cases, in_team = numbers.claimable(session)
    return client.claim_numbers(REF_PREFIX, cases, in_team) if cases else []


def _take_blocks(workspace, client: SyncClient, year: int, refused: list[str]) -> None:
    """A new block for this year when fewer than LOW are left, and for any year with fewer left than its cases
    waiting for a number (refused by the team, or provisional): one block a year per sync."""
    from borapp.services.intake.flow import REF_PREFIX

    with workspace.session() as session:
        waiting: dict[int, int] = {year: numbers.LOW}
        for case in session.scalars(select(Case).where(Case.ref.in_(refused))).all() \
                + numbers.provisional_cases(session, REF_PREFIX):
            waiting[case.registered_on.year] = waiting.get(case.registered_on.year, 0) + 1
        short = [y for y, needed in sorted(waiting.items()) if numbers.left(session, REF_PREFIX, y) < needed]
    for short_year in short:
        block = client.numbers(short_year)
        with workspace.session() as session:
            numbers.keep_block(session, int(block["year"]), int(block["first"]), int(block["last"]))


def status(workspace) -> SyncStatus:
    values = settings.read_all(workspace)
    with workspace.session() as session:
        waiting = session.scalar(select(func.count()).select_from(SyncOp).where(SyncOp.outcome.is_(None)))
    return SyncStatus(bool(values[DEVICE_SETTING]), values["sync.url"], values[DEVICE_SETTING], waiting,
                      values["sync.last_synced"], int(values["sync.open_conflicts"]), values["sync.failed_at"],
                      said_again(values["sync.failure"]))


def _unknown_record() -> str:
    from borapp.i18n import N_, Said

    return Said(N_("A change from the office server refers to a record this laptop never had, so it was not applied. "
                   "Your own changes are kept and wait. Ask whoever runs the office server whether it was restored "
                   "from a backup (its README says how to restore)."))


def _not_joined() -> str:
    from borapp.i18n import N_, Said

    return Said(N_("This laptop is not in a team yet: join one with the server's address and an enrolment code."))
