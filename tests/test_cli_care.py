"""The vault-care commands through `borapp.cli.main`: init, check, rekey, backup, restore; exit codes, passphrase
sources, help, language, and never a traceback."""

from __future__ import annotations

import argparse
import io
import json
import re
import sys

import pytest
import sqlcipher3
from sqlalchemy import text

from borapp import i18n
from borapp.cli import main
from borapp.cli.command import EXIT_CODES_HELP
from borapp.cli.parser import build_parser
from borapp.services import settings
from borapp.services.errors import WrongPassphrase
from borapp.services.vault.vault import Vault, key_path
from tests.conftest import PASSPHRASE
from tests.helpers import add_family, snapshot, zero_block

NEW = "een nieuwe lange zin"
RECOVERY = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{5}){4}\b")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def secret_file(tmp_path, name: str, content: str, *, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return str(path)


@pytest.fixture
def no_terminal(monkeypatch):
    """stdin is not a terminal, and a prompt would fail the test rather than hang it."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: pytest.fail("prompted for a passphrase"))


@pytest.fixture
def locked(vault, vault_path):
    add_family(vault, "cli", count=2)
    vault.lock()
    return vault_path


def check(capsys, path, *extra) -> tuple[int, dict]:
    code, out, _err = run(capsys, "check", "--vault", path, "--json", *extra)
    return code, json.loads(out)  # exactly one JSON document: json.loads refuses anything after it


# ---- init ------------------------------------------------------------------------------------------------------------

def test_init_prints_the_recovery_key_once(tmp_path, passphrase_file, capsys, no_terminal):
    path = tmp_path / "new" / "vault.bordb"
    code, out, err = run(capsys, "init", "--vault", path, "--passphrase-file", passphrase_file)
    assert code == 0 and err == ""
    keys = RECOVERY.findall(out)
    assert len(keys) == 1
    assert "Elk van beide opent de kluis" in out, "it read as if both were needed to open it"
    Vault.open(path, recovery_key=keys[0]).lock()
    Vault.open(path, PASSPHRASE).lock()


def test_init_json(tmp_path, passphrase_file, capsys, no_terminal):
    path = tmp_path / "new" / "vault.bordb"
    code, out, _err = run(capsys, "init", "--vault", path, "--passphrase-file", passphrase_file, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True and RECOVERY.fullmatch(doc["recovery_key"])
    assert out.count(doc["recovery_key"]) == 1


def test_init_refuses_an_existing_vault_and_a_short_passphrase(locked, tmp_path, passphrase_file, capsys, no_terminal):
    before = snapshot(locked.parent)
    code, out, err = run(capsys, "init", "--vault", locked, "--passphrase-file", passphrase_file)
    assert code == 2 and err.startswith("borapp: ") and not RECOVERY.search(out)
    assert snapshot(locked.parent) == before
    short = secret_file(tmp_path, "short.txt", "kort\n")
    assert run(capsys, "init", "--vault", tmp_path / "x" / "vault.bordb", "--passphrase-file", short)[0] == 2
    assert not (tmp_path / "x" / "vault.bordb").exists()


def test_init_without_a_passphrase_does_not_hang(tmp_path, capsys, no_terminal):
    code, _out, err = run(capsys, "init", "--vault", tmp_path / "v" / "vault.bordb")
    assert code == 2 and "BORAPP_PASSPHRASE" in err
    assert not (tmp_path / "v" / "vault.bordb").exists()


# ---- check and exit codes --------------------------------------------------------------------------------------------

def test_check_json_is_one_document(locked, passphrase_file, capsys, no_terminal):
    code, doc = check(capsys, locked, "--passphrase-file", passphrase_file)
    assert code == 0
    assert doc["ok"] is True and doc["schema"] and doc["problems"] == []
    assert doc["counts"]["cases"] == 2 and doc["counts"]["volunteers"] == 0


def test_check_text(locked, passphrase_file, capsys, no_terminal):
    code, out, err = run(capsys, "check", "--vault", locked, "--passphrase-file", passphrase_file, "--lang", "en")
    assert code == 0 and "  Cases: 2\n" in out and "  Contracts: 0\n" in out
    assert err.startswith("WARNING: This vault was made with the test-only setting")  # every vault of the suite
    code, out, _err = run(capsys, "check", "--vault", locked, "--passphrase-file", passphrase_file, "--lang", "nl")
    assert code == 0 and "  Dossiers: 2\n" in out and "  Verwijzers en opdrachtgevers: 0\n" in out
    assert "cases" not in out  # every line in the user's language


def test_check_json_on_failure_is_one_document(tmp_path, passphrase_file, capsys, no_terminal):
    code, doc = check(capsys, tmp_path / "nowhere.bordb", "--passphrase-file", passphrase_file)
    assert code == 6 and doc["ok"] is False and doc["exit_code"] == 6


def make_wrong(tmp_path):
    return secret_file(tmp_path, "wrong.txt", "helemaal niet de zin\n")


def make_damaged(vault_path):
    vault = Vault.open(vault_path, PASSPHRASE)
    add_family(vault, "groot", notes="x" * 3000, count=300)
    vault.lock()
    zero_block(vault_path)


def make_newer(vault_path):
    vault = Vault.open(vault_path, PASSPHRASE)
    with vault.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    vault.lock()


@pytest.mark.parametrize("situation, expected", [
    ("ok", 0), ("no passphrase", 2), ("folder", 2), ("wrong passphrase", 3), ("damaged", 4),
    ("unencrypted", 4), ("missing key file", 4), ("newer", 5), ("missing", 6),
])
def test_exit_codes(situation, expected, locked, tmp_path, passphrase_file, capsys, no_terminal):
    path, passphrase = locked, ["--passphrase-file", passphrase_file]
    if situation == "no passphrase":
        passphrase = []
    elif situation == "folder":
        path = locked.parent
    elif situation == "wrong passphrase":
        passphrase = ["--passphrase-file", make_wrong(tmp_path)]
    elif situation == "damaged":
        make_damaged(locked)
    elif situation == "unencrypted":
        path = tmp_path / "plain.db"
        conn = sqlcipher3.connect(str(path))
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    elif situation == "missing key file":
        key_path(locked).unlink()
    elif situation == "newer":
        make_newer(locked)
    elif situation == "missing":
        path = tmp_path / "nothing" / "vault.bordb"
    before = snapshot(tmp_path)
    code, out, err = run(capsys, "check", "--vault", path, *passphrase)
    assert code == expected
    if expected:
        assert out == "" and err.startswith("borapp: ") and err.count("\n") == 1  # one line, no traceback
    assert snapshot(tmp_path) == before


# ---- where the passphrase comes from ---------------------------------------------------------------------------------

def test_passphrase_file_wins_over_the_environment(locked, tmp_path, passphrase_file, capsys, monkeypatch, no_terminal):
    monkeypatch.setenv("BORAPP_PASSPHRASE", "helemaal niet de zin")
    assert check(capsys, locked, "--passphrase-file", passphrase_file)[0] == 0
    monkeypatch.setenv("BORAPP_PASSPHRASE", PASSPHRASE)
    assert check(capsys, locked, "--passphrase-file", make_wrong(tmp_path))[0] == 3


def test_environment_is_used_without_a_file(locked, capsys, monkeypatch, no_terminal):
    monkeypatch.setenv("BORAPP_PASSPHRASE", PASSPHRASE)
    assert check(capsys, locked)[0] == 0


def test_no_passphrase_and_no_terminal_is_a_usage_error(locked, capsys, monkeypatch, no_terminal):
    monkeypatch.delenv("BORAPP_PASSPHRASE", raising=False)
    code, out, err = run(capsys, "check", "--vault", locked)
    assert code == 2 and "--passphrase-file" in err and out == ""


@pytest.mark.parametrize("content, encoding", [
    (PASSPHRASE + "\r\n", "utf-8"),  # a Windows line end
    ("\ufeff" + PASSPHRASE + "\n", "utf-8"),  # Notepad's byte-order mark
    (PASSPHRASE, "utf-8"),  # no line end
    (PASSPHRASE + "\nsecond line is ignored\n", "utf-8"),
])
def test_passphrase_file_forms(locked, tmp_path, capsys, no_terminal, content, encoding):
    path = secret_file(tmp_path, "p.txt", content, encoding=encoding)
    assert check(capsys, locked, "--passphrase-file", path)[0] == 0


@pytest.mark.parametrize("bad, expected", [
    ("missing", 2), ("folder", 2), ("binary", 2), ("empty", 2), ("only a byte-order mark", 2), ("blank line", 2),
])
def test_unusable_passphrase_file(locked, tmp_path, capsys, no_terminal, bad, expected):
    path = {"missing": tmp_path / "absent.txt", "folder": tmp_path}.get(bad, tmp_path / "p.txt")
    content = {"binary": b"\xff\xfe\x00\x80\x81", "empty": b"", "only a byte-order mark": b"\xef\xbb\xbf",
               "blank line": b"\n"}.get(bad)
    if content is not None:
        path.write_bytes(content)
    code, _out, err = run(capsys, "check", "--vault", locked, "--passphrase-file", path)
    assert code == expected
    if bad in ("empty", "only a byte-order mark", "blank line"):
        assert "eerste regel" in err and "leeg" in err, "an empty file is no wrong passphrase (exit 3)"


def test_non_ascii_passphrase(tmp_path, capsys, monkeypatch, no_terminal):
    phrase = "één ĳsbeer eet crème brûlée"
    path = tmp_path / "v" / "vault.bordb"
    phrase_file = secret_file(tmp_path, "p.txt", phrase + "\n")
    assert run(capsys, "init", "--vault", path, "--passphrase-file", phrase_file)[0] == 0
    monkeypatch.setenv("BORAPP_PASSPHRASE", phrase)
    assert check(capsys, path)[0] == 0


# ---- rekey -----------------------------------------------------------------------------------------------------------

def rekey(capsys, path, *options) -> int:
    return run(capsys, "rekey", "--vault", path, *options)[0]


def test_rekey_with_new_passphrase_file(locked, tmp_path, passphrase_file, capsys, no_terminal):
    new = secret_file(tmp_path, "new.txt", NEW + "\n")
    assert rekey(capsys, locked, "--passphrase-file", passphrase_file, "--new-passphrase-file", new) == 0
    assert check(capsys, locked, "--passphrase-file", passphrase_file)[0] == 3
    assert check(capsys, locked, "--passphrase-file", new)[0] == 0


def test_rekey_with_new_passphrase_from_the_environment(locked, tmp_path, passphrase_file, capsys, monkeypatch,
                                                        no_terminal):
    monkeypatch.setenv("BORAPP_NEW_PASSPHRASE", NEW)
    assert run(capsys, "rekey", "--vault", locked, "--passphrase-file", passphrase_file)[0] == 0
    assert check(capsys, locked, "--passphrase-file", secret_file(tmp_path, "new.txt", NEW))[0] == 0


def test_rekey_file_wins_over_environment(locked, tmp_path, passphrase_file, capsys, monkeypatch, no_terminal):
    monkeypatch.setenv("BORAPP_NEW_PASSPHRASE", "de omgeving verliest")
    new = secret_file(tmp_path, "new.txt", NEW)
    assert rekey(capsys, locked, "--passphrase-file", passphrase_file, "--new-passphrase-file", new) == 0
    assert check(capsys, locked, "--passphrase-file", new)[0] == 0


def test_rekey_with_the_recovery_key(tmp_path, capsys, monkeypatch, no_terminal, passphrase_file):
    path = tmp_path / "v" / "vault.bordb"
    _code, out, _err = run(capsys, "init", "--vault", path, "--passphrase-file", passphrase_file)
    recovery = RECOVERY.findall(out)[0]
    key_file = secret_file(tmp_path, "recovery.txt", recovery.lower().replace("-", " ") + "\n")
    new = secret_file(tmp_path, "new.txt", NEW)
    assert rekey(capsys, path, "--recovery-key-file", key_file, "--new-passphrase-file", new) == 0
    assert check(capsys, path, "--passphrase-file", new)[0] == 0
    assert check(capsys, path, "--passphrase-file", passphrase_file)[0] == 3
    monkeypatch.setenv("BORAPP_RECOVERY_KEY", recovery)
    monkeypatch.setenv("BORAPP_NEW_PASSPHRASE", "nog een andere zin")
    assert run(capsys, "rekey", "--vault", path)[0] == 0
    assert check(capsys, path, "--passphrase-file", secret_file(tmp_path, "n2.txt", "nog een andere zin"))[0] == 0


@pytest.mark.parametrize("new", [None, "kort"])
def test_rekey_without_a_good_new_passphrase_changes_nothing(locked, tmp_path, passphrase_file, capsys, no_terminal,
                                                             new):
    extra = ["--new-passphrase-file", secret_file(tmp_path, "new.txt", new)] if new else []
    before = snapshot(locked.parent)
    code, _out, err = run(capsys, "rekey", "--vault", locked, "--passphrase-file", passphrase_file, *extra)
    assert code == 2 and err.startswith("borapp: ")
    assert snapshot(locked.parent) == before


def test_rekey_with_a_wrong_recovery_key(locked, tmp_path, capsys, no_terminal):
    key_file = secret_file(tmp_path, "recovery.txt", "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2")
    new = secret_file(tmp_path, "new.txt", NEW)
    before = snapshot(locked.parent)
    assert rekey(capsys, locked, "--recovery-key-file", key_file, "--new-passphrase-file", new) == 3
    assert snapshot(locked.parent) == before


# ---- backup and restore ----------------------------------------------------------------------------------------------

def test_backup_and_restore(locked, tmp_path, passphrase_file, capsys, no_terminal):
    backup = tmp_path / "backups" / "vault.borbackup"
    code, out, _err = run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", backup)
    assert code == 0 and backup.is_file() and str(backup) in out

    fresh = tmp_path / "fresh" / "vault.bordb"  # a target that does not exist yet
    assert run(capsys, "restore", "--vault", fresh, "--passphrase-file", passphrase_file, "--from", backup)[0] == 0
    assert check(capsys, fresh, "--passphrase-file", passphrase_file)[1]["counts"]["cases"] == 2

    vault = Vault.open(locked, PASSPHRASE)  # the existing vault changes after the backup
    add_family(vault, "na-backup", count=3)
    vault.lock()
    code, out, _err = run(capsys, "restore", "--vault", locked, "--passphrase-file", passphrase_file, "--from", backup)
    assert code == 0
    [aside] = [p for p in locked.parent.glob("vault.bordb.before-restore-*") if not p.name.endswith(".keys")]
    assert key_path(aside).is_file() and str(aside) in out
    assert check(capsys, locked, "--passphrase-file", passphrase_file)[1]["counts"]["cases"] == 2
    assert check(capsys, aside, "--passphrase-file", passphrase_file)[1]["counts"]["cases"] == 5


def test_restore_with_the_recovery_key(tmp_path, passphrase_file, capsys, no_terminal):
    path = tmp_path / "v" / "vault.bordb"
    recovery = RECOVERY.findall(run(capsys, "init", "--vault", path, "--passphrase-file", passphrase_file)[1])[0]
    backup = tmp_path / "b.borbackup"
    assert run(capsys, "backup", "--vault", path, "--passphrase-file", passphrase_file, "--to", backup)[0] == 0
    key_file = secret_file(tmp_path, "recovery.txt", recovery)
    target = tmp_path / "r" / "vault.bordb"
    assert run(capsys, "restore", "--vault", target, "--recovery-key-file", key_file, "--from", backup)[0] == 0
    assert check(capsys, target, "--passphrase-file", passphrase_file)[0] == 0


def test_a_backup_is_written_again_over_itself_with_force(locked, tmp_path, passphrase_file, capsys, no_terminal):
    """It was refused as "belongs to a vault" (a backup holds the key file), --force or not."""
    backup = tmp_path / "vault.borbackup"
    assert run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", backup)[0] == 0
    code, _out, err = run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", backup)
    assert code == 2 and "--force" in err and "kluis" not in err, err
    assert run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", backup,
               "--force")[0] == 0


def test_restore_and_init_name_what_is_wrong_with_the_path(locked, tmp_path, passphrase_file, capsys, no_terminal):
    """A missing backup was "no vault at ... pick another with --vault"; a folder was "there is already a vault"."""
    target = tmp_path / "r" / "vault.bordb"
    code, _out, err = run(capsys, "restore", "--vault", target, "--passphrase-file", passphrase_file,
                          "--from", tmp_path / "absent.borbackup")
    assert code == 6 and "Geen reservekopie op" in err, err
    code, _out, err = run(capsys, "restore", "--vault", target, "--passphrase-file", passphrase_file,
                          "--from", tmp_path)
    assert code == 2 and "is een map" in err, err
    code, _out, err = run(capsys, "init", "--vault", tmp_path, "--passphrase-file", passphrase_file)
    assert code == 2 and "is een map" in err and "al een kluis" not in err, err


@pytest.mark.parametrize("source, expected", [("missing", 6), ("text", 4), ("wrong passphrase", 3)])
def test_restore_failures_leave_the_vault(locked, tmp_path, passphrase_file, capsys, no_terminal, source, expected):
    good = tmp_path / "good.borbackup"
    assert run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", good)[0] == 0
    phrase = passphrase_file
    if source == "missing":
        src = tmp_path / "absent.borbackup"
    elif source == "text":
        src = tmp_path / "notes.txt"
        src.write_text("geen backup\n", encoding="utf-8")
    else:
        src, phrase = good, make_wrong(tmp_path)
    before = snapshot(locked.parent)
    code, _out, err = run(capsys, "restore", "--vault", locked, "--passphrase-file", phrase, "--from", src)
    assert code == expected and err.startswith("borapp: ")
    assert snapshot(locked.parent) == before


def test_backup_onto_the_vault_is_refused(locked, passphrase_file, capsys, no_terminal):
    before = snapshot(locked.parent)
    code, _out, err = run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", locked)
    assert code == 2 and err.startswith("borapp: ")
    assert snapshot(locked.parent) == before


# ---- help, language, bad input ---------------------------------------------------------------------------------------

def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices)


def test_care_commands_are_registered():
    assert {"init", "check", "rekey", "backup", "restore"} <= set(_subcommands())


@pytest.mark.parametrize("command", [None, *_subcommands()])
def test_help_exits_zero_and_names_the_exit_codes(command, capsys):
    code, out, err = run(capsys, *([command] if command else []), "--help")
    assert code == 0 and err == ""
    assert " ".join(i18n._(EXIT_CODES_HELP).split()) in " ".join(out.split())


def test_system_locale_is_ignored(locked, tmp_path, passphrase_file, capsys, monkeypatch, no_terminal):
    """LANG=C (or an English system) still gives Dutch; only --lang or the vault's setting change it."""
    for name, value in (("LANG", "C"), ("LC_ALL", "C"), ("LC_MESSAGES", "C"), ("LANGUAGE", "en")):
        monkeypatch.setenv(name, value)
    i18n.set_language("en")
    code, out, _err = run(capsys, "check", "--vault", locked, "--passphrase-file", passphrase_file)
    assert code == 0 and i18n.language() == "nl"
    assert i18n._("Vault is sound.") in out

    i18n.set_language("en")
    english = str(WrongPassphrase())
    i18n.set_language("nl")
    dutch = str(WrongPassphrase())
    assert dutch != english, "the Dutch catalog translates this message"
    i18n.set_language("en")
    wrong = make_wrong(tmp_path)
    assert dutch in run(capsys, "check", "--vault", locked, "--passphrase-file", wrong)[2]
    assert i18n.language() == "nl"
    assert english in run(capsys, "check", "--vault", locked, "--passphrase-file", wrong, "--lang", "en")[2]
    assert run(capsys, "check", "--vault", locked, "--passphrase-file", passphrase_file, "--lang", "en")[0] == 0
    assert i18n.language() == "en"


def test_vault_language_setting_is_used_without_lang(locked, passphrase_file, capsys, no_terminal):
    vault = Vault.open(locked, PASSPHRASE)
    with vault.session() as session:
        settings.put(session, "language", "en")
    vault.lock()
    assert run(capsys, "check", "--vault", locked, "--passphrase-file", passphrase_file)[0] == 0
    assert i18n.language() == "en"
    assert run(capsys, "check", "--vault", locked, "--passphrase-file", passphrase_file, "--lang", "nl")[0] == 0
    assert i18n.language() == "nl"


@pytest.mark.parametrize("argv", [
    ["nonsense"],
    ["check", "--vault"],
    ["check", "--lang", "fr"],
    ["check", "--no-such-option"],
    ["backup"],
    ["restore"],
    ["rekey", "--new-passphrase-file"],
    ["--lang=xx", "check"],
])
def test_bad_arguments_are_usage_errors(argv, capsys, no_terminal):
    code, _out, err = run(capsys, *argv)
    assert code == 2 and i18n._("usage: ") in err and "Traceback" not in err


def test_backup_of_a_missing_vault(tmp_path, passphrase_file, capsys, no_terminal):
    code, _out, err = run(capsys, "backup", "--vault", tmp_path / "absent.bordb", "--passphrase-file", passphrase_file,
                          "--to", tmp_path / "b.borbackup")
    assert code == 6 and not (tmp_path / "b.borbackup").exists()
