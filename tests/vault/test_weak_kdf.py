"""BORAPP_TEST_FAST_KDF: only the test suite may make a vault with the cheap key derivation; outside it the setting is
refused, and a vault made with it is marked: `check` and the main window warn loudly."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from borapp.cli import main
from borapp.services.errors import UsageError
from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE


def test_outside_the_test_suite_the_setting_is_refused(tmp_path, passphrase_file):
    path = tmp_path / "echt" / "vault.bordb"
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTEST_CURRENT_TEST"}
    env["BORAPP_TEST_FAST_KDF"] = "1"
    done = subprocess.run([sys.executable, "-m", "borapp", "init", "--vault", str(path), "--passphrase-file",
                           str(passphrase_file)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "BORAPP_TEST_FAST_KDF" in done.stderr and "Traceback" not in done.stderr
    assert not path.exists() and not path.with_name("vault.bordb.keys").exists()


def test_in_process_too(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    with pytest.raises(UsageError, match="BORAPP_TEST_FAST_KDF"):
        Vault.create(tmp_path / "v" / "vault.bordb", PASSPHRASE)


def test_check_warns_about_a_weak_vault_and_not_about_a_strong_one(tmp_path, passphrase_file, capsys, monkeypatch):
    weak = tmp_path / "zwak" / "vault.bordb"
    Vault.create(weak, PASSPHRASE)[0].lock()
    monkeypatch.delenv("BORAPP_TEST_FAST_KDF")
    strong = tmp_path / "sterk" / "vault.bordb"
    Vault.create(strong, PASSPHRASE)[0].lock()
    for path, warned in ((weak, True), (strong, False)):
        code = main(["check", "--vault", str(path), "--passphrase-file", str(passphrase_file), "--json"])
        out, err = capsys.readouterr()
        assert code == 0
        assert bool(json.loads(out)["warnings"]) is warned
        assert ("BORAPP_TEST_FAST_KDF" in err) is warned
