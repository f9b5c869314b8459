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


def follow_new_number(session: Session, case_id: int, old: str, new: str) -> int:
    """Put `new` for `old` in the subject and text of the case's letters still to go from this laptop (not one on
    its way out); how many changed. BOR-2026-10 is not taken for a part of BOR-2026-100."""
    number = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")
    changed = 0
    for letter in session.scalars(select(Letter).where(Letter.case_id == case_id,
                                                       Letter.state.in_(EDITABLE_STATES), Letter.received_from == "")):
        if letter.error.startswith((SENDING_MARK, EXPORT_MARK)):
            continue
        subject, body = number.sub(new, letter.subject), number.sub(new, letter.body)
        if (subject, body) != (letter.subject, letter.body):
            letter.subject, letter.body = subject, body
            changed += 1
    return changed
