"""The annual report's figures on a hand-made vault with known answers: registered on 31 December, closed on
1 January, closed and reopened (in the same year and in the next), no municipality, the volunteer pool's edges."""

from __future__ import annotations

import datetime as dt

import pytest

from borapp.services.errors import UsageError
from borapp.services.reports.annual import annual_report, cases_behind
from borapp.services.reports.periods import check_year
from tests.reports.vault_builder import D, add_case, add_meeting, add_volunteer, municipality



@pytest.fixture(autouse=True)
def _english(_dutch):
    from borapp.i18n import set_language

    set_language("en")


def walk_to_closing(start, end):
    """Steps from intake to closing, dated from `start`, the closing step on `end`."""
    return [(start, "intake"), (start, "contract"), (start, "matching"), (start, "visits"), (end, "closing")]


@pytest.fixture
def known(workspace):
    with workspace.session() as s:
        helder = municipality(s, "Den Helder", "purchased", 2019, 12)
        hoorn = municipality(s, "Hoorn", "per_case", 2019)
        ids = {}
        ids["A"] = add_case(s, D(2019, 12, 31), municipality_id=helder, funding="purchased")
        ids["B"] = add_case(s, D(2018, 12, 31), municipality_id=helder, funding="purchased",
                            steps=[(D(2019, 1, 1), "intake"),
                                   (D(2019, 1, 1), "closed", "stopped_at_intake", "contract_rejected")])
        ids["C"] = add_case(s, D(2019, 3, 1), municipality_id=hoorn, funding="per_case", first_visit=D(2019, 3, 25),
                            steps=walk_to_closing(D(2019, 3, 10), D(2019, 5, 30)) + [
                                (D(2019, 6, 1), "closed", "successful"), (D(2019, 7, 1), "closing"),
                                (D(2019, 11, 1), "closed", "stagnated", "resident_resistance")])
        ids["D"] = add_case(s, D(2019, 2, 1), municipality_id=hoorn, funding="per_case", first_visit=D(2019, 2, 20),
                            steps=walk_to_closing(D(2019, 2, 5), D(2019, 4, 30)) + [
                                (D(2019, 5, 1), "closed", "successful"), (D(2020, 2, 1), "closing")])
        ids["E"] = add_case(s, D(2019, 5, 1), steps=[(D(2019, 5, 10), "intake"),
                                                     (D(2019, 12, 31), "closed", "stopped_at_intake", "no_response")])
        ids["F"] = add_case(s, D(2019, 6, 1), municipality_id=helder, funding="purchased", first_visit=D(2019, 8, 15),
                            steps=walk_to_closing(D(2019, 6, 10), D(2019, 8, 30)) + [
                                (D(2019, 9, 1), "closed", "successful"), (D(2019, 10, 1), "closing")])
        ids["G"] = add_case(s, D(2017, 5, 1), municipality_id=helder, funding="purchased",
                            steps=walk_to_closing(D(2017, 6, 1), D(2019, 12, 1)) + [
                                (D(2019, 12, 31), "closed", "successful")])
        ids["H"] = add_case(s, D(2018, 3, 1), municipality_id=hoorn, funding="per_case",
                            steps=walk_to_closing(D(2018, 3, 5), D(2018, 9, 30)) + [
                                (D(2018, 10, 1), "closed", "stagnated", "problems_too_heavy")])
        ids["I"] = add_case(s, D(2020, 1, 1), municipality_id=hoorn, funding="per_case",
                            steps=[(D(2020, 1, 1), "intake"),
                                   (D(2020, 1, 1), "closed", "stopped_at_intake", "parents_reconciled")])
        ids["J"] = add_case(s, D(2018, 6, 1), municipality_id=hoorn, funding="per_case",
                            steps=[(D(2018, 7, 1), "intake"), (D(2018, 7, 2), "contract")])
        vols = {}
        vols[1] = add_volunteer(s, "V1", D(2015, 1, 1), vog=D(2018, 1, 1), trained=D(2015, 2, 1))
        vols[2] = add_volunteer(s, "V2", D(2019, 1, 1), D(2019, 6, 30), vog=D(2019, 1, 1), trained=D(2019, 1, 2))
        vols[3] = add_volunteer(s, "V3", D(2019, 11, 16), vog=D(2019, 11, 1), trained=D(2019, 11, 16))
        vols[4] = add_volunteer(s, "V4", D(2010, 1, 1), vog=D(2016, 12, 30), trained=D(2010, 2, 1))
        vols[5] = add_volunteer(s, "V5", D(2018, 1, 1), vog=D(2019, 1, 1))
        vols[6] = add_volunteer(s, "V6", D(2018, 1, 1), D(2019, 12, 31), vog=D(2019, 1, 1), trained=D(2018, 2, 1))
        vols[7] = add_volunteer(s, "V7", D(2019, 3, 1), D(2019, 4, 1), trained=D(2019, 11, 16))
        vols[8] = add_volunteer(s, "V8", D(2020, 1, 1), vog=D(2020, 1, 1), trained=D(2020, 1, 2))
        vols[9] = add_volunteer(s, "V9", D(2017, 1, 1), active=False, vog=D(2019, 1, 1), trained=D(2017, 2, 1))
        add_meeting(s, D(2019, 3, 1), [vols[1], vols[4], vols[5], vols[9]])
        add_meeting(s, D(2019, 4, 1), [vols[1], vols[4]], cancelled=True)
        add_meeting(s, D(2019, 5, 1), [vols[i] for i in (1, 3, 4, 5, 9)], cancelled=True)
        add_meeting(s, D(2018, 12, 31), [vols[1], vols[4], vols[5], vols[9]])
    return ids


def test_registrations(workspace, known):
    report = annual_report(workspace, 2019)
    total = report.registrations.total
    assert total.value == 5
    assert total.as_dict() == {"Den Helder": 2, "Hoorn": 2, "(none)": 1}
    assert total.part("Den Helder").as_dict() == {"open": 2, "closed": 0}
    assert total.part("Hoorn").as_dict() == {"open": 0, "closed": 2}
    assert total.part("(none)").label == "No municipality"
    assert report.registrations.by_funding.as_dict() == {"purchased": 2, "per_case": 2, "unknown": 1}
    assert report.registrations.previous_year.value == 3
    assert report.registrations.previous_year.as_dict() == {"Den Helder": 1, "Hoorn": 2}
    rows = [(r.funding, r.municipality, r.previous_year, r.registered, r.open, r.closed)
            for r in report.registrations.table]
    assert rows == [("purchased", "Den Helder", 1, 2, 2, 0), ("per_case", "Hoorn", 2, 2, 0, 2),
                    ("", "No municipality", 0, 1, 0, 1)]


def test_closings_count_the_state_at_year_end(workspace, known):
    report = annual_report(workspace, 2019)
    closed = report.closed.by_outcome
    assert closed.value == 5
    assert closed.as_dict() == {"successful": 2, "stagnated": 1, "stopped_at_intake": 2}
    assert closed.part("stagnated").as_dict() == {"resident_resistance": 1}  # C: closed twice, counted once
    assert closed.part("stopped_at_intake").as_dict() == {"contract_rejected": 1, "no_response": 1}
    assert report.closed.by_registration_year.as_dict() == {"2017": 1, "2018": 1, "2019": 3}
    previous = report.closed_previous_year
    assert previous.year == 2018
    assert previous.by_outcome.as_dict() == {"successful": 0, "stagnated": 1, "stopped_at_intake": 0}
    assert previous.by_outcome.part("stagnated").as_dict() == {"problems_too_heavy": 1}


def test_closing_on_1_january_belongs_to_that_year(workspace, known):
    behind = cases_behind(workspace, annual_report(workspace, 2019).closed.by_registration_year.part("2018").selection)
    assert [c.id for c in behind] == [known["B"]]
    open_2018 = annual_report(workspace, 2018).open_at_year_end.by_registration_year.part("2018")
    assert [c.id for c in cases_behind(workspace, open_2018.selection)] == [known["J"], known["B"]]


def test_open_cases_and_waiting_list(workspace, known):
    report = annual_report(workspace, 2019)
    assert report.open_at_year_end.by_registration_year.as_dict() == {"2018": 1, "2019": 2}
    assert [c.id for c in cases_behind(workspace, report.open_at_year_end.waiting_list.selection)] == [known["A"]]
    later = annual_report(workspace, 2020)  # D reopened in 2020: open again then, still closed in 2019's report
    assert [c.id for c in cases_behind(workspace, later.open_at_year_end.by_registration_year.part("2019").selection)
            ] == [known["D"], known["F"], known["A"]]


def test_volunteers(workspace, known):
    v = annual_report(workspace, 2019).volunteers
    assert v.start_of_year.as_dict() == {"stayed": 4, "left": 2}
    assert v.end_of_year.as_dict() == {"stayed": 4, "joined": 1}
    assert (v.start_of_year.value, v.end_of_year.value, v.deployable_end_of_year) == (6, 5, 2)
    assert v.growth_percent == -16.7
    assert v.trainings.as_dict() == {"initial": 2, "refresher": 0}  # 2 January and 16 November
    assert v.training_attendance.as_dict() == {"initial": 3, "refresher": 0}
    assert v.meetings.as_dict() == {"held": 1, "cancelled_low_attendance": 1, "cancelled_other": 1}
    assert v.meeting_attendance == 4


def test_a_leaving_date_still_ahead_has_not_happened_yet(workspace, known):
    """The current year's report, counted to 6 December, took V6 (leaving on 31 December) as gone already (a walk:
    left 2, pool 4). Counted to that day she is in the pool and deployable; V4's VOG is still within its three years."""
    early = annual_report(workspace, 2019, today=dt.date(2019, 12, 6)).volunteers
    assert early.start_of_year.as_dict() == {"stayed": 5, "left": 1}
    assert early.end_of_year.as_dict() == {"stayed": 5, "joined": 1}
    assert early.deployable_end_of_year == 4
    late = annual_report(workspace, 2019, today=dt.date(2020, 1, 10)).volunteers
    assert (late.start_of_year.part_value("left"), late.end_of_year.value, late.deployable_end_of_year) == (2, 5, 2)


def test_a_meeting_still_to_come_is_not_counted_as_held(workspace, known):
    """The provisional report of the current year counted a meeting planned for 28 December as held (a walk)."""
    from borapp.models import Meeting

    with workspace.session() as session:
        session.add(Meeting(held_on=dt.date(2019, 12, 28)))
    early = annual_report(workspace, 2019, today=dt.date(2019, 2, 15)).volunteers
    assert early.meetings.as_dict() == {"held": 0, "to_come": 2, "cancelled_low_attendance": 1,
                                        "cancelled_other": 1}
    assert early.meeting_attendance == 0
    late = annual_report(workspace, 2019, today=dt.date(2020, 1, 10)).volunteers
    assert late.meetings.as_dict() == {"held": 2, "cancelled_low_attendance": 1, "cancelled_other": 1}


def test_timeliness(workspace, known):
    t = annual_report(workspace, 2019).timeliness
    assert t.started.as_dict() == {"within_month": 2, "later": 1, "not_started": 2}
    assert t.median_days == 24
    assert t.share_within_month == 66.7


def test_invoicing(workspace, known):
    rows = {r.municipality: r for r in annual_report(workspace, 2019).invoicing}
    assert set(rows) == {"Den Helder", "Hoorn"}
    helder, hoorn = rows["Den Helder"], rows["Hoorn"]
    assert (helder.funding, helder.purchased, helder.used, helder.remaining, helder.per_case) == (
        "purchased", 12, 2, 10, 0)
    assert (hoorn.funding, hoorn.purchased, hoorn.used, hoorn.per_case) == ("per_case", None, 0, 2)
    assert [c.id for c in cases_behind(workspace, hoorn.per_case_selection)] == [known["D"], known["C"]]



def test_the_invoicing_table_leaves_the_other_fundings_zero_blank(workspace, known):
    """Hoorn pays per case: "Gebruikt 0" beside "Te factureren 2" read as trajectories it had not used."""
    from borapp.services.reports.tables_people import all_tables

    [table] = [t for t in all_tables(annual_report(workspace, 2019)) if t.key == "invoicing"]
    rows = {row.cells[0]: row for row in table.rows}
    assert rows["Hoorn"].cells[2:] == (None, None, None, 2) and rows["Hoorn"].selection(3) is None
    assert rows["Den Helder"].cells[2:] == (12, 2, 10, None)


def test_every_figure_has_its_cases_behind_it(workspace, known):
    for year in (2018, 2019, 2020):
        report = annual_report(workspace, year)
        for top in figures_with_cases(report):
            for fig in top.walk():
                assert len(cases_behind(workspace, fig.selection)) == fig.value, (year, top.key, fig.key)


def figures_with_cases(report):
    return [report.registrations.total, report.registrations.by_funding, report.registrations.previous_year,
            report.closed.by_outcome, report.closed.by_registration_year, report.closed_previous_year.by_outcome,
            report.open_at_year_end.by_registration_year, report.open_at_year_end.waiting_list,
            report.timeliness.started]


def test_empty_vault(workspace):
    report = annual_report(workspace, 2019)
    assert report.registrations.total.value == 0
    assert report.closed.by_outcome.as_dict() == {"successful": 0, "stagnated": 0, "stopped_at_intake": 0}
    assert report.timeliness.median_days is None and report.timeliness.share_within_month is None
    assert report.volunteers.growth_percent is None


@pytest.mark.parametrize("year", ["twenty", "1989", "3000", ""])
def test_a_bad_year_is_refused_with_a_message(year):
    with pytest.raises(UsageError, match="year"):
        check_year(year)


def test_meetings_held_per_kind_and_region_and_cancelled_for_the_reason_given(workspace):
    """Every cancelled meeting was counted under "fewer than 4 attendees" (none had attendance) and "another reason"
    stayed 0; and case discussions and theme evenings were one number, as the 2019 report does not count them."""
    from borapp.services.reports.tables_people import people_tables
    from borapp.services.volunteers import meetings

    ids = []
    with workspace.session() as s:
        ids = [add_volunteer(s, f"Proef {n}", joined=D(2018, 1, 1)) for n in range(4)]
    for day, region, kind in ((1, "Hoorn", "case_discussion"), (2, "Schagen", "case_discussion"),
                              (3, "Schagen", "case_discussion"), (4, "", "theme")):
        held = meetings.add_meeting(workspace, D(2019, 3, day), region, kind, "Meerzijdige partijdigheid")
        meetings.record_attendance(workspace, held, ids)
    for day, reason, note in ((5, "too_few", ""), (6, "too_few", ""), (7, "other", "Geen zaal")):
        meetings.set_cancelled(workspace, meetings.add_meeting(workspace, D(2019, 4, day), "Hoorn"), True, reason,
                               note)
    v = annual_report(workspace, 2019).volunteers
    assert v.meetings.as_dict() == {"held": 4, "cancelled_low_attendance": 2, "cancelled_other": 1}
    held = v.meetings.part("held")
    assert held.part("case_discussion").as_dict() == {"Hoorn": 1, "Schagen": 2}
    assert held.part("theme").value == 1 and v.meeting_attendance == 16
    table = next(t for t in people_tables(annual_report(workspace, 2019)) if t.key == "trainings_and_meetings")
    assert [r.cells for r in table.rows][-8:] == [
        ("Case discussions held: Hoorn", 1), ("Case discussions held: Schagen", 2), ("Case discussions held", 3),
        ("Theme evenings held", 1), ("Meetings held", 4), ("Cancelled: too few sign-ups", 2),
        ("Cancelled for another reason", 1), ("Attendances at the meetings held", 16)]
