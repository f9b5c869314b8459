"""A delete that clashed with an edit, as the Conflicts window and `borapp sync conflicts` say it, against the real
service on a local port with two real vaults: which visit of which case (also one deleted here), what each side did
("verwijderd", "Plaats gewijzigd in …"), and buttons that say what keeping each side means. It printed
"Omgangsmoment (hier verwijderd) / Verwijderd / nee / ja" and a Python dict."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case, Municipality, Parent, Visit
from borapp.services.sync import conflicts
from borapp.services.sync.run import sync_now
from borapp.services.visits import records
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_cli_conflicts import cli
from tests.sync.test_gui_conflicts_dialog import click_row, laptop
from tests.sync.test_gui_team import live_url  # noqa: F401 - fixture

FIRST, SECOND = dt.date(2026, 12, 12), dt.date(2026, 12, 26)


def visits(workspace) -> dict[dt.date, str]:
    with workspace.session() as session:
        return {v.on: v.place for v in session.scalars(select(Visit))}


def move(workspace, on: dt.date, place: str) -> None:
    with workspace.session() as session:
        v = session.scalar(select(Visit).where(Visit.on == on))
        data = records.VisitInput(case_id=v.case_id, on=v.on, state="planned", visit_id=v.id,
                                  start_time=v.start_time, end_time=v.end_time, place=place)
    records.record_visit(workspace, data)


def delete(workspace, on: dt.date) -> None:
    with workspace.session() as session:
        found = session.scalar(select(Visit.id).where(Visit.on == on))
    records.delete_visit(workspace, found)


@pytest.fixture
def crossed(tmp_path, live_url, db_url):
    """Two visits of BOR-2026-001 on both laptops; offline, Anna deletes the first while Bram moves it, and Bram
    deletes the second while Anna moves it; then both sync."""
    anna, bram = laptop(tmp_path, "anna", live_url, db_url), laptop(tmp_path, "bram", live_url, db_url)
    with anna.session() as session:
        case = Case(ref="BOR-2026-001", registered_on=dt.date(2026, 5, 1), status="registered",
                    municipality=Municipality(name="Bergen (NH)"))
        session.add(case)
        session.flush()
        case_id = case.id
    records.plan_series(anna, case_id, FIRST, 2, 14, dt.time(10), dt.time(11, 30), "Buurthuis De Kolk")
    sync_now(anna), sync_now(bram)
    delete(anna, FIRST)
    move(bram, FIRST, "Speeltuin Julianadorp")
    delete(bram, SECOND)
    move(anna, SECOND, "Bibliotheek Den Helder")
    sync_now(anna), sync_now(bram), sync_now(anna)
    yield anna, bram
    for workspace in (anna, bram):
        if not workspace.is_locked:
            workspace.lock()


def opened(qtbot, workspace, rows: int):
    from borapp.ui.dialogs.conflicts_dialog import ConflictsDialog

    dialog = ConflictsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == rows, timeout=15_000)
    return dialog


def cells(dialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(5)]


def row_of(dialog, on: dt.date) -> int:
    day = "12 december 2026" if on == FIRST else "26 december 2026"
    return next(r for r in range(dialog.table.rowCount()) if day in dialog.table.item(r, 0).text())


def test_each_side_of_a_delete_against_an_edit_is_said_in_words_and_the_buttons_say_what_they_keep(qtbot, crossed):
    anna, bram = crossed
    dialog = opened(qtbot, bram, 2)
    here = _("this laptop")
    # Anna deleted the first visit, Bram (this laptop) moved it: it is gone here, and named all the same
    first = cells(dialog, row_of(dialog, FIRST))
    assert first[:3] == ["Omgangsmoment · 12 december 2026 · BOR-2026-001", "Verwijderd of gewijzigd",
                         "Plaats: Buurthuis De Kolk"]
    assert re.fullmatch(r"verwijderd\n\(anna, \d+ \w+ \d{4} \d\d:\d\d\)", first[3]), "who deleted it, and when"
    assert first[4] == f"Plaats gewijzigd in Speeltuin Julianadorp\n({here})"
    # Bram deleted the second, Anna moved it
    second = cells(dialog, row_of(dialog, SECOND))
    assert second[:3] == ["Omgangsmoment · 26 december 2026 · BOR-2026-001", "Verwijderd of gewijzigd",
                          "Plaats: Buurthuis De Kolk"]
    assert re.fullmatch(r"Plaats gewijzigd in Bibliotheek Den Helder\n\(anna, \d+ \w+ \d{4} \d\d:\d\d\)", second[3])
    assert second[4] == f"verwijderd\n({here})"
    assert not any("{" in text or "(hier verwijderd)" in text for text in first + second)

    click_row(qtbot, dialog, row_of(dialog, FIRST))
    assert (dialog.keep_theirs.text(), dialog.keep_mine.text()) == ("Verwijderd laten",
                                                                     "Terugzetten, met de wijziging")
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=15_000)
    assert dialog.result.text() == ("Voor iedereen opgelost: het komt terug, met de wijziging, bij de volgende "
                                    "synchronisatie van elke laptop.")
    click_row(qtbot, dialog, 0)
    assert (dialog.keep_theirs.text(), dialog.keep_mine.text()) == ("Houden, met de wijziging", "Verwijderen")
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result.text() == _("No open conflicts."), timeout=15_000)
    sync_now(bram), sync_now(anna)
    assert visits(anna) == visits(bram) == {FIRST: "Speeltuin Julianadorp", SECOND: "Bibliotheek Den Helder"}


def test_leaving_it_deleted_and_deleting_it_are_said_so(qtbot, crossed):
    anna, bram = crossed
    dialog = opened(qtbot, anna, 2)
    click_row(qtbot, dialog, row_of(dialog, SECOND))  # Bram deleted it, Anna (this laptop) moved it
    assert (dialog.keep_theirs.text(), dialog.keep_mine.text()) == ("Houden, met de wijziging", "Verwijderen")
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=15_000)
    assert dialog.result.text() == ("Voor iedereen opgelost: het wordt bij de volgende synchronisatie van elke "
                                    "laptop verwijderd.")
    click_row(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result.text() == _("No open conflicts."), timeout=15_000)
    sync_now(anna), sync_now(bram)
    assert visits(anna) == visits(bram) == {}


def test_the_command_line_says_a_delete_against_an_edit_in_the_same_words(crossed, tmp_path, capsys):
    anna, bram = crossed
    deleted_here = next(c for c in conflicts.open_conflicts(bram) if c["server"] is True)
    assert cli(bram, tmp_path, "conflicts") == 0
    lines = capsys.readouterr().out.splitlines()
    at = lines.index(next(line for line in lines if line.startswith(f"#{deleted_here['id']} ")))
    assert lines[at].startswith(f"#{deleted_here['id']} Omgangsmoment · 12 december 2026 · BOR-2026-001, "
                                "Verwijderd of gewijzigd: oorspronkelijk \u201cPlaats: Buurthuis De Kolk\u201d; op "
                                "de server \u201cverwijderd\u201d (anna, "), lines[at]
    assert lines[at].endswith("; later verstuurd \u201cPlaats gewijzigd in Speeltuin Julianadorp\u201d "
                              "(deze laptop)"), lines[at]
    assert lines[at + 1] == "   --keep later: Terugzetten, met de wijziging; --keep server: Verwijderd laten"

    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace
    from tests.conftest import PASSPHRASE

    again = Workspace(Vault.open(bram.vault.path, PASSPHRASE))
    assert cli(again, tmp_path, "resolve", str(deleted_here["id"]), "--keep", "later") == 0
    assert capsys.readouterr().out.strip() == (
        f"Conflict {deleted_here['id']} is voor iedereen opgelost: het komt terug, met de wijziging, bij de volgende "
        "synchronisatie van elke laptop.")


def test_a_deleted_parents_confidential_address_stays_masked_and_cannot_be_shown(qtbot, tmp_path, live_url,
                                                                                 db_url, capsys):
    """Anna removed a parent while Bram typed another (confidential) address: on Anna's laptop the parent is gone,
    so nobody can tell from here whether it may be shown, and showing it could not be logged against her."""
    anna, bram = laptop(tmp_path, "anna", live_url, db_url), laptop(tmp_path, "bram", live_url, db_url)
    with anna.session() as session:
        case = Case(ref="BOR-2026-001", registered_on=dt.date(2026, 5, 1), status="registered",
                    municipality=Municipality(name="Bergen (NH)"))
        case.parents.append(Parent(role="resident", name="Ria Smit", address="Kerkstraat 5",
                                   address_confidential=True))
        session.add(case)
    sync_now(anna), sync_now(bram)
    with anna.session() as session:
        session.delete(session.scalar(select(Parent)))
    with bram.session() as session:
        session.scalar(select(Parent)).address = "Dorpsweg 12"
    sync_now(anna), sync_now(bram)
    dialog = opened(qtbot, anna, 1)
    texts = cells(dialog, 0)
    assert texts[0] == "Ouder · Ria Smit · BOR-2026-001"
    assert texts[2] == "Straat en huisnummer: (geheim adres)"
    assert texts[4] == "Straat en huisnummer gewijzigd in (geheim adres)\n(bram)"
    click_row(qtbot, dialog, 0)
    assert dialog.reveal.isVisible() and not dialog.reveal.isEnabled()
    dialog.close()
    assert cli(anna, tmp_path, "conflicts", "--json") == 0
    out = capsys.readouterr().out
    assert "Dorpsweg" not in out and "Kerkstraat" not in out
    assert json.loads(out)[0]["record"]["name"] == "Ria Smit"
    bram.lock()
