"""Changing the passphrase from the app: the current one is asked again, so an unlocked laptop is not enough."""

from __future__ import annotations

from borapp.services.vault.vault import unlock_key


def change_passphrase(workspace, current: str, new: str) -> None:
    unlock_key(workspace.vault.path, current, None)  # raises WrongPassphrase
    workspace.vault.change_passphrase(new)


def new_recovery_key(workspace, current: str) -> str:
    unlock_key(workspace.vault.path, current, None)
    return workspace.vault.new_recovery_key()
