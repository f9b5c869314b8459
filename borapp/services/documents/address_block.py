"""The address block of a letter: the lines under the recipient's name.

A letter to the referrer is addressed to the referring organisation at its postal address ("Wijkteam Alkmaar" /
"Postbus 53" / "1800 BC Alkmaar"), a closing report to the commissioning party at that organisation's; a schedule
letter to the parent at the parent's address, a confidential one only on the letter to that parent herself (the
facts hold it only then). A letter may have a block of its own, typed in the outbox's editor: then that is printed,
line by line as typed, with any other confidential address taken out.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from borapp.i18n import in_language
from borapp.services.documents.addressee import COMMISSIONER, REFERRER
from borapp.services.documents.common import document_language
from borapp.services.documents.facts import CaseFacts, load_facts
from borapp.services.organisations.addresses import address_lines, block_lines


def default_lines(facts: CaseFacts, kind: str, parent_role: str = "", addressee: str = REFERRER) -> tuple[str, ...]:
    """The block a letter of `kind` to `addressee` gets when it has none of its own (may be short when little is
    known)."""
    if kind == "schedule":
        parent = facts.parent(parent_role)
        return parent.address_lines if parent is not None else ()
    if addressee == COMMISSIONER:
        return tuple(line for line in (facts.commissioner_name, *address_lines(facts.commissioner_address)) if line)
    return tuple(line for line in (facts.referrer_name, *address_lines(facts.referrer_address)) if line)


def own_lines(facts: CaseFacts, typed: str | None) -> tuple[str, ...]:
    """A letter's own block as printed: line by line, a confidential address taken out."""
    return block_lines(facts.redact(typed or ""))


def default_text(session: Session, case_id: int, kind: str, parent_role: str = "", lang: str | None = None,
                 addressee: str = REFERRER) -> str:
    """The default block as text, one line each (what the letter editor offers to change)."""
    with in_language(document_language(session, lang)):
        facts = load_facts(session, case_id, keep_role=parent_role)
        return "\n".join(default_lines(facts, kind, parent_role, addressee))
