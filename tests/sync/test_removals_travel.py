"""A record the save itself removes from a list (a child taken off the case form, a training no longer listed, a
volunteer no longer at a meeting) is deleted on the other laptops too; the ORM deletes those as orphans, which
`session.deleted` never lists, so they stayed on the other laptops and a volunteer's trainings were doubled there at
every save."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import Case, Child, SyncOp, Training
from borapp.services.cases.editing import ChildInput, FamilyInput, save_family
from borapp.services.volunteers.profiles import TrainingItem, VolunteerInput, save_volunteer
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


def _both_sync(anna, bram) -> None:
    for laptop in (anna, bram, anna, bram):
        laptop.sync()


def _children(laptop, ref: str) -> list[str]:
    with laptop.workspace.session() as session:
        return sorted(session.scalars(select(Child.name).join(Case).where(Case.ref == ref)))


def test_a_child_taken_off_the_case_form_is_gone_on_the_other_laptop(team):
    anna, bram = team
    ref = anna.register()
    with anna.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        case.children += [Child(name="Kim Smit"), Child(name="Noor Smit")]
    _both_sync(anna, bram)
    assert _children(bram, ref) == ["Kim Smit", "Noor Smit"]
    with anna.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        kim = next(c for c in case.children if c.name == "Kim Smit")
        case_id, kim = case.id, ChildInput(kim.id, kim.name, kim.birth_date)
    save_family(anna.workspace, case_id, FamilyInput(children=(kim,)))
    _both_sync(anna, bram)
    assert _children(anna, ref) == _children(bram, ref) == ["Kim Smit"]


def test_a_volunteers_trainings_saved_again_are_not_doubled_on_the_other_laptop(team):
    anna, bram = team
    courses = (TrainingItem("initial", dt.date(2025, 3, 1)), TrainingItem("refresher", dt.date(2026, 3, 1)))
    volunteer = save_volunteer(anna.workspace, VolunteerInput(name="Joost Veld", trainings=courses))
    _both_sync(anna, bram)
    for _ in range(2):  # saved again unchanged: the trainings are the same records, nothing to send
        save_volunteer(anna.workspace, VolunteerInput(name="Joost Veld", id=volunteer, trainings=courses))
    with anna.workspace.session() as session:
        assert session.scalars(select(SyncOp.kind).where(SyncOp.type == "training",
                                                         SyncOp.outcome.is_(None))).all() == []
    save_volunteer(anna.workspace, VolunteerInput(name="Joost Veld", id=volunteer, trainings=courses[:1]))
    _both_sync(anna, bram)
    for laptop in (anna, bram):
        with laptop.workspace.session() as session:
            assert [(t.kind, t.on) for t in session.scalars(select(Training))] == [("initial", dt.date(2025, 3, 1))]
