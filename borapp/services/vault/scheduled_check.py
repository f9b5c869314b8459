"""The full check of every page, once a week instead of at every unlock.

Decrypting and verifying every page (PRAGMA cipher_integrity_check) takes about half a second per 10,000 cases, so
an unlock only takes a quick look (`vault.probe_database`) and the app runs this check after the first screen is
shown, on a worker thread, when the last one is a week old or more (or never ran). The day of the last sound check is
kept in the vault's settings; damage is said in words that say what to do. `borapp check` always checks every page.
"""

from __future__ import annotations

import datetime as dt

from borapp.i18n import ngettext
from borapp.services import settings
from borapp.services.errors import VaultDamaged

SETTING = "vault.checked_on"
EVERY_DAYS = 7


def is_due(workspace, today: dt.date | None = None) -> bool:
    last = settings.read_setting(workspace, SETTING)
    try:
        return (today or dt.date.today()) - dt.date.fromisoformat(last) >= dt.timedelta(days=EVERY_DAYS)
    except ValueError:  # never checked (or a date this version cannot read): check now
        return True


def run(workspace, today: dt.date | None = None) -> bool:
    """Check every page; remember the day when all are sound. False when the vault was locked meanwhile (nothing
    was decided); raises VaultDamaged when a page is damaged (the day is not remembered: the next unlock asks
    again). Safe on a worker thread: the check reads on a connection of its own."""
    vault = workspace.vault
    damaged = vault.damaged_pages()
    if damaged is None:
        return False
    if damaged:
        raise VaultDamaged(ngettext(
            "Checking every page of the vault {path} found {n} damaged page. Restore a backup: what was on that "
            "page cannot be read.",
            "Checking every page of the vault {path} found {n} damaged pages. Restore a backup: what was on those "
            "pages cannot be read.", len(damaged)).format(path=vault.path, n=len(damaged)))
    with workspace.session() as session:
        settings.put(session, SETTING, (today or dt.date.today()).isoformat())
    return True


DAMAGE_WORDS = ("malformed", "not a database", "hmac")  # what SQLite/SQLCipher say when a page does not decrypt


def damage_behind(workspace, exc: BaseException) -> VaultDamaged | None:
    """When reading failed the way a damaged page fails, check every page now: the damage in words (or None when
    every page is sound after all, or the failure was something else). For the first screen after an unlock,
    which reads before the weekly check has run."""
    if not any(word in str(exc).lower() for word in DAMAGE_WORDS):
        return None
    try:
        run(workspace)
    except VaultDamaged as damaged:
        return damaged
    return None
