"""A report for one municipality: each municipality is invoiced with its own figures, so the annual report can be
made for one of them, holding only the cases of that municipality (registrations, closings, open cases, how soon
they started, invoicing and costs). The volunteer pool works for every municipality: its figures are the
organisation's, and a municipality's report leaves them out with a line saying where they are."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.collation import sort_key
from borapp.i18n import N_, _
from borapp.models import Municipality
from borapp.services.errors import NotFound
from borapp.services.privacy.small_cells import EXTERNAL, INTERNAL

POOL_NOTE = N_("The volunteer pool works for every municipality: its figures are the organisation's, not one "
               "municipality's. They are in the annual report for all municipalities.")


def municipality_names(session: Session) -> list[str]:
    """Every municipality's name, in alphabetical order."""
    return sorted(session.scalars(select(Municipality.name)), key=sort_key)


def find_municipality(session: Session, name: str) -> tuple[int, str]:
    """(id, name as recorded) of the municipality called `name` (case and spaces around it aside); a message listing
    the known ones otherwise."""
    wanted = " ".join((name or "").split()).casefold()
    for found_id, found in session.execute(select(Municipality.id, Municipality.name)):
        if " ".join(found.split()).casefold() == wanted:
            return found_id, found
    known = municipality_names(session)
    if not known:
        raise NotFound(_("There is no municipality '{name}': no municipalities are recorded (Settings → "
                           "Municipalities).").format(name=name))
    raise NotFound(_("There is no municipality '{name}'. Known municipalities: {names}.").format(
        name=name, names=", ".join(known)))


def report_file_stem(year: int, municipality: str = "", audience: str = INTERNAL) -> str:
    """The file name a report is offered under: the year, the municipality's name when it is for one, and whom it is
    for ("-intern" / "-extern"): the two versions had one name, and the internal one was easily sent out."""
    stem = _("annual-report-{year}").format(year=year)
    if municipality:
        stem += "-" + "-".join("".join(c if c.isalnum() else " " for c in municipality).lower().split())
    return (_("{name}-external") if audience == EXTERNAL else _("{name}-internal")).format(name=stem)  # file names


def report_municipalities(workspace) -> list[str]:
    """The municipalities a report can be made for (the Reports page's choice)."""
    with workspace.reading() as session:
        return municipality_names(session)
