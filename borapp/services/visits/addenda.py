"""A finished visit report is a fact (issue 14: append-only): once finished it is never edited, and a correction or
an addition is an addendum, dated and signed, never edited or removed. In a team such facts never conflict: an edit
a colleague typed before hearing that the report was finished is kept as an addendum (sync/run.py), not lost and
not written over the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.models import Visit, VisitAddendum
from borapp.services import audit
from borapp.services.cases.search_index import reindex_case_id
from borapp.services.errors import NotFound, ValidationError
from borapp.services.vault.workspace import Workspace

MAX_TEXT = 5000
# What a report holds, named as the visit editor names it (an addendum made from a colleague's late edit says which)
REPORT_FIELDS = {
    "on": N_("Date"), "start_time": N_("Start time"), "end_time": N_("End time"), "place": N_("Place"),
    "brought_by": N_("Brought by"), "collected_by": N_("Collected by"), "others_present": N_("Also present"),
    "handover": N_("Handover"), "what_happened": N_("What happened"), "child_wellbeing": N_("How the child was"),
    "child_voice": N_("What the child says"), "incidents": N_("Incidents"),
    "ended_early_reason": N_("Why it ended early"), "cancel_reason": N_("Reason"),
}


@dataclass(frozen=True)
class AddendumItem:
    id: int
    written_on: dt.date
    author: str
    text: str


def finished_message(visit: Visit) -> str:
    return _("The report of this visit was finished on {date}: it stays as it is. Add an addendum to correct or "
             "complete it.").format(date=long_date(visit.report_final_on))


def finish_report(workspace: Workspace, visit_id: int, on: dt.date | None = None) -> dt.date:
    """Finish the report of a held visit; returns the day. From now on it changes only by addenda."""
    with workspace.session() as session:
        visit = _visit(session, visit_id)
        if visit.report_final_on is not None:
            return visit.report_final_on
        if visit.state != "held":
            raise ValidationError(_("Only the report of a held visit can be finished."), "state")
        if not visit.what_happened.strip():
            raise ValidationError(_("Write what happened before finishing the report."), "what_happened")
        visit.report_final_on = on or dt.date.today()
        session.flush()
        audit.record(session, "update", "visit", visit.id, workspace.actor, case_id=visit.case_id)
        return visit.report_final_on


def add_addendum(workspace: Workspace, visit_id: int, text: str, on: dt.date | None = None) -> int:
    """An addendum to a finished report, signed by whoever is working; returns its id."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the addendum."), "text")
    if len(text) > MAX_TEXT:
        raise ValidationError(_("At most {n} characters.").format(n=MAX_TEXT), "text")
    with workspace.session() as session:
        visit = _visit(session, visit_id)
        if visit.report_final_on is None:
            raise ValidationError(_("This report is not finished yet: change it in the visit itself."), "text")
        return _add(session, visit, text, workspace.actor, on or dt.date.today()).id


def _add(session: Session, visit: Visit, text: str, author: str, on: dt.date) -> VisitAddendum:
    addendum = VisitAddendum(visit_id=visit.id, written_on=on, author=author, text=text)
    session.add(addendum)
    session.flush()
    audit.record(session, "create", "visit_addendum", addendum.id, author, case_id=visit.case_id)
    reindex_case_id(session, visit.case_id)  # its words are found by the search box, as the report's are
    return addendum


def list_addenda(session: Session, visit_id: int) -> tuple[AddendumItem, ...]:
    rows = session.scalars(select(VisitAddendum).where(VisitAddendum.visit_id == visit_id)
                           .order_by(VisitAddendum.written_on, VisitAddendum.id))
    return tuple(AddendumItem(a.id, a.written_on, a.author, a.text) for a in rows)


def keep_late_edit(session: Session, visit: Visit, values: dict[str, str], device: str) -> VisitAddendum | None:
    """What this laptop changed in a report a colleague had finished meanwhile ({field: the value typed here}), as an
    addendum, so nothing typed is lost and the finished report stays as it was."""
    lines = [f"{_(REPORT_FIELDS[name])}: {value}" for name, value in values.items()
             if name in REPORT_FIELDS and value not in (None, "")]
    if not lines:
        return None
    text = _("Typed on {device} while the report was being finished elsewhere:").format(device=device)
    return _add(session, visit, text + "\n" + "\n".join(lines), device, dt.date.today())


def _visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound(_("No visit with number {id}.").format(id=visit_id))
    return visit
