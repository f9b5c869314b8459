"""The queries behind the case list, a search, Today and opening a case use indexes: `EXPLAIN QUERY PLAN` of every
statement the screens run shows no full SCAN of a table that grows with the cases, so they stay as fast at 100,000
cases as at 1,000 (bench/run.py --growth measures it; this test keeps a plan from quietly turning into a scan).

Allowed, and why: a scan that walks an index in the wanted order and stops after one page (a LIMIT, no sorting), and
an unfiltered count (it reads the smallest covering index: nothing narrower exists). The list of years steps down
the registration index, one search per year."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from borapp.services.demo.builder import fill_demo
from borapp.services.vault.workspace import Workspace, list_coordinators

# Tables that grow with the cases (small reference tables such as volunteer or organisation may be scanned).
GROWING = ("case_file", "parent", "child", "status_change", "case_exclusion", "visit", "evaluation", "contract",
           "contract_signature", "letter", "attachment", "audit_event", "case_hours", "visit_expense", "sync_op")
SCAN = re.compile(r"^SCAN (\w+)")


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    path = tmp_path_factory.mktemp("plans") / "vault.bordb"
    vault = Vault.create(path, PASSPHRASE)[0]
    fill_demo(vault, cases=60, seed=7)
    vault.lock()
    return path


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def scans(raw, statement: str, params) -> list[str]:
    """The plan's lines that read a growing table whole."""
    plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()]
    flat = " ".join(statement.split()).upper()
    pages = " LIMIT " in flat and not any("TEMP B-TREE" in line for line in plan)
    counts = flat.startswith("SELECT COUNT(")
    found = []
    for line in plan:
        match = SCAN.match(line)
        if not match or match.group(1) not in GROWING or pages:
            continue
        if counts and "COVERING INDEX" in line and " WHERE " not in flat:
            continue
        found.append(line)
    return found


def test_list_search_today_and_a_case_use_indexes(qtbot, demo_vault):
    from borapp.app import build_window, make_application
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE
    from tests.helpers.keyboard import retype

    make_application()
    window = build_window(demo_vault, "nl")
    qtbot.addWidget(window)
    window.show()
    vault = Vault.open(demo_vault, PASSPHRASE)
    statements: dict[str, tuple[str, object]] = {}
    screen = ["today"]

    def seen(_conn, _cursor, statement, params, _context, _many):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.setdefault(statement, (screen[0], params))

    event.listen(vault.engine, "before_cursor_execute", seen)
    try:
        window.open_workspace(Workspace(vault, list_coordinators(vault)[0]))
        settle()
        screen[0] = "list"
        page = window.shell.show_page("cases")
        settle()
        screen[0] = "search"
        for typed in ("jansen", "BOR-20", "speeltuin"):
            retype(page.list_panel.search, typed)
            qtbot.keyClick(page.list_panel.search, "\r")
            settle()
        screen[0] = "open case"
        with vault.session() as session:
            from sqlalchemy import select

            from borapp.models import Case
            picks = [session.scalar(select(Case.id).where(Case.status == status).limit(1))
                     for status in ("visits", "closed", "intake")]
        for case_id in picks:
            page.open_case_file(case_id)
            settle()
        ran = {where for where, _params in statements.values()}
        assert ran == {"today", "list", "search", "open case"}, f"only these screens ran queries: {ran}"
        assert any("MATCH" in sql for sql in statements), "Return in the search box did not search"
        event.remove(vault.engine, "before_cursor_execute", seen)
        with vault.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            found = {f"{where}: {' '.join(sql.split())[:160]}": lines for sql, (where, params) in statements.items()
                     if (lines := scans(raw, sql, params))}
        assert found == {}, "full scans of growing tables:\n" + "\n".join(f"{k}\n    {v}" for k, v in found.items())
    finally:
        window.lock()


def plan_of(raw, statement: str, params) -> list[str]:
    return [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()]


def test_a_status_with_or_without_a_search_starts_from_an_index(demo_vault, monkeypatch):
    """A search with a status is counted from the status index, its matches checked in a set (looking 60,000 matches
    up one by one took 400 ms at 100,000 cases); "All open cases" is two ranges of that index, not a scan of it; a
    status most cases have walks the list's index and stops after the page (sorting 80,000 closed cases: 430 ms)."""
    from borapp.services.cases import listing
    from borapp.services.cases.listing import CaseFilter
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    monkeypatch.setattr(listing, "MANY_MATCHES", 5)  # the 60 demo cases stand for many
    vault = Vault.open(demo_vault, PASSPHRASE)
    workspace = Workspace(vault, list_coordinators(vault)[0])
    statements: list[tuple[str, object]] = []
    event.listen(vault.engine, "before_cursor_execute", lambda *a: statements.append((a[2], a[3])))
    try:
        for f in (CaseFilter(text="BOR-20", status="open"), CaseFilter(text="BOR-20", status="closed"),
                  CaseFilter(status="open"), CaseFilter(status="closed")):
            statements.clear()
            total = listing.count_cases(workspace, f)
            assert listing.list_cases(workspace, f, 0, 10, total)
            with vault.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                selects = [(sql, params) for sql, params in statements if sql.lstrip().upper().startswith("SELECT")]
                found = {sql: lines for sql, params in selects if (lines := scans(raw, sql, params))}
                ran = [(" ".join(sql.split()), plan_of(raw, sql, params)) for sql, params in selects]
            assert found == {}, f"{f}: full scans of growing tables: {found}"
            counts = [plan for sql, plan in ran if sql.startswith("SELECT count(case_file.id)")]
            assert counts and not any("INTEGER PRIMARY KEY" in line for plan in counts for line in plan), \
                f"{f}: the matches are looked up one by one: {counts}"
            if f.status == "closed":
                pages = [plan for sql, plan in ran if " LIMIT " in sql and "FROM case_file WHERE" in sql]
                assert pages and not any("TEMP B-TREE" in line for plan in pages for line in plan), \
                    f"{f}: the page sorts every closed case: {pages}"
    finally:
        vault.lock()
