"""Where a file the user asked for may be written: never onto a vault, and over an existing file only when asked.

Writing a PDF or a template over `vault.bordb` or its `.keys` file destroys the vault for good (not even the recovery
key opens it then), and `backup --to` aimed at another vault's file would do the same to that vault. A vault file is
recognised by its neighbours (a database has its `.keys` file beside it, a key file its database, a sidecar both)
and a key file also by what it holds, whatever it is called.
"""

from __future__ import annotations

from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import UsageError
from borapp.services.vault.backup_file import FORMAT as BACKUP_FORMAT
from borapp.services.vault.file_writing import folder_missing, refuse_unusual
from borapp.services.vault.keywrap import FORMAT as KEY_FILE_FORMAT
from borapp.services.vault.vault import SIDECARS, key_path


def check_target(path: Path, *, force: bool = False, new_folder: bool = False) -> None:
    """Refuse `path` when it is a folder, in a folder that does not exist, a vault's file, a link or no ordinary
    file (`file_writing`), or (without `force`) a file that exists. `new_folder`: the writer makes a missing folder
    itself (a backup does), unless a file stands where it should be."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(_("{path} is a folder; give a file name.").format(path=path))
    if not path.parent.is_dir() and (not new_folder or any(p.exists() and not p.is_dir() for p in path.parents)):
        raise UsageError(folder_missing(path.parent))
    if is_vault_file(path):
        raise UsageError(_("{path} belongs to a vault; writing there would destroy it. Choose another file name.")
                         .format(path=path))
    refuse_unusual(path)
    if path.exists() and not force:
        raise UsageError(_("{path} already exists. Choose another name, or add --force to replace it.")
                         .format(path=path))


def is_vault_file(path: Path) -> bool:
    """Whether `path` (followed through links) is a vault database, its key file or one of its sidecars."""
    try:
        path = Path(path).resolve()
    except OSError:
        return False
    name = path.name
    if name.endswith(".keys"):
        return path.with_name(name[:-len(".keys")]).exists() or _holds_keys(path)
    for sidecar in SIDECARS:
        if name.endswith(sidecar) and key_path(path.with_name(name[:-len(sidecar)])).exists():
            return True
    return key_path(path).exists() or _holds_keys(path)


def _holds_keys(path: Path) -> bool:
    """A key file, by what it holds; a backup holds the key file too, after its manifest that says it is a backup
    (a backup written again over itself with --force was refused as "belongs to a vault"). Only an ordinary file
    is read: reading a pipe waits for a writer that never comes."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            start = fh.read(4096)
    except OSError:
        return False
    return KEY_FILE_FORMAT.encode() in start and BACKUP_FORMAT.encode() not in start
