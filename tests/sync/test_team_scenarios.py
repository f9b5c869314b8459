"""Two laptops (real encrypted vaults) and the office server (the real service on a throw-away PostgreSQL): what
one coordinator does reaches the other, two edits of one field become one conflict that a person settles, a delete
never loses to an edit, and an erasure is gone everywhere (issue 14's scenarios, from the laptops' side)."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from borapp.models import Case, Municipality, Parent
from borapp.server import devices
from borapp.services.privacy.erasure import erase_case
from borapp.services.sync import conflicts
from borapp.services.sync.join import join
from borapp.services.sync.run import sync_now
from borapp.services.vault.vault import Vault, unlock_key
from borapp.services.vault.workspace import Workspace, add_coordinator
from tests.conftest import PASSPHRASE
from tests.helpers.decrypt import decrypted_everything
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures

URL = "https://testserver"  # an https address, as a laptop accepts; the test client serves it in-process


class Laptop:
    def __init__(self, tmp_path, name: str, app, db_url: str):
        self.path = tmp_path / name / "vault.bordb"
        self.path.parent.mkdir()
        vault = Vault.create(self.path, PASSPHRASE)[0]
        self.workspace = Workspace(vault, add_coordinator(vault, f"Coördinator {name}"))
        self.http = TestClient(app, raise_server_exceptions=False)
        with psycopg.connect(db_url, autocommit=True) as conn:
            code = devices.add(conn, name)[0]
        join(self.workspace, URL, code, name, http=self.http)

    def sync(self):
        return sync_now(self.workspace, http=self.http)

    def cases(self) -> dict[str, Case]:
        with self.workspace.session() as session:
            return {c.ref: c for c in session.scalars(select(Case))}

    def register(self, **fields) -> str:
        from borapp.services.intake.flow import next_case_ref

        with self.workspace.session() as session:
            town = session.scalar(select(Municipality).where(Municipality.name == "Bergen (NH)"))
            case = Case(ref=next_case_ref(session, 2026), registered_on=dt.date(2026, 5, 1), status="registered",
                        municipality=town, **fields)
            case.parents.append(Parent(role="resident", name=fields.pop("parent", "Ria Smit")))
            session.add(case)
            session.flush()
            return case.ref

    def edit(self, ref: str, **fields) -> None:
        with self.workspace.session() as session:
            case = session.scalar(select(Case).where(Case.ref == ref))
            for name, value in fields.items():
                setattr(case, name, value)


@pytest.fixture
def team(tmp_path, app, db_url):
    anna = Laptop(tmp_path, "anna", app, db_url)
    with anna.workspace.session() as session:
        session.add(Municipality(name="Bergen (NH)"))
    anna.sync()
    bram = Laptop(tmp_path, "bram", app, db_url)
    bram.sync()
    yield anna, bram
    for laptop in (anna, bram):
        if not laptop.workspace.is_locked:
            laptop.workspace.lock()


def test_cases_registered_offline_on_two_laptops_reach_both_with_distinct_numbers(team):
    anna, bram = team
    a, b = anna.register(), bram.register()
    assert a != b, "two laptops made the same case number"
    for laptop in (anna, bram, anna):
        laptop.sync()
    assert set(anna.cases()) == set(bram.cases()) == {a, b}
    assert anna.cases()[b].municipality_id is not None, "the reference arrived as a local record"


def test_different_fields_of_one_case_merge_without_conflict(team):
    anna, bram = team
    ref = anna.register()
    anna.sync(), bram.sync()
    anna.edit(ref, notes="Belt na 17 uur")
    bram.edit(ref, status="intake")
    for laptop in (anna, bram, anna):
        laptop.sync()
    for laptop in (anna, bram):
        case = laptop.cases()[ref]
        assert (case.notes, case.status) == ("Belt na 17 uur", "intake")
    assert conflicts.open_conflicts(anna.workspace, http=anna.http) == []


def test_the_same_field_twice_is_one_conflict_both_values_kept_and_settled_for_everyone(team):
    anna, bram = team
    ref = anna.register()
    anna.sync(), bram.sync()
    anna.edit(ref, visit_place="Speeltuin De Bres")
    bram.edit(ref, visit_place="Bibliotheek Schagen")
    anna.sync()
    result = bram.sync()
    assert len(result.conflicts) == 1
    found = conflicts.open_conflicts(bram.workspace, http=bram.http)
    assert [(c["field"], c["server"], c["mine"]) for c in found] == [
        ("visit_place", "Speeltuin De Bres", "Bibliotheek Schagen")]
    assert bram.cases()[ref].visit_place == "Speeltuin De Bres", "until a person chooses, the server's value holds"
    conflicts.resolve(bram.workspace, found[0]["id"], "mine", http=bram.http)
    for laptop in (anna, bram):
        laptop.sync()
        assert laptop.cases()[ref].visit_place == "Bibliotheek Schagen"
    assert conflicts.open_conflicts(anna.workspace, http=anna.http) == []


def test_a_deleted_record_is_not_brought_back_by_an_edit(team):
    anna, bram = team
    ref = anna.register()
    anna.sync(), bram.sync()
    with anna.workspace.session() as session:
        session.delete(session.scalar(select(Parent).join(Case).where(Case.ref == ref)))
    with bram.workspace.session() as session:
        session.scalar(select(Parent).join(Case).where(Case.ref == ref)).phone = "0612345678"
    anna.sync()
    result = bram.sync()
    assert len(result.conflicts) == 1
    anna.sync()
    for laptop in (anna, bram):
        with laptop.workspace.session() as session:
            assert session.scalars(select(Parent).join(Case).where(Case.ref == ref)).all() == []


def test_an_erasure_on_one_laptop_is_gone_from_the_other_and_from_the_server(team, db_url):
    anna, bram = team
    ref = anna.register(parent="Wobbelgrauw Zeldzaam")
    with anna.workspace.session() as session:
        from borapp.models import CaseHours, Visit

        case = session.scalar(select(Case).where(Case.ref == ref))
        session.add(Visit(case_id=case.id, on=dt.date(2026, 5, 9), state="held",
                          what_happened="Wobbelgrauw bracht een tekening mee"))
        session.add(CaseHours(case_id=case.id, on=dt.date(2026, 5, 9), kind="talk", minutes=30,
                              note="gesprek met Wobbelgrauw"))
    anna.sync(), bram.sync()
    assert ref in bram.cases()
    erase_case(anna.workspace, ref, "verzoek van de ouder", confirm=ref)
    anna.sync()
    bram.sync()  # bram was offline meanwhile; the erasure waits for him
    assert ref not in bram.cases()
    bram.workspace.vault.engine.dispose()
    from borapp.models import db

    db.checkpoint(bram.workspace.vault.engine)
    assert b"wobbelgrauw" not in decrypted_everything(bram.path, unlock_key(bram.path, PASSPHRASE, None)).lower()
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT count(*) FROM records WHERE fields::text ILIKE '%Wobbelgrauw%'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM change_log WHERE fields::text ILIKE '%Wobbelgrauw%'"
                            ).fetchone()[0] == 0


def test_a_municipality_made_on_both_laptops_under_one_name_is_one_record_on_each(team):
    anna, bram = team
    for laptop in (anna, bram):
        with laptop.workspace.session() as session:
            session.add(Municipality(name="Schagen"))
    a = anna.register()
    with anna.workspace.session() as session:
        session.scalar(select(Case).where(Case.ref == a)).municipality = session.scalar(
            select(Municipality).where(Municipality.name == "Schagen"))
    for laptop in (anna, bram, anna):
        laptop.sync()
    for laptop in (anna, bram):
        with laptop.workspace.session() as session:
            schagen = session.scalars(select(Municipality).where(Municipality.name == "Schagen")).all()
            assert len(schagen) == 1
            assert session.scalar(select(Case).where(Case.ref == a)).municipality_id == schagen[0].id, laptop.path.parent.name


def test_a_revoked_laptop_is_refused_and_removes_its_vault(team, db_url, capsys):
    from borapp.cli import main
    from borapp.server import devices as server_devices

    anna, bram = team
    with psycopg.connect(db_url, autocommit=True) as conn:
        server_devices.revoke(conn, "bram")
    with pytest.raises(Exception) as refused:
        bram.sync()
    assert getattr(refused.value, "wipe", False), "the server did not tell the laptop to remove its vault"
    from borapp.services.sync.wipe import wipe_vault

    removed = wipe_vault(bram.workspace)
    assert bram.path in removed and not bram.path.exists()
    assert bram.workspace.is_locked
    anna.sync()  # the others go on


def test_a_volunteers_training_and_the_hours_on_a_case_travel_too(team):
    from borapp.models import CaseHours, Training, Volunteer

    anna, bram = team
    ref = anna.register()
    with anna.workspace.session() as session:
        volunteer = Volunteer(name="Vera Vrijwilliger")
        volunteer.trainings.append(Training(kind="initial", on=dt.date(2026, 4, 1)))
        session.add(volunteer)
        session.add(CaseHours(case_id=session.scalar(select(Case.id).where(Case.ref == ref)), on=dt.date(2026, 5, 2),
                              kind="intake", minutes=90, note=""))
    anna.sync(), bram.sync()
    with bram.workspace.session() as session:
        there = session.scalar(select(Volunteer).where(Volunteer.name == "Vera Vrijwilliger"))
        assert [t.on for t in there.trainings] == [dt.date(2026, 4, 1)], "matching needs the training day"
        assert session.scalar(select(CaseHours.minutes).join(Case).where(Case.ref == ref)) == 90
