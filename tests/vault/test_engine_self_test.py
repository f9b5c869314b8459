"""Fail closed: without SQLCipher 4.x or without FTS5 no vault is made or opened, by the CLI or the app, and the
message says what is missing; nothing is written."""

from __future__ import annotations

import pytest

from borapp.cli import main
from borapp.models import db
from borapp.services.errors import VaultError
from borapp.services.vault import vault as vault_module
from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def engine(monkeypatch):
    """Pretend the engine is another one: `engine(cipher="3.4.2", fts5=False)`."""
    def pretend(cipher: str = "4.19.0 community", fts5: bool = True):
        monkeypatch.setattr(db, "cipher_version", lambda: cipher)
        monkeypatch.setattr(db, "has_fts5", lambda: fts5)
        vault_module._engine_problems.cache_clear()

    yield pretend
    vault_module._engine_problems.cache_clear()


def test_the_real_engine_passes():
    assert db.engine_problems() == []


@pytest.mark.parametrize("cipher, fts5, missing", [("3.4.2", True, "SQLCipher 4.x"), ("", True, "SQLCipher 4.x"),
                                                    ("4.19.0 community", False, "FTS5")])
def test_no_vault_is_made_or_opened_without_encryption_or_fts5(engine, tmp_path, vault_path, passphrase_file,
                                                               capsys, cipher, fts5, missing):
    Vault.create(vault_path, PASSPHRASE)[0].lock()
    before = sorted(p.name for p in vault_path.parent.iterdir())
    engine(cipher, fts5)
    with pytest.raises(VaultError, match=missing):
        Vault.create(tmp_path / "new" / "vault.bordb", PASSPHRASE)
    assert not (tmp_path / "new").exists()
    with pytest.raises(VaultError, match=missing):
        Vault.open(vault_path, PASSPHRASE)
    code = main(["check", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    err = capsys.readouterr().err
    assert code == 1 and missing in err and "veilig" in err and "Traceback" not in err
    assert sorted(p.name for p in vault_path.parent.iterdir()) == before


def test_the_app_says_so_and_does_not_start(engine, qapp, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from borapp import app

    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(app, "build_window", lambda *a: pytest.fail("no window without a safe engine"))
    engine(fts5=False)
    assert app.run(tmp_path / "vault.bordb", "nl") == 1
    assert len(said) == 1 and "FTS5" in said[0]
