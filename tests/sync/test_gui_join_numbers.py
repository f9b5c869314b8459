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
from borapp.services.sync.failure import SyncFault
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


def test_a_sync_stopping_on_the_unforeseen_says_so_in_words(qtbot, tab, workspace, anna, live_url, db_url,  # noqa: F811
                                                            monkeypatch, caplog):
    from borapp.ui.sync_indicator import SyncIndicator

    join_by_typing(qtbot, tab, live_url, code_for(db_url, "laptop-chantal"))

    def breaks(session, change):  # as an SQL error does, its text names what it was given
        raise ValueError("UNIQUE constraint failed: parameters ('BOR-2026-001', 'Fatima El Amrani')")

    register(anna, "Lisa Hendriks")
    sync_now(anna)
    monkeypatch.setattr(sync_apply, "_apply", breaks)
    with caplog.at_level(logging.INFO):
        qtbot.mouseClick(tab.sync_button, Qt.MouseButton.LeftButton)  # Settings → Team: Sync now
        qtbot.waitUntil(lambda: tab.sync_button.isEnabled() and tab.status.text() != _("Talking to the office "
                                                                                        "server…"), timeout=15_000)
        indicator = SyncIndicator()  # the status bar's button
        qtbot.addWidget(indicator)
        indicator.workspace = workspace
        qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not indicator.busy and bool(indicator.problem), timeout=15_000)
    assert tab.status.text() == indicator.problem == str(SyncFault())
    assert "ValueError" not in tab.status.text() + indicator.toolTip() + indicator.text()
    assert "ValueError" in caplog.text, "the log says what kind of failure, for whoever looks into it"
    assert "Fatima" not in caplog.text + tab.status.text() + indicator.toolTip(), "never a family's data"


def test_joining_stopped_by_the_unforeseen_says_so_in_words(qtbot, tab, workspace, live_url, db_url,  # noqa: F811
                                                            monkeypatch):
    from borapp.services.sync import join as sync_join

    def breaks(session, only_new=False):
        raise KeyError("Eva Mulder")

    monkeypatch.setattr(sync_join, "snapshot", breaks)
    QTest.keyClicks(tab.url, live_url)
    QTest.keyClicks(tab.code, code_for(db_url, "laptop-chantal"))
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.join_button.isEnabled() and tab.status.text() != _("Talking to the office server…"),
                    timeout=15_000)
    assert tab.status.text() == _("Joining the team stopped on a problem this laptop did not expect, so it has not "
                                  "joined. Try again with a new enrolment code; if it happens again, tell whoever "
                                  "runs the office server.")
    assert not sync_run.status(workspace).joined
