"""A confidential address that was rejected in a conflict, or moved away from, does not stay readable on the server
(against the real service on a throw-away PostgreSQL with two real vaults): Bram's rejected "Geheimeweg 1" stood in
the settled conflict, the replaced address in the change log. The server keeps what a laptop can still need: the
address as it is, in the record and the newest change that set it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from borapp.models import Parent
from borapp.services.sync import conflicts
from borapp.services.sync.run import client_for
from tests.server.conftest import app, db_url, migrated_url, postgres, sql  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import Laptop, team  # noqa: F401 - fixture

FIRST, KEPT, REJECTED = "Kyanstraat 4", "Verborgenlaan 9", "Geheimeweg 1"


def _address(laptop, confidential: bool = True) -> str:
    with laptop.workspace.session() as session:
        parent = session.scalar(select(Parent))
        assert parent.address_confidential is confidential
        return parent.address


def _set(laptop, address: str) -> None:
    with laptop.workspace.session() as session:
        session.scalar(select(Parent)).address = address


def _everywhere(sql, text: str) -> list[str]:
    """The server's tables that hold `text` anywhere."""
    return [table for table in ("records", "change_log", "conflicts", "applied_ops")
            if sql(f"SELECT count(*) FROM {table} t WHERE t::text LIKE %s", f"%{text}%")[0][0]]


def _clash(team, confidential: bool = True) -> dict:
    anna, bram = team
    ref = anna.register()
    with anna.workspace.session() as session:
        parent = session.scalar(select(Parent))
        parent.address, parent.address_confidential = FIRST, confidential
    anna.sync(), bram.sync()
    _set(anna, KEPT)
    _set(bram, REJECTED)
    anna.sync(), bram.sync()
    [found] = conflicts.open_conflicts(bram.workspace, http=bram.http)
    assert (found["server"], found["mine"], ref) == (KEPT, REJECTED, ref)
    return found


def test_a_settled_conflict_forgets_the_confidential_address_that_lost(team, sql):
    anna, bram = team
    found = _clash(team)
    assert _everywhere(sql, REJECTED) == ["conflicts"]  # open: a person must see both to choose
    conflicts.resolve(bram.workspace, found["id"], "theirs", http=bram.http)
    anna.sync(), bram.sync()
    assert (_address(anna), _address(bram)) == (KEPT, KEPT)
    assert _everywhere(sql, REJECTED) == []
    assert _everywhere(sql, FIRST) == []  # replaced: no laptop needs it any more
    assert _everywhere(sql, KEPT) == ["records", "change_log"]
    assert sql("SELECT count(*) FROM change_log WHERE fields ? 'address'")[0][0] == 1
    # the same resolution sent again (its answer lost) answers the same; another is refused
    client = client_for(bram.workspace, bram.http)
    assert client.resolve(found["id"], KEPT)["value"] == KEPT
    with pytest.raises(Exception):
        client.resolve(found["id"], REJECTED)


def test_a_laptop_that_joins_afterwards_and_one_that_was_behind_get_the_address_as_it_is(team, sql, tmp_path, app,
                                                                                          db_url):
    anna, bram = team
    found = _clash(team)
    conflicts.resolve(anna.workspace, found["id"], "mine", http=anna.http)
    bram.sync()
    assert _address(bram) == REJECTED and _everywhere(sql, KEPT) == []
    anna.sync()  # behind: it had pulled none of this until now
    assert _address(anna) == REJECTED
    cato = Laptop(tmp_path, "cato", app, db_url)
    cato.sync()
    assert _address(cato) == REJECTED
    cato.workspace.lock()


def test_an_address_that_is_not_confidential_keeps_its_history(team, sql):
    found = _clash(team, confidential=False)
    conflicts.resolve(team[1].workspace, found["id"], "theirs", http=team[1].http)
    assert _everywhere(sql, REJECTED) == ["conflicts"]


def test_a_confidential_address_moved_away_from_leaves_the_change_log(team, sql):
    anna, bram = team
    anna.register()
    with anna.workspace.session() as session:
        parent = session.scalar(select(Parent))
        parent.address, parent.address_confidential = FIRST, True
    anna.sync(), bram.sync()
    _set(bram, KEPT)
    bram.sync(), anna.sync()
    assert (_address(anna), _address(bram)) == (KEPT, KEPT)
    assert _everywhere(sql, FIRST) == []


def test_a_conflict_settled_after_its_parent_was_deleted_forgets_the_address_too(team, sql):
    """Settling it writes no change (the parent stays deleted): the conflict's addresses went only with a change."""
    anna, bram = team
    found = _clash(team)
    with anna.workspace.session() as session:
        session.delete(session.scalar(select(Parent)))
    anna.sync()
    assert sql("SELECT deleted FROM records WHERE type = 'parent'") == [(True,)]
    assert "conflicts" in _everywhere(sql, REJECTED)
    conflicts.resolve(bram.workspace, found["id"], "mine", http=bram.http)
    assert _everywhere(sql, REJECTED) == []
    assert "conflicts" not in _everywhere(sql, KEPT)
    assert sql("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL")[0][0] == 0
    client = client_for(bram.workspace, bram.http)
    assert client.resolve(found["id"], REJECTED)["value"] == REJECTED, "sent again (its answer lost): the same"
