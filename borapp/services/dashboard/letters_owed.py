"""Today's letters owed to the referrer: a moment that matters passed and no letter about it was made.

DOMAIN.md names the moments a referrer wants to hear of: the referral received and the intake, the visits started,
the midway evaluation and the closing. A moment counts from its date (the first step into intake, the start of the
visits, the first midway evaluation, the closing) for `OWED_WEEKS` weeks: long enough to notice, short enough that
cases imported from before the app, or closed years ago, do not fill the card. A letter of the kind in any state
(a draft too) settles it; "parents did not respond" settles the closing report too. Open cases owe the first three,
closed ones only the closing report, which tells the whole story.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, func, literal, select, union_all
from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Case, Evaluation, Letter
from borapp.services.dashboard.board import DashboardItem, Found
from borapp.services.dashboard.case_rules import first_step_into, mine_only, visits_started
from borapp.services.dashboard.paging import first_rows
from borapp.services.outbox.listing import kind_label

OWED_WEEKS = 8
MOMENTS = ("intake", "start", "evaluation", "closing")  # in the order a case reaches them
SETTLED_BY = {"intake": ("intake",), "start": ("start",), "evaluation": ("evaluation",),
              "closing": ("closing", "no_response")}
OPEN_AFTER_INTAKE = ("intake", "contract", "matching", "visits", "evaluation", "closing")
IN_VISITS = ("visits", "evaluation", "closing")


def _midway_held():
    return (select(func.min(Evaluation.held_on))
            .where(Evaluation.case_id == Case.id, Evaluation.kind == "midway").scalar_subquery())


def _no_letter(kind: str):
    """No letter (in any state) settles the moment `kind` of the case, as a correlated SQL condition."""
    return ~select(Letter.id).where(Letter.case_id == Case.id, Letter.kind.in_(SETTLED_BY[kind])).exists()


def _moment(kind: str, when, statuses: tuple[str, ...], since: dt.date, on: dt.date, mine: int | None) -> Select:
    """The cases in `statuses` whose moment `kind` fell between `since` and `on` and has no letter yet."""
    cases = mine_only(select(Case.id, Case.ref, Case.status, literal(kind).label("kind"), when.label("moment"))
                      .where(Case.status.in_(statuses), _no_letter(kind)), mine).subquery()
    return select(cases).where(cases.c.moment >= since, cases.c.moment <= on)


def letters_owed(session: Session, on: dt.date, mine: int | None, limit: int | None) -> Found:
    """One item per case owing letters, the longest owed first; its `letter_kind` is the first letter owed."""
    since = on - dt.timedelta(weeks=OWED_WEEKS)
    closing = (mine_only(select(Case.id, Case.ref, Case.status, literal("closing").label("kind"),
                                Case.closed_on.label("moment"))
                         .where(Case.status == "closed", Case.closed_on >= since, Case.closed_on <= on,
                                _no_letter("closing")), mine))
    moments = union_all(
        _moment("intake", first_step_into("intake"), OPEN_AFTER_INTAKE, since, on, mine),
        _moment("start", visits_started(), IN_VISITS, since, on, mine),
        _moment("evaluation", _midway_held(), IN_VISITS, since, on, mine),
        closing,
    ).subquery()
    per_case = (select(moments.c.id, moments.c.ref, moments.c.status, func.min(moments.c.moment).label("since"),
                       func.group_concat(moments.c.kind).label("kinds"))
                .group_by(moments.c.id, moments.c.ref, moments.c.status)
                .order_by(func.min(moments.c.moment), moments.c.ref))
    total, rows = first_rows(session, per_case, limit)
    items = []
    for case in rows:
        kinds = [kind for kind in MOMENTS if kind in case.kinds.split(",")]
        text = _("No letter yet: {letters}").format(letters=", ".join(kind_label(kind) for kind in kinds))
        items.append(DashboardItem("letters_owed", case.ref, text, case.since, case_id=case.id, status=case.status,
                                   letter_kind=kinds[0]))
    return Found(total, items)
