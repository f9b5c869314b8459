"""Every `--json` document of a command that went well says `"ok": true` (`erase`, `due`, `sync now`, ... did not,
where others did), and its moments are ISO 8601 with their offset (`sync status` gave `last_synced` without one)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from borapp.services import settings
from borapp.services.sync import run as sync_run
from tests.cases.test_case_services import add_case
from tests.helpers.cli_run import run_cli as run


@pytest.fixture
def access(workspace, vault_path, passphrase_file):
    add_case(workspace, "BOR-2026-014", status="closed")
    settings.write_settings(workspace, {"sync.last_synced": "2026-12-05T20:08:00"})  # as sync_now keeps it
    workspace.vault.lock()
    return ("--vault", vault_path, "--passphrase-file", passphrase_file)


@pytest.mark.parametrize("argv", [("privacy", "due"), ("privacy", "erase", "BOR-2026-014", "--reason", "verzoek",
                                                      "--yes"), ("config", "list"), ("sync", "status")])
def test_a_json_document_of_a_success_says_ok(capsys, access, argv):
    code, out, err = run(capsys, *argv, "--json", *access)
    doc = json.loads(out)
    assert code == 0 and err == "" and doc["ok"] is True, out


def test_sync_now_says_ok(capsys, access, monkeypatch):
    monkeypatch.setattr(sync_run, "sync_now", lambda workspace: sync_run.SyncResult(pushed=2, pulled=1, seq=7))
    code, out, _err = run(capsys, "sync", "now", "--json", *access)
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True and (doc["pushed"], doc["pulled"], doc["seq"]) == (2, 1, 7)


def test_the_last_sync_is_a_moment_with_its_offset(capsys, access):
    _code, out, _err = run(capsys, "sync", "status", "--json", *access)
    moment = dt.datetime.fromisoformat(json.loads(out)["last_synced"])
    assert moment.utcoffset() is not None, out
    assert moment == dt.datetime(2026, 12, 5, 20, 8).astimezone()  # the same moment, kept as local time
    assert json.loads(out)["failed_at"] == ""  # never failed: still empty, not a made-up moment
