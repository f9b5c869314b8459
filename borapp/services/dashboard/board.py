"""What Today shows, as plain values: items, the sections they make (a total and the first items) and the board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from borapp.i18n import N_, _
from borapp.services.cases.status import status_label

SECTION_TITLES = {
    "waiting": N_("Waiting too long for contact"),
    "long_trajectories": N_("Trajectories longer than 6 months"),
    "evaluations_due": N_("Midway evaluation yet to be held"),  # the cases at the step of that name had theirs
    "visits_this_week": N_("Visits this week"),
    "contracts_unsigned": N_("Contracts not yet signed by everyone"),
    "outbox": N_("Letters waiting in the outbox"),
    "letters_owed": N_("Feedback letters still to make"),  # to the referrer, the closing report to whoever commissioned
    "vog": N_("VOG missing or due for renewal"),
    "drafts": N_("Unsaved edits to resume"),
}


def empty_note(key: str) -> str:
    """What an empty section says; "" for the usual "Nothing to do". The midway evaluation card says why it lists
    none while cases stand at the step "Midway evaluation": recording the evaluation puts them there."""
    if key == "evaluations_due":
        return _("No case has held half its visits without a midway evaluation; cases in '{status}' have had "
                 "theirs.").format(status=status_label("evaluation"))
    return ""


@dataclass(frozen=True)
class DashboardItem:
    kind: str                 # the section key
    title: str                # case number or volunteer name
    text: str                 # what needs doing, in the user's language
    date: dt.date | None = None
    case_id: int | None = None
    volunteer_id: int | None = None  # 0 means "a new volunteer" (an unsaved draft)
    status: str = ""          # the case status, for a status chip; "" when no case
    draft_key: str = ""       # a kept draft to resume ("intake/<uuid>"), for drafts not tied to a record
    letter_kind: str = ""     # a letter owed to the referrer: the one to make first
    letter_id: int | None = None  # a letter waiting in the outbox
    family: str = ""          # whom the case is about, as the case list says it ("Fay (4), Bo (2) · A. Rijks / …")


@dataclass(frozen=True)
class Found:
    """What a rule found: how many in all, and the first of them as items (all of them without a limit)."""

    total: int
    items: list[DashboardItem]


@dataclass(frozen=True)
class DashboardSection:
    key: str
    title: str
    items: tuple[DashboardItem, ...]  # the first items, in the section's order
    total: int                         # how many the section holds, shown or not
    empty_note: str = ""               # what it says when empty, where "Nothing to do" would puzzle (`empty_note`)

    @property
    def count(self) -> int:
        return self.total


@dataclass(frozen=True)
class Dashboard:
    on: dt.date
    sections: tuple[DashboardSection, ...]
    backup_warning: str       # "" when backups are fine
    privacy_reminder: str = ""  # once a year while closed cases are past their retention period
    conflicts_notice: str = ""  # team sync: changes that clashed with a colleague's, waiting for a person
    sync_news: str = ""  # team sync: what the syncs of the last week changed here (services/sync/news.py)

    def section(self, key: str) -> DashboardSection:
        return next(s for s in self.sections if s.key == key)
