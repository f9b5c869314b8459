"""One process per vault: while another process has the vault open, opening, a command and a restore are refused
with a clear message, nothing is written, and no saved change is lost; once it is closed (or killed) all works."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from borapp.cli import main
from borapp.services import settings
from borapp.services.vault.process_lock import VaultInUse
from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE

HOLDER = textwrap.dedent("""
    import sys
    from borapp.services import settings
    from borapp.services.vault.vault import Vault
    vault = Vault.open(sys.argv[1], sys.argv[2])
    with vault.session() as session:
        settings.put(session, "organisation.name", "Gezet door het andere venster")
    print("open", flush=True)
    sys.stdin.readline()  # holds the vault until told to stop
    vault.lock()
""")


@pytest.fixture
def other_process(vault_path):
    Vault.create(vault_path, PASSPHRASE)[0].lock()
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(vault_path), PASSPHRASE], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "open"
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def fingerprint(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_second_process_is_refused_and_changes_nothing(other_process, vault_path, passphrase_file, tmp_path,
                                                         capsys):
    before = fingerprint(vault_path.parent)
    with pytest.raises(VaultInUse):
        Vault.open(vault_path, PASSPHRASE)
    code = main(["config", "set", "organisation.name", "Hier", "--vault", str(vault_path),
                 "--passphrase-file", str(passphrase_file)])
    err = capsys.readouterr().err
    assert code == 1 and "in een ander" in err and "Traceback" not in err
    assert fingerprint(vault_path.parent) == before, "a refused open wrote into the vault folder"
    other_process.stdin.write("\n")
    other_process.stdin.flush()
    assert other_process.wait(timeout=30) == 0
    vault = Vault.open(vault_path, PASSPHRASE)  # closed there: open here, and its saved change is here
    try:
        with vault.session() as session:
            assert settings.get(session, "organisation.name") == "Gezet door het andere venster"
    finally:
        vault.lock()


def test_restore_is_refused_while_the_vault_is_open_elsewhere(other_process, vault_path, passphrase_file, tmp_path,
                                                              capsys):
    source = tmp_path / "ergens" / "vault.bordb"
    made, _recovery = Vault.create(source, PASSPHRASE)
    made.backup(tmp_path / "b.borbackup")
    made.lock()
    before = fingerprint(vault_path.parent)
    code = main(["restore", "--from", str(tmp_path / "b.borbackup"), "--vault", str(vault_path),
                 "--passphrase-file", str(passphrase_file)])
    assert code == 1 and "in een ander" in capsys.readouterr().err
    assert fingerprint(vault_path.parent) == before


def test_a_killed_process_leaves_no_lock_behind(other_process, vault_path):
    with pytest.raises(VaultInUse):
        Vault.open(vault_path, PASSPHRASE)
    other_process.kill()
    other_process.wait()
    vault = Vault.open(vault_path, PASSPHRASE)  # the OS dropped the dead process's lock
    assert not vault.is_locked
    vault.lock()


def test_in_one_process_opens_share_the_lock(vault_path):
    first, _recovery = Vault.create(vault_path, PASSPHRASE)
    second = Vault.open(vault_path, PASSPHRASE)
    first.lock()
    with second.session() as session:
        assert settings.get(session, "language") == "nl"
    second.lock()
