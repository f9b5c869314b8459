"""Full-text search over cases (FTS5): case number, parents' and children's names, referrer, the case's notes, and
what visits and evaluations record (what happened, how the child was, agreements, notes), as the search box says."""

from __future__ import annotations

import re

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from borapp.models import Case, Child, Evaluation, Organisation, Parent, Visit, VisitAddendum

_WORD = re.compile(r"\w+", re.UNICODE)


VISIT_TEXTS = ("place", "cancel_reason", "handover", "what_happened", "child_wellbeing", "child_voice", "incidents",
               "ended_early_reason", "brought_by", "collected_by", "others_present")
EVALUATION_TEXTS = ("participants", "agreements", "notes")


def _body(session: Session, case: Case) -> str:
    parts = [case.ref, case.referrer_contact, case.notes]
    parts += [p.name for p in case.parents] + [c.name for c in case.children]
    if case.referrer:
        parts.append(case.referrer.name)
    for visit in session.scalars(select(Visit).where(Visit.case_id == case.id)):
        parts += [getattr(visit, name) for name in VISIT_TEXTS]
    parts += session.scalars(select(VisitAddendum.text).join(Visit).where(Visit.case_id == case.id))
    for evaluation in session.scalars(select(Evaluation).where(Evaluation.case_id == case.id)):
        parts += [getattr(evaluation, name) for name in EVALUATION_TEXTS]
    return " ".join(p for p in parts if p)


def reindex_case(session: Session, case: Case) -> None:
    session.flush()
    remove_case(session, case.id)
    session.execute(text("INSERT INTO case_search(rowid, case_id, body) VALUES (:id, :id, :body)"),
                    {"id": case.id, "body": _body(session, case)})


def reindex_case_id(session: Session, case_id: int) -> None:
    """After a visit or an evaluation changed: the case's words again."""
    case = session.get(Case, case_id)
    if case is not None:
        reindex_case(session, case)


def reindex_many(session: Session, case_ids: list[int]) -> None:
    """The words of many cases at once (what pulled changes touched), in a few queries per 500 cases instead of a
    dozen per case: the same words as reindex_case, in the same order."""
    session.flush()
    for start in range(0, len(case_ids), 500):
        ids = sorted(case_ids[start:start + 500])
        parts: dict[int, list] = {}
        for case_id, ref, contact, notes in session.execute(
                select(Case.id, Case.ref, Case.referrer_contact, Case.notes).where(Case.id.in_(ids))):
            parts[case_id] = [ref, contact, notes]
        people: dict[int, tuple[list, list]] = {i: ([], []) for i in parts}
        for case_id, name in session.execute(select(Parent.case_id, Parent.name).where(Parent.case_id.in_(ids))
                                             .order_by(Parent.case_id, Parent.role.desc(), Parent.id)):
            people[case_id][0].append(name)
        for case_id, name in session.execute(select(Child.case_id, Child.name).where(Child.case_id.in_(ids))
                                             .order_by(Child.case_id, Child.birth_date, Child.id)):
            people[case_id][1].append(name)
        for case_id, (parents, children) in people.items():
            parts[case_id] += parents + children
        for case_id, name in session.execute(select(Case.id, Organisation.name).join(
                Organisation, Organisation.id == Case.referrer_id).where(Case.id.in_(ids))):
            parts[case_id].append(name)
        columns = [getattr(Visit, name) for name in VISIT_TEXTS]
        for case_id, *texts in session.execute(select(Visit.case_id, *columns).where(Visit.case_id.in_(ids))
                                               .order_by(Visit.case_id, Visit.id)):
            parts[case_id] += texts
        for case_id, text_ in session.execute(select(Visit.case_id, VisitAddendum.text).join(Visit)
                                              .where(Visit.case_id.in_(ids))):
            parts[case_id].append(text_)
        columns = [getattr(Evaluation, name) for name in EVALUATION_TEXTS]
        for case_id, *texts in session.execute(select(Evaluation.case_id, *columns)
                                               .where(Evaluation.case_id.in_(ids))
                                               .order_by(Evaluation.case_id, Evaluation.id)):
            parts[case_id] += texts
        for case_id in ids:
            remove_case(session, case_id)
        if parts:
            session.execute(text("INSERT INTO case_search(rowid, case_id, body) VALUES (:id, :id, :body)"),
                            [{"id": i, "body": " ".join(p for p in found if p)} for i, found in parts.items()])


def remove_case(session: Session, case_id: int) -> None:
    """The row id is the case id: FTS5 finds it directly instead of scanning the whole index."""
    session.execute(text("DELETE FROM case_search WHERE rowid = :id"), {"id": case_id})


def match_query(typed: str) -> str | None:
    """Turn what a user types into an FTS5 query, None when nothing to search. What is typed between spaces must
    match: its words, joined by punctuation ("BOR-2021-10", "d'Hondt"), as one phrase whose last word is a prefix
    (`"bor 2021 10"*`); each word alone matched anywhere, so part of a case number found a visit note with "10".
    Only word characters reach the query, so quotes and FTS5 operators typed are plain words."""
    phrases = [" ".join(words) for part in typed.split() if (words := _WORD.findall(part))]
    return " AND ".join(f'"{p}"*' for p in phrases) if phrases else None


def search_case_ids(session: Session, typed: str, limit: int | None = None) -> list[int]:
    query = match_query(typed)
    if query is None:
        return []
    sql = "SELECT case_id FROM case_search WHERE case_search MATCH :q ORDER BY rank"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in session.execute(text(sql), {"q": query})]
