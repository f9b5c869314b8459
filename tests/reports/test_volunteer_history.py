"""A past year's volunteer figures stay as they were: deployable on 31 December is read from the VOG valid that day
and whether the volunteer was paused then (their history), not from the latest VOG date or today's "Active" tick."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import VogIssue, VolunteerPause
from borapp.services.reports.annual import annual_report
from borapp.services.volunteers import profiles as vs
from borapp.services.volunteers.profiles import TrainingItem, VolunteerInput

TODAY = dt.date.today()
PAST = range(2019, TODAY.year)


def _figures(workspace) -> dict[int, tuple[int, int, int]]:
    out = {}
    for year in PAST:
        v = annual_report(workspace, year).volunteers
        out[year] = (v.start_of_year.value, v.end_of_year.value, v.deployable_end_of_year)
    return out


def _pool(workspace) -> dict[str, int]:
    """Four volunteers since 2018 with their training day, as the profile saves them, each with another VOG date."""
    ids = {}
    for name, vog in (("Ans", dt.date(2018, 3, 1)), ("Bas", dt.date(2021, 1, 15)), ("Cor", dt.date(2022, 3, 1)),
                      ("Dik", dt.date(TODAY.year - 1, 6, 1))):
        ids[name] = vs.save_volunteer(workspace, VolunteerInput(
            name=name, vog_date=vog, joined_on=dt.date(2018, 1, 1),
            trainings=(TrainingItem("initial", dt.date(2018, 2, 1)),)))
    return ids


def _edit(workspace, volunteer_id: int, **changes) -> None:
    p = vs.load_volunteer(workspace, volunteer_id)
    kept = {"vog_date": p.vog_date, "active": p.active, "joined_on": p.joined_on, "left_on": p.left_on}
    vs.save_volunteer(workspace, VolunteerInput(name=p.name, id=p.id, **{**kept, **changes}))


def test_renewing_a_vog_today_leaves_every_past_year_as_it_was(workspace):
    ids = _pool(workspace)
    before = _figures(workspace)
    assert before[2019][2] == 1 and before[2021][2] == 1 and before[2022][2] == 2 and before[2023][2] == 2
    for name in ("Ans", "Bas", "Cor", "Dik"):
        _edit(workspace, ids[name], vog_date=TODAY)
    assert _figures(workspace) == before
    assert annual_report(workspace, TODAY.year).volunteers.deployable_end_of_year == 4  # today's VOGs count now
    assert vs.load_volunteer(workspace, ids["Bas"]).vogs == (TODAY, dt.date(2021, 1, 15))


def test_pausing_today_leaves_every_past_year_as_it_was_and_resuming_ends_the_pause(workspace):
    ids = _pool(workspace)
    before = _figures(workspace)
    _edit(workspace, ids["Dik"], active=False)
    assert _figures(workspace) == before
    assert annual_report(workspace, TODAY.year).volunteers.deployable_end_of_year == 0  # Dik paused, the rest stale
    _edit(workspace, ids["Dik"], active=True)  # back the same day: no pause left behind
    with workspace.reading() as session:
        assert session.scalars(select(VolunteerPause)).all() == []
    assert annual_report(workspace, TODAY.year).volunteers.deployable_end_of_year == 1


def test_an_earlier_vog_date_corrects_the_latest_and_a_new_volunteer_not_active_never_counted(workspace):
    ids = _pool(workspace)
    _edit(workspace, ids["Cor"], vog_date=dt.date(2024, 5, 1))  # a renewal
    _edit(workspace, ids["Cor"], vog_date=dt.date(2024, 4, 1))  # the renewal's date mistyped: corrected
    assert vs.load_volunteer(workspace, ids["Cor"]).vogs == (dt.date(2024, 4, 1), dt.date(2022, 3, 1))
    before = _figures(workspace)
    vs.save_volunteer(workspace, VolunteerInput(name="Eef", vog_date=dt.date(2022, 1, 1), active=False,
                                                joined_on=dt.date(2018, 1, 1),
                                                trainings=(TrainingItem("initial", dt.date(2018, 2, 1)),)))
    assert {y: f[2] for y, f in _figures(workspace).items()} == {y: f[2] for y, f in before.items()}
    with workspace.reading() as session:
        assert session.scalars(select(VolunteerPause.started_on)).all() == [None]
        assert len(session.scalars(select(VogIssue)).all()) == 6  # Eef's too
