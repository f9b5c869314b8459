"""Today's board: every rule read as of one day in one session, each giving its total and its first items.

Each rule reads the records as of a given day `on`, so it can be tested with fixed dates. "Mine only" keeps the
case-bound items of the coordinator working; volunteers, the backup and drafts are everybody's business.
"""

from __future__ import annotations

import datetime as dt

from borapp.i18n import _
from borapp.services.dashboard import case_rules, contracts, housekeeping, letters_owed
from borapp.services.dashboard.board import SECTION_TITLES, Dashboard, DashboardSection, empty_note
from borapp.services.vault import backups


def today(workspace, on: dt.date | None = None, mine_only: bool = False, limit: int | None = None) -> Dashboard:
    """The board as of `on` (today by default). `limit`: items per section (the Today page shows ten); every
    section's total counts them all. None lists every item."""
    on = on or dt.date.today()
    mine = workspace.coordinator_id if mine_only else None
    with workspace.reading() as session:
        found = {
            "waiting": case_rules.waiting_too_long(session, on, mine, limit),
            "long_trajectories": case_rules.long_trajectories(session, on, mine, limit),
            "evaluations_due": case_rules.evaluations_due(session, mine, limit),
            "visits_this_week": case_rules.visits_this_week(session, on, mine, limit),
            "contracts_unsigned": contracts.contracts_unsigned(session, mine, limit),
            "outbox": housekeeping.letters_waiting(session, mine, limit),
            "letters_owed": letters_owed.letters_owed(session, on, mine, limit),
            "vog": housekeeping.vog_due(session, on, limit),
        }
    found["drafts"] = housekeeping.resumable_drafts(workspace, limit)
    now = dt.datetime.combine(on, dt.datetime.now().time())
    warning = backups.status(workspace, now).warning
    sections = tuple(DashboardSection(key, _(SECTION_TITLES[key]), tuple(f.items), f.total, empty_note(key))
                     for key, f in found.items())
    return Dashboard(on, sections, warning, housekeeping.privacy_reminder(workspace, on),
                     housekeeping.conflicts_notice(workspace), housekeeping.sync_news(workspace, on))
