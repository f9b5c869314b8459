"""Hand-made vaults for the report tests: cases with a dated status history, visits, volunteers and meetings,
written straight as records (the report reads records; how the app writes them is tested elsewhere)."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select

from borapp.models import (
    Case, Meeting, MeetingAttendance, Municipality, MunicipalityFunding, StatusChange, Training, Visit, Volunteer,
)
from borapp.services.volunteers.history import set_active, set_vog

D = dt.date
_refs = itertools.count(1)


def municipality(session, name: str, funding: str = "", year: int | None = None,
                 trajectories: int | None = None) -> int:
    found = session.scalar(select(Municipality).where(Municipality.name == name))
    if found is None:
        found = Municipality(name=name)
        session.add(found)
        session.flush()
    if funding and year:
        session.add(MunicipalityFunding(municipality_id=found.id, year=year, funding=funding,
                                        trajectories=trajectories))
        session.flush()
    return found.id


def add_case(session, registered: dt.date, *, municipality_id: int | None = None, funding: str = "",
             steps: list[tuple] = (), first_visit: dt.date | None = None) -> int:
    """A case registered on `registered`, then each step (date, status[, outcome[, reason]]) in order."""
    case = Case(ref=f"T-{next(_refs):05d}", registered_on=registered, municipality_id=municipality_id,
                funding=funding, status="registered")
    case.history.append(StatusChange(on=registered, from_status="", to_status="registered"))
    for on, status, *rest in steps:
        outcome, reason = (list(rest) + ["", ""])[:2]
        case.history.append(StatusChange(on=on, from_status=case.status, to_status=status, outcome=outcome,
                                         reason=reason))
        case.status = status
        if status == "closed":
            case.outcome, case.outcome_reason, case.closed_on = outcome, reason, on
        else:
            case.outcome, case.outcome_reason, case.closed_on = "", "", None
    session.add(case)
    session.flush()
    if first_visit:
        session.add(Visit(case_id=case.id, on=first_visit, state="held"))
        session.add(Visit(case_id=case.id, on=first_visit - dt.timedelta(days=3), state="cancelled"))
    return case.id


def add_volunteer(session, name: str, joined: dt.date | None, left: dt.date | None = None, *, active: bool = True,
                  vog: dt.date | None = None, trained: dt.date | None = None) -> int:
    volunteer = Volunteer(name=name, joined_on=joined, left_on=left)
    set_vog(volunteer, vog)  # as the profile keeps them: with the VOG and pause history the report reads
    set_active(volunteer, active, dt.date.today(), new=True)
    if trained:
        volunteer.trainings.append(Training(kind="initial", on=trained))
    session.add(volunteer)
    session.flush()
    return volunteer.id


def add_meeting(session, on: dt.date, attendees: list[int], cancelled: bool = False) -> None:
    meeting = Meeting(held_on=on, cancelled=cancelled)
    meeting.attendance = [MeetingAttendance(volunteer_id=v) for v in attendees]
    session.add(meeting)
