"""Errors the services raise, each with a message in the user's language and the CLI's exit code."""

from __future__ import annotations

from borapp.i18n import _

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
