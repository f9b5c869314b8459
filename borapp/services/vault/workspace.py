"""The open vault together with the coordinator working: what every service call of the GUI runs against."""

from __future__ import annotations

import getpass
import platform
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.i18n import N_, _
from borapp.models import Coordinator
from borapp.services.errors import UsageError, ValidationError
from borapp.services.vault.vault import Vault


@dataclass(frozen=True)
class CoordinatorItem:
    id: int
    name: str


class Workspace:
    """An unlocked vault and who is working in it (the audit's actor, "my cases")."""

    def __init__(self, vault: Vault, coordinator: CoordinatorItem | None = None, *, actor: str = ""):
        """`actor`: who works, when no coordinator was chosen (the command line: `actor_without_coordinator`)."""
        self.vault = vault
        self.coordinator = coordinator
        self._actor = actor

    @property
    def path(self) -> Path:
        return self.vault.path

    @property
    def actor(self) -> str:
        return self.coordinator.name if self.coordinator else self._actor

    @property
    def coordinator_id(self) -> int | None:
        return self.coordinator.id if self.coordinator else None

    @property
    def is_locked(self) -> bool:
        return self.vault.is_locked

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.vault.session() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.vault.reading() as session:
            yield session

    def lock(self) -> None:
        self.vault.lock()


def list_coordinators(vault: Vault, active_only: bool = True) -> list[CoordinatorItem]:
    with vault.session() as session:
        query = select(Coordinator).order_by(Coordinator.name)
        if active_only:
            query = query.where(Coordinator.active.is_(True))
        return [CoordinatorItem(c.id, c.name) for c in session.scalars(query)]


def actor_without_coordinator(vault: Vault, chosen: str = "", *, command_line: bool = False) -> str:
    """Who the access log names for work where nobody chose a coordinator in the app (the command line, a restore):
    the coordinator `chosen` (the command line's BORAPP_COORDINATOR; UsageError when the vault has none of that
    name), else the vault's only coordinator, else the computer's account, which with `command_line` is kept as
    "command line (account root)" (`actor_words` says it in the reader's language): a bare "root" in the access
    overview handed to a parent said nothing. Never empty, the log must say who."""
    names = [c.name for c in list_coordinators(vault)]
    wanted = " ".join(chosen.split()).casefold()
    if wanted:
        found = next((name for name in names if name.casefold() == wanted), None)
        if found is None:
            raise UsageError(_("BORAPP_COORDINATOR is '{name}', but this vault has no coordinator of that name. "
                               "Known: {names}.").format(name=chosen.strip(), names=", ".join(names) or "-"))
        return found
    if len(names) == 1:
        return names[0]
    account = login_name()
    if command_line:
        return COMMAND_LINE.format(account=account)[:200]  # kept in English, said in the reader's language
    return account[:200]


# Who worked at the command line as the access log keeps it: the same words whatever the language of the command
# (`--lang en` once must not leave English lines in a Dutch log); `actor_words` says it in the reader's language.
COMMAND_LINE = N_("command line (account {account})")
_COMMAND_LINE_KEPT = re.compile(r"command line \(account (.*)\)", re.DOTALL)


def actor_words(actor: str) -> str:
    """`actor` as kept in the log, said in the current language ("opdrachtregel (account root)")."""
    found = _COMMAND_LINE_KEPT.fullmatch(actor or "")
    return _(COMMAND_LINE).format(account=found.group(1)) if found else actor


def login_name() -> str:
    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name known to the system (a container, a service account)
        login = ""
    return login or platform.node() or "?"


def add_coordinator(vault: Vault, name: str) -> CoordinatorItem:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Enter a name."), "name")
    with vault.session() as session:
        same = session.scalar(select(Coordinator).where(func.casefold(Coordinator.name) == name.casefold()))
        if same is not None:  # "tester coördinator" beside "Tester Coördinator" was a second person
            raise ValidationError(_("There is already a coordinator called {name}.").format(name=same.name), "name")
        coordinator = Coordinator(name=name)
        session.add(coordinator)
        session.flush()
        return CoordinatorItem(coordinator.id, coordinator.name)
