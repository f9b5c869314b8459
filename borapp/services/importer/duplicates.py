"""Possible duplicates among the people of the imported cases: listed for the coordinator, never merged or skipped."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.formatting import short_date
from borapp.i18n import _
from borapp.models import Case, Child, Parent
from borapp.services.importer.report import ImportReport
from borapp.services.importer.text import name_key


def list_possible_duplicates(session: Session, imported_refs: set[str], report: ImportReport) -> None:
    session.flush()
    children: dict[tuple, dict[str, str]] = defaultdict(dict)
    for name, born, ref in session.execute(select(Child.name, Child.birth_date, Case.ref).join(Case)):
        if born is not None:
            children[(name_key(name), born)].setdefault(ref, name)
    for (_key, born), cases in children.items():
        if len(cases) > 1 and imported_refs & set(cases):
            report.duplicate(_("A child {name} born {date} is in cases {refs}: the same child?").format(
                name=next(iter(cases.values())), date=short_date(born), refs=", ".join(sorted(cases))))
    parents: dict[str, dict[str, str]] = defaultdict(dict)
    for name, ref in session.execute(select(Parent.name, Case.ref).join(Case)):
        parents[name_key(name)].setdefault(ref, name)
    for cases in parents.values():
        if len(cases) > 1 and imported_refs & set(cases):
            report.duplicate(_("A parent {name} is in cases {refs}: the same person?").format(
                name=next(iter(cases.values())), refs=", ".join(sorted(cases))))
