"""The volunteer pool on 1 January and 31 December, its growth, who was deployable at the year's end, and the
trainings and volunteer meetings of the year.

In the pool on a day: joined on or before it (a volunteer without a joining date counts from the day they were
added to the vault) and not left on or before it. Deployable on 31 December: in the pool, not paused that day, a VOG
issued within the renewal period before it (the vault's setting, 3 years by default) and the training day followed.
The VOGs and pauses are read from their history (volunteers/history.py), not today's VOG date and "Active" tick:
renewing a VOG or pausing today leaves a past year's figures as they were. A year not over yet is
counted to the day of the report (periods.counted_to): a leaving date still ahead has not happened yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import Date

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.models import Meeting, MeetingAttendance, Training, VogIssue, Volunteer, VolunteerPause
from borapp.services import settings
from borapp.services.reports.figures import Figure, figure
from borapp.services.reports.periods import counted_to, first_day, last_day
from borapp.services.volunteers.meetings import MIN_ATTENDEES
from borapp.services.volunteers.profiles import TRAINING_LABELS as TRAINING_KINDS


@dataclass(frozen=True)
class VolunteerFigures:
    start_of_year: Figure  # parts: stayed all year, left during the year
    end_of_year: Figure  # parts: stayed all year, joined during the year
    deployable_end_of_year: int
    trainings: Figure  # trainings held, parts per kind
    training_attendance: Figure  # volunteers attending, parts per kind
    meetings: Figure  # meetings planned in the year: held, cancelled below the minimum, cancelled otherwise
    meeting_attendance: int  # attendances at the meetings held

    @property
    def growth_percent(self) -> float | None:
        return _growth(self.start_of_year.value, self.end_of_year.value)

    @property
    def deployable_growth_percent(self) -> float | None:
        """Deployable at the end against the pool at the start, as the 2019 report counts it."""
        return _growth(self.start_of_year.value, self.deployable_end_of_year)


def _growth(start: int, end: int) -> float | None:
    return round((end - start) * 100 / start, 1) if start else None


def volunteer_figures(session: Session, year: int, today: dt.date | None = None) -> VolunteerFigures:
    today = today or dt.date.today()
    until = counted_to(year, today)
    stayed, left, joined, deployable = _pool(session, year, until or last_day(year))
    trainings, attendance = _trainings(session, year)
    meetings, meeting_attendance = _meetings(session, year, today)
    stayed_part = Figure("stayed", _("In the pool all year"), stayed)
    return VolunteerFigures(
        start_of_year=figure("start_of_year", _("Volunteers on 1 January {year}").format(year=year),
                             [stayed_part, Figure("left", _("Left during the year"), left)]),
        end_of_year=figure("end_of_year", _("Volunteers on 31 December {year}").format(year=year) if until is None
                           else _("Volunteers on {date}").format(date=long_date(until)),  # not yet 31 December
                           [stayed_part, Figure("joined", _("Joined during the year"), joined)]),
        deployable_end_of_year=deployable, trainings=trainings, training_attendance=attendance,
        meetings=meetings, meeting_attendance=meeting_attendance)


def _in_pool(on: dt.date):
    joined = func.coalesce(Volunteer.joined_on, type_coerce(func.date(Volunteer.created_at), Date))
    return and_(joined <= on, or_(Volunteer.left_on.is_(None), Volunteer.left_on > on))


def _vog_cutoff(on: dt.date, years: int) -> dt.date:
    """The oldest VOG still within the renewal period on `on`."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _vog_valid(on: dt.date, years: int):
    """A VOG issued on or before `on` and within the renewal period then (a later renewal is not yet there)."""
    return (select(VogIssue.id).where(VogIssue.volunteer_id == Volunteer.id, VogIssue.issued_on <= on,
                                      VogIssue.issued_on >= _vog_cutoff(on, years)).exists())


def _paused(on: dt.date):
    """Paused on `on`: a pause begun on or before it (or with no start) and not ended by then."""
    return (select(VolunteerPause.id).where(
        VolunteerPause.volunteer_id == Volunteer.id,
        or_(VolunteerPause.started_on.is_(None), VolunteerPause.started_on <= on),
        or_(VolunteerPause.ended_on.is_(None), VolunteerPause.ended_on > on)).exists())


def _pool(session: Session, year: int, end: dt.date) -> tuple[int, int, int, int]:
    """Stayed, left, joined and deployable, from 1 January to `end` (31 December, or the day a report counts to)."""
    start = first_day(year)
    years = settings.get_int(session, "vog_renewal_years")
    trained = (select(Training.volunteer_id).where(Training.kind == "initial", Training.on <= end)).scalar_subquery()
    at_start, at_end = _in_pool(start), _in_pool(end)
    deployable = and_(at_end, ~_paused(end), _vog_valid(end, years), Volunteer.id.in_(trained))

    def total(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = session.execute(select(total(and_(at_start, at_end)), total(and_(at_start, ~at_end)),
                                 total(and_(at_end, ~at_start)), total(deployable))).one()
    return tuple(int(v) for v in row)


def _trainings(session: Session, year: int) -> tuple[Figure, Figure]:
    rows = session.execute(
        select(Training.kind, func.count(func.distinct(Training.on)), func.count())
        .where(Training.on >= first_day(year), Training.on <= last_day(year)).group_by(Training.kind))
    counts = {kind: (days, people) for kind, days, people in rows}
    kinds = list(TRAINING_KINDS) + sorted(k for k in counts if k not in TRAINING_KINDS)
    label = lambda k: _(TRAINING_KINDS[k]) if k in TRAINING_KINDS else k  # noqa: E731
    held = [Figure(k, _("Days held: {kind}").format(kind=label(k)), counts.get(k, (0, 0))[0]) for k in kinds]
    present = [Figure(k, _("Attending: {kind}").format(kind=label(k)), counts.get(k, (0, 0))[1]) for k in kinds]
    return (figure("trainings", _("Training days held"), held),
            figure("training_attendance", _("Volunteers trained"), present))


def _meetings(session: Session, year: int, today: dt.date) -> tuple[Figure, int]:
    """Held (case discussions per region, theme evenings), still to come (the current year's report is provisional),
    and cancelled for too few sign-ups or another reason, as the coordinator said when cancelling."""
    attendees = (select(MeetingAttendance.meeting_id, func.count().label("n"))
                 .where(MeetingAttendance.attended.is_(True)).group_by(MeetingAttendance.meeting_id).subquery())
    n = func.coalesce(attendees.c.n, 0)
    reason = Meeting.cancel_reason  # none from a laptop before 0040: too few when under four attended, as then
    outcome = case((~Meeting.cancelled & (Meeting.held_on > today), "to_come"), (~Meeting.cancelled, "held"),
                   (reason == "too_few", "cancelled_low_attendance"), (reason == "other", "cancelled_other"),
                   (n < MIN_ATTENDEES, "cancelled_low_attendance"), else_="cancelled_other")
    rows = session.execute(
        select(outcome, Meeting.kind, Meeting.region, func.count(), func.sum(n)).select_from(Meeting)
        .outerjoin(attendees, attendees.c.meeting_id == Meeting.id)
        .where(Meeting.held_on >= first_day(year), Meeting.held_on <= last_day(year))
        .group_by(outcome, Meeting.kind, Meeting.region)).all()
    counts, people = {}, 0
    for key, _kind, _region, number, present in rows:
        counts[key] = counts.get(key, 0) + int(number)
        people += int(present or 0) if key == "held" else 0
    held = [(kind, region, int(number)) for key, kind, region, number, _n in rows if key == "held"]
    labels = {"to_come": _("Still to come"),
              "cancelled_low_attendance": _("Cancelled: too few sign-ups"),  # as cancelled since 0040, not attendees
              "cancelled_other": _("Cancelled for another reason")}
    parts = [_held(held)] + [Figure(key, label, counts.get(key, 0)) for key, label in labels.items()
                             if key != "to_come" or key in counts]  # only a year not over yet has meetings to come
    return figure("meetings", _("Volunteer meetings planned"), parts), people


def _held(held: list[tuple[str, str, int]]) -> Figure:
    """The meetings held: case discussions, per region when the meetings say one, and theme evenings."""
    regions: dict[str, int] = {}
    for kind, region, number in held:
        if kind != "theme":
            regions[region] = regions.get(region, 0) + number
    per_region = [Figure(region, region or _("No region given"), number)
                  for region, number in sorted(regions.items(), key=lambda r: (not r[0], r[0].casefold()))]
    if list(regions) == [""]:
        per_region = []  # no region recorded: one number, not a line "no region given" beside it
    discussions = Figure("case_discussion", _("Case discussions held"), sum(regions.values()), tuple(per_region))
    themes = Figure("theme", _("Theme evenings held"), sum(number for kind, _r, number in held if kind == "theme"))
    return figure("held", _("Meetings held"), [discussions, themes])
