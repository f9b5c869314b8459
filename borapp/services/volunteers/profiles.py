"""Volunteers (BOR-medewerkers): the list with case load and VOG, the profile, and saving with validation."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from borapp.collation import folded, sort_key
from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.models import Case, Meeting, MeetingAttendance, Municipality, Training, Volunteer
from borapp.models.volunteers import DAY_PARTS, GENDERS, WEEKDAYS
from borapp.services import audit, settings
from borapp.services.cases.status import OPEN_STATUSES
from borapp.services.errors import NotFound, ValidationError
from borapp.services.reports.periods import FIRST_YEAR
from borapp.services.volunteers.history import set_active, set_vog, vog_history
from borapp.services.validation import email_problem, parse_date, phone_problem

MIN_CASES, MAX_CASES = 1, 10
VOG_SOON_DAYS = 60  # "due soon" this long before the renewal date
EARLIEST = dt.date(FIRST_YEAR, 1, 1)  # a VOG, a start or a training before the reports begin is a slip of the year
TRAINING_KINDS = ("initial", "refresher")
TRAINING_LABELS = {"initial": N_("Training day"), "refresher": N_("Refresher day")}
GENDER_LABELS = {"": N_("Not stated"), "f": N_("Female"), "m": N_("Male"), "x": N_("Other")}
COMMON_LANGUAGES = ("nl", "en", "de", "fr", "es", "pl", "tr", "ar", "so", "ti", "uk")

Slot = tuple[str, str]  # (weekday, part), e.g. ("mon", "morning")


@dataclass(frozen=True)
class VolunteerRow:
    id: int
    name: str
    region: str
    languages: tuple[str, ...]
    active: bool
    case_load: int
    max_cases: int
    vog_date: dt.date | None
    vog_state: str  # "missing", "overdue", "soon" or "ok"
    email: str = ""
    phone: str = ""

    @property
    def vog_due(self) -> bool:
        return self.vog_state in ("missing", "overdue")


@dataclass(frozen=True)
class CaseRef:
    id: int
    ref: str
    status: str


@dataclass(frozen=True)
class TrainingItem:
    kind: str
    on: dt.date


@dataclass(frozen=True)
class MeetingRef:
    id: int
    held_on: dt.date
    kind: str
    theme: str
    region: str


@dataclass(frozen=True)
class VolunteerProfile:
    id: int
    name: str
    email: str
    phone: str
    address: str
    region: str
    gender: str
    languages: tuple[str, ...]
    availability: frozenset[Slot]
    vog_date: dt.date | None
    vog_state: str
    vog_renew_on: dt.date | None
    max_cases: int
    active: bool
    joined_on: dt.date | None
    left_on: dt.date | None
    notes: str
    trainings: tuple[TrainingItem, ...]
    cases: tuple[CaseRef, ...]
    meetings: tuple[MeetingRef, ...]
    vogs: tuple[dt.date, ...] = ()  # every VOG date, newest first


@dataclass(frozen=True)
class VolunteerInput:
    """What a form or an import hands in. Dates may be dates or typed text (5-3-2026); id None makes a new one."""

    name: str
    id: int | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    region: str = ""
    gender: str = ""
    languages: tuple[str, ...] = ("nl",)
    availability: frozenset[Slot] = field(default_factory=frozenset)
    vog_date: dt.date | str | None = None
    max_cases: int = 2
    active: bool = True
    joined_on: dt.date | str | None = None
    left_on: dt.date | str | None = None
    notes: str = ""
    trainings: tuple[TrainingItem, ...] | None = None  # None leaves the stored trainings as they are


# ---- codes ------------------------------------------------------------------------------------------------------

def parse_availability(text: str) -> frozenset[Slot]:
    """"mon-morning;sat-afternoon" → {("mon", "morning"), ("sat", "afternoon")}; unknown codes are dropped."""
    slots = set()
    for code in (text or "").split(";"):
        day, _sep, part = code.strip().partition("-")
        if day in WEEKDAYS and part in DAY_PARTS:
            slots.add((day, part))
    return frozenset(slots)


def format_availability(slots) -> str:
    wanted = set(slots)
    return ";".join(f"{d}-{p}" for d in WEEKDAYS for p in DAY_PARTS if (d, p) in wanted)


@functools.lru_cache(maxsize=256)  # a list reads thousands of rows with a few dozen distinct values
def parse_languages(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.strip().lower() for c in (text or "").replace(",", ";").split(";") if c.strip()))


def language_code(typed: str) -> str:
    """The code kept for a language typed by name: "Papiaments" or "Papiamento" → "pap", "Tarifit" → "rif", a code
    the locale data knows ("ru") → itself; a language known by neither is kept by its name in lower case ("" for
    nothing typed). A name in Dutch or English, in any capitals and accents."""
    from borapp.services.importer.text import fold
    from borapp.services.importer.vocab import LANGUAGES

    words = " ".join(typed.replace(";", " ").replace(",", " ").split())
    folded_words = fold(words)
    return LANGUAGES.get(folded_words) or _known_languages().get(folded_words) or words.lower()


@functools.lru_cache(maxsize=1)
def _known_languages() -> dict[str, str]:
    """Folded name or code → code, from the locale data in Dutch and English (codes of two or three letters)."""
    from babel import Locale

    from borapp.services.importer.text import fold

    known: dict[str, str] = {}
    for locale in ("en", "nl"):
        for code, name in Locale.parse(locale).languages.items():
            if code.isalpha() and len(code) <= 3:
                known.setdefault(fold(name), code)
                known[code] = code
    return known


def vog_renew_on(vog_date: dt.date | None, years: int) -> dt.date | None:
    if vog_date is None:
        return None
    try:
        return vog_date.replace(year=vog_date.year + years)
    except ValueError:  # 29 February
        return vog_date.replace(year=vog_date.year + years, day=28)


def vog_state(vog_date: dt.date | None, years: int, on: dt.date | None = None) -> str:
    """"missing", "overdue" (older than the renewal period), "soon" (within two months of it) or "ok"."""
    on = on or dt.date.today()
    renew = vog_renew_on(vog_date, years)
    if renew is None:
        return "missing"
    if on > renew:
        return "overdue"
    return "soon" if (renew - on).days <= VOG_SOON_DAYS else "ok"


def renewal_years(workspace) -> int:
    return int(settings.read_setting(workspace, "vog_renewal_years") or 3)


# ---- reading ----------------------------------------------------------------------------------------------------

def case_loads(session: Session) -> dict[int, int]:
    """Open cases per volunteer, from the open cases' status index entries (not every case's row)."""
    query = (select(Case.volunteer_id, func.count()).where(Case.status.in_(OPEN_STATUSES),
                                                           Case.volunteer_id.is_not(None))
             .group_by(Case.volunteer_id))
    return dict(session.execute(query).all())


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matching(word: str) -> list:
    """Where one typed word may match: any text column (a name or region without minding accents and capitals); a
    phone number typed without its spaces or with 06 for +31 6; a language by its name ("Arabisch", kept as the code
    "ar")."""
    from borapp.services.importer.text import fold
    from borapp.services.importer.vocab import LANGUAGES

    folded_word = _like(folded(word))  # "celik" finds Çelik, "FÉLINE" Féline: SQLite's LIKE folds ASCII only
    found = [func.sort_name(column).like(folded_word, escape="\\") for column in (Volunteer.name, Volunteer.region)]
    found += [column.ilike(_like(word), escape="\\") for column in (
        Volunteer.email, Volunteer.phone, Volunteer.languages)]
    digits = "".join(ch for ch in word if ch.isdigit())
    if len(digits) >= 4 and len(digits) == sum(ch.isalnum() for ch in word):
        bare = Volunteer.phone
        for mark in (" ", "-", "+", "(", ")", "."):
            bare = func.replace(bare, mark, "")
        found += [bare.like(f"%{digits}%")] + ([bare.like(f"%31{digits[1:]}%")] if digits.startswith("0") else [])
    if code := LANGUAGES.get(fold(word)):
        found.append((";" + func.coalesce(Volunteer.languages, "") + ";").like(f"%;{code};%"))
    return found


def list_volunteers(workspace, text: str = "", active_only: bool = False, region: str = "",
                    on: dt.date | None = None) -> list[VolunteerRow]:
    on = on or dt.date.today()
    with workspace.reading() as session:
        years = settings.get_int(session, "vog_renewal_years")
        query = select(Volunteer.id, Volunteer.name, Volunteer.region, Volunteer.languages, Volunteer.active,
                       Volunteer.max_cases, Volunteer.vog_date, Volunteer.email, Volunteer.phone,
                       ).order_by(Volunteer.name)  # columns, not objects: a long history has thousands
        for word in text.split():
            query = query.where(or_(*_matching(word)))
        if active_only:
            query = query.where(Volunteer.active.is_(True))
        if region:
            query = query.where(Volunteer.region == region)
        loads = case_loads(session)
        return [VolunteerRow(v.id, v.name, v.region, parse_languages(v.languages), v.active, loads.get(v.id, 0),
                             v.max_cases, v.vog_date, vog_state(v.vog_date, years, on), v.email, v.phone)
                for v in session.execute(query)]


def has_volunteers(workspace) -> bool:
    """Whether anyone was ever entered as a volunteer (active or not)."""
    with workspace.reading() as session:
        return session.scalar(select(Volunteer.id).limit(1)) is not None


def list_regions(workspace) -> list[str]:
    """Every region in use, by volunteers or municipalities, sorted."""
    with workspace.reading() as session:
        found = set(session.scalars(select(Volunteer.region).distinct()))
        found |= set(session.scalars(select(Municipality.region).distinct()))
    return sorted((r for r in found if r), key=sort_key)


def load_volunteer(workspace, volunteer_id: int, *, on: dt.date | None = None) -> VolunteerProfile:
    """The whole profile; opening it is written to the access log."""
    with workspace.session() as session:
        volunteer = _get(session, volunteer_id)
        years = settings.get_int(session, "vog_renewal_years")
        cases = session.scalars(select(Case).where(Case.volunteer_id == volunteer_id, Case.status != "closed")
                                .order_by(Case.ref))
        meetings = session.scalars(select(Meeting).join(MeetingAttendance).where(
            MeetingAttendance.volunteer_id == volunteer_id, MeetingAttendance.attended.is_(True),
            Meeting.cancelled.is_(False))
            .order_by(Meeting.held_on.desc()))
        audit.record(session, "open", "volunteer", volunteer_id, workspace.actor)
        v = volunteer
        return VolunteerProfile(
            v.id, v.name, v.email, v.phone, v.address, v.region, v.gender, parse_languages(v.languages),
            parse_availability(v.availability), v.vog_date, vog_state(v.vog_date, years, on),
            vog_renew_on(v.vog_date, years), v.max_cases, v.active, v.joined_on, v.left_on, v.notes,
            tuple(TrainingItem(t.kind, t.on) for t in v.trainings),
            tuple(CaseRef(c.id, c.ref, c.status) for c in cases),
            tuple(MeetingRef(m.id, m.held_on, m.kind, m.theme, m.region) for m in meetings), vog_history(v))


def _get(session: Session, volunteer_id: int) -> Volunteer:
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise NotFound(_("No volunteer with number {id}.").format(id=volunteer_id))
    return volunteer


# ---- checking and saving ----------------------------------------------------------------------------------------

def _date(value, problems: dict[str, str], name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if not str(value).strip():
        return None
    parsed = parse_date(str(value))
    if parsed is None:
        problems[name] = _("Not a date; type it as 5-3-2026.")
    return parsed


def _name(text: str) -> str:
    return " ".join((text or "").split())


def check_volunteer(session: Session, data: VolunteerInput, today: dt.date | None = None) -> dict[str, str]:
    """Every problem with `data`, as {field: message}; empty when it may be saved."""
    today = today or dt.date.today()
    problems: dict[str, str] = {}
    name = _name(data.name)
    if not name:
        problems["name"] = _("Enter a name.")
    else:
        clash = select(Volunteer.id).where(func.casefold(Volunteer.name) == name.casefold())
        if data.id is not None:
            clash = clash.where(Volunteer.id != data.id)
        if session.scalar(clash) is not None:
            problems["name"] = _("There is already a volunteer called {name}.").format(name=name)
    for key, message in (("email", email_problem(data.email)), ("phone", phone_problem(data.phone))):
        if message:
            problems[key] = message
    if data.gender not in ("", *GENDERS):
        problems["gender"] = _("Unknown gender.")
    if not isinstance(data.max_cases, int) or not MIN_CASES <= data.max_cases <= MAX_CASES:
        problems["max_cases"] = _("Between {low} and {high} cases.").format(low=MIN_CASES, high=MAX_CASES)
    if any(d not in WEEKDAYS or p not in DAY_PARTS for d, p in data.availability):
        problems["availability"] = _("Unknown day or part of the day.")
    vog, joined, left = (_date(getattr(data, k), problems, k) for k in ("vog_date", "joined_on", "left_on"))
    for key, day in (("vog_date", vog), ("joined_on", joined), ("left_on", left)):
        if day and day < EARLIEST and key not in problems:  # 1-1-1900, "5-3-47" read as 1947: a slip of the year
            problems[key] = _("This date is before {date}; check the year.").format(date=long_date(EARLIEST))
    if vog and vog > today and "vog_date" not in problems:
        problems["vog_date"] = _("This date is in the future.")
    if joined and joined > today and "joined_on" not in problems:
        problems["joined_on"] = _("This date is in the future.")
    if joined and left and left < joined and "left_on" not in problems:
        problems["left_on"] = _("Leaving cannot be before joining.")
    if left and left <= today and data.active and "left_on" not in problems:
        problems["active"] = _("Someone who has left is no longer active: untick Active or clear the leaving date.")
    if training_problem(data.trainings, today):
        problems["trainings"] = training_problem(data.trainings, today)
    return problems


def training_problem(trainings, today: dt.date | None = None) -> str:
    """Why the trainings cannot be saved ("" when they can): the profile says it live, as Save would."""
    today = today or dt.date.today()
    for training in trainings or ():
        if training.kind not in TRAINING_KINDS or not isinstance(training.on, dt.date):
            return _("A training needs a kind and a date.")
        if training.on > today:
            return _("A training date is in the future.")
        if training.on < EARLIEST:
            return _("This date is before {date}; check the year.").format(date=long_date(EARLIEST))
    return ""


def volunteer_problems(workspace, data: VolunteerInput) -> dict[str, str]:
    with workspace.session() as session:
        return check_volunteer(session, data)


def save_volunteer(workspace, data: VolunteerInput) -> int:
    """Create or update; raises ValidationError (message, field) for the first problem found."""
    with workspace.session() as session:
        problems = check_volunteer(session, data)
        if problems:
            field_name, message = next(iter(problems.items()))
            raise ValidationError(message, field_name)
        volunteer = Volunteer() if data.id is None else _get(session, data.id)
        _apply(volunteer, data)
        if data.id is None:
            session.add(volunteer)
        session.flush()
        audit.record(session, "create" if data.id is None else "update", "volunteer", volunteer.id, workspace.actor)
        return volunteer.id


def _apply(volunteer: Volunteer, data: VolunteerInput) -> None:
    volunteer.name = _name(data.name)
    volunteer.email = data.email.strip()
    volunteer.phone = data.phone.strip()
    volunteer.address = data.address.strip()
    volunteer.region = _name(data.region)
    volunteer.gender = data.gender
    volunteer.languages = ";".join(parse_languages(";".join(data.languages)))
    volunteer.availability = format_availability(data.availability)
    set_vog(volunteer, _date(data.vog_date, {}, ""))
    volunteer.max_cases = data.max_cases
    set_active(volunteer, data.active, dt.date.today(), new=volunteer.id is None)
    volunteer.joined_on = _date(data.joined_on, {}, "")
    volunteer.left_on = _date(data.left_on, {}, "")
    volunteer.notes = data.notes.strip()
    if data.trainings is not None:  # the trainings kept as they were stay the same records (team sync sees no change)
        wanted = sorted(((t.kind, t.on) for t in data.trainings), key=lambda t: t[1])
        kept = [t for t in volunteer.trainings if (t.kind, t.on) in wanted]
        have = {(t.kind, t.on) for t in kept}
        volunteer.trainings = kept + [Training(kind=k, on=on) for k, on in wanted if (k, on) not in have]
