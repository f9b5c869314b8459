"""The vault's life: create, reopen, lock, passphrase change, recovery key, backup and restore, check, migration."""

from __future__ import annotations

import zipfile

import pytest

from borapp.models import schema
from borapp.services.errors import NotFound, UsageError, VaultDamaged, VaultLocked, WrongPassphrase
from borapp.services.vault import vault as vault_module
from borapp.services.vault.restore import restore
from borapp.services.vault.vault import Vault, key_path, vault_files
from tests.conftest import PASSPHRASE
from tests.helpers import add_family, case_ids, snapshot, zero_block

NEW = "another long passphrase"


@pytest.fixture
def made(vault_path):
    """A new vault (locked) with its recovery key and three cases."""
    vault, recovery = Vault.create(vault_path, PASSPHRASE)
    ids = add_family(vault, "leven", count=3)
    vault.lock()
    return vault_path, recovery, set(ids)


def opened(path, passphrase=PASSPHRASE, **kw) -> Vault:
    return Vault.open(path, passphrase, **kw)


def ids_in(path, passphrase=PASSPHRASE) -> set[int]:
    vault = opened(path, passphrase)
    try:
        return case_ids(vault)
    finally:
        vault.lock()


# ---- create, reopen, lock --------------------------------------------------------------------------------------------

def test_create_then_reopen(made):
    path, _recovery, ids = made
    assert sorted(p.name for p in path.parent.iterdir()) == ["vault.bordb", "vault.bordb.keys", "vault.bordb.lock"]
    assert ids_in(path) == ids


def test_create_refuses_an_existing_vault_and_a_short_passphrase(made, tmp_path):
    path, _recovery, _ids = made
    before = snapshot(path.parent)
    with pytest.raises(UsageError):
        Vault.create(path, PASSPHRASE)
    assert snapshot(path.parent) == before
    with pytest.raises(UsageError):
        Vault.create(tmp_path / "short" / "vault.bordb", "kort")
    assert not (tmp_path / "short" / "vault.bordb").exists()


def test_lock_drops_engine_and_key(vault):
    vault.lock()
    assert vault.is_locked
    with pytest.raises(VaultLocked):
        with vault.session():
            pass
    with pytest.raises(VaultLocked):
        vault.engine
    with pytest.raises(VaultLocked):
        vault.change_passphrase(NEW)
    vault.lock()  # twice is harmless


def test_revision_is_head_after_create(vault):
    assert schema.current(vault.engine) == schema.head()
    assert vault.check().schema == schema.head()


@pytest.mark.parametrize("folder", ["Team #2", "wat? ja=1", "100% zeker", "%41 coördinatie ĳ"])
def test_awkward_folder_names(tmp_path, folder):
    """The database path goes to SQLite as a URI; '#', '?' and '%' must not cut it short or change it."""
    path = tmp_path / folder / "vault.bordb"
    vault, _recovery = Vault.create(path, PASSPHRASE)
    ids = set(add_family(vault, "map"))
    backup = vault.backup(path.with_name("copy.borbackup"))
    vault.lock()
    assert ids_in(path) == ids
    assert restore(backup, path, PASSPHRASE) is not None
    assert ids_in(path) == ids
    assert [p.name for p in tmp_path.iterdir()] == [folder]  # nothing was written anywhere else


# ---- passphrase and recovery key -------------------------------------------------------------------------------------

def test_change_passphrase(made):
    path, recovery, ids = made
    vault = opened(path)
    vault.change_passphrase(NEW)
    vault.lock()
    with pytest.raises(WrongPassphrase):
        opened(path)
    assert ids_in(path, NEW) == ids
    assert not key_path(path).with_name(key_path(path).name + ".new").exists()
    opened(path, recovery_key=recovery).lock()  # the recovery wrap is untouched


def test_change_passphrase_checks_the_rules(made):
    path, _recovery, _ids = made
    vault = opened(path)
    keys = key_path(path).read_bytes()
    with pytest.raises(UsageError):
        vault.change_passphrase("kort")
    vault.lock()
    assert key_path(path).read_bytes() == keys


@pytest.mark.parametrize("typed", [
    lambda k: k,
    lambda k: k.lower(),
    lambda k: k.replace("-", ""),
    lambda k: k.replace("-", " ").lower(),
    lambda k: "  " + k.replace("-", " - ") + "\n",
])
def test_recovery_key_opens_in_any_spelling(made, typed):
    path, recovery, ids = made
    vault = Vault.open(path, recovery_key=typed(recovery))
    try:
        assert case_ids(vault) == ids
    finally:
        vault.lock()


def test_recovery_key_sets_a_new_passphrase(made):
    path, recovery, ids = made
    vault = Vault.open(path, recovery_key=recovery)
    vault.change_passphrase(NEW)
    vault.lock()
    with pytest.raises(WrongPassphrase):
        opened(path)
    assert ids_in(path, NEW) == ids


def test_new_recovery_key_replaces_the_old(made):
    path, old, _ids = made
    vault = opened(path)
    new = vault.new_recovery_key()
    vault.lock()
    assert new != old
    with pytest.raises(WrongPassphrase):
        Vault.open(path, recovery_key=old)
    Vault.open(path, recovery_key=new).lock()
    opened(path).lock()  # the passphrase still works


# ---- backup and restore ----------------------------------------------------------------------------------------------

def backup_of(path, to, passphrase=PASSPHRASE):
    vault = opened(path, passphrase)
    try:
        return vault.backup(to)
    finally:
        vault.lock()


def test_backup_then_restore_into_a_new_path(made, tmp_path):
    path, _recovery, ids = made
    backup = backup_of(path, tmp_path / "backups" / "a.borbackup")
    target = tmp_path / "elsewhere" / "deeper" / "vault.bordb"
    assert restore(backup, target, PASSPHRASE) is None
    assert sorted(p.name for p in target.parent.iterdir()) == ["vault.bordb", "vault.bordb.keys", "vault.bordb.lock"]
    assert ids_in(target) == ids


def test_a_restore_with_the_wrong_passphrase_into_a_new_path_leaves_nothing_there(made, tmp_path):
    """An empty "vault.bordb.lock" stayed behind, beside no vault."""
    path, _recovery, _ids = made
    backup = backup_of(path, tmp_path / "backups" / "a.borbackup")
    target = tmp_path / "rs" / "vault.bordb"
    with pytest.raises(WrongPassphrase):
        restore(backup, target, "not the passphrase")
    assert not target.parent.exists()  # the folder the restore made for it went too


def test_restore_over_an_existing_vault_keeps_it_aside(made, tmp_path):
    path, _recovery, ids = made
    backup = backup_of(path, tmp_path / "backups" / "a.borbackup")
    target = tmp_path / "other" / "vault.bordb"
    other, _ = Vault.create(target, NEW)
    other_ids = set(add_family(other, "ander", count=5))
    other.lock()

    aside = restore(backup, target, PASSPHRASE)
    assert aside is not None and aside.exists() and key_path(aside).exists()
    assert ids_in(target) == ids
    assert ids_in(aside, NEW) == other_ids  # the old vault still opens with its own passphrase

    aside_again = restore(backup, target, PASSPHRASE)  # twice within a second must not replace the first aside
    assert aside_again != aside
    assert ids_in(aside, NEW) == other_ids
    assert ids_in(aside_again) == ids


def test_backup_refuses_to_overwrite_the_vault(vault, vault_path):
    ids = set(add_family(vault, "blijft"))
    keys = key_path(vault_path).read_bytes()
    for to in (vault_path, key_path(vault_path), vault_path.parent):
        with pytest.raises(UsageError):
            vault.backup(to)
    assert vault.check().ok
    vault.lock()
    assert key_path(vault_path).read_bytes() == keys
    assert ids_in(vault_path) == ids


def test_backup_opens_with_the_passphrase_of_its_day(made, tmp_path):
    path, recovery, ids = made
    backup = backup_of(path, tmp_path / "b" / "old.borbackup")
    vault = opened(path)
    vault.change_passphrase(NEW)
    add_family(vault, "later")
    vault.lock()

    with pytest.raises(WrongPassphrase):
        restore(backup, tmp_path / "r1" / "vault.bordb", NEW)
    assert restore(backup, tmp_path / "r2" / "vault.bordb", PASSPHRASE) is None
    assert ids_in(tmp_path / "r2" / "vault.bordb") == ids
    assert restore(backup, tmp_path / "r3" / "vault.bordb", recovery_key=recovery) is None


def damaged_backups(good, tmp_path) -> dict:
    data = good.read_bytes()
    made = {}
    made["truncated"] = data[: len(data) // 2]
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF
    made["flipped byte"] = bytes(flipped)
    made["not a backup"] = b"just some text, not a zip\n" * 50
    made["empty"] = b""
    # A well-formed zip whose database is damaged (the zip's CRCs are right, SQLCipher's HMACs are not).
    inner = tmp_path / "inner.bordb"
    with zipfile.ZipFile(good) as zf:
        inner.write_bytes(zf.read("vault.bordb"))
        members = {name: zf.read(name) for name in zf.namelist()}
    zero_block(inner, 4096)
    rebuilt = tmp_path / "rebuilt.zip"
    with zipfile.ZipFile(rebuilt, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, inner.read_bytes() if name == "vault.bordb" else content)
    made["damaged database"] = rebuilt.read_bytes()
    made["zip of something else"] = _zip_of(tmp_path / "other.zip", {"readme.txt": b"hallo"})
    return made


def _zip_of(path, members: dict) -> bytes:
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return path.read_bytes()


def test_restore_of_a_bad_backup_leaves_the_target_untouched(vault, vault_path, tmp_path):
    add_family(vault, "groot", notes="x" * 3000, count=100)  # big enough that the middle is data pages
    good = vault.backup(tmp_path / "b" / "good.borbackup")
    vault.lock()
    before = snapshot(vault_path.parent)
    for label, content in damaged_backups(good, tmp_path).items():
        bad = tmp_path / "b" / f"{label}.borbackup"
        bad.write_bytes(content)
        with pytest.raises(VaultDamaged):
            restore(bad, vault_path, PASSPHRASE)
        assert snapshot(vault_path.parent) == before, label
    with pytest.raises(NotFound, match="reservekopie"):
        restore(tmp_path / "b" / "nothing-here.borbackup", vault_path, PASSPHRASE)
    assert snapshot(vault_path.parent) == before


def test_restore_with_a_wrong_passphrase_leaves_the_target_untouched(made, tmp_path):
    path, _recovery, ids = made
    backup = backup_of(path, tmp_path / "b" / "a.borbackup")
    before = snapshot(path.parent)
    with pytest.raises(WrongPassphrase):
        restore(backup, path, "not the passphrase")
    with pytest.raises(WrongPassphrase):
        restore(backup, path, recovery_key="ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2")
    assert snapshot(path.parent) == before
    assert ids_in(path) == ids


def test_restore_onto_a_folder_is_a_usage_error(made, tmp_path):
    path, _recovery, _ids = made
    backup = backup_of(path, tmp_path / "b" / "a.borbackup")
    with pytest.raises(UsageError):
        restore(backup, path.parent, PASSPHRASE)
    assert ids_in(path)


# ---- check and migration ---------------------------------------------------------------------------------------------

def test_check_counts_records(vault):
    add_family(vault, "tel", count=4)
    result = vault.check()
    assert result.ok and result.problems == []
    assert result.counts["cases"] == 4
    assert result.counts["parents"] == 4
    assert result.counts["children"] == 4
    assert result.counts["volunteers"] == 0


def test_migration_takes_a_backup_first(made, monkeypatch):
    path, _recovery, ids = made
    upgraded = []
    current = schema.head()
    monkeypatch.setattr(schema, "head", lambda: "9998")  # pretend a newer release with one pending migration
    monkeypatch.setattr(schema, "upgrade", lambda engine: upgraded.append(schema.current(engine)))
    vault = opened(path)
    vault.lock()
    assert upgraded == [current]
    backups = sorted(path.parent.glob(f"vault.bordb.before-{current}-*.borbackup"))
    assert len(backups) == 1
    monkeypatch.undo()
    restored = path.parent / "restored" / "vault.bordb"
    restore(backups[0], restored, PASSPHRASE)
    assert ids_in(restored) == ids


def test_no_migration_backup_at_head(made):
    path, _recovery, _ids = made
    opened(path).lock()
    assert list(path.parent.glob("*.borbackup")) == []
    assert set(p.name for p in path.parent.iterdir()) <= {p.name for p in vault_files(path)} | {"vault.bordb.lock"}


def test_vault_module_keeps_files_together(vault_path):
    assert key_path(vault_path).name == "vault.bordb.keys"
    assert vault_module.vault_files(vault_path)[:2] == [vault_path, key_path(vault_path)]
