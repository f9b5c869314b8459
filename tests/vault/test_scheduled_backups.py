"""Scheduled backups: due once a day when a folder is set, dated, rotated to `backup.keep` (other files left alone),
and every failure a clear message naming the folder that changes nothing it should not."""

from __future__ import annotations

import datetime as dt
import errno
import threading

import pytest

from borapp.services import settings
from borapp.services.errors import BorError, VaultLocked
from borapp.services.vault import backups
from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import lock_midway

NOW = dt.datetime(2026, 12, 3, 9, 30)


@pytest.fixture
def folder(workspace, tmp_path):
    target = tmp_path / "stick"
    target.mkdir()
    settings.write_settings(workspace, {"backup.folder": str(target)})
    return target


def test_no_folder_means_never_due_and_a_warning(workspace):
    assert not backups.is_due(workspace, NOW)
    assert "Instellingen" in backups.status(workspace, NOW).warning


def test_due_once_a_day(workspace, folder):
    assert backups.is_due(workspace, NOW), "never made: due"
    backups.make_backup(workspace, NOW)
    assert not backups.is_due(workspace, NOW + dt.timedelta(hours=23, minutes=59))
    assert backups.is_due(workspace, NOW + dt.timedelta(days=1))
    assert backups.status(workspace, NOW + dt.timedelta(days=6)).warning == ""
    assert backups.status(workspace, NOW + dt.timedelta(days=8)).warning


def test_a_backup_is_dated_opens_and_the_oldest_go_beyond_keep(workspace, folder):
    settings.write_settings(workspace, {"backup.keep": "3"})
    mine = folder / "boodschappen.txt"
    mine.write_text("niet van BOR Desk")
    made = [backups.make_backup(workspace, NOW + dt.timedelta(days=i)) for i in range(5)]
    assert made[0].name == "bor-desk-20261203-093000.borbackup"
    assert sorted(p.name for p in folder.glob("*.borbackup")) == [p.name for p in made[2:]]
    assert mine.read_text() == "niet van BOR Desk"
    assert settings.read_setting(workspace, "backup.last") == (NOW + dt.timedelta(days=4)).isoformat()
    restored = folder.parent / "terug" / "vault.bordb"
    from borapp.services.vault.restore import restore

    restore(made[-1], restored, PASSPHRASE)
    Vault.open(restored, PASSPHRASE).lock()


def test_a_missing_folder_is_named_and_nothing_is_recorded(workspace, tmp_path):
    gone = tmp_path / "stick-eruit" / "bor"  # a stick not plugged in: not even the folder it holds the backups in
    settings.write_settings(workspace, {"backup.folder": str(gone)})
    with pytest.raises(BorError, match="stick-eruit"):
        backups.make_backup(workspace, NOW)
    assert settings.read_setting(workspace, "backup.last") == ""


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "vol"), (errno.EROFS, "niet worden geschreven"),
                                         (errno.EACCES, "niet worden geschreven"), (errno.EIO, "weg")])
def test_a_failed_write_says_why_in_words(workspace, folder, monkeypatch, code, words):
    def refuse(target):
        raise OSError(code, "os says no")

    monkeypatch.setattr(workspace.vault, "backup", refuse)
    with pytest.raises(BorError) as raised:
        backups.make_backup(workspace, NOW)
    assert str(folder) in str(raised.value) and words in str(raised.value)
    assert settings.read_setting(workspace, "backup.last") == ""


def held_copy(monkeypatch, *, inside: bool):
    """Hold the backup's database copy until `go` is set, `inside` the running copy (SQLite's progress handler) or
    just before it starts; `started` is set once it is held."""
    from borapp.services.vault import backup_file

    started, go, copy_database = threading.Event(), threading.Event(), backup_file.copy_database
    go.steps_after = 0  # how far the copy went on once let go

    def wait() -> int:
        started.set()
        if go.is_set():
            go.steps_after += 1
        go.wait(10)
        return 0

    def held(connection, copy):
        if not inside:
            wait()
        connection.set_progress_handler(wait if inside else None, 1)
        try:
            copy_database(connection, copy)
        finally:
            connection.set_progress_handler(None, 0)

    monkeypatch.setattr(backup_file, "copy_database", held)
    return started, go


def backup_locked_meanwhile(workspace, started, go) -> BaseException | None:
    outcome = []

    def run():
        try:
            backups.make_backup(workspace, NOW)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    lock_midway(run, started, go, workspace.lock)
    return outcome[0]


@pytest.mark.parametrize("inside", [True, False], ids=["during the copy", "between statements"])
def test_a_lock_stops_the_backup_and_leaves_nothing(workspace, folder, monkeypatch, inside):
    """The lock interrupts the copy; one that comes between two statements (which an interrupt does not stop) makes
    the finished copy count for nothing. No backup, no half-made copy, no key left at work."""
    started, go = held_copy(monkeypatch, inside=inside)
    assert isinstance(backup_locked_meanwhile(workspace, started, go), VaultLocked)
    assert list(folder.iterdir()) == []
    assert go.steps_after < 100  # interrupted at once, not run to its end (over 10,000 steps) and then dropped


def test_a_backup_now_without_a_folder_is_refused_and_writes_nowhere(workspace, tmp_path, monkeypatch):
    """With no folder chosen, "backup now" wrote into the folder the app was started from and said it was done."""
    started_in = tmp_path / "werkmap"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    with pytest.raises(BorError, match="Instellingen"):
        backups.make_backup(workspace, NOW)
    assert list(started_in.iterdir()) == [] and settings.read_setting(workspace, "backup.last") == ""


def test_a_relative_backup_folder_is_refused_when_chosen(workspace):
    """"relatief/pad" was saved, and meant a folder under wherever the app happened to start."""
    from borapp.services.errors import UsageError

    with pytest.raises(UsageError, match="relatief/pad"):
        settings.write_settings(workspace, {"backup.folder": "relatief/pad"})
    assert settings.read_setting(workspace, "backup.folder") == ""
