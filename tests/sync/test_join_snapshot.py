"""Joining hands every record of the vault to the team (the snapshot): a colleague's empty laptop gets all of them,
each still pointing at the right case, volunteer and municipality."""

from __future__ import annotations

from sqlalchemy import func, select

from borapp.models import Case, Child, Parent, StatusChange, Visit, Volunteer
from borapp.services.sync.run import sync_now
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_killed_sync import Laptop, office  # noqa: F401 - fixture


def picture(workspace) -> dict:
    """What a coordinator would see, by case number and names (local ids differ between laptops)."""
    with workspace.session() as session:
        counts = {model.__name__: session.scalar(select(func.count()).select_from(model))
                  for model in (Case, Parent, Child, StatusChange, Visit, Volunteer)}
        visits = sorted(session.execute(select(Case.ref, Visit.on, Visit.state, Volunteer.name)
                                        .join(Case, Case.id == Visit.case_id)
                                        .outerjoin(Volunteer, Volunteer.id == Visit.volunteer_id)).all())
        cases = sorted(session.execute(select(Case.ref, Case.status, Volunteer.name)
                                       .outerjoin(Volunteer, Volunteer.id == Case.volunteer_id)).all())
    return {"counts": counts, "visits": visits, "cases": cases}


def test_a_joined_demo_vault_arrives_whole_on_an_empty_laptop(tmp_path, office, db_url):
    anna = Laptop(tmp_path, "anna", office.url, db_url, cases=25)
    bram = Laptop(tmp_path, "bram", office.url, db_url)
    source, target = anna.open(), bram.open()
    try:
        sync_now(source)
        sync_now(target)
        expected = picture(source)
        assert expected["counts"]["Visit"] > 100 and any(name for *_r, name in expected["visits"])
        assert picture(target) == expected
    finally:
        source.lock()
        target.lock()
