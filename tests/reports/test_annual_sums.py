"""Property test over generated vaults: every total of the annual report equals the sum of its parts, the groups
agree with each other (registrations = open + closed, closings by outcome = by registration year, the pool at the
end = at the start - left + joined), and the case counts equal those of a plain count over the generated records."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from borapp.models import Case, Meeting, Municipality, StatusChange, Training, Visit, Volunteer
from borapp.services.cases.status import OUTCOMES, STATUSES
from borapp.services.reports.annual import annual_report
from tests.reports.test_annual_figures import figures_with_cases
from tests.reports.vault_builder import add_case, add_volunteer, municipality

START = dt.date(2017, 1, 1)
YEARS = (2018, 2019, 2020)
days = st.integers(0, 4 * 365)
step = st.tuples(st.integers(0, 300), st.sampled_from(STATUSES), st.sampled_from(OUTCOMES + ("",)),
                 st.sampled_from(("", "other", "no_response")))
a_case = st.fixed_dictionaries({
    "registered": days, "municipality": st.sampled_from((None, "Alkmaar", "Hoorn", "Texel")),
    "funding": st.sampled_from(("", "purchased", "per_case")), "steps": st.lists(step, max_size=5),
    "first_visit": st.one_of(st.none(), st.integers(0, 120)),
})
a_volunteer = st.tuples(st.one_of(st.none(), days), st.one_of(st.none(), st.integers(0, 900)), st.booleans())


def _dated(spec) -> list[tuple]:
    on, steps = START + dt.timedelta(days=spec["registered"]), []
    for gap, status, outcome, reason in spec["steps"]:
        on += dt.timedelta(days=gap)
        steps.append((on, status, outcome if status == "closed" else "", reason if status == "closed" else ""))
    return steps


def _write(workspace, cases, volunteers) -> None:
    with workspace.session() as s:
        for model in (Visit, StatusChange, Case, Training, Meeting, Volunteer, Municipality):
            s.execute(delete(model))
        for spec in cases:
            registered = START + dt.timedelta(days=spec["registered"])
            first = spec["first_visit"]
            add_case(s, registered, municipality_id=municipality(s, spec["municipality"]) if spec["municipality"]
                     else None, funding=spec["funding"], steps=_dated(spec),
                     first_visit=registered + dt.timedelta(days=first) if first is not None else None)
        for n, (joined, stay, active) in enumerate(volunteers):
            joined_on = START + dt.timedelta(days=joined) if joined is not None else None
            left_on = joined_on + dt.timedelta(days=stay) if joined_on and stay is not None else None
            add_volunteer(s, f"V{n}", joined_on, left_on, active=active, vog=joined_on, trained=joined_on)


def _state_at_end(spec, year: int) -> tuple[str, dt.date | None]:
    """The oracle: the status at 31 December and the date it was taken, from the generated steps."""
    end, state = dt.date(year, 12, 31), ("registered", None)
    for on, status, _outcome, _reason in _dated(spec):
        if on <= end:
            state = (status, on)
    return state


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(a_case, max_size=25), volunteers=st.lists(a_volunteer, max_size=8))
def test_every_total_is_the_sum_of_its_parts(workspace, cases, volunteers):
    _write(workspace, cases, volunteers)
    for year in YEARS:
        report = annual_report(workspace, year)
        for top in figures_with_cases(report) + [report.volunteers.start_of_year, report.volunteers.end_of_year,
                                                 report.volunteers.meetings, report.volunteers.trainings]:
            for fig in top.walk():
                if fig.parts:
                    assert fig.value == sum(p.value for p in fig.parts), (year, top.key, fig.key)
        _groups_agree(report)
        _counts_match_the_records(report, cases, year)


def _groups_agree(report) -> None:
    year, reg = report.year, report.registrations
    assert reg.total.value == reg.by_funding.value == report.timeliness.started.value
    assert reg.total.value == sum(r.registered for r in reg.table)
    assert reg.previous_year.value == sum(r.previous_year for r in reg.table)
    opened = report.open_at_year_end.by_registration_year.part_value(str(year))
    closed_by_end = sum(p.part_value("closed") for p in reg.total.parts)
    assert reg.total.value == opened + closed_by_end
    assert report.closed.by_outcome.value == report.closed.by_registration_year.value
    assert report.open_at_year_end.waiting_list.value <= report.open_at_year_end.by_registration_year.value
    v = report.volunteers
    assert v.end_of_year.value == v.start_of_year.value - v.start_of_year.part_value("left") \
        + v.end_of_year.part_value("joined")
    assert v.deployable_end_of_year <= v.end_of_year.value


def _counts_match_the_records(report, cases, year: int) -> None:
    registered = [c for c in cases if (START + dt.timedelta(days=c["registered"])).year == year]
    upto = [c for c in cases if (START + dt.timedelta(days=c["registered"])).year <= year]
    states = [_state_at_end(c, year) for c in upto]
    closed_in = sum(1 for status, on in states if status == "closed" and on.year == year)
    still_open = sum(1 for status, _on in states if status != "closed")
    waiting = sum(1 for status, _on in states if status in ("registered", "waiting"))
    assert report.registrations.total.value == len(registered)
    assert report.closed.by_outcome.value == closed_in
    assert report.open_at_year_end.by_registration_year.value == still_open
    assert report.open_at_year_end.waiting_list.value == waiting
