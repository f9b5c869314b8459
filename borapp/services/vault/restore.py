"""Restore a backup: check it first, keep any existing vault aside, never overwrite."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from borapp.i18n import _
from borapp.services.vault import backup_file
from borapp.services.errors import UsageError, VaultDamaged, VaultMissing
from borapp.services.vault.vault import Vault, key_path, vault_files


def restore(source: Path, target: Path, passphrase: str | None = None, *, recovery_key: str | None = None) -> Path | None:
    """Restore `source` to `target`; returns where an existing vault was set aside (or None)."""
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise VaultMissing(source)
    if target.is_dir():
        raise UsageError(_("{path} is a folder, not a vault file.").format(path=target))
    backup_file.read_manifest(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.restoring")
    _remove(staging)
    try:
        backup_file.extract(source, staging, key_path(staging))
        try:
            vault = Vault.open(staging, passphrase, recovery_key=recovery_key)
        except VaultDamaged:  # name the backup, not the staging file
            raise VaultDamaged(_("The backup {path} is damaged; nothing was restored.").format(path=source)) from None
        try:
            result = vault.check()
        finally:
            vault.lock()
        if not result.ok:
            raise VaultDamaged(_("The backup {path} is damaged; nothing was restored.").format(path=source))
        aside = _set_aside(target)
        os.replace(key_path(staging), key_path(target))
        os.replace(staging, target)
        return aside
    finally:
        _remove(staging)


def _set_aside(target: Path) -> Path | None:
    if not any(p.exists() for p in vault_files(target)):
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.before-restore-{stamp}")
    n = 1
    while any(p.exists() for p in vault_files(aside)):  # two restores in one second must not replace the first aside
        n += 1
        aside = target.with_name(f"{target.name}.before-restore-{stamp}-{n}")
    for original, moved in zip(vault_files(target), vault_files(aside)):
        if original.exists():
            os.replace(original, moved)
    return aside


def _remove(staging: Path) -> None:
    for p in vault_files(staging):
        if p.exists():
            p.unlink()
