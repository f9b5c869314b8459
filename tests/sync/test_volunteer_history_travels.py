"""A volunteer's VOGs and pauses travel like her trainings: a VOG renewed on one laptop and a pause started on the
other, both offline, reach both (field by field: the one changed the VOG date, the other the tick), and both
laptops' reports count the past years alike. The same VOG date entered on two laptops is one VOG."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import SyncOp, VogIssue, Volunteer, VolunteerPause
from borapp.services.reports.annual import annual_report
from borapp.services.volunteers import profiles as vs
from borapp.services.volunteers.profiles import TrainingItem, VolunteerInput
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

TODAY = dt.date.today()


def _id(laptop) -> int:
    with laptop.workspace.reading() as session:
        return session.scalar(select(Volunteer.id).where(Volunteer.name == "Ans"))


def _edit(laptop, **changes) -> None:
    p = vs.load_volunteer(laptop.workspace, _id(laptop))
    kept = {"vog_date": p.vog_date, "active": p.active, "joined_on": p.joined_on, "left_on": p.left_on}
    vs.save_volunteer(laptop.workspace, VolunteerInput(name=p.name, id=p.id, **{**kept, **changes}))


def _history(laptop) -> tuple:
    with laptop.workspace.reading() as session:
        vogs = sorted(session.scalars(select(VogIssue.issued_on)))
        pauses = session.execute(select(VolunteerPause.started_on, VolunteerPause.ended_on)).all()
        volunteer = session.scalar(select(Volunteer))
        return vogs, [tuple(p) for p in pauses], volunteer.vog_date, volunteer.active


def _deployable(laptop) -> list[int]:
    return [annual_report(laptop.workspace, y).volunteers.deployable_end_of_year for y in range(2021, TODAY.year + 1)]


def _everyone_syncs(*laptops) -> None:
    for laptop in (*laptops, *laptops):
        laptop.sync()


def test_a_vog_renewed_on_one_laptop_and_a_pause_on_the_other_reach_both(team):
    anna, bram = team
    vs.save_volunteer(anna.workspace, VolunteerInput(
        name="Ans", vog_date=dt.date(2022, 3, 1), joined_on=dt.date(2020, 1, 1),
        trainings=(TrainingItem("initial", dt.date(2020, 2, 1)),)))
    _everyone_syncs(anna, bram)
    assert _history(bram) == ([dt.date(2022, 3, 1)], [], dt.date(2022, 3, 1), True)
    past = _deployable(bram)

    _edit(anna, vog_date=TODAY)  # renewed on anna's laptop
    _edit(bram, active=False)  # paused on bram's, before either synced
    _everyone_syncs(anna, bram)
    for laptop in (anna, bram):
        assert _history(laptop) == ([dt.date(2022, 3, 1), TODAY], [(TODAY, None)], TODAY, False)
        assert _deployable(laptop)[:-1] == past[:-1]  # the past years as they were, on both laptops
        assert _deployable(laptop)[-1] == 0  # paused today
    with anna.workspace.reading() as session:
        assert not [f for f in session.scalars(select(SyncOp.outcome)) if f == "conflict"]

    _edit(anna, active=True)  # back: the pause ends today, on both
    _everyone_syncs(anna, bram)
    assert _history(bram)[1] == []  # paused and back the same day: no pause left


def test_the_same_vog_entered_on_two_laptops_is_one_vog(team):
    anna, bram = team
    vs.save_volunteer(anna.workspace, VolunteerInput(name="Ans", joined_on=dt.date(2020, 1, 1)))
    _everyone_syncs(anna, bram)
    _edit(anna, vog_date=dt.date(2025, 5, 5))
    _edit(bram, vog_date=dt.date(2025, 5, 5))
    _everyone_syncs(anna, bram)
    for laptop in (anna, bram):
        assert _history(laptop)[0] == [dt.date(2025, 5, 5)]
