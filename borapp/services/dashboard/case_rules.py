"""Today's case-bound rules: waiting for contact, trajectories past six months, midway evaluations due, visits this
week. Each selects, orders and counts in SQL (`paging.first_rows`); only its first rows become items."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, Select, func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import _, ngettext
from borapp.models import Case, Evaluation, StatusChange, Visit, Volunteer
from borapp.services import settings
from borapp.services.cases.midway import SCHEDULED, midway_due
from borapp.services.cases.status import NO_VISITS_AHEAD
from borapp.services.dashboard.board import DashboardItem, Found
from borapp.services.dashboard.dates import add_months, cutoff, full_months, week_of
from borapp.services.dashboard.paging import first_rows, ranked, read

WAITING_STATUSES = ("registered", "waiting", "intake")
TRAJECTORY_STATUSES = ("visits", "evaluation", "closing")
TRAJECTORY_MONTHS = 6


def case_item(kind: str, case, text: str, date: dt.date | None) -> DashboardItem:
    """`case`: anything with the case's id, ref and status (a row of the few columns asked for)."""
    return DashboardItem(kind, case.ref, text, date, case_id=case.id, status=case.status)


def mine_only(query: Select, mine: int | None) -> Select:
    return query.where(Case.coordinator_id == mine) if mine is not None else query


def waiting_too_long(session: Session, on: dt.date, mine: int | None, limit: int | None) -> Found:
    """Registered more than `waiting_alert_weeks` (4) weeks ago and still before visits: contact within a month."""
    before = on - dt.timedelta(weeks=settings.get_int(session, "waiting_alert_weeks"))
    query = (select(Case.id, Case.ref, Case.status, Case.registered_on)
             .where(Case.status.in_(WAITING_STATUSES), Case.registered_on < before)
             .order_by(Case.registered_on, Case.ref))
    total, rows = first_rows(session, mine_only(query, mine), limit)
    items = []
    for case in rows:
        days = (on - case.registered_on).days
        text = ngettext("Registered {n} day ago", "Registered {n} days ago", days).format(n=days)
        items.append(case_item("waiting", case, text, case.registered_on))
    return Found(total, items)


def first_step_into(status: str):
    """The day a case first stepped into `status`, as a correlated SQL expression (NULL when it never did)."""
    return (select(func.min(StatusChange.on))
            .where(StatusChange.case_id == Case.id, StatusChange.to_status == status).scalar_subquery())


def visits_started():
    """A case's start of visits, as a correlated SQL expression: its first status step into visits, else its first
    visit (NULL when neither)."""
    step = first_step_into("visits")
    first_visit = select(func.min(Visit.on)).where(Visit.case_id == Case.id).scalar_subquery()
    return func.coalesce(step, first_visit, type_=StatusChange.on.type)


def long_trajectories(session: Session, on: dt.date, mine: int | None, limit: int | None) -> Found:
    """In visits, evaluation or closing and `on` later than six months after visits started."""
    started_before = cutoff(on, lambda day: add_months(day, TRAJECTORY_MONTHS), add_months(on, -TRAJECTORY_MONTHS))
    cases = (select(Case.id, Case.ref, Case.status, visits_started().label("start"))
             .where(Case.status.in_(TRAJECTORY_STATUSES)))
    cases = mine_only(cases, mine).subquery()
    query = select(cases).where(cases.c.start < started_before).order_by(cases.c.start, cases.c.ref)
    total, rows = first_rows(session, query, limit)
    items = []
    for case in rows:
        months = full_months(case.start, on)
        text = ngettext("Visits started {n} month ago", "Visits started {n} months ago", months).format(n=months)
        items.append(case_item("long_trajectories", case, text, case.start))
    return Found(total, items)


def evaluations_due(session: Session, mine: int | None, limit: int | None) -> Found:
    """In visits, halfway by `midway.midway_due` (half the agreed visits held, at least one), and no midway
    evaluation yet. The visits are counted twice: once per
    case in visits to rank them (one pass over the case's index entries), then for the shown cases only, for their
    text."""
    evaluated = select(Evaluation.id).where(Evaluation.case_id == Case.id, Evaluation.kind == "midway").exists()
    held = func.sum(Visit.state == "held", type_=Integer)
    scheduled = func.sum(Visit.state.in_(SCHEDULED), type_=Integer)
    due = (select(midway_due(held, func.coalesce(Case.agreed_visits, scheduled)))
           .where(Visit.case_id == Case.id).scalar_subquery())
    query = (select(Case.id, Case.ref, Case.status, Case.agreed_visits).where(Case.status == "visits", ~evaluated, due)
             .order_by(Case.ref))
    page = ranked(mine_only(query, mine), limit)
    held_of, scheduled_of = (select(func.count()).where(Visit.case_id == page.c.id, state).scalar_subquery()
                             for state in (Visit.state == "held", Visit.state.in_(SCHEDULED)))
    details = select(page, held_of.label("held"), scheduled_of.label("scheduled")).order_by(page.c.ref)
    total, rows = read(session, details, limit)
    items = []
    for case in rows:
        if case.agreed_visits:
            text = _("{held} of the {total} agreed visits held; no midway evaluation yet").format(
                held=case.held, total=case.agreed_visits)
        else:
            text = _("{held} of {total} visits held; no midway evaluation yet").format(held=case.held,
                                                                                      total=case.scheduled)
        items.append(case_item("evaluations_due", case, text, None))
    return Found(total, items)


def _with_volunteer(visit) -> str:
    """Who goes; one who has left (by the visit's day) or is not active is said so: she goes nowhere."""
    if not visit.name:
        return _("no volunteer yet")
    if visit.left_on is not None and visit.left_on <= visit.on:
        return _("with {name}, who left on {date}").format(name=visit.name, date=long_date(visit.left_on))
    return _("with {name}").format(name=visit.name) if visit.active else _("with {name}, who is not active").format(
        name=visit.name)


def visits_this_week(session: Session, on: dt.date, mine: int | None, limit: int | None) -> Found:
    """Planned visits from Monday to Sunday of `on`'s week, with the volunteer who goes (the visit's, else the
    case's)."""
    monday, sunday = week_of(on)
    query = (select(Visit.on, Visit.start_time, Case.id, Case.ref, Case.status, Volunteer.name, Volunteer.left_on,
                    Volunteer.active)
             .join(Case, Case.id == Visit.case_id)
             .outerjoin(Volunteer, Volunteer.id == func.coalesce(Visit.volunteer_id, Case.volunteer_id))
             .where(Visit.state == "planned", Visit.on >= monday, Visit.on <= sunday,
                    Case.status.not_in(NO_VISITS_AHEAD))  # a case in closing has no visits ahead
             .order_by(Visit.on, Visit.start_time, Case.ref, Visit.id))
    total, rows = first_rows(session, mine_only(query, mine), limit)
    items = []
    for visit in rows:
        parts = [f"{visit.start_time:%H:%M}"] if visit.start_time else []
        parts.append(_with_volunteer(visit))
        items.append(case_item("visits_this_week", visit, " · ".join(parts), visit.on))
    return Found(total, items)
