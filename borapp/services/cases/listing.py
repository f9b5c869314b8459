"""The case list: filtering, sorting and paging in SQL, so ten thousand cases stay instant.

The text search goes through the FTS5 index (`case_search`) as a subquery; every other filter is a WHERE, every
sort an ORDER BY. A page is first its ids in order (WHERE, ORDER BY, LIMIT/OFFSET, joining only what the sort
needs), then three small queries for those ids: the row's facts, the children's and the parents' names.

Which index a query starts from is chosen here, not left to SQLite (the vault has no statistics, so SQLite takes any
equality as selective: a "Closed" filter sorted 80,000 cases, 430 ms, and a search with "All open cases" looked up
60,000 matches one by one, 400 ms). Each way gives the same cases in the same order; a unary + keeps SQLite off
the indexes of the filters a way does not start from.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import Select, and_, column, func, literal_column, or_, select, table, text, true
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session, aliased

from borapp.collation import sort_key
from borapp.i18n import N_, _, language
from borapp.models import Case, Child, Coordinator, Municipality, Parent, Visit, Volunteer
from borapp.services.cases.status import ACTIVE_STATUSES, STATUSES, status_label
from borapp.services.cases.search_index import match_query
from borapp.services.validation import age_label
from borapp.services.vault.workspace import Workspace

SORT_KEYS = ("ref", "status", "children", "parents", "municipality", "coordinator", "volunteer", "registered_on",
             "days", "next_visit")
# Status filter values besides the statuses themselves.
STATUS_GROUPS = {"open": N_("All open cases"), "active": N_("Active (intake to closing)")}
PAGE_SIZE = 200
# Sorts an index gives in order (registered_on, then within a day the few cases sorted by number). Not the case
# number: its index runs as text (BOR-2021-1000 before BOR-2021-101), and a natural order has no index without a
# migration; sorting 10,000 numbers by `natural_key` is a few milliseconds.
INDEXED_SORTS = ("registered_on", "days")

_search = table("case_search", column("rowid"))  # rowid is the case's id: read without the index's stored text
# More selected cases than this (and dense enough, see `_way`) walk the sort's index in its order and stop after a
# page, instead of sorting every one (at 100,000 cases "school" matched 60,000: 1.1 s sorted, 25 ms walked); a
# search with at most this many matches starts from them (a name: 2 ms).
MANY_MATCHES = 2_000
# The ways a query finds its cases (`_way`):
MATCHES = "matches"  # from the search's matches, every other filter checked on them
WALK = "walk"  # along the sort's index, every filter checked per case, until the page is full
FILTERS = "filters"  # from a filter's index (SQLite's choice), a search's many matches checked in a set


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    status: str = ""  # "" all, a status code, or a group from STATUS_GROUPS
    municipality_id: int | None = None
    coordinator_id: int | None = None
    volunteer_id: int | None = None
    year: int | None = None
    mine_only: bool = False
    sort: str = "registered_on"
    descending: bool = True

    def with_sort(self, key: str, descending: bool) -> CaseFilter:
        return replace(self, sort=key, descending=descending)

    @property
    def narrows(self) -> bool:
        """True when anything but the sort order is set (the list may be empty because of it)."""
        return bool(self.text.strip() or self.status or self.municipality_id or self.coordinator_id
                    or self.volunteer_id or self.year or self.mine_only)


@dataclass(frozen=True)
class CaseRow:
    id: int
    ref: str
    status: str
    children: str  # "Sanne (7), Daan (4)"
    parents: str  # resident parent first: "A. Jansen / B. de Vries"
    municipality: str
    coordinator: str
    volunteer: str
    registered_on: dt.date
    days: int  # since registration
    next_visit: dt.date | None


@dataclass(frozen=True)
class Option:
    value: object
    label: str


@dataclass(frozen=True)
class FilterOptions:
    statuses: list[Option]
    municipalities: list[Option]
    coordinators: list[Option]
    volunteers: list[Option]
    years: list[int]
    stamp: tuple = ()  # `options_stamp` as these were read
    pool: int = 0  # the first `pool` volunteers are active (the pool); the rest are former ones with a case


def _next_visit(today: dt.date):
    return (select(func.min(Visit.on)).where(Visit.case_id == Case.id, Visit.state == "planned", Visit.on >= today)
            .correlate(Case).scalar_subquery())


def _where(query: Select, workspace: Workspace, f: CaseFilter, way: str) -> Select:
    """The filter as WHERE clauses, written for `way`: only the columns it starts from are left indexable."""
    words = match_query(f.text)
    plain = (lambda c: c) if way == FILTERS else _unindexed
    if words is not None:
        match = text("case_search MATCH :q").bindparams(q=words)
        case_id = Case.id if way == MATCHES else _unindexed(Case.id)
        query = query.where(case_id.in_(select(_search.c.rowid).where(match)))
    status = plain(Case.status)
    if f.status == "open":  # != as two ranges of the status index (!= scans it)
        query = query.where(or_(status < "closed", status > "closed"))
    elif f.status == "active":
        query = query.where(status.in_(ACTIVE_STATUSES))
    elif f.status:
        query = query.where(status == f.status)
    if f.municipality_id is not None:
        query = query.where(plain(Case.municipality_id) == f.municipality_id)
    coordinator_id = workspace.coordinator_id if f.mine_only and workspace.coordinator_id is not None else f.coordinator_id
    if coordinator_id is not None:
        query = query.where(plain(Case.coordinator_id) == coordinator_id)
    if f.volunteer_id is not None:
        query = query.where(plain(Case.volunteer_id) == f.volunteer_id)
    if f.year:  # the registration index is the walk's own (sort by date): a year is a range of it
        registered = _unindexed(Case.registered_on) if way == MATCHES else Case.registered_on
        query = query.where(and_(registered >= dt.date(f.year, 1, 1), registered <= dt.date(f.year, 12, 31)))
    return query


def _unindexed(column_):
    """The column behind a unary +: SQLite then checks it per row and never starts from its index."""
    return literal_column(f"+{column_.table.name}.{column_.name}", type_=column_.type)


def _way(session: Session, f: CaseFilter, total: int | None = None, rows: int = 0) -> str:
    """How to find the `total` cases `f` selects, of which the first `rows` are wanted (total None: only counting):
    WALK when `_walks`; MATCHES for a search alone or one with few matches; FILTERS otherwise."""
    if total is not None and _walks(session, f, total, rows):
        return WALK
    words = match_query(f.text)
    if words is None:
        return FILTERS
    alone = not replace(f, text="").narrows
    return MATCHES if alone or _matches(session, words, MANY_MATCHES + 1) <= MANY_MATCHES else FILTERS


def _walks(session: Session, f: CaseFilter, total: int, rows: int) -> bool:
    """True when the sort has an index and the `total` cases are many and dense enough that walking it to the
    `rows`-th (about rows × cases / total index entries) is shorter than sorting them all."""
    return f.sort in INDEXED_SORTS and total > MANY_MATCHES and rows * _span(session) <= total * total


def _span(session: Session) -> int:
    """About how many cases there are: the primary key's ends, one step each (counting grows with the cases, and
    max() with min() in one SELECT reads every id)."""
    last, first = (select(f(Case.id)).scalar_subquery() for f in (func.max, func.min))
    return session.scalar(select(last - first + 1)) or 0


def count_cases(workspace: Workspace, f: CaseFilter) -> int:
    with workspace.reading() as session:
        return _count(session, workspace, f)


def _count(session: Session, workspace: Workspace, f: CaseFilter) -> int:
    words = match_query(f.text)
    if words is not None and not replace(f, text="").narrows:  # only a search: the index counts its matches
        return _matches(session, words)  # itself (10 ms for 60,000 of 100,000 cases)
    return session.scalar(_where(select(func.count(Case.id)), workspace, f, _way(session, f))) or 0


def selects(workspace: Workspace, f: CaseFilter, case_id: int) -> bool:
    """True when `f` selects the case `case_id` (its list still holds it, maybe further down than loaded)."""
    with workspace.reading() as session:
        query = _where(select(Case.id).where(Case.id == case_id), workspace, f, FILTERS)
        return session.scalar(query.limit(1)) is not None


def _matches(session: Session, words: str, at_most: int | None = None) -> int:
    """How many cases the FTS5 query `words` matches (or `at_most`, if that is fewer)."""
    if at_most is None:
        sql = "SELECT count(*) FROM case_search WHERE case_search MATCH :q"
    else:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH :q LIMIT {int(at_most)})"
    return session.scalar(text(sql), {"q": words}) or 0


def list_cases(workspace: Workspace, f: CaseFilter, offset: int = 0, limit: int = PAGE_SIZE,
               total: int | None = None) -> list[CaseRow]:
    """One page of rows: first the page's ids in order (WHERE, ORDER BY, LIMIT), then those rows' details.
    `total`: `count_cases(f)` when the caller has it (it chooses the way; a search's matches are not counted again)."""
    today = dt.date.today()
    coordinator, volunteer, municipality = aliased(Coordinator), aliased(Volunteer), aliased(Municipality)
    names = {"municipality": (municipality, Case.municipality_id), "coordinator": (coordinator, Case.coordinator_id),
             "volunteer": (volunteer, Case.volunteer_id)}
    page = select(Case.id)
    next_visit = None
    if f.sort in names:  # join only what the sort needs
        table_, key = names[f.sort]
        page = page.outerjoin(table_, table_.id == key)
    elif f.sort == "next_visit":  # one pass over the planned visits from today (an index range), not one per case
        planned = (select(Visit.case_id, func.min(Visit.on).label("on"))
                   .where(Visit.on >= today, Visit.state == "planned").group_by(Visit.case_id).subquery())
        page = page.outerjoin(planned, planned.c.case_id == Case.id)
        next_visit = planned.c.on
    with workspace.reading() as session:
        total = _count(session, workspace, f) if total is None else total
        page = _where(page, workspace, f, _way(session, f, total, offset + limit))
        page = page.order_by(*_order(f, municipality, coordinator, volunteer, next_visit))
        page = page.offset(offset).limit(limit)
        ids = list(session.scalars(page))
        details = {r[0]: r for r in session.execute(
            select(Case.id, Case.ref, Case.status, Case.registered_on, municipality.name, coordinator.name,
                   volunteer.name, _next_visit(today))
            .outerjoin(municipality, municipality.id == Case.municipality_id)
            .outerjoin(coordinator, coordinator.id == Case.coordinator_id)
            .outerjoin(volunteer, volunteer.id == Case.volunteer_id)
            .where(Case.id.in_(ids)))} if ids else {}
        children, parents = _children(session, ids, today), _parents(session, ids)
    rows = [details[i] for i in ids if i in details]
    return [CaseRow(id=r[0], ref=r[1], status=r[2], children=children.get(r[0], ""), parents=parents.get(r[0], ""),
                    municipality=r[4] or "", coordinator=r[5] or "", volunteer=r[6] or "", registered_on=r[3],
                    days=(today - r[3]).days, next_visit=r[7]) for r in rows]


def _order(f: CaseFilter, municipality, coordinator, volunteer, next_visit) -> list:
    """ORDER BY for the filter's sort key; empty values last either way, the case number breaking ties. Case numbers
    go by year and number (`natural_key`: BOR-2021-999 before BOR-2021-1000), the text breaking ties (007 and 7);
    where the sort walks an index (date, status) its ties go by the number's text, as the index holds it."""
    descending = f.descending
    if f.sort == "days":  # more days since registration = registered earlier
        key, descending = Case.registered_on, not descending
    elif f.sort == "status":
        key = _status_rank()
    elif f.sort == "children":
        key = select(func.min(Child.name)).where(Child.case_id == Case.id).correlate(Case).scalar_subquery()
    elif f.sort == "parents":
        key = (select(Parent.name).where(Parent.case_id == Case.id).correlate(Case)
               .order_by(Parent.role.desc()).limit(1).scalar_subquery())
    else:
        key = {"ref": Case.ref, "municipality": municipality.name, "coordinator": coordinator.name,
               "volunteer": volunteer.name, "next_visit": next_visit}.get(f.sort, Case.registered_on)
    if f.sort in ("municipality", "coordinator", "volunteer", "children", "parents"):
        key = func.sort_name(key)  # not lower(), which folds ASCII only: Özlem after Zoë
    ordered = key.desc() if descending else key.asc()
    numbers = [func.natural_key(Case.ref), Case.ref]
    tie = [n.desc() if descending else n.asc() for n in numbers]
    if f.sort == "ref":
        return tie
    if f.sort in ("status", "registered_on", "days"):  # never empty: no "empty last" term to defeat an index, and
        # the text of the number breaks ties, as the index holds it: natural_key here made every list a full scan
        return [ordered, Case.ref.desc() if descending else Case.ref.asc()]
    return [key.is_(None), ordered, *tie]


def _status_rank():
    """Statuses sort in the order a case runs through them, not alphabetically."""
    return sql_case({s: i for i, s in enumerate(STATUSES)}, value=Case.status, else_=len(STATUSES))


def family_line(workspace, case_id: int, today: dt.date | None = None) -> str:
    """Whom a case is about, as the case list shows it: the children (with their ages), then the parents."""
    with workspace.session() as session:
        return family_lines(session, [case_id], today or dt.date.today()).get(case_id, "")


def family_lines(session: Session, ids: list[int], today: dt.date) -> dict[int, str]:
    """`family_line` of many cases in two queries (the children's, the parents'); a case without either is left out.
    Names and ages only: no address (a parent's may be confidential)."""
    children, parents = _children(session, ids, today), _parents(session, ids)
    lines = {case_id: " · ".join(part for part in (children.get(case_id, ""), parents.get(case_id, "")) if part)
             for case_id in ids}
    return {case_id: line for case_id, line in lines.items() if line}


def _children(session: Session, ids: list[int], today: dt.date) -> dict[int, str]:
    found: dict[int, list[str]] = defaultdict(list)
    if ids:
        query = select(Child.case_id, Child.name, Child.birth_date).where(Child.case_id.in_(ids)).order_by(
            Child.case_id, Child.birth_date.is_(None), Child.birth_date, Child.id)
        for case_id, name, born in session.execute(query):
            first = (name or "").split()[0] if (name or "").split() else ""
            found[case_id].append(f"{first} ({age_label(born, today)})" if born else first)
    return {k: ", ".join(v) for k, v in found.items()}


def _parents(session: Session, ids: list[int]) -> dict[int, str]:
    found: dict[int, list[str]] = defaultdict(list)
    if ids:
        query = select(Parent.case_id, Parent.name).where(Parent.case_id.in_(ids)).order_by(
            Parent.case_id, Parent.role.desc(), Parent.id)
        for case_id, name in session.execute(query):
            found[case_id].append(name)
    return {k: " / ".join(v) for k, v in found.items()}


def filter_options(workspace: Workspace) -> FilterOptions:
    """The choices of the filter combos: every municipality and coordinator, the volunteers active (first) or with a
    case, the years cases were registered in (newest first), with the `options_stamp` they were read at."""
    with workspace.reading() as session:
        years = _years(session)
        stamp = _stamp(session, years)
        municipalities = [Option(i, n) for i, n in session.execute(
            select(Municipality.id, Municipality.name).order_by(Municipality.name.collate("name")))]
        coordinators = [Option(i, n) for i, n in session.execute(
            select(Coordinator.id, Coordinator.name).order_by(Coordinator.name.collate("name")))]
        volunteers = sorted(session.execute(  # sorted here: a key per name, not a Python call per comparison
            select(Volunteer.id, Volunteer.name, Volunteer.active).where(_offered())),  # (COLLATE name)
            key=lambda row: (not row[2], sort_key(row[1])))  # the pool first, then those with an old case
    statuses = [Option(k, _(v)) for k, v in STATUS_GROUPS.items()] + [Option(s, status_label(s)) for s in STATUSES]
    return FilterOptions(statuses, municipalities, coordinators, [Option(i, n) for i, n, _a in volunteers], years,
                         stamp, pool=sum(1 for *_v, active in volunteers if active))


def options_stamp(workspace: Workspace) -> tuple:
    """A few numbers that change whenever `filter_options` may answer otherwise: a volunteer, municipality or
    coordinator added, renamed, (de)activated, given a first case or removed, a case registered in a year not
    listed yet, another language. Reading it costs 5 ms at 100,000 cases (9,700 volunteers), the options 100 ms
    and their combos 40 ms more: a list keeps its choices while the stamp stays the same."""
    with workspace.reading() as session:
        return _stamp(session, _years(session))


def _offered():
    """The volunteers the filter offers: active ones, and those with a case (to find their old cases)."""
    return or_(Volunteer.active.is_(True), select(Case.id).where(Case.volunteer_id == Volunteer.id).exists())


def _stamp(session: Session, years: list[int]) -> tuple:
    """How many of each, their latest change and their ids' sum (a removal and an addition at once still show)."""
    counts = [tuple(session.execute(select(func.count(), func.max(model.updated_at), func.total(model.id))
                                    .where(offered)).one())
              for model, offered in ((Volunteer, _offered()), (Municipality, true()), (Coordinator, true()))]
    return (language(), *counts, tuple(years))


def _years(session: Session) -> list[int]:
    """The years cases were registered in, newest first: one step down the registration index per year (DISTINCT
    over every case's year read all 100,000 of them, 59 ms)."""
    years: list[int] = []
    on = session.scalar(select(func.max(Case.registered_on)))
    while on is not None:
        years.append(on.year)
        on = session.scalar(select(func.max(Case.registered_on)).where(Case.registered_on < dt.date(on.year, 1, 1)))
    return years
