"""The outbox as a list: every letter with its case, kind, recipient and state (making and sending come later)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from borapp.i18n import N_, _
from borapp.models import Case, Letter

LETTER_KIND_LABELS = {
    "intake": N_("Referral received / intake"), "start": N_("Visits started"), "evaluation": N_("Midway evaluation"),
    "closing": N_("Closing report"), "no_response": N_("Parents did not respond"), "schedule": N_("Visit schedule"),
}
LETTER_STATE_LABELS = {
    "draft": N_("Draft"), "ready": N_("Ready"), "exported": N_("Exported"), "sent": N_("Sent"), "failed": N_("Failed"),
}
WAITING_STATES = ("draft", "ready", "failed")


def kind_label(kind: str) -> str:
    return _(LETTER_KIND_LABELS.get(kind, kind))


def state_label(state: str) -> str:
    return _(LETTER_STATE_LABELS.get(state, state))


@dataclass(frozen=True)
class OutboxRow:
    letter_id: int
    case_id: int
    case_ref: str
    kind: str
    recipient: str
    state: str
    changed_at: dt.datetime
    error: str


def list_outbox(ws, states: tuple[str, ...] = WAITING_STATES) -> list[OutboxRow]:
    with ws.session() as session:
        query = (select(Letter, Case.ref).join(Case, Case.id == Letter.case_id)
                 .where(Letter.state.in_(states)).order_by(Letter.state_changed_at.desc()))
        return [OutboxRow(letter.id, letter.case_id, ref, letter.kind,
                          letter.recipient_name or letter.recipient_email, letter.state, letter.state_changed_at,
                          letter.error) for letter, ref in session.execute(query)]
