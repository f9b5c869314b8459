"""Registrations in the year: the total, per municipality (with how many of them are open or closed at the year's
end), per funding type, and the previous year's beside it; and the 2019 report's table per funding type."""

from __future__ import annotations

from dataclasses import dataclass

from borapp.collation import sort_key
from borapp.i18n import _
from borapp.services.reports.case_groups import CaseGroup, tally
from borapp.services.reports.figures import Figure, figure
from borapp.services.reports.labels import FUNDINGS, Municipalities, funding_key, funding_label
from borapp.services.reports.selection import CaseSelection


@dataclass(frozen=True)
class MunicipalityRow:
    """One line of the table per funding type: a municipality's registrations this year and last."""

    funding: str
    municipality: str
    previous_year: int
    registered: int
    open: int
    closed: int
    selection: CaseSelection


@dataclass(frozen=True)
class Registrations:
    total: Figure  # parts: per municipality, each with parts open / closed at the year's end
    by_funding: Figure
    previous_year: Figure  # parts: per municipality
    table: tuple[MunicipalityRow, ...]


def registrations(groups: list[CaseGroup], year: int, names: Municipalities) -> Registrations:
    return Registrations(
        total=_per_municipality(groups, year, names, with_state=True),
        by_funding=_by_funding(groups, year),
        previous_year=_per_municipality(groups, year - 1, names, with_state=False),
        table=_table(groups, year, names),
    )


def _in(year: int):
    return lambda g: g.registered_year == year


def _per_municipality(groups: list[CaseGroup], year: int, names: Municipalities, with_state: bool) -> Figure:
    counts = tally(groups, lambda g: (g.municipality_id, g.is_open), _in(year))
    parts = []
    for m in names.ordered({m for m, _open in counts}):
        selection = CaseSelection(year, registered_year=year, municipality_id=names.selection_id(m))
        state_parts = [Figure(key, label, counts.get((m, is_open), 0), (),
                              CaseSelection(year, registered_year=year, municipality_id=names.selection_id(m),
                                            state=state))
                       for key, label, is_open, state in (("open", _("Open at year end"), True, "open"),
                                                          ("closed", _("Closed by year end"), False,
                                                           "closed_by_year_end"))]
        if with_state:
            parts.append(figure(names.key(m), names.label(m), state_parts, selection))
        else:
            parts.append(Figure(names.key(m), names.label(m), sum(p.value for p in state_parts), (), selection))
    label = _("Registrations in {year}").format(year=year)
    return figure("registrations", label, parts, CaseSelection(year, registered_year=year))


def _by_funding(groups: list[CaseGroup], year: int) -> Figure:
    counts = tally(groups, lambda g: g.funding, _in(year))
    parts = [Figure(funding_key(f), funding_label(f), counts.get(f, 0), (),
                    CaseSelection(year, registered_year=year, funding=f))
             for f in FUNDINGS if f or counts.get(f)]
    parts += [Figure(f, f, n, (), CaseSelection(year, registered_year=year, funding=f))
              for f, n in sorted(counts.items()) if f not in FUNDINGS]
    return figure("by_funding", _("Registrations by funding"), parts, CaseSelection(year, registered_year=year))


def _table(groups: list[CaseGroup], year: int, names: Municipalities) -> tuple[MunicipalityRow, ...]:
    now = tally(groups, lambda g: (g.funding, g.municipality_id, g.is_open), _in(year))
    before = tally(groups, lambda g: (g.funding, g.municipality_id), _in(year - 1))
    keys = {(f, m) for f, m, _o in now} | set(before)
    order = {f: i for i, f in enumerate(FUNDINGS)}
    rows = []
    for f, m in sorted(keys, key=lambda k: (order.get(k[0], len(order)), k[1] is None, sort_key(names.key(k[1])))):
        opened, closed = now.get((f, m, True), 0), now.get((f, m, False), 0)
        rows.append(MunicipalityRow(f, names.label(m), before.get((f, m), 0), opened + closed, opened, closed,
                                    CaseSelection(year, registered_year=year, municipality_id=names.selection_id(m),
                                                  funding=f)))
    return tuple(rows)
