"""A restore brings back the backup's recovery key: the unlock screen says which key opens the vault now (the one
made on the backup's day) and offers a new recovery key at once (a walk: the key made since silently stopped
working and an old sheet in a drawer worked again)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from borapp.formatting import date_time
from borapp.i18n import in_language
from borapp.services.errors import BorError
from borapp.services.vault import passphrase_change
from borapp.services.vault.keywrap import KeyFile
from borapp.services.vault.restore import recovery_key_note
from borapp.services.vault.vault import Vault, key_path
from borapp.ui.unlock.recovery_sheet_box import RecoveryKeyDialog
from tests.conftest import PASSPHRASE
from tests.test_gui_app import _create_and_enter, window  # noqa: F401 - fixture


def _restore_from_unlock_screen(qtbot, window, backup, monkeypatch, answer):
    asked, shown = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSPHRASE, True))
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *a: asked.append(text) or answer)
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda self: shown.append(self.sheet.key_label.text()) or 0)
    qtbot.mouseClick(window.unlock_screen.passphrase_page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    return asked, shown


@pytest.fixture
def restored_setup(qtbot, window, tmp_path):
    """A vault, a backup of it, then a new recovery key made in Settings; locked, ready to restore."""
    first_key = _create_and_enter(qtbot, window)
    vault_path = tmp_path / "vault.bordb"
    first_made = KeyFile.read(key_path(vault_path)).made("recovery")
    backup = window.workspace.vault.backup(tmp_path / "backup.borbackup")
    later_key = passphrase_change.new_recovery_key(window.workspace, PASSPHRASE)
    window.lock()
    return vault_path, backup, first_key, first_made, later_key


def _opens(vault_path, key) -> bool:
    try:
        Vault.open(vault_path, recovery_key=key).lock()
    except BorError:
        return False
    return True


def test_after_a_restore_the_screen_names_the_key_that_opens_it_and_makes_a_new_one(qtbot, window, restored_setup,
                                                                                      monkeypatch):
    vault_path, backup, first_key, first_made, later_key = restored_setup
    asked, shown = _restore_from_unlock_screen(qtbot, window, backup, monkeypatch, QMessageBox.StandardButton.Yes)
    assert first_made is not None
    assert ("De herstelsleutel die de kluis nu opent, is de sleutel die gold toen de reservekopie werd gemaakt"
            in asked[0])
    assert f"de sleutel gemaakt op {date_time(first_made)}." in asked[0]
    assert "Een herstelsleutel die na de reservekopie is gemaakt, werkt niet meer." in asked[0]
    assert "Nu een nieuwe herstelsleutel maken" in asked[0]
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    new_key = shown[0]
    assert _opens(vault_path, new_key)
    assert not _opens(vault_path, first_key), "the old sheet from before the backup no longer opens the vault"
    assert not _opens(vault_path, later_key)
    assert window.unlock_screen.passphrase_page.unlock_button.isEnabled()


def test_without_a_new_key_the_backups_key_is_the_one_that_works(qtbot, window, restored_setup, monkeypatch):
    vault_path, backup, first_key, _made, later_key = restored_setup
    asked, shown = _restore_from_unlock_screen(qtbot, window, backup, monkeypatch, QMessageBox.StandardButton.No)
    qtbot.wait(100)
    assert not shown
    assert _opens(vault_path, first_key) and not _opens(vault_path, later_key)


def test_the_note_in_english_and_for_a_key_file_that_does_not_know_its_day(vault, vault_path, tmp_path):
    backup = vault.backup(tmp_path / "b.borbackup")
    made = KeyFile.read(key_path(vault_path)).made("recovery")
    with in_language("en"):
        assert recovery_key_note(backup, vault_path).startswith(
            "The recovery key that opens the vault now is the one that was valid when the backup was made (")
        assert f"the key made on {date_time(made)}. A recovery key made after the backup no longer works." in \
            recovery_key_note(backup, vault_path)
    keys = KeyFile.read(key_path(vault_path))
    for wrap in keys.wraps:
        wrap.made = None  # a key file from before the day was kept
    keys.write(key_path(vault_path))
    with in_language("en"):
        note = recovery_key_note(backup, vault_path)
    assert "made on" not in note and "valid when the backup was made" in note


def test_a_damaged_backup_is_said_with_another_backup_to_choose(qtbot, window, tmp_path, monkeypatch):
    """It said "... not a readable BOR Desk backup. Use 'Restore a backup…' below": the button just used."""
    _create_and_enter(qtbot, window)
    window.lock()
    broken = tmp_path / "kapot.borbackup"
    broken.write_bytes(b"geen reservekopie\n" * 10)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSPHRASE, True))
    page = window.unlock_screen.passphrase_page
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "kapot.borbackup" in page.message.text(), timeout=30_000)
    assert "Kies een andere reservekopie, bijvoorbeeld een oudere" in page.message.text()
    assert "Reservekopie terugzetten" not in page.message.text(), page.message.text()
