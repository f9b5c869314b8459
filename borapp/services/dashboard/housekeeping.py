"""Today's housekeeping: letters waiting in the outbox, VOGs missing or overdue, unsaved edits to resume, and the
privacy and sync notices above the sections."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _, ngettext
from borapp.models import Case, Letter, Volunteer
from borapp.services import drafts, settings
from borapp.services.cases.labels import LETTER_KIND_LABELS
from borapp.services.dashboard.board import DashboardItem, Found
from borapp.services.dashboard.case_rules import case_item
from borapp.services.dashboard.dates import cutoff
from borapp.services.dashboard.paging import first_rows, ranked, read
from borapp.services.intake import answers
from borapp.services.privacy import retention
from borapp.services.volunteers.profiles import VOG_SOON_DAYS, vog_renew_on

OUTBOX_STATES = ("draft", "ready")
LETTER_STATE_LABELS = {"draft": N_("Draft"), "ready": N_("Ready")}


def letters_waiting(session: Session, mine: int | None, limit: int | None) -> Found:
    """Draft and ready letters, the longest waiting first: ranked from the (state, id, state_changed_at) index; a
    letter's row (its body, its PDF) is read for the shown ones only."""
    query = (select(Letter.id, Letter.state_changed_at).where(Letter.state.in_(OUTBOX_STATES))
             .order_by(Letter.state_changed_at, Letter.id))
    if mine is not None:
        query = query.join(Case, Case.id == Letter.case_id).where(Case.coordinator_id == mine)
    page = ranked(query, limit)
    details = (select(page.c.total_rows, Letter.id.label("letter_id"), Letter.kind, Letter.state,
                      Letter.state_changed_at, Case.id, Case.ref, Case.status)
               .join(Letter, Letter.id == page.c.id).join(Case, Case.id == Letter.case_id)
               .order_by(page.c.state_changed_at, page.c.id))
    total, rows = read(session, details, limit)
    items = []
    for letter in rows:
        text = "{kind} ({state})".format(kind=_(LETTER_KIND_LABELS.get(letter.kind, letter.kind)),
                                         state=_(LETTER_STATE_LABELS[letter.state]).lower())
        item = case_item("outbox", letter, text, letter.state_changed_at.date())
        items.append(dataclasses.replace(item, letter_id=letter.letter_id))
    return Found(total, items)


def vog_due(session: Session, on: dt.date, limit: int | None) -> Found:
    """Active volunteers without a VOG date, with one older than `vog_renewal_years`, or with one to renew within
    `VOG_SOON_DAYS` (`profiles.vog_state`: overdue once `on` is past the date plus the years, 29 February renewing on
    28 February; a new VOG takes weeks to come, so the card says it ahead), missing ones first."""
    years = settings.get_int(session, "vog_renewal_years")
    soon = on + dt.timedelta(days=VOG_SOON_DAYS + 1)  # renewing on or before `on` + VOG_SOON_DAYS
    due_before = cutoff(soon, lambda day: vog_renew_on(day, years), vog_renew_on(soon, -years))
    query = (select(Volunteer.id, Volunteer.name, Volunteer.vog_date)
             .where(Volunteer.active.is_(True),
                    or_(Volunteer.vog_date.is_(None), Volunteer.vog_date < due_before))
             .order_by(Volunteer.vog_date.is_not(None), Volunteer.vog_date, Volunteer.name))
    total, rows = first_rows(session, query, limit)
    items = []
    for volunteer in rows:
        renew = vog_renew_on(volunteer.vog_date, years)
        if volunteer.vog_date is None:
            text = _("No VOG date recorded")
        elif on > renew:
            text = ngettext("VOG of {date} is older than {n} year", "VOG of {date} is older than {n} years",
                            years).format(date=long_date(volunteer.vog_date), n=years)
        else:
            text = _("VOG of {date}: to renew by {renew}").format(date=long_date(volunteer.vog_date),
                                                                 renew=long_date(renew))
        items.append(DashboardItem("vog", volunteer.name, text, volunteer.vog_date, volunteer_id=volunteer.id))
    return Found(total, items)


def resumable_drafts(workspace, limit: int | None) -> Found:
    """Unsaved edits the screens kept as drafts ("ui/volunteer/12", "ui/case/5/family"), named where known (a few:
    one per form left with typing)."""
    found = drafts.list_drafts(workspace, drafts.UI_PREFIX)
    if not found:
        return Found(0, [])
    with workspace.reading() as session:
        items = [_draft_item(session, d.key[len(drafts.UI_PREFIX):], d.payload) for d in found[:limit]]
    return Found(len(found), items)


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
            return case_item("drafts", case, text, None)
    title = drafts.draft_title(payload)  # a dialog or a settings tab names itself when kept
    if parts[0] == "settings" and title:
        return DashboardItem("drafts", title, text, draft_key=key)
    return DashboardItem("drafts", title or _("Unsaved form"), text)


def conflicts_notice(workspace) -> str:
    """As the last sync found them (the server keeps the list; Settings → Team shows it)."""
    count = settings.read_int(workspace, "sync.open_conflicts")
    if not count:
        return ""
    return ngettext("{n} change clashed with a colleague's and waits for you to choose: Settings, Team, Conflicts.",
                    "{n} changes clashed with a colleague's and wait for you to choose: Settings, Team, Conflicts.",
                    count).format(n=count)


def sync_news(workspace, on: dt.date) -> str:
    """Numbers made final, typing kept as an addendum or a new draft: what the last week's syncs changed here."""
    from borapp.services.sync import news

    found = news.recent(workspace, on)
    return "\n".join([_("Team sync:")] + found) if found else ""


def privacy_reminder(workspace, on: dt.date) -> str:
    due = retention.review_due(workspace, on)
    if not due:
        return ""
    return ngettext("{n} closed case has passed its retention period: see Settings, Privacy.",
                    "{n} closed cases have passed their retention period: see Settings, Privacy.", due).format(n=due)
