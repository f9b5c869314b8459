"""The demo's standing data: municipalities with their funding per year, referrers and commissioning parties, two
coordinators, the volunteer pool (trainings, VOG dates, some left or paused) and volunteer meetings with attendance.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from borapp.models import (
    Coordinator, Meeting, MeetingAttendance, Municipality, MunicipalityFunding, Organisation, Training, VogIssue,
    Volunteer, VolunteerPause,
)
from borapp.models.volunteers import DAY_PARTS, WEEKDAYS
from borapp.services.demo.people import (
    FIRST_YEAR, MUNICIPALITIES, ORGANISATION_TOWNS, ORGANISATIONS, REGIONS, People, funding_for, postbus_address,
    slug, wijkteam_name,
)
from borapp.services.demo.texts import MEETING_THEMES, VOLUNTEER_NOTES

LANGUAGES = {"en": 35, "de": 10, "fr": 5, "pl": 5, "tr": 4, "ar": 4, "uk": 2}
VOG_RENEWAL = dt.timedelta(days=3 * 365)
# The most volunteers still in the pool: a BOR service works with 30-100. A bigger demo has more volunteers over
# its history, the others have left.
MOST_IN_POOL = 150


@dataclass
class Helper:
    """What case generation needs to know about a volunteer."""

    id: int
    name: str
    region: str
    joined: dt.date
    left: dt.date | None
    active: bool
    has_vog: bool
    max_cases: int

    def available(self, start: dt.date, end: dt.date) -> bool:
        """In the pool, with a VOG, from `start` to `end`."""
        return self.joined <= start and (self.left is None or self.left > end) and self.has_vog


@dataclass
class Reference:
    coordinators: list[Coordinator]
    municipalities: dict[str, Municipality]
    organisations: dict[str, Organisation]
    volunteers: list[Helper]
    by_region: dict[str, list[Helper]] = field(default_factory=dict)
    meetings: int = 0

    def of_kind(self, kind: str) -> list[Organisation]:
        return [o for o in self.organisations.values() if o.kind == kind]


def add_reference(session: Session, people: People, rng: random.Random, today: dt.date, volunteers: int) -> Reference:
    coordinators, municipalities = _coordinators(session, people), _municipalities(session, today)
    organisations = _organisations(session, people, rng)
    rows = _volunteers(session, people, rng, today, volunteers)
    session.flush()
    helpers = [Helper(v.id, v.name, v.region, v.joined_on, v.left_on, v.active, v.vog_date is not None, v.max_cases)
               for v in rows]
    ref = Reference(coordinators, municipalities, organisations, helpers,
                    {region: [h for h in helpers if h.region == region] for region in REGIONS})
    ref.meetings = _meetings(session, rng, today, helpers)
    return ref


def _coordinators(session: Session, people: People) -> list[Coordinator]:
    rows = []
    for gender in ("f", "m"):
        name = people.name(gender)
        rows.append(Coordinator(name=name, email=people.email(name, "voorbeeld.nl"), phone=people.mobile()))
    session.add_all(rows)
    return rows


def _municipalities(session: Session, today: dt.date) -> dict[str, Municipality]:
    rows = {}
    for place in MUNICIPALITIES:
        row = Municipality(name=place.name, region=place.region)
        for year in range(FIRST_YEAR, today.year + 1):
            funding = funding_for(place, year)
            count = place.trajectories + (year - 2019) // 2 if funding == "purchased" else None
            row.fundings.append(MunicipalityFunding(year=year, funding=funding,
                                                    trajectories=max(1, count) if count is not None else None))
        rows[place.name] = row
    session.add_all(rows.values())
    return rows


def _organisations(session: Session, people: People, rng: random.Random) -> dict[str, Organisation]:
    named = [(name, kind, ORGANISATION_TOWNS[kind]) for name, kind in ORGANISATIONS]
    named += [(wijkteam_name(p.name), "municipal_team", p.towns[0]) for p in MUNICIPALITIES]  # "Den Helder", whole
    rows = {}
    for name, kind, town in named:
        rows[name] = Organisation(
            name=name, kind=kind, contact_person=people.name(rng.choice("fm")), email=f"{slug(name)}@voorbeeld.nl",
            phone=people.landline(), address=postbus_address(rng.randint(100, 9999), town),
        )
    session.add_all(rows.values())
    return rows


def _volunteers(session, people: People, rng: random.Random, today: dt.date, count: int) -> list[Volunteer]:
    start = dt.date(FIRST_YEAR - 1, 10, 1)  # the pool the coordinators started with
    span = (today - start).days - 20
    joined = sorted(start + dt.timedelta(days=rng.randint(0, 365 if rng.random() < 0.35 else span))
                    for _ in range(count))
    seen: set[str] = set()
    stale = set(rng.sample(range(count // 2), 3))  # long-standing volunteers whose VOG is over three years old
    staying = None if count <= MOST_IN_POOL else \
        set(rng.sample(range(count), MOST_IN_POOL - len(stale) - 1)) | stale | {count - 1}
    out = []
    for i, on in enumerate(joined):
        gender = rng.choices("fmx", weights=(75, 23, 2))[0]
        name = people.name(gender if gender != "x" else rng.choice("fm"))
        while name in seen:
            name = people.name(gender if gender != "x" else rng.choice("fm"))
        seen.add(name)
        vogs = _vogs(rng, today, on, stale=i in stale, awaited=i == count - 1)  # the newest still awaits hers
        out.append(_volunteer(people, rng, today, name, gender, on, vogs, keep=i in stale or not vogs,
                              gone=staying is not None and i not in staying))
    session.add_all(out)
    return out


def _volunteer(people, rng, today, name, gender, joined, vogs, *, keep: bool, gone: bool = False) -> Volunteer:
    """One volunteer with each VOG she was given; some left or pause (since some months: the past years' reports
    count her as deployable before), except those kept active (to show a VOG warning); `gone` ones left."""
    region = rng.choices(REGIONS, weights=(35, 30, 35))[0]
    place = rng.choice([m for m in MUNICIPALITIES if m.region == region])
    street, postcode, town = people.address(place)
    left, days = None, (today - joined).days
    if gone and days > 1:
        left = joined + dt.timedelta(days=rng.randint(min(200, days - 1), days - 1))
    elif days > 400 and rng.random() < 0.12 and not keep:
        left = joined + dt.timedelta(days=rng.randint(200, days - 1))
    paused = left is None and rng.random() < 0.05 and not keep
    extra = [code for code, weight in LANGUAGES.items() if rng.random() * 100 < weight]
    row = Volunteer(
        name=name, email=people.email(name), phone=people.mobile(), address=f"{street}, {postcode} {town}",
        region=region, gender=gender, languages=";".join(["nl", *extra]), availability=_availability(rng),
        vog_date=vogs[-1] if vogs else None, max_cases=rng.choices((1, 2, 3), weights=(3, 5, 2))[0],
        active=left is None and not paused, joined_on=joined, left_on=left,
        notes="Tijdelijk niet beschikbaar (studie)." if paused else rng.choice(VOLUNTEER_NOTES),
        created_at=dt.datetime.combine(joined, dt.time(12)), updated_at=dt.datetime.combine(joined, dt.time(12)),
    )
    row.trainings = _trainings(rng, today, joined, left)
    row.vogs = [VogIssue(issued_on=on) for on in vogs]
    if paused:  # no draw of its own: the rest of the demo stays as it was
        row.pauses = [VolunteerPause(started_on=max(joined, today - dt.timedelta(days=60 + 9 * len(name))))]
    return row


def _availability(rng: random.Random) -> str:
    slots = [f"{d}-{p}" for d in WEEKDAYS for p in DAY_PARTS]
    weights = [(3 if d in ("sat", "wed") or p == "evening" else 1) * (0.3 if d == "sun" else 1)
               for d in WEEKDAYS for p in DAY_PARTS]
    wanted, chosen = rng.randint(2, 6), set()
    while len(chosen) < wanted:
        chosen.add(rng.choices(slots, weights=weights)[0])
    return ";".join(s for s in slots if s in chosen)


def _vogs(rng: random.Random, today: dt.date, joined: dt.date, *, stale: bool, awaited: bool) -> list[dt.date]:
    """Issued shortly before joining and renewed every three years, unless `stale`; none while requested."""
    if awaited or ((today - joined).days < 45 and rng.random() < 0.5):
        return []
    vogs = [joined - dt.timedelta(days=rng.randint(10, 45))]
    while not stale and vogs[-1] + VOG_RENEWAL < today - dt.timedelta(days=30):
        vogs.append(vogs[-1] + VOG_RENEWAL - dt.timedelta(days=rng.randint(5, 40)))
    return vogs


def _training_days(kind: str, today: dt.date) -> list[dt.date]:
    """Initial training days in March and November, a refresher day in June; always on a Saturday."""
    months = (3, 11) if kind == "initial" else (6,)
    days = [dt.date(FIRST_YEAR - 1, 11, 12)] if kind == "initial" else []
    for year in range(FIRST_YEAR, today.year + 1):
        for month in months:
            first = dt.date(year, month, 10)
            days.append(first + dt.timedelta(days=(5 - first.weekday()) % 7))
    return [d for d in days if d < today]


def _trainings(rng, today, joined, left) -> list[Training]:
    initial = next((d for d in _training_days("initial", today) if d >= joined), None)
    if initial is None or rng.random() < 0.05:
        return []  # joined after the last training day, or added without it (as in the 2019 report)
    rows = [Training(kind="initial", on=initial)]
    for day in _training_days("refresher", today):
        if initial < day and (left is None or day < left) and rng.random() < 0.55:
            rows.append(Training(kind="refresher", on=day))
    return rows


def _meetings(session: Session, rng: random.Random, today: dt.date, volunteers: list[Helper]) -> int:
    """About eight a year, rotating over the regions, with a theme evening in spring and autumn. A past meeting with
    fewer than four signed up was cancelled for that; a meeting after today has its sign-ups, and its attendance is
    recorded once it is held."""
    day, regions, count = dt.date(FIRST_YEAR, 10, 3), list(REGIONS), 0
    while day < today + dt.timedelta(days=60):
        theme = day.month in (4, 10) and rng.random() < 0.7
        region = "" if theme else regions[count % 3]
        meeting = Meeting(held_on=day, region=region, kind="theme" if theme else "case_discussion",
                          theme=rng.choice(MEETING_THEMES) if theme else "")
        present = [v for v in volunteers if v.joined <= day and (v.left is None or v.left > day)
                   and (theme or v.region == region)]
        if day >= today:
            wanted = rng.randint(4, 8)
        else:
            wanted = rng.randint(5, 20) if theme else rng.randint(1, 12)
        chosen = rng.sample(present, min(len(present), wanted))  # drawn as before: the same demo otherwise
        meeting.cancelled = day < today and len(chosen) < 4
        meeting.cancel_reason = "too_few" if meeting.cancelled else ""
        held = day <= today and not meeting.cancelled
        meeting.attendance_recorded = held
        meeting.attendance = [MeetingAttendance(volunteer_id=v.id, signed_up=True, attended=held) for v in chosen]
        session.add(meeting)
        count += 1
        day += dt.timedelta(days=rng.choice((42, 45, 49)))
    return count
