"""The letters of one case, as the case file's Letters tab lists them. Read-only: letters are made in the outbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from borapp.models import Evaluation, Letter
from borapp.services.cases.flow import get_case
from borapp.services.cases.labels import role_label
from borapp.services.outbox.listing import error_text, kind_label, state_label
from borapp.services.vault.workspace import Workspace


@dataclass(frozen=True)
class LetterItem:
    id: int
    kind: str
    kind_label: str
    state: str
    state_label: str
    recipient: str
    subject: str
    created_at: dt.datetime
    state_changed_at: dt.datetime
    error: str


def list_letters(workspace: Workspace, case_id: int) -> list[LetterItem]:
    """Newest first, with the words for kind and state in the user's language."""
    with workspace.session() as session:
        get_case(session, case_id)
        rows = session.scalars(select(Letter).where(Letter.case_id == case_id)
                               .order_by(Letter.created_at.desc(), Letter.id.desc()))
        return [LetterItem(letter.id, letter.kind, kind_label(letter.kind), letter.state, state_label(letter.state),
                           _recipient(letter), letter.subject, letter.created_at, letter.state_changed_at,
                           error_text(letter.error)) for letter in rows]


def _recipient(letter: Letter) -> str:
    return letter.recipient_name or letter.recipient_email or role_label(letter.parent_role)


# The moments a referrer hears of, in the order a case reaches them, and the statuses that have reached each.
_REACHED = (
    ("intake", ("intake", "contract", "matching", "visits", "evaluation", "closing", "closed")),
    ("start", ("visits", "evaluation", "closing", "closed")),
    ("evaluation", ("evaluation", "closing", "closed")),
    ("closing", ("closed",)),
)


def suggested_kind(workspace: Workspace, case_id: int) -> str:
    """The letter a new one for this case most likely is: the latest moment the case reached that no letter tells
    yet, else the latest it reached ("intake" for a case not that far). The midway evaluation counts as reached
    once it was held, whatever the status."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        made = set(session.scalars(select(Letter.kind).where(Letter.case_id == case_id)))
        midway = session.scalar(select(Evaluation.id).where(Evaluation.case_id == case_id,
                                                            Evaluation.kind == "midway").limit(1)) is not None
        reached = [kind for kind, statuses in _REACHED
                   if case.status in statuses or (kind == "evaluation" and midway)]
    if "closing" in reached and "no_response" in made:
        made.add("closing")
    untold = [kind for kind in reached if kind not in made]
    return (untold or reached or ["intake"])[-1]
