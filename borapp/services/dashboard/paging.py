"""A rule's rows in one statement: the first `limit` in the rule's order, each carrying the total of all its rows.

The total is a window count over every row the rule selects, taken before the LIMIT: one statement per rule, so the
number of queries stays fixed, and SQLite counts in C instead of handing thousands of rows to Python. A rule whose
shown rows need more than its indexes hold (a letter's kind, a contract's snapshot) ranks narrow keys first
(`ranked`, read from indexes) and joins the details to the first rows only."""

from __future__ import annotations

from sqlalchemy import Select, Subquery, func
from sqlalchemy.orm import Session


def with_total(query: Select, limit: int | None) -> Select:
    """The query with a `total_rows` column, cut to its first `limit` rows (at least one, to read the total from)."""
    query = query.add_columns(func.count().over().label("total_rows"))
    return query if limit is None else query.limit(max(limit, 1))


def ranked(query: Select, limit: int | None) -> Subquery:
    """`with_total` as a subquery, for joining the details of the first rows to."""
    return with_total(query, limit).subquery()


def read(session: Session, query: Select, limit: int | None, params: dict | None = None) -> tuple[int, list]:
    """(total, rows) of a query made with `with_total` or selecting `total_rows` from `ranked`."""
    rows = session.execute(query, params).all()
    total = rows[0].total_rows if rows else 0
    return total, rows if limit is None else rows[:limit]


def first_rows(session: Session, query: Select, limit: int | None) -> tuple[int, list]:
    """(total, rows): how many rows the query has and its first `limit` (all of them for None)."""
    return read(session, with_total(query, limit), limit)
