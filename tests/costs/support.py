"""Synthetic cases for the cost tests: registered, optionally closed with an outcome, in a municipality."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import Case, Municipality, StatusChange, Volunteer
from borapp.services.cases.flow import start_history


def volunteer_id(workspace, name: str = "Vera Voorbeeld") -> int:
    with workspace.session() as session:
        found = session.scalar(select(Volunteer).where(Volunteer.name == name))
        if found is None:
            found = Volunteer(name=name, region="Kop")
            session.add(found)
            session.flush()
        return found.id


def make_case(workspace, ref: str, registered_on: dt.date, *, closed_on: dt.date | None = None,
              outcome: str = "", municipality: str = "", volunteer: str = "Vera Voorbeeld") -> int:
    vid = volunteer_id(workspace, volunteer)
    with workspace.session() as session:
        place = None
        if municipality:
            place = session.scalar(select(Municipality).where(Municipality.name == municipality))
            if place is None:
                place = Municipality(name=municipality)
                session.add(place)
        case = Case(ref=ref, registered_on=registered_on, municipality=place, volunteer_id=vid)
        start_history(case)
        case.status = "visits"
        case.history.append(StatusChange(on=registered_on, from_status="registered", to_status="visits"))
        session.add(case)
        session.flush()
        case_id = case.id
    if closed_on is not None:
        close_case(workspace, case_id, closed_on, outcome)
    return case_id


def close_case(workspace, case_id: int, on: dt.date, outcome: str) -> None:
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.history.append(StatusChange(on=on, from_status=case.status, to_status="closed", outcome=outcome))
        case.status, case.outcome, case.closed_on = "closed", outcome, on
