"""Today ("Vandaag"): what needs the coordinator, gathered in sections of plain items.

Each rule reads the records as of a given day `on`, so it can be tested with fixed dates. "Mine only" keeps the
case-bound items of the coordinator working; volunteers, the backup and drafts are everybody's business.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _, ngettext
from borapp.models import Case, Contract, ContractSignature, Evaluation, Letter, StatusChange, Visit, Volunteer
from borapp.services import drafts, settings
from borapp.services.cases.contract_terms import parse_parties, signer_roles
from borapp.services.cases.status import STATUSES
from borapp.services.intake import answers
from borapp.services.privacy import retention
from borapp.services.vault import backups
from borapp.services.volunteers.profiles import vog_state

WAITING_STATUSES = ("registered", "waiting", "intake")
TRAJECTORY_STATUSES = ("visits", "evaluation", "closing")
OPEN_STATUSES = tuple(s for s in STATUSES if s != "closed")  # an IN list the status index can serve, unlike !=
TRAJECTORY_MONTHS = 6
OUTBOX_STATES = ("draft", "ready")
SIGNERS = ("resident", "other", "coordinator", "volunteer")

SECTION_TITLES = {
    "waiting": N_("Waiting too long for contact"),
    "long_trajectories": N_("Trajectories longer than 6 months"),
    "evaluations_due": N_("Midway evaluation due"),
    "visits_this_week": N_("Visits this week"),
    "contracts_unsigned": N_("Contracts not yet signed by everyone"),
    "outbox": N_("Letters waiting in the outbox"),
    "vog": N_("VOG missing or due for renewal"),
    "drafts": N_("Unsaved edits to resume"),
}
SIGNER_LABELS = {
    "resident": N_("resident parent"), "other": N_("non-resident parent"),
    "coordinator": N_("coordinator"), "volunteer": N_("volunteer"),
}
LETTER_KIND_LABELS = {
    "intake": N_("Referral received / intake"), "start": N_("Visits started"), "evaluation": N_("Midway evaluation"),
    "closing": N_("Closing report"), "no_response": N_("Parents did not respond"), "schedule": N_("Visit schedule"),
}
LETTER_STATE_LABELS = {"draft": N_("Draft"), "ready": N_("Ready")}


@dataclass(frozen=True)
class DashboardItem:
    kind: str                 # the section key
    title: str                # case number or volunteer name
    text: str                 # what needs doing, in the user's language
    date: dt.date | None = None
    case_id: int | None = None
    volunteer_id: int | None = None  # 0 means "a new volunteer" (an unsaved draft)
    status: str = ""          # the case status, for a status chip; "" when no case
    draft_key: str = ""       # a kept draft to resume ("intake/<uuid>"), for drafts not tied to a record


@dataclass(frozen=True)
class DashboardSection:
    key: str
    title: str
    items: tuple[DashboardItem, ...]

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Dashboard:
    on: dt.date
    sections: tuple[DashboardSection, ...]
    backup_warning: str       # "" when backups are fine
    privacy_reminder: str = ""  # once a year while closed cases are past their retention period
    conflicts_notice: str = ""  # team sync: changes that clashed with a colleague's, waiting for a person

    def section(self, key: str) -> DashboardSection:
        return next(s for s in self.sections if s.key == key)


def today(workspace, on: dt.date | None = None, mine_only: bool = False) -> Dashboard:
    on = on or dt.date.today()
    mine = workspace.coordinator_id if mine_only else None
    with workspace.session() as session:
        found = {
            "waiting": waiting_too_long(session, on, mine),
            "long_trajectories": long_trajectories(session, on, mine),
            "evaluations_due": evaluations_due(session, mine),
            "visits_this_week": visits_this_week(session, on, mine),
            "contracts_unsigned": contracts_unsigned(session, mine),
            "outbox": letters_waiting(session, mine),
            "vog": vog_due(session, on),
        }
    found["drafts"] = resumable_drafts(workspace)
    now = dt.datetime.combine(on, dt.datetime.now().time())
    warning = backups.status(workspace, now).warning
    sections = tuple(DashboardSection(key, _(SECTION_TITLES[key]), tuple(items)) for key, items in found.items())
    return Dashboard(on, sections, warning, privacy_reminder(workspace, on), conflicts_notice(workspace))


def conflicts_notice(workspace) -> str:
    """As the last sync found them (the server keeps the list; Settings → Team shows it)."""
    count = settings.read_int(workspace, "sync.open_conflicts")
    if not count:
        return ""
    return ngettext("{n} change clashed with a colleague's and waits for you to choose: Settings, Team, Conflicts.",
                    "{n} changes clashed with a colleague's and wait for you to choose: Settings, Team, Conflicts.",
                    count).format(n=count)


def privacy_reminder(workspace, on: dt.date) -> str:
    due = retention.review_due(workspace, on)
    if not due:
        return ""
    return ngettext("{n} closed case has passed its retention period: see Settings, Privacy.",
                    "{n} closed cases have passed their retention period: see Settings, Privacy.", due).format(n=due)


# ---- the rules -------------------------------------------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 August + 6 months = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def week_of(on: dt.date) -> tuple[dt.date, dt.date]:
    monday = on - dt.timedelta(days=on.weekday())
    return monday, monday + dt.timedelta(days=6)


def _cases(mine: int | None):
    """The few columns an item needs, as plain rows: thousands of open cases are not built into ORM objects."""
    query = select(Case.id, Case.ref, Case.status, Case.registered_on)
    return query.where(Case.coordinator_id == mine) if mine is not None else query


def _case_item(kind: str, case, text: str, date: dt.date | None) -> DashboardItem:
    """`case`: anything with the case's id, ref and status (a row of the few columns asked for)."""
    return DashboardItem(kind, case.ref, text, date, case_id=case.id, status=case.status)


def waiting_too_long(session: Session, on: dt.date, mine: int | None) -> list[DashboardItem]:
    """Registered more than `waiting_alert_weeks` (4) weeks ago and still before visits: contact within a month."""
    weeks = settings.get_int(session, "waiting_alert_weeks")
    limit = on - dt.timedelta(weeks=weeks)
    query = (_cases(mine).where(Case.status.in_(WAITING_STATUSES), Case.registered_on < limit)
             .order_by(Case.registered_on, Case.ref))
    items = []
    for case in session.execute(query):
        days = (on - case.registered_on).days
        text = ngettext("Registered {n} day ago", "Registered {n} days ago", days).format(n=days)
        items.append(_case_item("waiting", case, text, case.registered_on))
    return items


def visits_started(session: Session, statuses: tuple[str, ...] | None = None) -> dict[int, dt.date]:
    """When each case first went into visits (its status history), else its first visit; only for cases in
    `statuses` when given (the dashboard asks for open trajectories only, not for every case ever)."""
    steps = select(StatusChange.case_id, func.min(StatusChange.on)).where(StatusChange.to_status == "visits")
    first_visits = select(Visit.case_id, func.min(Visit.on))
    if statuses is not None:
        steps = steps.join(Case, Case.id == StatusChange.case_id).where(Case.status.in_(statuses))
        first_visits = first_visits.join(Case, Case.id == Visit.case_id).where(Case.status.in_(statuses))
    started = dict(session.execute(steps.group_by(StatusChange.case_id)).all())
    for case_id, first in session.execute(first_visits.group_by(Visit.case_id)):
        started.setdefault(case_id, first)
    return started


def long_trajectories(session: Session, on: dt.date, mine: int | None) -> list[DashboardItem]:
    """In visits, evaluation or closing more than six months after visits started."""
    started = visits_started(session, TRAJECTORY_STATUSES)
    items = []
    for case in session.execute(_cases(mine).where(Case.status.in_(TRAJECTORY_STATUSES)).order_by(Case.ref)):
        start = started.get(case.id)
        if start is None or on <= add_months(start, TRAJECTORY_MONTHS):
            continue
        months = _full_months(start, on)
        text = ngettext("Visits started {n} month ago", "Visits started {n} months ago", months).format(n=months)
        items.append(_case_item("long_trajectories", case, text, start))
    return sorted(items, key=lambda i: i.date)


def _full_months(start: dt.date, on: dt.date) -> int:
    months = (on.year - start.year) * 12 + on.month - start.month
    return months - 1 if add_months(start, months) > on else months


def evaluations_due(session: Session, mine: int | None) -> list[DashboardItem]:
    """In visits, at least half of the scheduled (planned or held) visits held, and no midway evaluation yet."""
    in_visits = select(Case.id).where(Case.status == "visits")  # counted for these cases only, not every case ever
    counts = select(Visit.case_id, Visit.state, func.count()).where(
        Visit.state != "cancelled", Visit.case_id.in_(in_visits)).group_by(Visit.case_id, Visit.state)
    held: dict[int, int] = {}
    scheduled: dict[int, int] = {}
    for case_id, state, n in session.execute(counts):
        scheduled[case_id] = scheduled.get(case_id, 0) + n
        if state == "held":
            held[case_id] = n
    evaluated = set(session.scalars(select(Evaluation.case_id).where(Evaluation.kind == "midway",
                                                                     Evaluation.case_id.in_(in_visits))))
    items = []
    for case in session.execute(_cases(mine).where(Case.status == "visits").order_by(Case.ref)):
        done, total = held.get(case.id, 0), scheduled.get(case.id, 0)
        if case.id in evaluated or done == 0 or done * 2 < total:
            continue
        text = _("{held} of {total} visits held; no midway evaluation yet").format(held=done, total=total)
        items.append(_case_item("evaluations_due", case, text, None))
    return items


def visits_this_week(session: Session, on: dt.date, mine: int | None) -> list[DashboardItem]:
    monday, sunday = week_of(on)
    query = (select(Visit.on, Visit.start_time, Case.id, Case.ref, Case.status, Volunteer.name)
             .join(Case, Case.id == Visit.case_id)
             .outerjoin(Volunteer, Volunteer.id == func.coalesce(Visit.volunteer_id, Case.volunteer_id))
             .where(Visit.state == "planned", Visit.on >= monday, Visit.on <= sunday)
             .order_by(Visit.on, Visit.start_time, Case.ref))
    if mine is not None:
        query = query.where(Case.coordinator_id == mine)
    items = []
    for visit in session.execute(query):
        parts = [f"{visit.start_time:%H:%M}"] if visit.start_time else []
        parts.append(_("with {name}").format(name=visit.name) if visit.name else _("no volunteer yet"))
        items.append(_case_item("visits_this_week", visit, " · ".join(parts), visit.on))
    return items


def contracts_unsigned(session: Session, mine: int | None) -> list[DashboardItem]:
    """The latest contract version of an open case lacks the signature of a party it names (the volunteer's only in a
    version that names one). Read as plain rows in two queries (the versions, then their signers' roles), not as
    contract, case and signature objects: an open case each."""
    open_cases = select(Case.id).where(Case.status.in_(OPEN_STATUSES))  # not every contract ever made
    latest = (select(Contract.case_id, func.max(Contract.version).label("version"))
              .where(Contract.case_id.in_(open_cases)).group_by(Contract.case_id).subquery())
    query = (select(Contract.id.label("contract_id"), Contract.version, Contract.agreements, Contract.created_at,
                    Case.id, Case.ref, Case.status, Case.volunteer_id)
             .join(latest, (latest.c.case_id == Contract.case_id) & (latest.c.version == Contract.version))
             .join(Case, Case.id == Contract.case_id).order_by(Case.ref, Contract.id))
    if mine is not None:
        query = query.where(Case.coordinator_id == mine)
    rows = session.execute(query).all()
    signed: dict[int, set[str]] = {}
    for contract_id, role in session.execute(
            select(ContractSignature.contract_id, ContractSignature.role)
            .join(Contract, Contract.id == ContractSignature.contract_id)
            .join(latest, (latest.c.case_id == Contract.case_id) & (latest.c.version == Contract.version))):
        signed.setdefault(contract_id, set()).add(role)
    items, seen = [], set()
    for row in rows:
        if row.id in seen:
            continue
        seen.add(row.id)
        parties = parse_parties(row.agreements)
        needed = (signer_roles(parties) if any(parties.values())  # every party this version names
                  else [r for r in SIGNERS if r != "volunteer" or row.volunteer_id is not None])
        done = signed.get(row.contract_id, set())
        missing = [_(SIGNER_LABELS[r]) for r in needed if r not in done]
        if missing:
            text = _("Version {version}: not yet signed by {who}").format(
                version=row.version, who=", ".join(missing))
            items.append(_case_item("contracts_unsigned", row, text, row.created_at.date()))
    return items


def letters_waiting(session: Session, mine: int | None) -> list[DashboardItem]:
    query = (select(Letter.kind, Letter.state, Letter.state_changed_at, Case.id, Case.ref, Case.status)
             .join(Case, Case.id == Letter.case_id)
             .where(Letter.state.in_(OUTBOX_STATES)).order_by(Letter.state_changed_at, Letter.id))
    if mine is not None:
        query = query.where(Case.coordinator_id == mine)
    items = []
    for letter in session.execute(query):
        text = "{kind} ({state})".format(kind=_(LETTER_KIND_LABELS.get(letter.kind, letter.kind)),
                                         state=_(LETTER_STATE_LABELS[letter.state]).lower())
        items.append(_case_item("outbox", letter, text, letter.state_changed_at.date()))
    return items


def vog_due(session: Session, on: dt.date) -> list[DashboardItem]:
    """Active volunteers without a VOG date or with one older than `vog_renewal_years`."""
    years = settings.get_int(session, "vog_renewal_years")
    query = (select(Volunteer.id, Volunteer.name, Volunteer.vog_date).where(Volunteer.active.is_(True))
             .order_by(Volunteer.vog_date.is_not(None), Volunteer.vog_date, Volunteer.name))
    items = []
    for volunteer in session.execute(query):
        state = vog_state(volunteer.vog_date, years, on)
        if state == "missing":
            text = _("No VOG date recorded")
        elif state == "overdue":
            text = ngettext("VOG of {date} is older than {n} year", "VOG of {date} is older than {n} years",
                            years).format(date=long_date(volunteer.vog_date), n=years)
        else:
            continue
        items.append(DashboardItem("vog", volunteer.name, text, volunteer.vog_date, volunteer_id=volunteer.id))
    return items


def resumable_drafts(workspace) -> list[DashboardItem]:
    """Unsaved edits the screens kept as drafts ("ui/volunteer/12", "ui/case/5/family"), named where known."""
    found = drafts.list_drafts(workspace, drafts.UI_PREFIX)
    if not found:
        return []
    with workspace.session() as session:
        return [_draft_item(session, d.key[len(drafts.UI_PREFIX):], d.payload) for d in found]


def _draft_item(session: Session, key: str, payload: dict | None = None) -> DashboardItem:
    parts = key.split("/")
    text = _("Unsaved changes")
    if key.startswith(answers.DRAFT_KEY_PREFIX):
        title, text = answers.describe_draft(payload)
        return DashboardItem("drafts", title, text, draft_key=key)
    if parts[0] == "volunteer" and len(parts) > 1:
        if parts[1] == "new":
            return DashboardItem("drafts", _("New volunteer"), text, volunteer_id=0)
        volunteer = session.get(Volunteer, int(parts[1])) if parts[1].isdigit() else None
        if volunteer is not None:
            return DashboardItem("drafts", volunteer.name, text, volunteer_id=volunteer.id)
    if parts[0] == "case" and len(parts) > 1 and parts[1].isdigit():
        case = session.get(Case, int(parts[1]))
        if case is not None:
            return _case_item("drafts", case, text, None)
    return DashboardItem("drafts", _("Unsaved form"), text)
