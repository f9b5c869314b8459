"""Erasing a case leaves an anonymous count, so an annual report on any year gives the same figures after the
erasure as before: every table on the screen, and the JSON, CSV, spreadsheet and PDF, for all municipalities and for
each, inside and outside the organisation. The count holds nothing that names the family or the case."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import pytest

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import inspect, select

from borapp.models import Case, ErasedCount
from borapp.services.demo.builder import fill_demo
from borapp.services.privacy import erasure
from borapp.services.reports import files
from borapp.services.reports.annual import annual_report, cases_behind, erased_behind
from borapp.services.reports.scope import report_municipalities
from borapp.services.reports.tables_people import all_tables
from borapp.services.vault.workspace import Workspace, list_coordinators

TODAY = dt.date(2026, 11, 30)
YEARS = range(2023, 2027)


def _json(data: bytes) -> dict:
    """The JSON report; its list of closed trajectories without what only a live case has (its id, number and the
    days of its registration and closing: an erased one keeps the months)."""
    found = json.loads(data)
    costs = found.get("costs") or {}
    if "trajectories" in costs:
        costs["trajectories"] = sorted(
            json.dumps({**t, "case_id": None, "ref": "", "registered_on": t["registered_on"][:7],
                        "closed_on": t["closed_on"][:7]}, sort_keys=True) for t in costs["trajectories"])
    return found


def _xlsx(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    return [(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)]) for sheet in book.worksheets]


def _pdf(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def everything(workspace) -> dict:
    """Every year's report, for all municipalities and each, as the screen's tables and as each file."""
    seen = {}
    for year in YEARS:
        for town in ["", *report_municipalities(workspace)]:
            report = annual_report(workspace, year, today=TODAY, municipality=town)
            seen[(year, town, "screen")] = [(t.key, t.title, t.columns, [r.cells for r in t.rows], t.note)
                                            for t in all_tables(report)]
            for audience in ("internal", "external"):
                seen[(year, town, audience, "json")] = _json(files.render(workspace, report, "json", audience))
                seen[(year, town, audience, "csv")] = files.render(workspace, report, "csv", audience)
                seen[(year, town, audience, "xlsx")] = _xlsx(files.render(workspace, report, "xlsx", audience))
                if town == "":  # the PDF of each municipality is the same tables again, at a second a PDF
                    seen[(year, town, audience, "pdf")] = _pdf(files.render(workspace, report, "pdf", audience))
    return seen


@pytest.fixture
def demo(vault):
    fill_demo(vault, cases=40, seed=7, today=TODAY)
    return Workspace(vault, list_coordinators(vault)[0])


@pytest.mark.parametrize("seed", [1, 2])
def test_every_table_and_file_of_every_year_is_the_same_after_erasing_random_cases(demo, seed):
    before = everything(demo)
    with demo.reading() as session:
        cases = list(session.execute(select(Case.ref, Case.status)).all())
    rng = random.Random(seed)
    closed = [ref for ref, status in cases if status == "closed"]
    still_open = [ref for ref, status in cases if status != "closed"]
    chosen = rng.sample(closed, 6) + rng.sample(still_open, 2)
    for ref in chosen:
        erasure.erase_case(demo, ref, "verzoek ouder", confirm=ref)
    after = everything(demo)
    changed = [key for key in before if before[key] != after[key]]
    assert not changed, changed[:5]
    with demo.reading() as session:
        assert session.scalar(select(Case.id).where(Case.ref.in_(chosen))) is None
        assert len(session.scalars(select(ErasedCount)).all()) == len(chosen)
    behind_each_figure_are_its_cases_and_its_erased_ones(demo)


def behind_each_figure_are_its_cases_and_its_erased_ones(workspace) -> None:
    """The list a double-click shows, with the line on the erased cases, adds up to the figure."""
    for year in YEARS:
        report = annual_report(workspace, year, today=TODAY)
        for table in all_tables(report):
            for row in table.rows:
                for column, value in enumerate(row.cells):
                    selection = row.selection(column)
                    if selection is None or not isinstance(value, int):
                        continue
                    listed = len(cases_behind(workspace, selection))
                    assert listed + erased_behind(workspace, selection) == value, (table.key, row.cells, column)


def test_the_anonymous_count_holds_no_number_name_text_or_day(demo):
    """Its columns are these and no more: a new one must be looked at for what it gives away."""
    columns = {c.name: str(c.type) for c in inspect(ErasedCount).columns}
    assert columns == {
        "id": "INTEGER", "registered_year": "INTEGER", "registered_month": "INTEGER", "municipality_id": "INTEGER",
        "funding": "VARCHAR(20)", "year_ends": "TEXT", "closed_month": "VARCHAR(7)", "start": "VARCHAR(20)",
        "start_days": "INTEGER", "minutes": "INTEGER", "expenses_cents": "INTEGER", "expenses": "TEXT"}
    with demo.reading() as session:
        case = session.scalars(select(Case).where(Case.status == "closed")).first()
        ref, names = case.ref, [p.name for p in case.parents] + [c.name for c in case.children]
        registered, closed = case.registered_on.isoformat(), case.closed_on.isoformat()
    erasure.erase_case(demo, ref, "verzoek van de ouder", confirm=ref)
    with demo.reading() as session:
        row = session.scalars(select(ErasedCount)).one()
        kept = " ".join(str(getattr(row, name)) for name in columns)
        year_ends = json.loads(row.year_ends)
        claims = json.loads(row.expenses)
    assert ref not in kept and registered not in kept and closed not in kept
    assert not [name for name in names if name and name in kept]
    assert all(len(entry) == 5 and entry[4] in range(13) for entry in year_ends.values())  # a month at most
    assert all(len(claim[0]) == 7 for claim in claims)  # "YYYY-MM": the month of a visit, not its day


def test_a_municipality_an_erased_case_counted_for_stays(workspace):
    """Deleting it would move the erased case's count to "No municipality" (or stop on the vault's refusal)."""
    from borapp.services import organisation_setup as setup
    from borapp.services.errors import ValidationError
    from tests.privacy.test_erasure_figures import closed_case

    closed_case(workspace, "BOR-2024-007", dt.date(2024, 11, 4), dt.date(2025, 6, 30), municipality="Den Helder")
    erasure.erase_case(workspace, "BOR-2024-007", "verzoek ouder", confirm="BOR-2024-007")
    town = next(m.id for m in setup.municipalities(workspace) if m.name == "Den Helder")
    with pytest.raises(ValidationError, match="Den Helder blijft: de jaarcijfers tellen 1 gewist dossier"):
        setup.delete_municipality(workspace, town)
    assert [m.name for m in setup.municipalities(workspace)] == ["Den Helder"]
