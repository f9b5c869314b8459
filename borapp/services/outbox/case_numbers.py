"""Letters that have not left follow their case's new number.

A sync makes a provisional case number final (BOR-2026-P001 → BOR-2026-042), or gives a restored vault's case
another number; the subject and text of a letter were written with the number of that moment. The PDF takes the
case's number when it is made, so a letter still to go would name two numbers, the old one perhaps another
family's case at a colleague's. Letters that have left (exported, sent, or being so) are what they were."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.models import Letter
from borapp.services.outbox.listing import EDITABLE_STATES, EXPORT_MARK, SENDING_MARK


def number_pattern(old: str) -> re.Pattern:
    """`old` as a whole case number: BOR-2026-10 is not found in BOR-2026-100."""
    return re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")


def letters_to_follow(session: Session, case_id: int, old: str, new: str) -> list[tuple[Letter, str, str]]:
    """The case's letters still to go from this laptop (not one on its way out) that name `old`, each with its
    subject and text naming `new` instead."""
    number = number_pattern(old)
    found = []
    for letter in session.scalars(select(Letter).where(Letter.case_id == case_id, Letter.state.in_(EDITABLE_STATES),
                                                       Letter.received_from == "")):
        if letter.error.startswith((SENDING_MARK, EXPORT_MARK)):
            continue
        subject, body = number.sub(new, letter.subject), number.sub(new, letter.body)
        if (subject, body) != (letter.subject, letter.body):
            found.append((letter, subject, body))
    return found


def follow_new_number(session: Session, case_id: int, old: str, new: str) -> None:
    """Those letters name `new` from now on."""
    for letter, subject, body in letters_to_follow(session, case_id, old, new):
        letter.subject, letter.body = subject, body
