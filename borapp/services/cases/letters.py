"""The letters of one case, as the case file's Letters tab lists them. Read-only: letters are made in the outbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from borapp.models import Letter, Visit
from borapp.services.cases.evaluations import midway_held
from borapp.services.cases.flow import get_case
from borapp.services.cases.labels import role_label
from borapp.services.dashboard.letters_owed import MOMENTS, SETTLED_BY  # the moments Today says a letter is owed for
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
    made_at: dt.datetime
    state_changed_at: dt.datetime
    error: str


def list_letters(workspace: Workspace, case_id: int) -> list[LetterItem]:
    """Newest first, with the words for kind and state in the user's language."""
    with workspace.session() as session:
        get_case(session, case_id)
        rows = session.scalars(select(Letter).where(Letter.case_id == case_id)
                               .order_by(Letter.made_at.desc(), Letter.id.desc()))
        return [LetterItem(letter.id, letter.kind, kind_label(letter.kind), letter.state, state_label(letter.state),
                           _recipient(letter), letter.subject, letter.made_at, letter.state_changed_at,
                           error_text(letter.error)) for letter in rows]


def _recipient(letter: Letter) -> str:
    return letter.recipient_name or letter.recipient_email or role_label(letter.parent_role)


def suggested_kind(workspace: Workspace, case_id: int) -> str:
    """The letter a new one for this case most likely is: the latest moment the case reached that no letter tells
    yet, else the latest it reached ("intake" for a case not that far). Reached as the case's history tells: the
    intake once it stepped into intake, the start once visits started (a step into visits or a visit held), the
    midway evaluation once one was held, the closing once closed; a case stopped at intake reached no visits."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        made = set(session.scalars(select(Letter.kind).where(Letter.case_id == case_id)))
        entered = {h.to_status for h in case.history} | {case.status}
        held = session.scalar(select(Visit.id).where(Visit.case_id == case_id, Visit.state == "held").limit(1))
        reached = {"intake": bool(entered & {"intake", "contract", "matching", "visits"}),
                   "start": bool(entered & {"visits", "evaluation", "closing"}) or held is not None,
                   "evaluation": midway_held(session, case_id),
                   "closing": case.status == "closed"}
    reached_kinds = [kind for kind in MOMENTS if reached[kind]]
    untold = [kind for kind in reached_kinds if not made & set(SETTLED_BY[kind])]
    return (untold or reached_kinds or ["intake"])[-1]
