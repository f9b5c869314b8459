"""Changing the passphrase from the app: the current one is asked again, so an unlocked laptop is not enough."""

from __future__ import annotations

from borapp.services.vault import unlock_key


def change_passphrase(ws, current: str, new: str) -> None:
    unlock_key(ws.vault.path, current, None)  # raises WrongPassphrase
    ws.vault.change_passphrase(new)


def new_recovery_key(ws, current: str) -> str:
    unlock_key(ws.vault.path, current, None)
    return ws.vault.new_recovery_key()
