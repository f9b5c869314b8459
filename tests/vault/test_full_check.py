"""The full check reports what SQLite's own checks find on sound pages, wherever it runs: `borapp check`, a check of
an open vault, and restoring. SQLite's checks run beside the HMAC pass (services/vault/full_check.py), and
`borapp check` takes them from the read-only look before anything could write, unless opening migrated."""

from __future__ import annotations

import json
import time

import pytest

from borapp.cli import main
from borapp.models import db, schema
from borapp.services.errors import EXIT_DAMAGED, VaultDamaged
from borapp.services.vault import full_check
from borapp.services.vault.restore import restore
from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import add_family, zero_block

INDEX_PROBLEM = "row 1 missing from index ix_child_case_id"
KEY_PROBLEM = "verwijzing: rij 1 van parent verwijst naar een ontbrekende rij van case_file"  # said in Dutch


def out_of_step(vault: Vault, *, index: bool = True) -> None:
    """Lock the vault after giving it damage no page's HMAC can show: an index whose entries no longer match its
    table (unless not `index`), and a parent of a case that is not there."""
    add_family(vault, "scheef", count=2)
    key, path = bytes(vault._key), vault.path
    vault.lock()
    conn = db.connect(path, key)
    try:
        if index:
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_child_case_id ON child (name)' "
                         "WHERE name = 'ix_child_case_id'")
            conn.execute("PRAGMA writable_schema = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE parent SET case_id = 999 WHERE id = 1")
    finally:
        conn.close()


def test_borapp_check_names_what_sqlite_found(vault, vault_path, passphrase_file, capsys):
    out_of_step(vault)
    code = main(["check", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == EXIT_DAMAGED and not report["ok"]
    assert INDEX_PROBLEM in report["problems"]
    assert KEY_PROBLEM in report["problems"]


def test_borapp_check_says_what_to_do_in_words(vault, vault_path, passphrase_file, capsys):
    out_of_step(vault)
    code = main(["check", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out = capsys.readouterr().out
    assert code == EXIT_DAMAGED and out.startswith("De kluis heeft problemen:\n")
    assert f"  - {KEY_PROBLEM}\n" in out and "Zet een recente reservekopie terug: borapp restore --from BESTAND" in out


def test_a_check_of_an_open_vault_finds_the_same(vault, vault_path):
    out_of_step(vault)
    opened = Vault.open(vault_path, PASSPHRASE)
    try:
        result = opened.check()
    finally:
        opened.lock()
    assert not result.ok and INDEX_PROBLEM in result.problems
    assert KEY_PROBLEM in result.problems


def test_a_sound_vault_is_sound(vault):
    add_family(vault, "gaaf", count=3)
    result = vault.check()
    assert result.ok and result.problems == [] and result.counts


def test_a_backup_with_a_broken_reference_is_not_restored(vault, vault_path, tmp_path):
    out_of_step(vault, index=False)
    opened = Vault.open(vault_path, PASSPHRASE)
    try:
        backup = opened.backup(tmp_path / "kapot.borbackup")
    finally:
        opened.lock()
    with pytest.raises(VaultDamaged):
        restore(backup, tmp_path / "terug" / "vault.bordb", PASSPHRASE)
    assert not (tmp_path / "terug" / "vault.bordb").exists()


@pytest.fixture
def checks(monkeypatch) -> list:
    calls: list = []
    real = full_check.findings

    def counted(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(full_check, "findings", counted)
    return calls


def test_borapp_check_runs_the_checks_once(vault, vault_path, checks):
    vault.lock()
    opened = Vault.open(vault_path, PASSPHRASE, full_check=True)
    try:
        assert opened.check(as_opened=True).ok
        assert opened.check(as_opened=True).ok  # what open found is used once: a second check looks again
    finally:
        opened.lock()
    assert len(checks) == 2


def test_a_vault_that_opening_migrated_is_checked_after_the_migration(vault, vault_path, checks):
    from alembic import command

    from borapp.models.schema import _config

    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    vault.lock()
    opened = Vault.open(vault_path, PASSPHRASE, full_check=True)
    try:
        assert schema.current(opened.engine) == schema.head()
        assert len(checks) == 1  # read-only, before the migration wrote
        assert opened.check(as_opened=True).ok
    finally:
        opened.lock()
    assert len(checks) == 2  # what the migration wrote is checked too


def test_damaged_pages_stop_the_integrity_check_beside_them(vault, vault_path, monkeypatch):
    """Once the HMAC pass has found damaged pages, what SQLite's integrity check would say is not read: it is stopped
    rather than waited for (on a large vault, seconds)."""
    add_family(vault, "groot", notes="x" * 3000, count=400)
    key = bytes(vault._key)
    vault.lock()
    zero_block(vault_path)
    ended, integrity = [], full_check._integrity

    def slowed(conn):
        started = []

        def step() -> int:
            if not started:
                started.append(True)
                time.sleep(0.5)  # the HMAC pass finds the damage meanwhile
            return 0

        conn.set_progress_handler(step, 1)
        ended.append(integrity(conn))
        return ended[-1]

    monkeypatch.setattr(full_check, "_integrity", slowed)
    pages, found = full_check.findings(vault_path, key)
    assert pages and found == []
    assert ended == [["interrupted"]]
