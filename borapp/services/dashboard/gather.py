"""Today's board: every rule read as of one day in one session, each giving its total and its first items.

Each rule reads the records as of a given day `on`, so it can be tested with fixed dates. "Mine only" keeps the
case-bound items of the coordinator working; volunteers, the backup and drafts are everybody's business.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from borapp.i18n import _
from borapp.services.cases.listing import family_lines
from borapp.services.dashboard import case_rules, contracts, housekeeping, letters_owed
from borapp.services.dashboard.board import SECTION_TITLES, Dashboard, DashboardSection, Found, empty_note
from borapp.services.vault import backups


def today(workspace, on: dt.date | None = None, mine_only: bool = False, limit: int | None = None,
          whole: frozenset[str] = frozenset()) -> Dashboard:
    """The board as of `on` (today by default). `limit`: items per section (the Today page shows ten); every
    section's total counts them all. None lists every item; so does a section named in `whole` (one the
    coordinator opened in full: letters owed and unsaved work are listed nowhere else)."""
    on = on or dt.date.today()
    mine = workspace.coordinator_id if mine_only else None

    def upto(key: str) -> int | None:
        return None if key in whole else limit

    with workspace.reading() as session:
        found = {
            "waiting": case_rules.waiting_too_long(session, on, mine, upto("waiting")),
            "long_trajectories": case_rules.long_trajectories(session, on, mine, upto("long_trajectories")),
            "evaluations_due": case_rules.evaluations_due(session, mine, upto("evaluations_due")),
            "visits_this_week": case_rules.visits_this_week(session, on, mine, upto("visits_this_week")),
            "contracts_unsigned": contracts.contracts_unsigned(session, mine, upto("contracts_unsigned")),
            "outbox": housekeeping.letters_waiting(session, mine, upto("outbox")),
            "letters_owed": letters_owed.letters_owed(session, on, mine, upto("letters_owed")),
            "vog": housekeeping.vog_due(session, on, upto("vog")),
        }
    found["drafts"] = housekeeping.resumable_drafts(workspace, upto("drafts"))
    with workspace.reading() as session:
        found = with_families(session, found, on)
    now = dt.datetime.combine(on, dt.datetime.now().time())
    warning = backups.status(workspace, now).warning
    sections = tuple(DashboardSection(key, _(SECTION_TITLES[key]), tuple(f.items), f.total, empty_note(key))
                     for key, f in found.items())
    return Dashboard(on, sections, warning, housekeeping.privacy_reminder(workspace, on),
                     housekeeping.conflicts_notice(workspace), housekeeping.sync_news(workspace, on))


def with_families(session, found: dict[str, Found], on: dt.date) -> dict[str, Found]:
    """Each case's item with whom the case is about (`listing.family_lines`), read for every section's shown cases at
    once: two queries, however many rows."""
    ids = sorted({item.case_id for f in found.values() for item in f.items if item.case_id is not None})
    if not ids:
        return found
    families = family_lines(session, ids, on)
    return {key: Found(f.total, [dataclasses.replace(item, family=families.get(item.case_id, ""))
                                 if item.case_id is not None else item for item in f.items])
            for key, f in found.items()}
