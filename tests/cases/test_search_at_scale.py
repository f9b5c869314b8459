"""A search that matches many cases walks the case list's index instead of sorting every match (100,000 cases:
"school" 1.1 s → 30 ms); it must give the same cases in the same order, page after page, as the sorted way, and
its count must be the index's own count of matches."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from borapp.collation import natural
from borapp.services.cases import listing
from borapp.services.cases.listing import CaseFilter
from borapp.services.demo.builder import fill_demo
from borapp.services.vault.workspace import Workspace, list_coordinators


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    path = tmp_path_factory.mktemp("scale") / "vault.bordb"
    vault = Vault.create(path, PASSPHRASE)[0]
    fill_demo(vault, cases=80, seed=11)
    workspace = Workspace(vault, list_coordinators(vault)[0])
    yield workspace
    vault.lock()


def every_page(workspace, f: CaseFilter, size: int = 7) -> list[int]:
    found, offset = [], 0
    while page := listing.list_cases(workspace, f, offset, size):
        found += [row.id for row in page]
        offset += size
    return found


@pytest.mark.parametrize("typed", ["BOR-20", "school", "speeltuin", "jansen de", "zzzz"])
@pytest.mark.parametrize("sort,descending", [("registered_on", True), ("registered_on", False), ("days", True),
                                             ("ref", False), ("ref", True), ("status", False)])
def test_walking_the_index_gives_what_sorting_gives(demo, monkeypatch, typed, sort, descending):
    f = CaseFilter(text=typed, sort=sort, descending=descending)
    monkeypatch.setattr(listing, "MANY_MATCHES", 10**9)
    sorted_way = every_page(demo, f)
    monkeypatch.setattr(listing, "MANY_MATCHES", 0)
    statements = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(demo.vault.engine, "before_cursor_execute", listen)
    try:
        walked = every_page(demo, f)
    finally:
        event.remove(demo.vault.engine, "before_cursor_execute", listen)
    assert walked == sorted_way
    assert len(set(walked)) == len(walked), "a case twice"
    if sort in listing.INDEXED_SORTS and len(walked) ** 2 >= 7 * 80:  # matches dense enough to walk (`_walks`)
        assert any("+case_file.id IN" in sql for sql in statements), "the walk was not taken"
    assert listing.count_cases(demo, f) == len(sorted_way)


def test_the_walk_reads_the_index_in_order_without_sorting(demo):
    from sqlalchemy import select

    from sqlalchemy.orm import aliased

    from borapp.models import Case, Coordinator, Municipality, Volunteer

    f = CaseFilter(text="BOR-20")
    names = aliased(Municipality), aliased(Coordinator), aliased(Volunteer)
    query = listing._where(select(Case.id), demo, f, listing.WALK).order_by(
        *listing._order(f, *names, None)).limit(200)
    with demo.session() as session:
        compiled = query.compile(session.bind)
        raw = session.connection().connection.dbapi_connection
        plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + str(compiled),
                                              [compiled.params[k] for k in compiled.positiontup]).fetchall()]
    assert any(line.startswith("SCAN case_file USING") and "INDEX" in line for line in plan), plan
    assert not any("TEMP B-TREE" in line for line in plan), plan


def test_a_status_with_the_search_is_counted_by_the_cases(demo):
    everything = listing.count_cases(demo, CaseFilter(text="BOR-20"))
    open_only = listing.count_cases(demo, CaseFilter(text="BOR-20", status="open"))
    assert 0 < open_only < everything
    assert open_only == len(every_page(demo, CaseFilter(text="BOR-20", status="open"), 50))


# ---- every way of finding a page (`listing._way`) gives the same cases -----------------------------------------

def expected(workspace, f: CaseFilter) -> list[int]:
    """The cases `f` selects in its order, worked out in Python from every case (no plan of the listing's)."""
    from sqlalchemy import select

    from borapp.models import Case
    from borapp.services.cases.search_index import search_case_ids
    from borapp.services.cases.status import ACTIVE_STATUSES

    with workspace.session() as session:
        rows = session.execute(select(Case.id, Case.ref, Case.status, Case.registered_on)).all()
        found = set(search_case_ids(session, f.text)) if f.text else {r.id for r in rows}
    keep = {"": lambda s: True, "open": lambda s: s != "closed", "active": lambda s: s in ACTIVE_STATUSES}.get(
        f.status, lambda s: s == f.status)
    chosen = [r for r in rows if r.id in found and keep(r.status) and (not f.year or r.registered_on.year == f.year)]
    if f.sort == "ref":
        chosen.sort(key=lambda r: natural(r.ref), reverse=f.descending)
    else:  # registered_on, newest first when descending; "days" the other way round
        chosen.sort(key=lambda r: (r.registered_on, r.ref), reverse=f.descending == (f.sort == "registered_on"))
    return [r.id for r in chosen]


FILTERS = [CaseFilter(text="BOR-20", status="open"), CaseFilter(text="BOR-20", status="closed"),
           CaseFilter(text="school", status="active", sort="ref", descending=False),
           CaseFilter(text="ziek", status="closed", sort="days"), CaseFilter(status="open"),
           CaseFilter(status="closed", sort="ref"), CaseFilter(text="BOR-20", status="closed", year=2025),
           CaseFilter(status="intake", descending=False)]


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f"{f.text or '-'}/{f.status}/{f.sort}/{f.year or ''}")
@pytest.mark.parametrize("way", [listing.MATCHES, listing.WALK, listing.FILTERS])
def test_every_way_gives_the_cases_the_filter_selects(demo, monkeypatch, f, way):
    """A search with a status is counted from the status index, a dense status walks the list's index: each way
    written for SQLite must select what the filter says, in its order, page after page, and count the same."""
    monkeypatch.setattr(listing, "_way", lambda *_args, **_kwargs: way)
    want = expected(demo, f)
    assert want, "the demo has no such cases: the test would prove nothing"
    assert every_page(demo, f) == want
    assert listing.count_cases(demo, f) == len(want)


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f"{f.text or '-'}/{f.status}/{f.sort}/{f.year or ''}")
@pytest.mark.parametrize("many", [0, 10**9])
def test_the_chosen_way_gives_the_cases_the_filter_selects(demo, monkeypatch, f, many):
    monkeypatch.setattr(listing, "MANY_MATCHES", many)
    want = expected(demo, f)
    total = listing.count_cases(demo, f)
    assert total == len(want)
    assert [r.id for r in listing.list_cases(demo, f, 0, 7, total)] == want[:7]
    assert every_page(demo, f) == want
