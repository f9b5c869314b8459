"""The backup file: one zip holding the encrypted database copy, the key file and a manifest.

The database inside is the vault's own SQLCipher encryption (VACUUM INTO keeps the key); the key file holds only
wrapped keys. So the backup is as safe at rest as the vault, and opens with the passphrase of its day.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

import borapp
from borapp.i18n import _
from borapp.models import db
from borapp.services.errors import VaultDamaged

FORMAT = "borapp-backup/1"
DB_NAME, KEYS_NAME, MANIFEST_NAME = "vault.bordb", "vault.bordb.keys", "manifest.json"


def write(engine: Engine, keys: Path, to: Path, schema_revision: str | None, *,
          watch: Callable[[Any], AbstractContextManager] = lambda _connection: nullcontext()) -> Path:
    """Write the backup to `to` atomically (a half-written backup never carries the final name). `watch(connection)`
    is held while the copy is made (the vault's lock interrupts it)."""
    to.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=to.parent, prefix=".borapp-backup-") as work:
        copy = Path(work) / DB_NAME
        with db.driver_connection(engine) as raw, watch(raw):
            try:
                copy_database(raw, copy)
            except Exception as exc:  # SQLite's "database or disk is full": said as the OS says it, of `to`'s disk
                if "disk is full" not in str(exc).lower():
                    raise
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(to.parent)) from exc
        manifest = {
            "format": FORMAT,
            "app_version": borapp.version(),
            "schema": schema_revision,
            "created": dt.datetime.now().isoformat(timespec="seconds"),
        }
        partial = Path(work) / "backup.zip"
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1))
            zf.write(keys, KEYS_NAME)
            zf.write(copy, DB_NAME)
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, to)
    return to


def copy_database(connection, copy: Path) -> None:
    connection.execute("VACUUM INTO ?", (str(copy),))


def read_manifest(source: Path) -> dict:
    try:
        with zipfile.ZipFile(source) as zf:
            names = set(zf.namelist())
            if not {DB_NAME, KEYS_NAME, MANIFEST_NAME} <= names:
                raise ValueError("incomplete")
            manifest = json.loads(zf.read(MANIFEST_NAME))
            if zf.testzip() is not None:
                raise ValueError("crc")
    except (OSError, ValueError, zipfile.BadZipFile, KeyError) as exc:
        raise VaultDamaged(_("{path} is not a readable BOR Desk backup.").format(path=source)) from exc
    if manifest.get("format") != FORMAT:
        raise VaultDamaged(_("{path} is not a readable BOR Desk backup.").format(path=source))
    return manifest


def extract(source: Path, db_target: Path, keys_target: Path) -> None:
    with zipfile.ZipFile(source) as zf:
        for name, target in ((DB_NAME, db_target), (KEYS_NAME, keys_target)):
            with zf.open(name) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
                dst.flush()
                os.fsync(dst.fileno())
