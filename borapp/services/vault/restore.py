"""Restore a backup: check it first, keep any existing vault aside, never overwrite."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import sqlcipher3

from borapp.i18n import _
from borapp.services.errors import NotFound, UsageError, VaultDamaged
from borapp.services.vault import backup_file, process_lock
from borapp.services.vault.vault import Vault, key_path, vault_files


def restore(source: Path, target: Path, passphrase: str | None = None, *, recovery_key: str | None = None,
            erased_again: list[str] | None = None) -> Path | None:
    """Restore `source` to `target`; returns where an existing vault was set aside (or None).

    Cases erased in the vault being replaced are erased again in the restored one (their numbers are appended
    to `erased_again`): a backup made before an erasure must not bring the case back."""
    source, target = Path(source), Path(target)
    if source.is_dir():
        raise UsageError(_("{path} is a folder; give the backup file.").format(path=source))
    if not source.is_file():
        raise NotFound(_("No backup at {path}.").format(path=source))
    if target.is_dir():
        raise UsageError(_("{path} is a folder, not a vault file.").format(path=target))
    backup_file.read_manifest(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    new = not target.exists()
    process_lock.acquire(target)  # refused while the vault is open in another window or command
    try:
        return _restore(source, target, passphrase, recovery_key, erased_again)
    finally:
        process_lock.release(target)
        if new and not target.exists():  # nothing restored (a wrong passphrase): no lock file of no vault left
            process_lock.lock_path(target).unlink(missing_ok=True)


def _restore(source: Path, target: Path, passphrase: str | None, recovery_key: str | None,
             erased_again: list[str] | None) -> Path | None:
    staging = target.with_name(f".{target.name}.restoring")
    _remove(staging)
    try:
        backup_file.extract(source, staging, key_path(staging))
        try:
            # every page verified, read-only, before a migration could write to a damaged backup
            vault = Vault.open(staging, passphrase, recovery_key=recovery_key, full_check=True)
        except VaultDamaged:  # name the backup, not the staging file
            raise VaultDamaged(_("The backup {path} is damaged; nothing was restored.").format(path=source)) from None
        try:
            result = vault.check(as_opened=True)
            if result.ok and target.exists():
                (erased_again if erased_again is not None else []).extend(_carry_erasures(vault, target))
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
        process_lock.lock_path(staging).unlink(missing_ok=True)


def _carry_erasures(vault: Vault, replaced: Path) -> list[str]:
    from borapp.services.privacy import erasure  # a privacy rule applied at restore; privacy needs the vault

    try:
        tombstones = erasure.tombstones_of(vault.engine, replaced)
    except sqlcipher3.DatabaseError:  # another vault (another key), or a damaged one: nothing to carry over
        return []
    with vault.session() as session:
        again = erasure.carry_erasures(session, tombstones)
    erasure.scrub_files(vault.engine)
    return again


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
