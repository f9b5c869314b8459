"""Settings → Team as a coordinator who worked alone uses it: she types the office server's address and her code,
joins, and the first sync tells her in words which of her cases got a team number; a sync that stops on something
nobody foresaw is said in words too, never by a Python exception's name. The real service on a local port."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case, Parent
from borapp.services.sync import apply as sync_apply
from borapp.services.sync import run as sync_run
from borapp.services.sync.run import sync_now
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_gui_conflicts_dialog import laptop
from tests.sync.test_gui_team import code_for, live_url, tab  # noqa: F401 - fixtures


def register(workspace, parent: str) -> str:
    from borapp.services.intake.flow import next_case_ref

    with workspace.session() as session:
        case = Case(ref=next_case_ref(session, 2026), registered_on=dt.date(2026, 11, 20), status="registered")
        case.parents.append(Parent(role="resident", name=parent))
        session.add(case)
        session.flush()
        return case.ref


@pytest.fixture
def anna(tmp_path, live_url, db_url):
    """A colleague whose team has a case BOR-2026-001 already."""
    workspace = laptop(tmp_path, "laptop-anna", live_url, db_url)
    register(workspace, "Fatima El Amrani")
    sync_now(workspace)
    yield workspace
    workspace.lock()


def join_by_typing(qtbot, tab, live_url, code) -> None:  # noqa: F811 - the fixture
    QTest.keyClicks(tab.url, live_url)
    QTest.keyClicks(tab.code, code)
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pages.currentIndex() == 1, timeout=15_000)
    qtbot.waitUntil(lambda: tab.sync_button.isEnabled(), timeout=15_000)


def test_joining_with_her_own_case_tells_her_its_team_number(qtbot, tab, workspace, anna, live_url, db_url):  # noqa: F811
    own = register(workspace, "Eva Mulder")
    assert own == "BOR-2026-001"
    join_by_typing(qtbot, tab, live_url, code_for(db_url, "laptop-chantal"))
    with workspace.session() as session:
        new = session.scalar(select(Case.ref).join(Parent).where(Parent.name == "Eva Mulder"))
    assert new != own
    said = tab.status.text()
    assert _("Your case {old} is now {new}: the team had given out the number {old} already.").format(
        old=own, new=new) in said, said
    assert "Error" not in said and "Fout" not in said
    sync_now(anna)
    with anna.session() as session:
        assert dict(session.execute(select(Case.ref, Parent.name).join(Parent)).all()) == {
            own: "Fatima El Amrani", new: "Eva Mulder"}, "the established case kept its number"
