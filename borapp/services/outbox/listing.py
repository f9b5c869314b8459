"""The outbox as a list: every letter with its case, kind, recipient and state, and the words for them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from borapp.formatting import local_time, long_date
from borapp.i18n import N_, _
from borapp.models import Case, Letter
from borapp.models.documents import LETTER_KINDS
from borapp.services.cases.labels import LETTER_KIND_LABELS

LETTER_STATE_LABELS = {
    "draft": N_("Draft"), "ready": N_("Ready"), "exported": N_("Exported"), "sent": N_("Sent"), "failed": N_("Failed"),
}
WAITING_STATES = ("draft", "ready", "failed")
KINDS = LETTER_KINDS  # for the faces (the UI may not import models)
EDITABLE_STATES = ("draft", "ready", "failed")
# While a letter is handed to the mail server its `error` holds this mark and the UTC time (see sending).
SENDING_MARK = "bor:sending:"
# While a letter's files are being exported its `error` holds this mark and where its .eml goes (see letters).
EXPORT_MARK = "bor:exporting:"


def kind_label(kind: str) -> str:
    return _(LETTER_KIND_LABELS.get(kind, kind))


def kind_slug(kind: str) -> str:
    """The letter kind in the current language as a file name takes it ("omgangsschema", "begeleide-omgang-gestart")."""
    words = unicodedata.normalize("NFKD", kind_label(kind)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") or kind


def state_label(state: str) -> str:
    return _(LETTER_STATE_LABELS.get(state, state))


def error_text(error: str) -> str:
    """The note kept with a letter, as the user reads it (the sending mark becomes words)."""
    if error.startswith(SENDING_MARK):
        return _("Being sent (if this stays, sending was interrupted: the next send checks it).")
    if error.startswith(EXPORT_MARK):
        return _("Being exported (if this stays, the export was interrupted: the next export finishes it).")
    return error


@dataclass(frozen=True)
class LetterRow:
    id: int
    case_id: int
    case_ref: str
    kind: str
    parent_role: str
    language: str
    recipient_name: str
    recipient_email: str
    subject: str
    state: str
    error: str  # already in words (error_text)
    attempts: int
    made_at: dt.datetime
    state_changed_at: dt.datetime
    raw_error: str = ""  # as stored: the sending and exporting marks are read by the outbox itself
    received_from: str = ""  # made on this colleague's laptop, which sends it ("" = made here: this laptop sends it)

    @property
    def goes_from_here(self) -> bool:
        return not self.received_from

    @property
    def recipient(self) -> str:
        return self.recipient_name or self.recipient_email

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def to_dict(self) -> dict:
        return {"id": self.id, "case": self.case_ref, "kind": self.kind, "recipient": self.recipient,
                "email": self.recipient_email, "subject": self.subject, "state": self.state, "error": self.error,
                "attempts": self.attempts}


def _row(letter: Letter, ref: str) -> LetterRow:
    return LetterRow(letter.id, letter.case_id, ref, letter.kind, letter.parent_role, letter.language,
                     letter.recipient_name, letter.recipient_email, letter.subject, letter.state,
                     error_text(letter.error), letter.attempts, letter.made_at, letter.state_changed_at,
                     letter.error, letter.received_from)


def list_letters(workspace, states: tuple[str, ...] | list[str] | None = None) -> list[LetterRow]:
    """Letters in `states` (all when None), the most recently changed first."""
    query = select(Letter, Case.ref).join(Case, Case.id == Letter.case_id)
    if states is not None:
        query = query.where(Letter.state.in_(tuple(states)))
    query = query.order_by(Letter.state_changed_at.desc(), Letter.id.desc())
    with workspace.reading() as session:
        return [_row(letter, ref) for letter, ref in session.execute(query)]


@dataclass(frozen=True)
class LetterText:
    """What the editor shows: the letter's words and to whom, and whether they may still change."""

    id: int
    case_ref: str
    kind: str
    state: str
    subject: str
    body: str
    recipient_name: str
    recipient_email: str
    recipient_address: str = ""  # the block under the name, one line each ("": the case's, see outbox.letters)
    case_id: int = 0
    parent_role: str = ""
    language: str = ""
    addressee: str = ""  # "" the referrer (a schedule: its parent), "commissioner" the commissioning party

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES


def get_letter_text(workspace, letter_id: int) -> LetterText | None:
    with workspace.reading() as session:
        found = session.execute(select(Letter, Case.ref).join(Case, Case.id == Letter.case_id)
                                .where(Letter.id == letter_id)).first()
        if found is None:
            return None
        letter, ref = found
        return LetterText(letter.id, ref, letter.kind, letter.state, letter.subject, letter.body,
                          letter.recipient_name, letter.recipient_email, letter.recipient_address, letter.case_id,
                          letter.parent_role, letter.language, letter.addressee)


def get_letter_row(workspace, letter_id: int) -> LetterRow | None:
    with workspace.reading() as session:
        found = session.execute(select(Letter, Case.ref).join(Case, Case.id == Letter.case_id)
                                .where(Letter.id == letter_id)).first()
        return _row(*found) if found else None



def earlier_letters_line(workspace, case_id: int, kind: str, parent_role: str = "", addressee: str = "") -> str:
    """Which letters of this kind the case has already (to the same parent, for a schedule; to the same
    organisation, for a closing report), in words: a second midway letter was made and set ready without a word of
    the one sent weeks before."""
    with workspace.session() as session:
        found = list(session.execute(select(Letter.state, Letter.state_changed_at).where(
            Letter.case_id == case_id, Letter.kind == kind, Letter.parent_role == (parent_role or ""),
            Letter.addressee == (addressee or "")).order_by(Letter.state_changed_at)))
    if not found:
        return ""
    each = "; ".join(_("{state} on {date}").format(state=state_label(state).lower(),
                                                     date=long_date(local_time(at).date())) for state, at in found)
    return _("This case has a letter of this kind already: {letters}.").format(letters=each)
