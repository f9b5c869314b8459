"""Changing the passphrase from the app: the current one is asked again, so an unlocked laptop is not enough."""

from __future__ import annotations

from pathlib import Path

from borapp.services.vault.vault import Vault, unlock_key


def change_passphrase(workspace, current: str, new: str) -> None:
    unlock_key(workspace.vault.path, current, None)  # raises WrongPassphrase
    workspace.vault.change_passphrase(new)


def new_recovery_key(workspace, current: str) -> str:
    unlock_key(workspace.vault.path, current, None)
    return workspace.vault.new_recovery_key()


def new_recovery_key_of(path: Path, passphrase: str) -> tuple[str, str]:
    """A new recovery key for the locked vault at `path` (just restored, from the unlock screen), with the
    organisation's name for its sheet. The vault is locked again before this returns."""
    from borapp.services import settings

    vault = Vault.open(path, passphrase)
    try:
        return vault.new_recovery_key(), settings.read_setting(vault, "organisation.name")
    finally:
        vault.lock()
