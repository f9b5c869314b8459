"""Records that are a pair (a volunteer excluded from a case, a volunteer at a meeting) travel like the others: an
exclusion made on one laptop keeps the volunteer out of the other laptop's ranking, a removal is removed everywhere,
the same pair made on two laptops is one record, and a vault that joined before they travelled sends its own."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from borapp.models import Case, CaseExclusion, Meeting, MeetingAttendance, SyncIdentity, SyncOp, Volunteer
from borapp.services import settings
from borapp.services.matching.flow import add_exclusion, list_exclusions, remove_exclusion
from borapp.services.sync import conflicts
from borapp.services.sync.snapshot import CAUGHT_UP
from borapp.services.volunteers.meetings import (
    add_meeting, list_meetings, record_attendance, record_signups, set_cancelled,
)
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


def _volunteer(laptop, name: str) -> int:
    with laptop.workspace.session() as session:
        found = session.scalar(select(Volunteer.id).where(Volunteer.name == name))
        if found is not None:
            return found
        volunteer = Volunteer(name=name, region="Noord")
        session.add(volunteer)
        session.flush()
        return volunteer.id


def _case_id(laptop, ref: str) -> int:
    with laptop.workspace.session() as session:
        return session.scalar(select(Case.id).where(Case.ref == ref))


def _excluded(laptop, ref: str) -> list[tuple[str, str]]:
    return [(e.name, e.reason) for e in list_exclusions(laptop.workspace, _case_id(laptop, ref))]


def _everyone_syncs(*laptops) -> None:
    for laptop in (*laptops, *laptops):
        laptop.sync()


def test_an_exclusion_made_on_one_laptop_is_on_the_other_and_so_is_its_removal(team):
    anna, bram = team
    ref = anna.register()
    volunteer = _volunteer(anna, "Joost Veld")
    _everyone_syncs(anna, bram)
    add_exclusion(anna.workspace, _case_id(anna, ref), volunteer, "Kent de vader")
    _everyone_syncs(anna, bram)
    assert _excluded(bram, ref) == [("Joost Veld", "Kent de vader")]

    remove_exclusion(bram.workspace, _case_id(bram, ref), _volunteer(bram, "Joost Veld"))
    _everyone_syncs(bram, anna)
    assert _excluded(anna, ref) == []


def test_the_same_exclusion_made_on_two_laptops_offline_is_one_record_on_each(team):
    anna, bram = team
    ref = anna.register()
    _volunteer(anna, "Joost Veld")
    _everyone_syncs(anna, bram)
    add_exclusion(anna.workspace, _case_id(anna, ref), _volunteer(anna, "Joost Veld"), "Buurman")
    add_exclusion(bram.workspace, _case_id(bram, ref), _volunteer(bram, "Joost Veld"), "Buurman")
    _everyone_syncs(anna, bram)
    for laptop in (anna, bram):
        assert _excluded(laptop, ref) == [("Joost Veld", "Buurman")]


def test_a_volunteer_added_on_two_laptops_offline_is_one_volunteer(team):
    anna, bram = team
    _volunteer(anna, "Sanne de Wit")
    _volunteer(bram, "Sanne de Wit")
    _everyone_syncs(anna, bram)  # before: the second laptop's pull stopped on the vault's unique name
    for laptop in (anna, bram):
        with laptop.workspace.session() as session:
            assert session.scalars(select(Volunteer.name)).all() == ["Sanne de Wit"]


def test_who_attended_a_meeting_travels(team):
    anna, bram = team
    ids = [_volunteer(anna, name) for name in ("Joost Veld", "Sanne de Wit", "Piet Hoek")]
    meeting = add_meeting(anna.workspace, dt.date(2026, 11, 12), "Noord")
    _everyone_syncs(anna, bram)
    record_attendance(anna.workspace, meeting, ids[:2])
    _everyone_syncs(anna, bram)
    assert [a.name for a in list_meetings(bram.workspace)[0].attendees] == ["Joost Veld", "Sanne de Wit"]

    record_attendance(bram.workspace, list_meetings(bram.workspace)[0].id,
                      [_volunteer(bram, "Sanne de Wit"), _volunteer(bram, "Piet Hoek")])
    _everyone_syncs(bram, anna)
    assert [a.name for a in list_meetings(anna.workspace)[0].attendees] == ["Piet Hoek", "Sanne de Wit"]


def test_who_signed_up_and_why_a_meeting_was_cancelled_travel(team):
    """0040's sign-ups and reason for cancelling are columns of records that travel: they go with them."""
    anna, bram = team
    ids = [_volunteer(anna, name) for name in ("Joost Veld", "Sanne de Wit")]
    meeting = add_meeting(anna.workspace, dt.date.today() + dt.timedelta(days=30), "Noord")
    record_signups(anna.workspace, meeting, ids)
    _everyone_syncs(anna, bram)
    there = list_meetings(bram.workspace)[0]
    assert [a.name for a in there.signed_up] == ["Joost Veld", "Sanne de Wit"] and there.attendees == ()
    set_cancelled(bram.workspace, there.id, reason="other", note="Geen zaal")
    _everyone_syncs(bram, anna)
    back = list_meetings(anna.workspace)[0]
    assert (back.cancelled, back.cancel_reason, back.cancel_note) == (True, "other", "Geen zaal")


def test_taking_one_volunteer_off_the_sign_ups_travels_as_one_removal_without_a_conflict(team):
    """The sign-up was changed (signed up: no) and then removed in one save: the change went after the removal, a
    change to a record gone, a conflict of the laptop with itself, whose "keep mine" put the sign-up back."""
    anna, bram = team
    names = ("Joost Veld", "Sanne de Wit", "Piet Hoek", "Ayla Demir", "Bas Kok", "Eva Smit", "Fleur Jong")
    ids = [_volunteer(anna, name) for name in names]
    meeting = add_meeting(anna.workspace, dt.date.today() + dt.timedelta(days=30), "Noord")
    record_signups(anna.workspace, meeting, ids)
    _everyone_syncs(anna, bram)
    record_signups(anna.workspace, meeting, ids[1:])
    with anna.workspace.session() as session:
        waiting = session.execute(select(SyncOp.type, SyncOp.kind).where(SyncOp.outcome.is_(None))).all()
    assert waiting == [("meeting_attendance", "delete")]
    _everyone_syncs(anna, bram)
    assert conflicts.open_conflicts(anna.workspace, http=anna.http) == []
    for laptop in (anna, bram):
        assert [a.name for a in list_meetings(laptop.workspace)[0].signed_up] == sorted(names[1:])


def test_a_vault_that_joined_before_pairs_travelled_sends_its_own_at_the_next_sync(team):
    anna, bram = team
    ref = anna.register()
    volunteer = _volunteer(anna, "Joost Veld")
    meeting = add_meeting(anna.workspace, dt.date(2026, 11, 12), "Noord")
    _everyone_syncs(anna, bram)
    add_exclusion(anna.workspace, _case_id(anna, ref), volunteer, "Collega")
    record_attendance(anna.workspace, meeting, [volunteer])
    with anna.workspace.session() as session:  # as a vault upgraded from 0024 has them: no identity, nothing queued
        for table in (SyncIdentity, SyncOp):
            session.execute(delete(table).where(table.type.in_(("case_exclusion", "meeting_attendance"))))
        settings.put(session, CAUGHT_UP, "0024")
    _everyone_syncs(anna, bram)
    assert _excluded(bram, ref) == [("Joost Veld", "Collega")]
    assert [a.name for a in list_meetings(bram.workspace)[0].attendees] == ["Joost Veld"]
    with anna.workspace.session() as session:
        assert session.scalar(select(SyncOp.seq).where(SyncOp.outcome.is_(None))) is None
    with bram.workspace.session() as session:
        assert len(session.scalars(select(CaseExclusion)).all()) == 1
        assert len(session.scalars(select(MeetingAttendance)).all()) == 1
        assert session.scalar(select(Meeting.region)) == "Noord"
