"""The SMTP password: kept in the operating system's keyring, never in the vault's plain settings.

Without a keyring backend (a bare Linux session, a CI machine) the password is asked each time through a provider
(the GUI's password dialog, the CLI's BORAPP_SMTP_PASSWORD or prompt) and forgotten after the send.
"""

from __future__ import annotations

from collections.abc import Callable

from borapp.i18n import _
from borapp.services.errors import BorError, UsageError

SERVICE = "BOR Desk SMTP"

PasswordProvider = Callable[[], "str | None"]


class PasswordMissing(UsageError):
    """A login is needed and no password was given (cancelled, or nothing to ask with)."""

    def __init__(self) -> None:
        super().__init__(_("The mail server needs a password and none was given. Nothing was sent."))


def _keyring():
    import keyring

    return keyring


def keyring_available() -> bool:
    """Whether this computer has a keyring to keep the password in (not keyring's "fail" stand-in)."""
    try:
        from keyring.backends import fail

        return not isinstance(_keyring().get_keyring(), fail.Keyring)
    except Exception:  # no keyring package, or a backend that fails to load
        return False


def stored_password(user: str) -> str | None:
    """The password the keyring holds for `user`, or None (no backend, nothing stored, or the keyring failed)."""
    if not user:
        return None
    try:
        return _keyring().get_password(SERVICE, user) or None
    except Exception:  # keyring.errors.KeyringError, or a backend's own (D-Bus, locked collection)
        return None


def store_password(user: str, password: str) -> None:
    """Keep the password in the keyring; refuses when there is no keyring to keep it in."""
    if not user or not password:
        raise UsageError(_("Set smtp.user first, then store its password."))
    try:
        _keyring().set_password(SERVICE, user, password)
    except Exception:
        raise BorError(_("There is no keyring on this computer to keep the password in. It will be asked for "
                         "each time mail is sent.")) from None


def forget_password(user: str) -> None:
    try:
        _keyring().delete_password(SERVICE, user)
    except Exception:  # nothing stored, or no keyring: nothing to forget
        pass


def password_for(user: str, provider: PasswordProvider | None) -> str:
    """The keyring's password for `user`, else what `provider()` answers; PasswordMissing when neither has one."""
    password = stored_password(user)
    if password is None and provider is not None:
        password = provider()
    if not password:
        raise PasswordMissing()
    return password
