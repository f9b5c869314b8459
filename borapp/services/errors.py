"""Errors the services raise, each with a message in the user's language and the CLI's exit code."""

from __future__ import annotations

import errno as _errno

from borapp.i18n import N_, Said, _

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_WRONG_PASSPHRASE, EXIT_DAMAGED, EXIT_NEWER, EXIT_NOT_FOUND = range(7)


class BorError(Exception):
    """A failure to tell the user about; `str()` is the message, already translated."""

    exit_code = EXIT_FAILED


class UsageError(BorError):
    exit_code = EXIT_USAGE


class NotFound(BorError):
    exit_code = EXIT_NOT_FOUND


class ValidationError(BorError):
    """Input that breaks a rule; `field` names the field so forms can show the message beside it."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


class VaultError(BorError):
    pass


class WrongPassphrase(VaultError):
    exit_code = EXIT_WRONG_PASSPHRASE

    def __init__(self) -> None:
        super().__init__(_("The passphrase (or recovery key) is not correct. Nothing was changed."))


class VaultDamaged(VaultError):
    exit_code = EXIT_DAMAGED


class VaultNewer(VaultError):
    exit_code = EXIT_NEWER

    def __init__(self) -> None:
        super().__init__(
            _("This vault was made by a newer version of BOR Desk. Install the newer version to open it.")
        )


class VaultMissing(NotFound):
    def __init__(self, path: object) -> None:
        super().__init__(_("No vault at {path}. Create one with 'borapp init' or pick another with --vault.")
                         .format(path=path))


class VaultLocked(VaultError):
    def __init__(self) -> None:
        super().__init__(_("The vault is locked."))


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in the user's words: its own text ("No such file or directory") is English
    whatever the user's language."""
    reasons = {
        _errno.ENOENT: _("it does not exist (any more)"), _errno.EISDIR: _("it is a folder, not a file"),
        _errno.ENOTDIR: _("a part of its path is not a folder"), _errno.EACCES: _("there is no permission"),
        _errno.EPERM: _("there is no permission"), _errno.ENOSPC: _("the disk is full"),
        _errno.EROFS: _("the disk can only be read"), _errno.ENAMETOOLONG: _("its name is too long"),
    }
    return reasons.get(getattr(exc, "errno", None), _("the system refused it ({kind})").format(
        kind=type(exc).__name__))


def describe(exc: BaseException) -> str:
    """Any failure in the user's language, never a traceback: a BorError says itself; a full disk, a read-only
    folder or a lost folder are named as such (from the OS or from SQLite); anything else is an unexpected error."""
    return known_cause(exc) or _("Something went wrong that BOR Desk did not expect. Nothing was changed that was "
                                 "not saved before. If it happens again, tell whoever supports BOR Desk, with the "
                                 "code {kind}.").format(kind=type(exc).__name__)


def known_cause(exc: BaseException) -> str:
    """`describe`'s words for a failure it can name (a BorError, a full disk, a read-only folder, a damaged vault);
    "" for an unexpected one."""
    return str(exc) if isinstance(exc, BorError) else known_problem(exc)


def known_problem(exc: BaseException) -> str:
    """A full disk, a folder that cannot be written to or a damaged vault, in the user's words; "" for anything
    else."""
    text = str(exc).lower()
    errno_ = getattr(exc, "errno", None)
    if errno_ == _errno.ENOSPC or "disk is full" in text or "disk full" in text:
        return Said(N_("The disk is full: nothing more could be saved. Make room (empty the bin, remove large files), "
                       "then try again; what was saved before is safe."))
    if errno_ in (_errno.EROFS, _errno.EACCES, _errno.EPERM) or "readonly database" in text \
            or "read-only" in text:
        where = getattr(exc, "filename", None)
        return (Said(N_("{path} cannot be written to (read-only, or no permission). Choose another place or ask for "
                        "write permission."), path=str(where)) if where else
                Said(N_("The vault's folder cannot be written to (read-only, or no permission). Move the vault to a "
                        "folder you can write to, or ask for write permission.")))
    if is_damage(exc):
        return Said(N_("A page of the vault could not be read: the vault is damaged. 'borapp check' says which "
                       "pages; restore a backup."))
    return ""


_DAMAGE = ("database disk image is malformed", "file is not a database", "hmac check failed")


def is_damage(exc: BaseException) -> bool:
    """SQLite or SQLCipher saying a page read is damaged (through SQLAlchemy too), not a bug or a full disk."""
    seen, steps = exc, 0
    while seen is not None and steps < 10:  # SQLAlchemy's error holds the driver's as `orig`
        if "DatabaseError" in type(seen).__name__ and any(words in str(seen).lower() for words in _DAMAGE):
            return True
        seen, steps = getattr(seen, "orig", None) or seen.__cause__, steps + 1
    return False
