"""Save marks every problem of a case-file form at once: a date that cannot be read no longer hides the others."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.i18n import _
from borapp.services.cases import case_file as case_file_service
from tests.cases.test_case_services import add_case
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.test_gui_app import window  # noqa: F401 - fixture


def test_an_unreadable_birth_date_and_an_emptied_name_are_both_marked_on_the_first_save(qtbot, page, workspace):
    """31-02-2026 as a birth date showed only its own message; the emptied Name got no "Verplicht." and the bar
    kept "Niet-opgeslagen wijzigingen." until the date was put right and Save pressed again."""
    case_id = add_case(workspace, "BOR-2026-001", resident="Petra Jansen", status="intake",
                       children=(("Sanne Jansen", dt.date(2019, 4, 4)),), registered_on=dt.date(2026, 1, 5))
    page.open_case_file(case_id)
    family = page.case_file.tab("family")
    name = family.parent_forms["resident"].name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    QTest.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(name, Qt.Key.Key_Backspace)
    birth = family.children.rows[0].birth
    qtbot.mouseClick(birth.edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(birth.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(birth.edit, "31-02-2026")
    qtbot.mouseClick(family.save_button, Qt.MouseButton.LeftButton)

    assert birth.message.text()  # the date says why under itself
    assert family.messages["resident.name"].text() == _("Required.")
    assert family.state_label.text() == _("Not saved: check the marked fields.")
    assert name.text() == "" and birth.edit.text() == "31-02-2026"  # nothing typed is lost
    stored = case_file_service.load_case(workspace, case_id, record_open=False)
    assert stored.parent("resident").name == "Petra Jansen"  # and nothing saved


def test_an_emptied_name_and_a_wrong_email_are_marked_together(qtbot, page, workspace):
    """The service's checks stopped at the first: the e-mail got its message only after the name was put back."""
    case_id = add_case(workspace, "BOR-2026-002", resident="Petra Jansen", status="intake",
                       registered_on=dt.date(2026, 1, 5))
    page.open_case_file(case_id)
    family = page.case_file.tab("family")
    form = family.parent_forms["resident"]
    qtbot.mouseClick(form.name, Qt.MouseButton.LeftButton)
    QTest.keyClick(form.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(form.name, Qt.Key.Key_Backspace)
    qtbot.mouseClick(form.email, Qt.MouseButton.LeftButton)
    QTest.keyClicks(form.email, "petra@")
    qtbot.mouseClick(family.save_button, Qt.MouseButton.LeftButton)
    assert family.messages["resident.name"].text() == _("Required.")
    assert family.messages["resident.email"].text() == _("Not an e-mail address (name@example.nl).")
    assert family.state_label.text() == _("Not saved: check the marked fields.")
    assert form.name.hasFocus()  # the first marked field, in reading order


def test_the_marked_problems_come_back_with_the_typing_after_a_lock(qtbot, window):
    """The emptied name came back after the unlock, its "Required." did not: it looked accepted."""
    from tests.test_gui_app import _create_and_enter, _unlock

    _create_and_enter(qtbot, window)
    case_id = add_case(window.workspace, "BOR-2026-003", resident="Petra Jansen", status="intake",
                       registered_on=dt.date(2026, 1, 5))
    window.shell.open_case(case_id)
    family = window.shell.pages["cases"].case_file.tab("family")
    window.shell.pages["cases"].case_file.show_tab("family")
    name = family.parent_forms["resident"].name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    QTest.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(name, Qt.Key.Key_Backspace)
    qtbot.mouseClick(family.save_button, Qt.MouseButton.LeftButton)
    assert family.messages["resident.name"].text() == _("Required.")

    with qtbot.waitSignal(window.locked):
        QTest.keyClick(name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _unlock(qtbot, window)
    family = window.shell.pages["cases"].case_file.tab("family")
    assert family.parent_forms["resident"].name.text() == ""  # the typing is back
    assert family.messages["resident.name"].text() == _("Required.")  # and what is wrong with it
