"""Conflicts wait on the server until a person chooses; choosing settles them for every laptop."""

from __future__ import annotations

from borapp.i18n import _
from borapp.services import settings
from borapp.services.errors import NotFound
from borapp.services.sync.run import client_for


def open_conflicts(workspace, http=None) -> list[dict]:
    found = client_for(workspace, http).conflicts()
    settings.write_settings(workspace, {"sync.open_conflicts": str(len(found))})
    return found


def resolve(workspace, conflict_id: int, keep: str, http=None) -> None:
    """Keep "mine" (the value this side of the conflict typed) or "theirs" (the server's)."""
    client = client_for(workspace, http)
    conflict = next((c for c in client.conflicts() if int(c["id"]) == int(conflict_id)), None)
    if conflict is None:
        raise NotFound(_("No open conflict {id}: it may have been settled already.").format(id=conflict_id))
    client.resolve(conflict_id, conflict["mine"] if keep == "mine" else conflict["server"])
