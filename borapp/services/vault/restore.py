"""Restore a backup: check it first, keep any existing vault aside, never overwrite."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import sqlcipher3
from sqlalchemy import select

from borapp.i18n import _
from borapp.services.errors import NotFound, UsageError, VaultDamaged
from borapp.formatting import date_time
from borapp.services.vault import backup_file, process_lock
from borapp.services.vault.keywrap import KeyFile, KeyFileError
from borapp.services.vault.vault import Vault, key_path, vault_files
from borapp.services.vault.workspace import actor_without_coordinator


def restore(source: Path, target: Path, passphrase: str | None = None, *, recovery_key: str | None = None,
            erased_again: list[str] | None = None, actor: str = "") -> Path | None:
    """Restore `source` to `target`; returns where an existing vault was set aside (or None).

    The access log's lines of the vault being replaced that the backup lacks are carried over, and cases erased
    there are erased again in the restored one (their numbers are appended to `erased_again`): a backup made before
    an erasure must not bring the case back, nor cut the log short. The restore and each erasure again are logged,
    in the name of `actor` (default: `actor_without_coordinator` of the restored vault)."""
    source, target = Path(source), Path(target)
    if source.is_dir():
        raise UsageError(_("{path} is a folder; give the backup file.").format(path=source))
    if not source.is_file():
        raise NotFound(_("No backup at {path}.").format(path=source))
    if target.is_dir():
        raise UsageError(_("{path} is a folder, not a vault file.").format(path=target))
    backup_file.read_manifest(source)
    made = [p for p in (target.parent, *target.parent.parents) if not p.exists()]  # innermost first
    target.parent.mkdir(parents=True, exist_ok=True)
    new = not target.exists()
    try:
        process_lock.acquire(target)  # refused while the vault is open in another window or command
        try:
            return _restore(source, target, passphrase, recovery_key, erased_again, actor)
        finally:
            process_lock.release(target)
            if new and not target.exists():  # nothing restored (a wrong passphrase): no lock file of no vault left
                process_lock.lock_path(target).unlink(missing_ok=True)
    except BaseException:
        _remove_empty(made)  # nor the folders made for it
        raise


def recovery_key_note(source: Path, target: Path) -> str:
    """Which recovery key opens the vault restored from `source` at `target`: the backup's, with its day if known.

    A restore brings back the backup's key file: a recovery key made since stops working and an older sheet works
    again, which nothing said (a walk)."""
    try:
        made = KeyFile.read(key_path(Path(target))).made("recovery")
    except KeyFileError:
        made = None
    try:
        backup_day = date_time(dt.datetime.fromisoformat(backup_file.read_manifest(Path(source))["created"]))
    except (VaultDamaged, KeyError, TypeError, ValueError):
        backup_day = ""
    if made and backup_day:
        text = _("The recovery key that opens the vault now is the one that was valid when the backup was made "
                 "({backup}): the key made on {made}.").format(backup=backup_day, made=date_time(made))
    elif made:
        text = _("The recovery key that opens the vault now is the one of the backup: the key made on {made}."
                 ).format(made=date_time(made))
    elif backup_day:
        text = _("The recovery key that opens the vault now is the one that was valid when the backup was made "
                 "({backup}).").format(backup=backup_day)
    else:
        text = _("The recovery key that opens the vault now is the one of the backup.")
    return text + " " + _("A recovery key made after the backup no longer works.")


def _restore(source: Path, target: Path, passphrase: str | None, recovery_key: str | None,
             erased_again: list[str] | None, actor: str) -> Path | None:
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
            if result.ok:
                actor = actor or actor_without_coordinator(vault)
                again = _carry_over(vault, target, actor) if target.exists() else []
                (erased_again if erased_again is not None else []).extend(again)
                _log_restore(vault, actor)
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


def _carry_over(vault: Vault, replaced: Path, actor: str) -> list[str]:
    """The replaced vault's newer log lines, then its erasures, each erased case's erasure logged again."""
    from borapp.models import Case
    from borapp.services import audit
    from borapp.services.privacy import access_log, erasure  # privacy rules applied at restore; privacy needs the vault

    try:
        tombstones = erasure.tombstones_of(vault.engine, replaced)
        with vault.session() as session:
            access_log.carry_lines(vault.engine, session, replaced)
    except sqlcipher3.DatabaseError:  # another vault (another key), or a damaged one: nothing to carry over
        return []
    with vault.session() as session:
        ids = dict(session.execute(select(Case.ref, Case.id)).all())
        again = erasure.carry_erasures(session, tombstones)
        for ref in again:
            audit.record(session, "erase", "case", ids[ref], actor, case_id=ids[ref])
    erasure.scrub_files(vault.engine)
    return again


def _log_restore(vault: Vault, actor: str) -> None:
    from borapp.services import audit

    with vault.session() as session:
        audit.record(session, "restore", "vault", None, actor)


def aside_note(aside: Path) -> str:
    """Said by a restore that set the vault aside: where, and that it stays until the coordinator removes it."""
    return _("The vault that was there is kept as {aside} (it opens with its own passphrase). Once you are sure the "
             "restored vault is the right one, delete it yourself: until then it holds everything that was in it, "
             "also cases erased later.").format(aside=aside)


def _set_aside(target: Path) -> Path | None:
    """The vault at `target` moved aside, beside any set aside before: none is removed, since after two restores in
    a row (a wrong backup, then the right one) the older may be the only copy of the coordinator's latest work.
    An erasure names them all (set_aside.set_aside_vaults)."""
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


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:  # something else is in it now: left as it is
            return


def _remove(staging: Path) -> None:
    for p in vault_files(staging):
        if p.exists():
            p.unlink()
