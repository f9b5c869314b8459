"""Tombstones kept here for erasures made elsewhere: a colleague's erasure arriving through team sync leaves one on
this laptop too, so restoring an older backup of this vault erases the case again (`erasure.carry_erasures`). Apart
from `erasure`, which imports the sync's erasure operations: they import this."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.models import Erasure
from borapp.models.base import utcnow
from borapp.services import settings
from borapp.services.vault import backups, written_places


def has_tombstone(session: Session, case_ref: str) -> bool:
    return session.scalar(select(Erasure.id).where(Erasure.case_ref == case_ref)) is not None


def keep_team_tombstone(session: Session, case_ref: str, device: str, when: dt.datetime | None) -> None:
    """A case erased on a colleague's laptop (`device`) leaves its tombstone here too, so that restoring an older
    backup of this vault erases it again. Without the reason: that stays where the erasure was made."""
    if not has_tombstone(session, case_ref):
        session.add(Erasure(case_ref=case_ref, erased_at=when or utcnow(), reason="", actor=device,
                            backups_before="\n".join(backups_now(session))))


def backups_now(session: Session) -> list[str]:
    """The backups now, those still holding an erased case: by name in the backup folder, whole elsewhere."""
    chosen = settings.get(session, "backup.folder")
    folder = backups.folder_path(chosen)
    found = []
    if chosen and folder.is_dir():
        found = sorted(p.name for p in folder.glob(f"{backups.PREFIX}*{backups.SUFFIX}"))
    elsewhere = [p for p in written_places.still_there(session, written_places.BACKUPS)  # borapp backup --to
                 if not (chosen and p.parent == folder and p.name in found)]
    return found + [str(p) for p in elsewhere]
