"""A laptop taken out of the team (lost, stolen, or handed in) removes its vault the next time it reaches the
server (docs/sync-protocol.md, "Devices"): the vault is locked first, then its files are overwritten and deleted.
Only the server's authenticated answer "revoked, wipe" starts this; nothing else does."""

from __future__ import annotations

import os
from pathlib import Path

from borapp.services.vault.vault import vault_files


def wipe_vault(workspace) -> list[Path]:
    """Lock, then overwrite and remove every file of the vault; returns the files removed."""
    path = Path(workspace.path)
    if not workspace.is_locked:
        workspace.lock()
    removed = []
    for file in vault_files(path):
        if not file.exists():
            continue
        try:
            size = file.stat().st_size
            with file.open("r+b") as handle:
                handle.write(b"\0" * size)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            pass  # removed all the same below
        file.unlink(missing_ok=True)
        removed.append(file)
    return removed
