"""A sync no longer fetches back what it just pushed (the pull names the spans its pushes wrote, and the service
leaves its own operations there out), yet a colleague's change made between two of its pushes arrives, and a vault
restored from a backup older than some of its pushed operations gets those back."""

from __future__ import annotations

import shutil

from sqlalchemy import select

from borapp.models import Parent
from borapp.services.sync.run import join_spans, spans_param
from borapp.services.vault.vault import Vault, vault_files
from borapp.services.vault.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


class Pulls:
    """Passes requests on, keeps every pulled page, and does `between` once, after the first push."""

    def __init__(self, http, between=None):
        self.http, self.between, self.pages = http, between, []

    def request(self, method, url, **kwargs):
        answer = self.http.request(method, url, **kwargs)
        if url.endswith("/v1/push") and self.between is not None:
            self.between, between = None, self.between
            between()
        if "/v1/pull" in url:
            self.pages.append(answer.json())
        return answer


def parent_names(laptop) -> set[str]:
    with laptop.workspace.session() as session:
        return set(session.scalars(select(Parent.name)))


def test_a_sync_does_not_fetch_back_its_own_changes_but_gets_a_colleagues_between_its_pushes(team, monkeypatch):
    from borapp.services.sync import run

    anna, bram = team
    monkeypatch.setattr(run, "BATCH", 4)  # several pushes, so bram's case lands between two of them
    for i in range(3):
        anna.register(parent=f"Ria Smit {i}")

    def colleague():
        bram.register(parent="Gert Bos")
        bram.sync()

    pulls = Pulls(anna.http, colleague)
    result = sync_through(anna, pulls)
    assert result.pushed > 4, "more than one push"
    pulled = [c for page in pulls.pages for c in page["changes"]]
    assert pulled, "bram's case came"
    assert all(c["device"] == "bram" for c in pulled), "her own changes came back"
    assert result.pulled == len(pulled)
    assert {"Ria Smit 0", "Ria Smit 1", "Ria Smit 2", "Gert Bos"} <= parent_names(anna)
    again = Pulls(anna.http)
    assert sync_through(anna, again).pulled == 0
    assert len(again.pages) == 1, "the next sync starts after her spans, not before them"
    bram.sync()
    assert parent_names(bram) >= {"Ria Smit 0", "Ria Smit 1", "Ria Smit 2", "Gert Bos"}


def test_a_vault_restored_from_an_older_backup_gets_back_what_it_pushed_after_the_backup(team, tmp_path):
    anna, _bram = team
    voor = anna.register(parent="Ria Voor")
    anna.sync()
    backup = copy_vault(anna, tmp_path / "backup")
    anna.register(parent="Ria Na")  # pushed, then lost with the laptop's disk
    anna.sync()
    restore_vault(anna, backup)
    assert "Ria Na" not in parent_names(anna)
    anna.edit(voor, notes="na het terugzetten")  # this sync pushes too: its span must not cover the lost ones
    assert anna.sync().pushed == 1
    assert {"Ria Voor", "Ria Na"} <= parent_names(anna)
    assert anna.cases()[voor].notes == "na het terugzetten"


def test_spans_join_where_they_touch_and_at_most_the_largest_go():
    assert join_spans([[0, 4]], [[4, 9]]) == [[0, 9]]
    assert join_spans([[0, 4]], [[5, 9]]) == [[0, 4], [5, 9]]
    assert join_spans([[5, 9]], [[0, 4], [3, 6]]) == [[0, 9]]
    many = [[i * 10, i * 10 + 1 + (i == 70) * 5] for i in range(100)]
    param = spans_param(many)
    assert param.count(",") == 63 and "700-706" in param


def sync_through(laptop, http):
    from borapp.services.sync.run import sync_now

    return sync_now(laptop.workspace, http=http)


def copy_vault(laptop, to):
    """The vault's files as a locked laptop leaves them (a backup taken with the vault closed)."""
    coordinator = laptop.workspace.coordinator
    laptop.workspace.lock()
    to.mkdir()
    for path in vault_files(laptop.path):
        if path.exists():
            shutil.copy2(path, to / path.name)
    laptop.workspace = Workspace(Vault.open(laptop.path, PASSPHRASE), coordinator)
    return to


def restore_vault(laptop, backup) -> None:
    coordinator = laptop.workspace.coordinator
    laptop.workspace.lock()
    for path in vault_files(laptop.path):
        path.unlink(missing_ok=True)
    for path in backup.iterdir():
        shutil.copy2(path, laptop.path.parent / path.name)
    laptop.workspace = Workspace(Vault.open(laptop.path, PASSPHRASE), coordinator)
