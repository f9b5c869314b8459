"""A long queue goes in batches, in queue order, each operation once, the next batch read while the service works
on the one before; a connection lost in the middle keeps what was answered and sends the rest with the next sync."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import select

from borapp.models import SyncOp
from borapp.services.sync.transport import Offline
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


class Watched:
    """Passes requests on; of those to `path` keeps what `kept(kwargs)` says, and the one numbered `fail_at` never
    arrives."""

    def __init__(self, http, path: str, kept, fail_at: int | None = None):
        self.http, self.path, self.kept, self.fail_at, self.seen = http, path, kept, fail_at, []

    def request(self, method, url, **kwargs):
        if url.endswith(self.path):
            if len(self.seen) == self.fail_at:
                self.fail_at = None
                raise httpx.ConnectError("the network went away")
            self.seen.append(self.kept(kwargs))
        return self.http.request(method, url, **kwargs)


def watch_pushes(http, fail_at: int | None = None) -> Watched:
    """The op ids of every push."""
    return Watched(http, "/v1/push", lambda kwargs: [op["op_id"] for op in json.loads(kwargs["content"])["ops"]],
                   fail_at)


def watch_pulls(http, fail_at: int | None = None) -> Watched:
    """The `since` of every pull."""
    return Watched(http, "/v1/pull", lambda kwargs: kwargs["params"]["since"], fail_at)


def queue(laptop) -> list[tuple[str, str | None]]:
    with laptop.workspace.session() as session:
        return [(op.op_id, op.outcome) for op in session.scalars(select(SyncOp).order_by(SyncOp.seq))]


def test_batches_go_in_queue_order_each_operation_once(team, monkeypatch):
    from borapp.services.sync import run

    anna, bram = team
    monkeypatch.setattr(run, "BATCH", 3)
    done = len(queue(anna))
    for i in range(4):
        anna.register(parent=f"Ria Smit {i}")
    waiting = [op_id for op_id, _outcome in queue(anna)[done:]]
    pushes = watch_pushes(anna.http)
    result = run.sync_now(anna.workspace, http=pushes)
    assert [len(batch) for batch in pushes.seen] == [3] * (len(waiting) // 3) + ([len(waiting) % 3] if len(waiting) % 3 else [])
    assert [op_id for batch in pushes.seen for op_id in batch] == waiting
    assert result.pushed == len(waiting) and all(outcome == "applied" for _id, outcome in queue(anna))


def test_a_connection_lost_between_batches_keeps_what_was_answered(team, monkeypatch):
    from borapp.services.sync import run

    anna, bram = team
    monkeypatch.setattr(run, "BATCH", 3)
    done = len(queue(anna))
    for i in range(3):
        anna.register(parent=f"Ria Smit {i}")
    waiting = [op_id for op_id, _outcome in queue(anna)[done:]]
    pushes = watch_pushes(anna.http, fail_at=1)
    with pytest.raises(Offline):
        run.sync_now(anna.workspace, http=pushes)
    assert [outcome for _id, outcome in queue(anna)[done:]] == ["applied"] * 3 + [None] * (len(waiting) - 3)
    again = watch_pushes(anna.http)
    assert run.sync_now(anna.workspace, http=again).pushed == len(waiting) - 3
    assert [op_id for batch in again.seen for op_id in batch] == waiting[3:], "each operation once, in order"
    bram.sync()
    assert len(bram.cases()) == len(anna.cases())



def test_pages_are_fetched_ahead_in_order_and_a_cut_keeps_what_was_applied(team, monkeypatch):
    from borapp.services import settings
    from borapp.services.sync import run

    anna, bram = team
    for i in range(4):
        anna.register(parent=f"Ria Smit {i}")
    anna.sync()
    monkeypatch.setattr(run, "BATCH", 3)
    start = settings.read_int(bram.workspace, "sync.last_seq")
    pulls = watch_pulls(bram.http, fail_at=2)
    with pytest.raises(Offline):
        run.sync_now(bram.workspace, http=pulls)
    assert len(pulls.seen) == 2 and pulls.seen[0] == start
    reached = settings.read_int(bram.workspace, "sync.last_seq")
    assert reached > pulls.seen[1] > pulls.seen[0], "the two pages that came are applied, with their position"
    again = watch_pulls(bram.http)
    result = run.sync_now(bram.workspace, http=again)
    assert again.seen[0] == reached, "the next sync goes on from the last page applied"
    assert again.seen == sorted(set(again.seen)), "each page once, in order"
    assert len(bram.cases()) == len(anna.cases()) and result.pulled > 0
