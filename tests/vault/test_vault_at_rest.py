"""Nothing personal in plaintext at rest: every file in the vault folder, and a backup, holds only ciphertext.

Synthetic canary strings go into a parent's name, an address, a child's name, a note and the search index; their
bytes (UTF-8 and UTF-16) must appear in no file: with the vault open (WAL present), after lock, after a kill -9 of a
writer mid-write, and in a backup.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile

from borapp.models import Case, Child, Parent
from borapp.services.cases import search_index
from borapp.services.vault.keywrap import KeyFile
from borapp.services.vault.vault import Vault, key_path
from tests.conftest import PASSPHRASE
from tests.helpers import SQLITE_MAGIC, CrashWriter, files_with


def make_canaries() -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    return {
        "parent": f"Zwanetta Quirijnsdochter {tag}",
        "address": f"Kwakkelsteeg {tag} Ĳsselmonde",
        "child": f"Ysbrandje Wolkenveld {tag}",
        "note": f"vertrouwelijke notitie {tag} over de omgang",
    }


def write_canaries(vault: Vault, canary: dict[str, str]) -> None:
    with vault.session() as session:
        case = Case(ref=f"rest-{uuid.uuid4().hex[:8]}", registered_on=dt.date(2026, 3, 5), notes=canary["note"])
        case.parents.append(Parent(role="resident", name=canary["parent"], address=canary["address"]))
        case.children.append(Child(name=canary["child"]))
        session.add(case)
        search_index.reindex_case(session, case)  # the FTS5 shadow tables hold the words too


def assert_no_plaintext(folder, canary: dict[str, str], db_path) -> None:
    assert files_with(folder, list(canary.values())) == []
    assert not db_path.read_bytes().startswith(SQLITE_MAGIC)


def test_canaries_are_readable_through_the_vault(vault):
    """The canaries really are stored (else the scans below would prove nothing)."""
    canary = make_canaries()
    write_canaries(vault, canary)
    with vault.session() as session:
        assert search_index.search_case_ids(session, canary["parent"].split()[-1])


def test_no_plaintext_while_open_with_wal(vault, vault_path):
    canary = make_canaries()
    for _ in range(3):
        write_canaries(vault, canary)
    wal = vault_path.with_name(vault_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the writes should still sit in the WAL"
    assert_no_plaintext(vault_path.parent, canary, vault_path)


def test_no_plaintext_after_lock(vault, vault_path):
    canary = make_canaries()
    write_canaries(vault, canary)
    vault.lock()
    assert sorted(p.name for p in vault_path.parent.iterdir()) == ["vault.bordb", "vault.bordb.keys", "vault.bordb.lock"]
    assert vault_path.with_name("vault.bordb.lock").stat().st_size == 0  # the process lock's file holds nothing
    assert_no_plaintext(vault_path.parent, canary, vault_path)


def test_no_plaintext_after_kill_mid_write(vault, vault_path):
    vault.lock()
    tag = f"Kanarie{uuid.uuid4().hex[:10]}"
    with CrashWriter(vault_path, PASSPHRASE, tag, seed=7) as writer:
        writer.wait_for_commits(8)
        writer.kill()
    assert vault_path.with_name(vault_path.name + "-wal").exists()
    canary = {"tag": tag, "parent": f"{tag} parent", "address": f"{tag} street 1", "child": f"{tag} child"}
    assert_no_plaintext(vault_path.parent, canary, vault_path)
    reopened = Vault.open(vault_path, PASSPHRASE)  # recovers the WAL into the database
    reopened.lock()
    assert_no_plaintext(vault_path.parent, canary, vault_path)


def test_backup_holds_no_plaintext(vault, tmp_path):
    canary = make_canaries()
    write_canaries(vault, canary)
    backup = vault.backup(tmp_path / "backups" / "vault.borbackup")
    assert files_with(backup.parent, list(canary.values())) == []
    with zipfile.ZipFile(backup) as zf:  # and each member unpacked, in case the zip ever compresses
        for name in zf.namelist():
            data = zf.read(name)
            assert not any(form in data for c in canary.values() for form in (c.encode(), c.encode("utf-16-le")))
        assert not zf.read("vault.bordb").startswith(SQLITE_MAGIC)


def test_key_file_holds_no_secret(tmp_path):
    path = tmp_path / "v" / "vault.bordb"
    vault, recovery = Vault.create(path, PASSPHRASE)
    vault.lock()
    raw = key_path(path).read_bytes()
    data_key = KeyFile.read(key_path(path)).unwrap("passphrase", PASSPHRASE)
    for secret in (PASSPHRASE.encode(), recovery.encode(), recovery.replace("-", "").encode(), data_key,
                   data_key.hex().encode()):
        assert secret not in raw
    assert not path.read_bytes().startswith(SQLITE_MAGIC)
