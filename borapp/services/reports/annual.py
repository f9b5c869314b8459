"""The annual report for a year: every group of figures, read in one session, as plain frozen values.

    report = annual_report(workspace, 2019)
    helder = annual_report(workspace, 2019, municipality="Den Helder")  # that municipality's cases only (`scope`)
    lines = cases_behind(workspace, report.registrations.total.part("Den Helder").selection)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from borapp.services import settings
from borapp.services.reports import erased
from borapp.services.reports.case_groups import two_years
from borapp.services.reports.closings import Closings, closings
from borapp.services.reports.costs import cost_figures
from borapp.services.reports.invoicing import InvoiceRow, invoicing
from borapp.services.reports.labels import Municipalities
from borapp.services.reports.open_cases import OpenCases, open_cases
from borapp.services.reports.periods import check_year, counted_to
from borapp.services.reports.registrations import Registrations, registrations
from borapp.services.reports.scope import find_municipality
from borapp.services.reports.selection import CaseLine, CaseSelection, case_lines
from borapp.services.reports.timeliness import Timeliness, timeliness
from borapp.services.reports.volunteers import VolunteerFigures, volunteer_figures


@dataclass(frozen=True)
class AnnualReport:
    year: int
    organisation: str
    made_on: dt.date
    registrations: Registrations
    closed: Closings
    closed_previous_year: Closings
    open_at_year_end: OpenCases
    volunteers: VolunteerFigures
    timeliness: Timeliness
    invoicing: tuple[InvoiceRow, ...]
    # The cost per trajectory and the expenses to reimburse (services/reports/costs.py: its documented dict)
    costs: dict | None = None
    municipality: str = ""  # a report for one municipality: its name ("" for all municipalities)
    municipality_id: int | None = None

    def has_cases(self) -> bool:
        """Whether any case was registered, open, waiting or closed in the year (else every table is zeros)."""
        return any(f.value for f in (self.registrations.total, self.closed.by_outcome,
                                     self.open_at_year_end.by_registration_year, self.open_at_year_end.waiting_list))


def annual_report(workspace, year: int, today: dt.date | None = None, municipality: str = "") -> AnnualReport:
    """`municipality`: a name, for a report on that municipality's cases only; "" for all."""
    year = check_year(year, today)
    today = today or dt.date.today()
    with workspace.reading() as session:  # holds no lock: the Reports page works it out while saves go on
        only, municipality = find_municipality(session, municipality) if municipality else (None, "")
        names = Municipalities(session)
        both = two_years(session, year, only)
        groups = both[year]
        return AnnualReport(
            year=year, organisation=settings.get(session, "organisation.name"),
            made_on=today,
            registrations=registrations(groups, year, names),
            closed=closings(groups, year),
            closed_previous_year=closings(both[year - 1], year - 1),
            open_at_year_end=open_cases(groups, year, counted_to(year, today)),
            volunteers=volunteer_figures(session, year, today),
            timeliness=timeliness(session, year, only),
            invoicing=invoicing(session, groups, year, names, only),
            costs=cost_figures(session, year, municipality if only else None),
            municipality=municipality, municipality_id=only,
        )


def cases_behind(workspace, selection: CaseSelection) -> list[CaseLine]:
    """The cases a figure counts, oldest registration first (not the erased ones: `erased_behind`)."""
    with workspace.session() as session:
        return case_lines(session, selection)


def erased_behind(workspace, selection: CaseSelection) -> int:
    """How many erased cases the figure counts besides (they have no number to list)."""
    with workspace.reading() as session:
        return erased.erased_behind(session, selection)
