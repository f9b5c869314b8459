"""An outside annual report hides a small count so that no other table gives it back: a row's registrations are its
open plus its closed cases, the invoicing table (left out) repeats the registrations per funding, an outcome's
reasons add up to it, the cost groups by outcome repeat the outcomes, and the share started within a month divides
two counts."""

from __future__ import annotations

import pytest

from borapp.models import CaseHours
from borapp.services.privacy.small_cells import is_hidden
from borapp.services.reports.annual import annual_report
from borapp.services.reports.audience import tables_for
from tests.reports.outside_reader import given_away
from tests.reports.vault_builder import D, add_case, municipality


@pytest.fixture
def report(workspace):
    """2019: Alkmaar 20 and Bergen 3 registrations bought in bulk, Castricum 6 and Heiloo 7 paid per case (3 of
    Heiloo's started within a month and were closed successfully, 4 started later). Closed in 2019 too, registered
    in 2018: 3 successful, 3 stagnated, 6 stopped at intake (all because the contract was rejected), each with its
    hours recorded."""
    with workspace.session() as s:
        alkmaar = municipality(s, "Alkmaar", "purchased", 2019, trajectories=25)
        bergen = municipality(s, "Bergen", "purchased", 2019, trajectories=5)
        for town, count in ((alkmaar, 20), (bergen, 3)):
            for n in range(count):
                add_case(s, D(2019, 3, 1 + n), municipality_id=town, funding="purchased")
        castricum = municipality(s, "Castricum", "per_case", 2019)
        for n in range(6):
            add_case(s, D(2019, 4, 1 + n), municipality_id=castricum, funding="per_case")
        heiloo = municipality(s, "Heiloo", "per_case", 2019)
        for n in range(7):
            early = n < 3
            add_case(s, D(2019, 3, 1), municipality_id=heiloo, funding="per_case",
                     first_visit=D(2019, 3, 10) if early else D(2019, 6, 1),
                     steps=[(D(2019, 9, 1), "closed", "successful", "")] if early else [])
        for n, (outcome, reason) in enumerate([("successful", "")] * 3 + [("stagnated", "resident_resistance")] * 3
                                              + [("stopped_at_intake", "contract_rejected")] * 6):
            case_id = add_case(s, D(2018, 2, 1 + n), municipality_id=alkmaar, funding="purchased",
                               steps=[(D(2019, 5, 1), "closed", outcome, reason)])
            s.add(CaseHours(case_id=case_id, on=D(2019, 3, 1), kind="intake", minutes=60 + n, note=""))
    return annual_report(workspace, 2019, today=D(2020, 2, 1))


def hidden_cells(tables) -> dict:
    return {(t.key, row.cells[0], c): v for t in tables for row in t.rows for c, v in enumerate(row.cells)
            if is_hidden(v)}


def test_no_hidden_count_follows_from_the_tables_taken_together(report):
    outside = tables_for(report, "external", 5)
    hidden = hidden_cells(outside)
    assert ("registrations_per_municipality", "Bergen", 2) in hidden and ("outcomes", "Gestagneerd", 2) in hidden
    assert given_away(outside) == set()


def test_the_invoicing_table_is_left_out_as_shown_whole_it_would_give_hidden_counts_away(report):
    """The reader is not blind: with the invoicing table published as a municipality needs it (every count shown),
    Bergen's 3 purchased registrations come back from it. Outside, the table is left out, its title kept with a
    line saying where its figures are."""
    outside = tables_for(report, "external", 5)
    [left_out] = [t for t in outside if t.key == "invoicing"]
    assert left_out.rows == () and "interne jaarrapportage" in left_out.note
    assert given_away(outside) == set()
    [whole] = [t for t in tables_for(report, "internal", 5) if t.key == "invoicing"]
    published = [whole if t.key == "invoicing" else t for t in outside]
    assert ("registrations", "Ingekochte trajecten", "Bergen", 2) in given_away(published)


def test_the_cost_groups_by_outcome_hide_what_the_outcomes_table_hides(report):
    outside = {t.key: t for t in tables_for(report, "external", 5)}
    outcomes = {row.cells[0]: row.cells[2] for row in outside["outcomes"].rows if row.kind == "row"}
    costs = {row.cells[0]: row.cells[1] for row in outside["costs"].rows if row.kind == "row"
             and row.cells[0] in outcomes}
    assert costs == outcomes and is_hidden(costs["Vroegtijdig gestopt (intakefase)"]), costs


def test_the_share_started_within_a_month_goes_with_the_counts_it_divides(report):
    """3 of the 7 that started did so within a month: 42.9 % of the 7 (36 − 29 not started) gave the 3 back."""
    inside = {row.cells[0]: row.cells[1] for row in next(t for t in tables_for(report, "internal", 5)
                                                         if t.key == "timeliness").rows}
    outside = {row.cells[0]: row.cells[1] for row in next(t for t in tables_for(report, "external", 5)
                                                          if t.key == "timeliness").rows}
    assert inside["Aandeel binnen een maand gestart (%)"] == 42.9
    assert is_hidden(outside["Binnen een maand gestart"]) and outside["Aandeel binnen een maand gestart (%)"] == "x"


def test_a_cost_group_by_outcome_shows_the_cases_behind_it(workspace, report):
    """Its count is the outcomes table's count (one count, so hidden alike outside), and a double-click on it lists
    those cases."""
    from borapp.services.reports.annual import cases_behind

    inside = {t.key: t for t in tables_for(report, "internal", 5)}
    for row in inside["costs"].rows:
        selection = row.selection(1)
        if row.kind == "row" and selection is not None:
            assert len(cases_behind(workspace, selection)) == row.cells[1], row.cells[0]
    assert [row.cells[0] for row in inside["costs"].rows if row.selection(1) is not None] == [
        "Succesvol afgerond", "Gestagneerd", "Vroegtijdig gestopt (intakefase)"]


def test_a_column_of_words_has_its_heading_over_its_words_in_the_pdf(workspace, report):
    """"Financiering" stood right-aligned over the left-aligned fundings."""
    import io

    from pypdf import PdfReader

    from borapp.services.reports import files

    starts: dict[str, list[float]] = {}

    def seen(text, _cm, tm, _font, _size):
        if text.strip():
            starts.setdefault(text.strip(), []).append(round(tm[4], 1))

    for page in PdfReader(io.BytesIO(files.render(workspace, report, "pdf"))).pages:
        page.extract_text(visitor_text=seen)
    assert starts["Financiering"][0] == starts["Afrekening per traject"][0], starts["Financiering"]


def test_no_outcome_or_reason_follows_from_the_total_and_what_a_hidden_count_says(workspace):
    """The walker's year: closed 10, Successful 5, Stagnated "<5" (two reasons "<5"), Stopped "<5" (three). "<5" is
    1 to 4, so Stagnated was at least 2 and Stopped at least 3: the 5 left, and every hidden cell was pinned."""
    import itertools

    closings = [("successful", "")] * 5 + [("stagnated", "problems_too_heavy"), ("stagnated", "non_resident_unstable"),
                                           ("stopped_at_intake", "wrong_expectations"),
                                           ("stopped_at_intake", "parents_reconciled"),
                                           ("stopped_at_intake", "no_response")]
    with workspace.session() as s:
        for n, (outcome, reason) in enumerate(closings):
            add_case(s, D(2019, 1, 10 + n), steps=[(D(2019, 6, 1), "closed", outcome, reason)])
    outside = {t.key: t for t in tables_for(annual_report(workspace, 2019, today=D(2020, 2, 1)), "external", 5)}
    total = next(row.cells[2] for row in outside["outcomes"].rows if row.kind == "total")
    outcomes = {row.cells[0]: row.cells[2] for row in outside["outcomes"].rows if row.kind == "row"}
    reasons, under = {}, None
    for row in outside["reasons"].rows:
        if row.kind == "heading":
            under = row.cells[0]
        elif row.kind == "row":
            reasons.setdefault(under, []).append(row.cells[2])

    def readings(cell, most: int) -> range:  # "<5": 1 to 4; "x": anything; a number: itself
        return range(cell, cell + 1) if isinstance(cell, int) else range(1, 5) if cell == "<5" else range(most + 1)

    seen: dict = {}
    names = list(outcomes)
    for values in itertools.product(*(readings(outcomes[n], total) for n in names)):
        if sum(values) != total:
            continue
        ways = [[parts for parts in itertools.product(*(readings(c, v) for c in reasons.get(n, [])))
                 if not reasons.get(n) or sum(parts) == v] for n, v in zip(names, values)]
        if all(ways):
            for n, v, found in zip(names, values, ways):
                seen.setdefault(n, set()).add(v)
                for parts in found:
                    for r, part in enumerate(parts):
                        seen.setdefault((n, r), set()).add(part)
    hidden = [n for n in names if is_hidden(outcomes[n])]
    hidden += [(n, r) for n in names for r, c in enumerate(reasons.get(n, [])) if is_hidden(c)]
    assert hidden and all(len(seen[c]) > 1 for c in hidden), {c: seen[c] for c in hidden}
