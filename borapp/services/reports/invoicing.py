"""Per municipality, for invoicing the year: the trajectories it purchased against those used (its registrations
funded as purchased), and its registrations funded per trajectory, which are the cases to invoice one by one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.models import MunicipalityFunding
from borapp.services.reports.case_groups import CaseGroup, tally
from borapp.services.reports.labels import Municipalities
from borapp.services.reports.selection import CaseSelection


@dataclass(frozen=True)
class InvoiceRow:
    municipality: str
    funding: str  # the municipality's funding for the year as set in Settings; "" when not set
    purchased: int | None  # trajectories purchased for the year (None: not purchased, or number not set)
    used: int  # registrations of the year funded as purchased
    per_case: int  # registrations of the year funded per trajectory: to invoice
    used_selection: CaseSelection
    per_case_selection: CaseSelection
    key: str = ""  # the municipality as the JSON keys it (labels.Municipalities.key: "(none)" for no municipality)

    @property
    def remaining(self) -> int | None:
        """Purchased and not used (negative: more used than purchased)."""
        return None if self.purchased is None else self.purchased - self.used


def invoicing(session: Session, groups: list[CaseGroup], year: int, names: Municipalities,
              municipality_id: int | None = None) -> tuple[InvoiceRow, ...]:
    """`municipality_id`: that municipality's row only (`groups` then hold its cases only)."""
    query = (select(MunicipalityFunding.municipality_id, MunicipalityFunding.funding, MunicipalityFunding.trajectories)
             .where(MunicipalityFunding.year == year))
    if municipality_id is not None:
        query = query.where(MunicipalityFunding.municipality_id == municipality_id)
    funded = {m: (f, n) for m, f, n in session.execute(query)}
    counts = tally(groups, lambda g: (g.municipality_id, g.funding), lambda g: g.registered_year == year)
    ids = set(funded) | {m for m, f in counts if f in ("purchased", "per_case")}
    rows = []
    for m in names.ordered(ids):
        funding, trajectories = funded.get(m, ("", None))
        selection_id = names.selection_id(m)
        rows.append(InvoiceRow(
            names.label(m), funding, trajectories if funding == "purchased" else None,
            counts.get((m, "purchased"), 0), counts.get((m, "per_case"), 0),
            CaseSelection(year, registered_year=year, municipality_id=selection_id, funding="purchased"),
            CaseSelection(year, registered_year=year, municipality_id=selection_id, funding="per_case"),
            names.key(m)))
    return tuple(rows)
