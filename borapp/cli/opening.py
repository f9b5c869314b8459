"""Opening the vault for a sub-command, and choosing the language from --lang or the vault's setting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from borapp.cli import secrets_input
from borapp.i18n import set_language

if TYPE_CHECKING:
    from borapp.services.vault.vault import Vault


def open_vault(args, *, full_check: bool = False) -> Vault:
    """`full_check`: verify every page before anything can write (`borapp check`), not only the quick look."""
    from borapp.services import settings
    from borapp.services.vault.vault import Vault

    recovery = secrets_input.recovery_key(args) if hasattr(args, "recovery_key_file") else None
    if recovery:
        vault = Vault.open(args.vault, recovery_key=recovery, full_check=full_check)
    else:
        vault = Vault.open(args.vault, secrets_input.passphrase(args), full_check=full_check)
    if not getattr(args, "lang", None):
        with vault.session() as session:
            set_language(settings.get(session, "language"))
    return vault


COORDINATOR_ENV = "BORAPP_COORDINATOR"


def cli_workspace(vault: Vault):
    """The vault with who works at the command line (the access log's "who", never empty): the coordinator named by
    BORAPP_COORDINATOR, else the vault's only coordinator, else "command line (account ...)"."""
    import os

    from borapp.services.vault.workspace import Workspace, actor_without_coordinator

    try:
        actor = actor_without_coordinator(vault, os.environ.get(COORDINATOR_ENV, ""), command_line=True)
    except Exception:
        vault.lock()  # a name not in the vault: nothing is done, the key leaves memory
        raise
    return Workspace(vault, actor=actor)
