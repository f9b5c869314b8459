"""The new-letter dialog offers the closing report to the commissioning party (the default) or to the referrer, when
the case's commissioning party is another organisation; Today's "letters owed" opens it with the same default."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from borapp.models import Case, Letter, Organisation
from borapp.services.documents.addressee import COMMISSIONER, REFERRER
from tests.helpers.keyboard import retype
from tests.helpers.new_letter_dialog import open_dialog, owner  # noqa: F401 - fixture
from tests.helpers.outbox_support import add_referred_case
from tests.test_gui_app import _create_and_enter, window  # noqa: F401 - fixture


def commissioned(workspace, ref: str) -> int:
    """A closed case referred by Wijkteam Alkmaar and commissioned by Gemeente Alkmaar (its record complete)."""
    case_id = add_referred_case(workspace, ref)
    with workspace.session() as session:
        municipality = session.scalar(select(Organisation).where(Organisation.name == "Gemeente Alkmaar"))
        if municipality is None:
            municipality = Organisation(name="Gemeente Alkmaar", kind="municipality", contact_person="Bert Opdracht",
                                        email="jeugd@alkmaar.example", address="Postbus 10\n1800 AA Alkmaar")
        session.get(Case, case_id).commissioner = municipality
    return case_id


@pytest.fixture
def dialog(qtbot, workspace, owner):
    return open_dialog(qtbot, workspace, owner)


def choose_kind(dialog, kind: str) -> None:
    dialog.kind.setFocus()
    QTest.keyClick(dialog.kind, Qt.Key.Key_Home)
    for _i in range(dialog.kind.count()):
        if dialog.kind.currentData() == kind:
            return
        QTest.keyClick(dialog.kind, Qt.Key.Key_Down)
    raise AssertionError(kind)


def letters_of(workspace, case_id: int) -> list[tuple[str, str, str]]:
    with workspace.session() as session:
        return [(letter.addressee, letter.recipient_name, letter.recipient_email) for letter in
                session.scalars(select(Letter).where(Letter.case_id == case_id).order_by(Letter.id))]


def test_the_closing_report_goes_to_the_commissioning_party_unless_the_referrer_is_chosen(qtbot, workspace, owner,
                                                                                       dialog):
    case_id = commissioned(workspace, "BOR-2026-070")
    retype(dialog.case_ref, "BOR-2026-070")
    choose_kind(dialog, "closing")
    assert dialog.addressee.isEnabled()
    assert [dialog.addressee.itemText(i) for i in range(dialog.addressee.count())] == [
        "Opdrachtgever: Gemeente Alkmaar", "Verwijzer: Wijkteam Alkmaar"]
    assert dialog.addressee.currentData() == COMMISSIONER, "the commissioning party by default"
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert letters_of(workspace, case_id) == [(COMMISSIONER, "Bert Opdracht", "jeugd@alkmaar.example")]

    again = open_dialog(qtbot, workspace, owner, case_ref="BOR-2026-070", kind="closing")
    assert again.kind_message.text().startswith("Dit dossier heeft al een brief van deze soort")
    again.addressee.setFocus()
    QTest.keyClick(again.addressee, Qt.Key.Key_Down)  # the referrer
    assert again.addressee.currentText() == "Verwijzer: Wijkteam Alkmaar"
    assert not again.kind_message.isVisible(), "the referrer has no closing report yet"
    qtbot.mouseClick(again.make_button, Qt.MouseButton.LeftButton)
    assert letters_of(workspace, case_id)[1] == (REFERRER, "Anna de Vries", "anna@wijkteam.example")


def test_no_choice_where_there_is_none(qtbot, workspace, dialog):
    commissioned(workspace, "BOR-2026-071")
    same = add_referred_case(workspace, "BOR-2026-072")  # the referrer commissioned it too
    retype(dialog.case_ref, "BOR-2026-071")
    choose_kind(dialog, "evaluation")  # the other letters tell the referrer
    assert not dialog.addressee.isEnabled() and dialog.addressee.currentText() == "Verwijzer: Wijkteam Alkmaar"
    choose_kind(dialog, "schedule")  # to a parent
    assert not dialog.addressee.isEnabled() and dialog.addressee.count() == 0 and dialog.parent_role.isEnabled()
    choose_kind(dialog, "closing")
    retype(dialog.case_ref, "BOR-2026-072")
    assert not dialog.addressee.isEnabled() and dialog.addressee.currentText() == "Verwijzer: Wijkteam Alkmaar"
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert letters_of(workspace, same) == [(REFERRER, "Anna de Vries", "anna@wijkteam.example")]


def test_the_closing_report_owed_on_today_goes_to_the_commissioning_party(qtbot, window):
    _create_and_enter(qtbot, window)
    case_id = commissioned(window.workspace, "BOR-2026-073")
    with window.workspace.session() as session:  # closed three days ago, no letter about it yet
        session.get(Case, case_id).closed_on = dt.date.today() - dt.timedelta(days=3)
    today = window.shell.show_page("dashboard")
    today.refresh()
    items = today.cards["letters_owed"].list
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=items.visualItemRect(items.item(0)).center())
    case_file = window.shell.pages["cases"].case_file
    dialog = case_file.dialog
    qtbot.waitExposed(dialog)
    assert (dialog.kind.currentData(), dialog.addressee.currentData()) == ("closing", COMMISSIONER)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: case_file.dialog is None)
    assert letters_of(window.workspace, case_id) == [(COMMISSIONER, "Bert Opdracht", "jeugd@alkmaar.example")]
