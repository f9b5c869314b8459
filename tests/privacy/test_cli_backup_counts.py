"""A backup written with `borapp backup --to F` counts as one made in the app: the status bar's "last backup" names
it, and erasing a case lists it among the backups still holding the case. It kept "Laatste reservekopie: nooit",
and the tombstone listed no backup, so a restore of it was the family's data back without a word."""

from __future__ import annotations

import json

from borapp.services.vault import backups
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.outbox_support import add_referred_case
from tests.privacy.test_log_after_restore import run


def test_a_command_line_backup_is_the_last_backup_and_named_at_erasure(vault, vault_path, passphrase_file,
                                                                        tmp_path, capsys, monkeypatch):
    add_referred_case(Workspace(vault), "BOR-2026-014")
    vault.lock()
    monkeypatch.chdir(tmp_path)
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)
    code, _out, err = run(capsys, "backup", "--to", "kopie.borbackup", *access)
    assert code == 0, err
    opened = Vault.open(vault_path, PASSPHRASE)
    try:
        assert backups.status(Workspace(opened)).last is not None
    finally:
        opened.lock()
    code, out, err = run(capsys, "privacy", "erase", "BOR-2026-014", "--reason", "verzoek", "--yes", "--json",
                         *access)
    assert code == 0, err
    assert json.loads(out)["backups_holding_it"] == [str(tmp_path / "kopie.borbackup")]
