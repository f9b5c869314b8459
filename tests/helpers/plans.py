"""For the tests that read query plans: the statements a piece of work runs, and what `EXPLAIN QUERY PLAN` says of
them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def reads_of(engine) -> Iterator[list[tuple[str, object]]]:
    """The SELECT (and WITH) statements `engine` runs inside the block, with their parameters, in order."""
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, params, _context, _many):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def plan_lines(engine, statement: str, params) -> list[str]:
    """The lines of `statement`'s query plan ("SEARCH case_file USING ...")."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        return [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()]
