"""Today ("Vandaag"): what needs the coordinator, gathered in sections of plain items.

- `board`: the items, sections and the board they make (plain dataclasses), and the sections' titles
- `gather`: `today()`, every rule read in one session, each section's total and its first items
- `case_rules`: the case-bound rules (waiting, long trajectories, evaluations due, visits this week)
- `contracts`: contracts not yet signed by every party their newest version names
- `letters_owed`: cases where a moment the referrer wants to hear of passed without a letter about it
- `housekeeping`: letters in the outbox, VOGs, drafts to resume, the privacy and conflicts notices
- `dates` and `paging`: the day arithmetic the rules share and the query that gives a total with the first rows

Each rule counts and orders in SQL, mostly from indexes, and builds items for its first rows only: the Python work
stays the same with thousands of open cases; what grows with them is SQLite's walk through its indexes.
"""

from borapp.services.dashboard.board import SECTION_TITLES, Dashboard, DashboardItem, DashboardSection
from borapp.services.dashboard.dates import add_months, week_of
from borapp.services.dashboard.gather import today

__all__ = ["SECTION_TITLES", "Dashboard", "DashboardItem", "DashboardSection", "add_months", "today", "week_of"]
