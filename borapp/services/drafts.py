"""Drafts: unsaved form state kept inside the encrypted vault, so typing survives a lock, a crash or a restart."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Draft
from borapp.services.vault.workspace import Workspace

# The GUI keeps its screens' unsaved typing under this prefix (key "ui/case/12/visits/new", say).
UI_PREFIX = "ui/"
# Where the screens were when the vault locked (the page, the case or volunteer open, the tab: ids and keys, never a
# name), for the unlock to bring the coordinator back there. Not under UI_PREFIX: Today lists those as unsaved edits.
PLACE_KEY = "place"


@dataclass(frozen=True)
class DraftItem:
    key: str
    payload: dict


def draft_title(payload: dict | None) -> str:
    """What a kept form calls itself, in the language of now when it gave its msgids (a draft kept in Dutch was
    named "Instellingen – E-mail" in the English interface), else as it was kept."""
    payload = payload or {}
    msgids = payload.get("title_msgids")
    if isinstance(msgids, list) and msgids and all(isinstance(m, str) and m for m in msgids):
        return " – ".join(_(m) for m in msgids)
    return str(payload.get("title") or "")


def save_draft(workspace: Workspace, key: str, payload: dict) -> None:
    text = json.dumps(payload, ensure_ascii=False, default=str)
    with workspace.session() as session:
        row = session.get(Draft, key)
        if row is None:
            session.add(Draft(key=key, payload=text))
        else:
            row.payload = text


def load_draft(workspace: Workspace, key: str) -> dict | None:
    with workspace.session() as session:
        row = session.get(Draft, key)
        return json.loads(row.payload) if row is not None else None


def delete_draft(workspace: Workspace, key: str) -> None:
    with workspace.session() as session:
        row = session.get(Draft, key)
        if row is not None:
            session.delete(row)


def take_draft(workspace: Workspace, key: str) -> dict | None:
    """The draft `key`, gone from the vault once read (kept for one use, like the place at a lock)."""
    with workspace.session() as session:
        row = session.get(Draft, key)
        if row is None:
            return None
        session.delete(row)
        return json.loads(row.payload)


def list_drafts(workspace: Workspace, prefix: str = "") -> list[DraftItem]:
    with workspace.reading() as session:
        rows = session.scalars(select(Draft).where(Draft.key.startswith(prefix)).order_by(Draft.updated_at.desc()))
        return [DraftItem(r.key, json.loads(r.payload)) for r in rows]
