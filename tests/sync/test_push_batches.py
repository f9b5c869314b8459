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


class Pushes:
    """Passes requests on and keeps the op ids of every push; the push numbered `fail_at` never arrives."""

    def __init__(self, http, fail_at: int | None = None):
        self.http, self.fail_at, self.sent = http, fail_at, []

    def request(self, method, url, **kwargs):
        if url.endswith("/v1/push"):
            if len(self.sent) == self.fail_at:
                self.fail_at = None
                raise httpx.ConnectError("the network went away")
            self.sent.append([op["op_id"] for op in json.loads(kwargs["content"])["ops"]])
        return self.http.request(method, url, **kwargs)


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
    pushes = Pushes(anna.http)
    result = run.sync_now(anna.workspace, http=pushes)
    assert [len(batch) for batch in pushes.sent] == [3] * (len(waiting) // 3) + ([len(waiting) % 3] if len(waiting) % 3 else [])
    assert [op_id for batch in pushes.sent for op_id in batch] == waiting
    assert result.pushed == len(waiting) and all(outcome == "applied" for _id, outcome in queue(anna))


def test_a_connection_lost_between_batches_keeps_what_was_answered(team, monkeypatch):
    from borapp.services.sync import run

    anna, bram = team
    monkeypatch.setattr(run, "BATCH", 3)
    done = len(queue(anna))
    for i in range(3):
        anna.register(parent=f"Ria Smit {i}")
    waiting = [op_id for op_id, _outcome in queue(anna)[done:]]
    pushes = Pushes(anna.http, fail_at=1)
    with pytest.raises(Offline):
        run.sync_now(anna.workspace, http=pushes)
    assert [outcome for _id, outcome in queue(anna)[done:]] == ["applied"] * 3 + [None] * (len(waiting) - 3)
    again = Pushes(anna.http)
    assert run.sync_now(anna.workspace, http=again).pushed == len(waiting) - 3
    assert [op_id for batch in again.sent for op_id in batch] == waiting[3:], "each operation once, in order"
    bram.sync()
    assert len(bram.cases()) == len(anna.cases())


class Pulls:
    """Passes requests on and keeps the `since` of every pull; the pull numbered `fail_at` never arrives."""

    def __init__(self, http, fail_at: int | None = None):
        self.http, self.fail_at, self.since = http, fail_at, []

    def request(self, method, url, **kwargs):
        if url.endswith("/v1/pull"):
            if len(self.since) == self.fail_at:
                self.fail_at = None
                raise httpx.ConnectError("the network went away")
            self.since.append(kwargs["params"]["since"])
        return self.http.request(method, url, **kwargs)


def test_pages_are_fetched_ahead_in_order_and_a_cut_keeps_what_was_applied(team, monkeypatch):
    from borapp.services import settings
    from borapp.services.sync import run

    anna, bram = team
    for i in range(4):
        anna.register(parent=f"Ria Smit {i}")
    anna.sync()
    monkeypatch.setattr(run, "BATCH", 3)
    start = settings.read_int(bram.workspace, "sync.last_seq")
    pulls = Pulls(bram.http, fail_at=2)
    with pytest.raises(Offline):
        run.sync_now(bram.workspace, http=pulls)
    assert len(pulls.since) == 2 and pulls.since[0] == start
    reached = settings.read_int(bram.workspace, "sync.last_seq")
    assert reached > pulls.since[1] > pulls.since[0], "the two pages that came are applied, with their position"
    again = Pulls(bram.http)
    result = run.sync_now(bram.workspace, http=again)
    assert again.since[0] == reached, "the next sync goes on from the last page applied"
    assert again.since == sorted(set(again.since)), "each page once, in order"
    assert len(bram.cases()) == len(anna.cases()) and result.pulled > 0
