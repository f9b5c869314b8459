"""The team's laptops as the office server knows them, and revoking a lost one from a colleague's laptop
(Settings → Team; `borapp server device revoke NAME` does the same on the server)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from borapp.services.sync.run import client_for


@dataclass(frozen=True)
class TeamLaptop:
    name: str
    enrolled: datetime | None  # None: added on the server, its code not used yet
    revoked: bool
    is_this_laptop: bool


def laptops(workspace, http=None) -> list[TeamLaptop]:
    """Every laptop of the team, this one first, then by name."""
    found = [TeamLaptop(d["name"], datetime.fromisoformat(d["enrolled"]) if d.get("enrolled") else None,
                        bool(d["revoked"]), bool(d.get("me"))) for d in client_for(workspace, http).devices()]
    return sorted(found, key=lambda laptop: (not laptop.is_this_laptop, laptop.name.casefold()))


def revoke(workspace, name: str, http=None) -> None:
    """Take a lost laptop out of the team: it can no longer sync, and removes its vault when it next connects."""
    client_for(workspace, http).revoke(name)
