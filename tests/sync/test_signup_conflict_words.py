"""A sign-up for a volunteer meeting that clashed (taken off the sign-ups on one laptop, marked as attended on the
other) names the volunteer and the meeting, its date and theme, as other records' conflicts name their case and
date: in the Conflicts window and in `borapp sync conflicts`, on the laptop that still has it and the one that
deleted it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.i18n import set_language
from borapp.models import Volunteer
from borapp.services.sync.run import sync_now
from borapp.services.volunteers.meetings import add_meeting, list_meetings, record_attendance, record_signups
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_cli_conflicts import cli
from tests.sync.test_gui_conflicts_dialog import laptop, opened
from tests.sync.test_gui_team import live_url  # noqa: F401 - fixture

HELD_ON = dt.date(2026, 11, 12)


def _volunteer_id(workspace, name: str) -> int:
    with workspace.session() as session:
        return session.scalar(select(Volunteer.id).where(Volunteer.name == name))


@pytest.fixture
def signup_clash(tmp_path, live_url, db_url):
    """Joost signed up for the theme evening; Anna took him off, Bram recorded that he came."""
    anna, bram = (laptop(tmp_path, name, live_url, db_url) for name in ("anna", "bram"))
    with anna.session() as session:
        session.add(Volunteer(name="Joost Veld", region="Noord"))
    meeting = add_meeting(anna, HELD_ON, "Noord", kind="theme", theme="Loyaliteitsconflicten")
    record_signups(anna, meeting, [_volunteer_id(anna, "Joost Veld")])
    for workspace in (anna, bram, anna):
        sync_now(workspace)
    record_signups(anna, meeting, [])
    record_attendance(bram, list_meetings(bram)[0].id, [_volunteer_id(bram, "Joost Veld")])
    sync_now(anna)
    sync_now(bram)
    yield anna, bram
    for workspace in (anna, bram):
        workspace.lock()


SIGNUP = "Aanmelding voor een bijeenkomst · Joost Veld · 12 november 2026 · Loyaliteitsconflicten"


def test_the_conflicts_window_names_the_volunteer_and_the_meeting(qtbot, signup_clash):
    anna, bram = signup_clash
    assert opened(qtbot, bram).table.item(0, 0).text() == SIGNUP, "the sign-up is still here"
    assert opened(qtbot, anna).table.item(0, 0).text() == SIGNUP, "deleted here: named from the server's fields"
    set_language("en")
    assert opened(qtbot, anna).table.item(0, 0).text() == \
        "Sign-up for a meeting · Joost Veld · 12 November 2026 · Loyaliteitsconflicten"


def test_the_command_line_names_the_volunteer_and_the_meeting(signup_clash, tmp_path, capsys):
    anna, bram = signup_clash
    assert cli(bram, tmp_path, "conflicts") == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("#") and line.split(" ", 1)[1].startswith(SIGNUP + ", Verwijderd of gewijzigd: "), line
