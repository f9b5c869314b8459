"""The words the report puts beside its numbers, and the names it looks up once (municipalities)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import N_, _
from borapp.models import Municipality
from borapp.services.reports.selection import NO_MUNICIPALITY

FUNDINGS = ("purchased", "per_case", "")
FUNDING_LABELS = {"purchased": N_("Purchased trajectories"), "per_case": N_("Per trajectory"),
                  "": N_("Funding not recorded")}
NO_MUNICIPALITY_KEY = "(none)"  # the JSON key of the cases without a municipality


def funding_label(funding: str) -> str:
    return _(FUNDING_LABELS.get(funding, funding))


def funding_key(funding: str) -> str:
    return funding or "unknown"


class Municipalities:
    """Municipality names by id, read once per report; a case without one is "No municipality"."""

    def __init__(self, session: Session):
        self.names: dict[int, str] = {i: n for i, n in session.execute(select(Municipality.id, Municipality.name))}

    def key(self, municipality_id: int | None) -> str:
        if municipality_id is None:
            return NO_MUNICIPALITY_KEY
        return self.names.get(municipality_id, str(municipality_id))

    def label(self, municipality_id: int | None) -> str:
        return _("No municipality") if municipality_id is None else self.key(municipality_id)

    def selection_id(self, municipality_id: int | None) -> int:
        return NO_MUNICIPALITY if municipality_id is None else municipality_id

    def ordered(self, ids) -> list[int | None]:
        """By name, the cases without a municipality last."""
        return sorted(ids, key=lambda i: (i is None, self.key(i).casefold()))
