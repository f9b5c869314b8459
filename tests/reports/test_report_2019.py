"""The 2019 annual report of MEE & de Wering (seeds/001_…), rebuilt as a spreadsheet of cases and imported: the app
gives its registrations per municipality (2018 and 2019), its outcomes (2018 and 2019) and its closed cases by
registration year exactly.

The 2019 report does not add up everywhere: it counts 26 open cases registered in 2019 and 37 of them closed, out of
54, and its table per municipality says 25 or 27 "still active". A spreadsheet cannot make all of those true at once;
this one keeps the registrations, outcomes and closings by registration year, so 54 - 37 = 17 of 2019's cases are open
at the year's end.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools

import pytest

from borapp.services.importer import import_file
from borapp.services.reports.annual import annual_report

PURCHASED = {"Den Helder": (14, 11), "Alkmaar": (7, 7), "Schagen": (1, 5), "Texel": (0, 1)}
PER_CASE = {"Medemblik": (7, 5), "Hoorn": (5, 3), "Stede Broec": (5, 1), "Heerhugowaard": (3, 1),
            "Enkhuizen": (1, 1), "Drechterland": (2, 3), "Hollands Kroon": (1, 5), "Langedijk": (2, 7),
            "Opmeer": (2, 1), "Beemster": (1, 0), "Koggenland": (0, 1), "BUCH": (1, 2)}
OUTCOMES = {2018: (22, 12, 12), 2019: (24, 11, 16)}  # successful, stagnated, stopped at intake
STAGNATED = ("weerstand verzorgende ouder", "problematiek te zwaar", "uitwonende ouder te instabiel")
STOPPED = ("niet akkoord met overeenkomst", "te vroeg verwezen", "verkeerde verwachtingen", "ouders weer samen",
           "geen passende vrijwilliger")
HEADER = ["Dossiernummer", "Aanmelddatum", "Gemeente", "Financiering", "Verzorgende ouder", "Uitwonende ouder",
          "Kinderen", "Fase", "Uitkomst", "Reden", "Afgesloten op"]


@pytest.fixture(autouse=True)
def _english(_dutch):
    from borapp.i18n import set_language

    set_language("en")


def _registrations() -> list[tuple[int, str, str]]:
    """(year, municipality, funding) of every case: 30 in 2017, then the report's table for 2018 and 2019."""
    cases = [(2017, "Den Helder", "ingekocht")] * 30
    for index, year in ((0, 2018), (1, 2019)):
        for table, funding in ((PURCHASED, "ingekocht"), (PER_CASE, "afrekening per traject")):
            cases += [(year, name, funding) for name, counts in table.items() for _ in range(counts[index])]
    return cases


def _closings() -> dict[tuple[int, int], int]:
    """(registration year, closing year) → number of cases: 46 closed in 2018 and 51 in 2019 (1 + 13 + 37)."""
    return {(2017, 2017): 21, (2017, 2018): 8, (2017, 2019): 1, (2018, 2018): 38, (2018, 2019): 13,
            (2019, 2019): 37}


def _outcome_cells(year: int):
    successful, stagnated, stopped = OUTCOMES[year]
    reasons_stagnated, reasons_stopped = itertools.cycle(STAGNATED), itertools.cycle(STOPPED)
    yield from (("succesvol", "") for _ in range(successful))
    yield from (("gestagneerd", next(reasons_stagnated)) for _ in range(stagnated))
    yield from (("vroegtijdig gestopt", next(reasons_stopped)) for _ in range(stopped))


def write_csv(path) -> None:
    left = dict(_closings())
    outcomes = {2017: itertools.repeat(("succesvol", "")), 2018: _outcome_cells(2018), 2019: _outcome_cells(2019)}
    waiting = 2
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(HEADER)
        for n, (year, municipality, funding) in enumerate(_registrations(), 1):
            registered = dt.date(year, 1, 2) + dt.timedelta(days=n % 200)
            closing_year = next((c for (r, c), left_n in left.items() if r == year and left_n), None)
            cells = ["intakefase", "", "", ""]
            if closing_year is not None:
                left[(year, closing_year)] -= 1
                outcome, reason = next(outcomes[closing_year])
                closed_on = dt.date(closing_year, 12, 1) + dt.timedelta(days=n % 30)
                cells = ["afgesloten", outcome, reason, closed_on.strftime("%d-%m-%Y")]
            elif waiting:
                waiting -= 1
                cells[0] = "wachtlijst"
            out.writerow([f"BOR-{year}-{n:03d}", registered.strftime("%d-%m-%Y"), municipality, funding,
                          f"Ouder A{n}", f"Ouder B{n}", f"Kind {n} (2015-05-05)", *cells])


@pytest.fixture
def report_2019(vault, tmp_path):
    path = tmp_path / "bor-2019.csv"
    write_csv(path)
    result = import_file(vault, "cases", path)
    assert not result.errors and result.created == 136
    from borapp.services.vault.workspace import Workspace

    return Workspace(vault)


def test_registrations_per_municipality(report_2019):
    report = annual_report(report_2019, 2019)
    expected = {name: counts[1] for name, counts in {**PURCHASED, **PER_CASE}.items() if counts[1]}
    assert report.registrations.total.as_dict() == expected
    assert report.registrations.total.value == 54
    assert report.registrations.previous_year.as_dict() == {
        name: counts[0] for name, counts in {**PURCHASED, **PER_CASE}.items() if counts[0]}
    assert report.registrations.previous_year.value == 52
    assert report.registrations.by_funding.as_dict() == {"purchased": 24, "per_case": 30}
    assert annual_report(report_2019, 2018).registrations.previous_year.value == 30
    table = {(row.funding, row.municipality): (row.previous_year, row.registered) for row in report.registrations.table}
    assert table[("purchased", "Den Helder")] == (14, 11) and table[("per_case", "Beemster")] == (1, 0)


def test_outcomes_year_on_year(report_2019):
    report = annual_report(report_2019, 2019)
    assert report.closed.by_outcome.value == 51
    assert report.closed.by_outcome.as_dict() == {"successful": 24, "stagnated": 11, "stopped_at_intake": 16}
    assert report.closed_previous_year.by_outcome.value == 46
    assert report.closed_previous_year.by_outcome.as_dict() == {
        "successful": 22, "stagnated": 12, "stopped_at_intake": 12}
    assert report.closed.by_outcome.part("stagnated").as_dict() == {
        "resident_resistance": 4, "problems_too_heavy": 4, "non_resident_unstable": 3}


def test_closed_by_registration_year_and_open_at_year_end(report_2019):
    report = annual_report(report_2019, 2019)
    assert report.closed.by_registration_year.as_dict() == {"2017": 1, "2018": 13, "2019": 37}
    assert report.open_at_year_end.by_registration_year.as_dict() == {"2018": 1, "2019": 17}
    assert report.open_at_year_end.waiting_list.value == 2
