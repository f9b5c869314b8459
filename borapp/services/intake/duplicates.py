"""Is this family already known? Children with the same name and birth date, parents with the same name.

Names are compared without regard to case, accents or spacing ("Zoë  de Vries" is "zoe de vries"). Children are
looked up by birth date in SQL, parents through the full-text index (which ignores accents too); both are then
compared exactly, so the index only narrows the search.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select, text

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.models import Case, Child, Parent
from borapp.services.cases.status import status_label
from borapp.services.intake.answers import IntakeInput, from_dict
from borapp.services.vault.workspace import Workspace

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Duplicate:
    case_id: int
    ref: str
    status: str
    kind: str            # "child" or "parent"
    name: str            # as written in the other case
    birth_date: dt.date | None = None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    def describe(self) -> str:
        """One line in the user's language: who, and in which case."""
        if self.kind == "child":
            return _("{name}, born {date}, is a child in case {ref} ({status}).").format(
                name=self.name, date=long_date(self.birth_date), ref=self.ref, status=self.status_label)
        return _("{name} is a parent in case {ref} ({status}).").format(
            name=self.name, ref=self.ref, status=self.status_label)


def name_key(name: str) -> str:
    """A name as compared: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def find_duplicates(workspace: Workspace, data: IntakeInput | dict) -> list[Duplicate]:
    """Cases that already hold one of this intake's children or parents, by case number."""
    inp = from_dict(data)
    with workspace.session() as session:
        found = _children(session, inp) + _parents(session, inp)
    unique = {(d.case_id, d.kind, name_key(d.name)): d for d in found}
    return sorted(unique.values(), key=lambda d: (d.ref, d.kind, name_key(d.name)))


def _children(session, inp: IntakeInput) -> list[Duplicate]:
    wanted = {(name_key(c.name), c.birth_date) for c in inp.filled_children() if c.name.strip() and c.birth_date}
    if not wanted:
        return []
    dates = {born for _name, born in wanted}
    rows = session.execute(select(Child.name, Child.birth_date, Case.id, Case.ref, Case.status)
                           .join(Case, Case.id == Child.case_id).where(Child.birth_date.in_(dates)))
    return [Duplicate(case_id, ref, status, "child", name, born) for name, born, case_id, ref, status in rows
            if (name_key(name), born) in wanted]


def _parents(session, inp: IntakeInput) -> list[Duplicate]:
    found = []
    for wanted in {name_key(p.name) for p in (inp.resident, inp.other) if p.name.strip()}:
        words = _WORD.findall(wanted)
        if not words:
            continue
        query = " AND ".join(f'"{w}"' for w in words)
        case_ids = [r[0] for r in session.execute(
            text("SELECT case_id FROM case_search WHERE case_search MATCH :q"), {"q": query})]
        if not case_ids:
            continue
        rows = session.execute(select(Parent.name, Case.id, Case.ref, Case.status)
                               .join(Case, Case.id == Parent.case_id).where(Case.id.in_(case_ids)))
        found += [Duplicate(case_id, ref, status, "parent", name) for name, case_id, ref, status in rows
                  if name_key(name) == wanted]
    return found
