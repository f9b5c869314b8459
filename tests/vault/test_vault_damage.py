"""Damage and failed opens: each failure has its own error (and exit code) and changes no byte of any file.

Every case hashes every file in the vault folder before and after the failed open.
"""

from __future__ import annotations

import json

import pytest
import sqlcipher3
from sqlalchemy import text

from borapp.cli import main
from borapp.i18n import set_language
from borapp.services.errors import UsageError, VaultDamaged, VaultMissing, VaultNewer, WrongPassphrase
from borapp.services.vault.vault import Vault, key_path
from tests.conftest import PASSPHRASE
from tests.helpers import CrashWriter, add_family, snapshot, zero_block

WRONG = "not the passphrase at all"
NOT_THE_RECOVERY_KEY = "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2"


def fails_without_change(folder, exc_type, *args, **kwargs):
    """Open the vault, expect `exc_type`, and check the folder is byte-for-byte what it was."""
    before = snapshot(folder)
    with pytest.raises(exc_type) as info:
        Vault.open(*args, **kwargs)
    assert snapshot(folder) == before
    return info.value


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def big_vault(vault, vault_path):
    """A locked vault of many pages (so a block in the middle is user data, not the schema)."""
    add_family(vault, "groot", notes="x" * 3000, count=400)
    vault.lock()
    assert vault_path.stat().st_size // 4096 > 200
    return vault_path


@pytest.fixture
def crashed_vault(vault, vault_path):
    """A vault whose writer was killed, so a -wal (and -shm) is left behind."""
    vault.lock()
    with CrashWriter(vault_path, PASSPHRASE, "kapot", seed=3) as writer:
        writer.wait_for_commits(5)
        writer.kill()
    assert vault_path.with_name(vault_path.name + "-wal").exists()
    return vault_path


# ---- wrong passphrase or recovery key --------------------------------------------------------------------------------

def test_wrong_passphrase_changes_nothing(big_vault):
    fails_without_change(big_vault.parent, WrongPassphrase, big_vault, WRONG)
    fails_without_change(big_vault.parent, WrongPassphrase, big_vault, "")


def test_wrong_recovery_key_changes_nothing(big_vault):
    fails_without_change(big_vault.parent, WrongPassphrase, big_vault, recovery_key=NOT_THE_RECOVERY_KEY)
    fails_without_change(big_vault.parent, WrongPassphrase, big_vault, recovery_key=PASSPHRASE)


def test_wrong_passphrase_after_a_crash_changes_nothing(crashed_vault, passphrase_file, tmp_path, capsys):
    names = sorted(p.name for p in crashed_vault.parent.iterdir())
    assert "vault.bordb-wal" in names
    fails_without_change(crashed_vault.parent, WrongPassphrase, crashed_vault, WRONG)
    fails_without_change(crashed_vault.parent, WrongPassphrase, crashed_vault, recovery_key=NOT_THE_RECOVERY_KEY)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(WRONG + "\n", encoding="utf-8")
    before = snapshot(crashed_vault.parent)
    assert cli(capsys, "check", "--vault", str(crashed_vault), "--passphrase-file", str(wrong))[0] == 3
    assert snapshot(crashed_vault.parent) == before
    assert sorted(p.name for p in crashed_vault.parent.iterdir()) == names
    # and the right passphrase still opens it, with the writer's commits
    assert cli(capsys, "check", "--vault", str(crashed_vault), "--passphrase-file", str(passphrase_file))[0] == 0


# ---- damage ----------------------------------------------------------------------------------------------------------

def test_zeroed_block_is_damage_not_a_wrong_passphrase(big_vault, passphrase_file, tmp_path, capsys):
    """Found by the check of every page (`borapp check`, the weekly check); an unlock only takes a quick look
    (tests/vault/test_scheduled_check.py)."""
    zero_block(big_vault)
    damaged = fails_without_change(big_vault.parent, VaultDamaged, big_vault, PASSPHRASE, full_check=True)
    fails_without_change(big_vault.parent, WrongPassphrase, big_vault, WRONG)
    assert str(damaged) != str(WrongPassphrase())

    before = snapshot(big_vault.parent)
    code, out, err = cli(capsys, "check", "--vault", str(big_vault), "--passphrase-file", str(passphrase_file))
    assert code == 4 and str(damaged) in err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(WRONG, encoding="utf-8")
    code, out, err = cli(capsys, "check", "--vault", str(big_vault), "--passphrase-file", str(wrong))
    assert code == 3 and str(WrongPassphrase()) in err
    assert snapshot(big_vault.parent) == before


def test_a_command_that_reads_a_damaged_page_says_damage_with_its_exit_code(big_vault, passphrase_file, tmp_path,
                                                                             capsys):
    """A backup (or a report) reading the damaged page said "Onverwachte fout (DatabaseError)" with exit 1."""
    zero_block(big_vault)
    code, _out, err = cli(capsys, "backup", "--to", str(tmp_path / "kopie.borbak"), "--vault", str(big_vault),
                          "--passphrase-file", str(passphrase_file))
    assert code == 4 and "beschadigd" in err and "borapp check" in err and "niet had verwacht" not in err, err


@pytest.mark.parametrize("cut", ["page", "odd", "empty"])
def test_truncated_database_is_damage(big_vault, cut):
    size = {"page": 4096 * 100, "odd": 4096 * 100 + 1000, "empty": 0}[cut]
    with open(big_vault, "r+b") as fh:
        fh.truncate(size)
    fails_without_change(big_vault.parent, VaultDamaged, big_vault, PASSPHRASE)


def test_garbage_header_is_damage(big_vault):
    with open(big_vault, "r+b") as fh:
        fh.write(bytes(64))
    fails_without_change(big_vault.parent, VaultDamaged, big_vault, PASSPHRASE)


def test_missing_key_file_has_its_own_message(big_vault):
    set_language("en")
    key_path(big_vault).unlink()
    missing = fails_without_change(big_vault.parent, VaultDamaged, big_vault, PASSPHRASE)
    assert "key file" in str(missing)


KEY_FILE_DAMAGE = {
    "zeros": lambda d: b"\x00" * 100,
    "truncated": lambda d: json.dumps(d).encode()[:50],
    "a list": lambda d: b"[]",
    "no wraps": lambda d: _with(d, lambda k: k.update(wraps=[])),
    "wrap without kdf": lambda d: _with(d, lambda k: k["wraps"][0].pop("kdf")),
    "n not a power of two": lambda d: _with(d, lambda k: k["wraps"][0]["kdf"].update(n=1023)),
    "n far too big": lambda d: _with(d, lambda k: k["wraps"][0]["kdf"].update(n=2**40)),
    "r missing": lambda d: _with(d, lambda k: k["wraps"][0]["kdf"].pop("r")),
    "n not a number": lambda d: _with(d, lambda k: k["wraps"][0]["kdf"].update(n="veel")),
    "unknown kdf": lambda d: _with(d, lambda k: k["wraps"][0]["kdf"].update(name="md5")),
    "short wrapped key": lambda d: _with(d, lambda k: k["wraps"][0].update(wrapped="AAAA")),
}


def _with(data: dict, change) -> bytes:
    data = json.loads(json.dumps(data))
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize("damage", sorted(KEY_FILE_DAMAGE))
def test_damaged_key_file_is_damage(vault, vault_path, passphrase_file, capsys, damage):
    """A damaged key file is VaultDamaged (exit 4), never an unexpected error."""
    vault.lock()
    keys = key_path(vault_path)
    keys.write_bytes(KEY_FILE_DAMAGE[damage](json.loads(keys.read_bytes())))
    set_language("en")
    assert "key file" in str(fails_without_change(vault_path.parent, VaultDamaged, vault_path, PASSPHRASE))
    code, _out, err = cli(capsys, "check", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file))
    assert code == 4, err


def test_missing_and_damaged_messages_differ(big_vault, tmp_path):
    zero_block(big_vault)
    damaged = fails_without_change(big_vault.parent, VaultDamaged, big_vault, PASSPHRASE, full_check=True)
    key_path(big_vault).unlink()
    no_keys = fails_without_change(big_vault.parent, VaultDamaged, big_vault, PASSPHRASE)
    assert str(damaged) != str(no_keys)


def test_missing_vault(tmp_path, passphrase_file, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()
    fails_without_change(folder, VaultMissing, folder / "vault.bordb", PASSPHRASE)
    assert list(folder.iterdir()) == []
    code = cli(capsys, "check", "--vault", str(folder / "vault.bordb"), "--passphrase-file", str(passphrase_file))[0]
    assert code == 6
    assert list(folder.iterdir()) == []


def test_plaintext_sqlite_is_refused_and_left_alone(tmp_path, passphrase_file, capsys):
    set_language("en")
    path = tmp_path / "plain" / "vault.bordb"
    path.parent.mkdir()
    conn = sqlcipher3.connect(str(path))  # no key: a plain SQLite file, made without the standard library's sqlite3
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('iemand')")
    conn.commit()
    conn.close()
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    error = fails_without_change(path.parent, VaultDamaged, path, PASSPHRASE)
    assert "unencrypted" in str(error)
    before = snapshot(path.parent)
    code, _out, err = cli(capsys, "check", "--vault", str(path), "--passphrase-file", str(passphrase_file),
                          "--lang", "en")
    assert code == 4 and "unencrypted" in err
    assert snapshot(path.parent) == before


def test_directory_is_a_usage_error(tmp_path, passphrase_file, capsys):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fails_without_change(tmp_path, UsageError, folder, PASSPHRASE)
    assert cli(capsys, "check", "--vault", str(folder), "--passphrase-file", str(passphrase_file))[0] == 2


def make_newer(vault: Vault) -> None:
    with vault.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    vault.lock()


def test_vault_from_a_newer_version(vault, vault_path, passphrase_file, capsys):
    add_family(vault, "nieuw")
    make_newer(vault)
    fails_without_change(vault_path.parent, VaultNewer, vault_path, PASSPHRASE)
    before = snapshot(vault_path.parent)
    assert cli(capsys, "check", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file))[0] == 5
    assert snapshot(vault_path.parent) == before


def test_vault_from_a_newer_version_after_a_crash_is_not_checkpointed(vault, vault_path):
    """Refused read-only: the WAL is not folded into the database, and no byte of any file changes (SQLite rebuilds
    the -shm index on the first open after a crash, even read-only: the refusal puts it back)."""
    make_newer(vault)
    with CrashWriter(vault_path, PASSPHRASE, "nieuwer", seed=5) as writer:
        writer.wait_for_commits(5)
        writer.kill()
    before = snapshot(vault_path.parent)
    with pytest.raises(VaultNewer):
        Vault.open(vault_path, PASSPHRASE)
    assert snapshot(vault_path.parent) == before


def test_a_key_file_from_another_vault_is_said_as_such(tmp_path):
    """Same passphrase, another vault's key file beside this vault: not 'damaged' but which file does not fit."""
    from borapp.services.vault.vault import key_path

    mine = tmp_path / "mijn" / "vault.bordb"
    other = tmp_path / "ander" / "vault.bordb"
    Vault.create(mine, PASSPHRASE)[0].lock()
    Vault.create(other, PASSPHRASE)[0].lock()
    key_path(mine).write_bytes(key_path(other).read_bytes())
    with pytest.raises(VaultDamaged) as refused:
        Vault.open(mine, PASSPHRASE)
    assert "sleutelbestand" in str(refused.value) and "andere kluis" in str(refused.value)


def test_a_file_that_is_no_vault_is_said_to_be_none_not_a_damaged_one(tmp_path, passphrase_file, capsys):
    """`check --vault dossiers.csv` said the vault's key file was damaged and to restore a backup (exit 4)."""
    sheet = tmp_path / "dossiers.csv"
    sheet.write_text("dossiernummer;gemeente\nBOR-2026-001;Schagen\n", encoding="utf-8")
    code, _out, err = cli(capsys, "check", "--vault", str(sheet), "--lang", "nl", "--passphrase-file",
                          str(passphrase_file))
    assert code == 2 and "is geen kluis van BOR Desk" in err and "reservekopie" not in err, err
