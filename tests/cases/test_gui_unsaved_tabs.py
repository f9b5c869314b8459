"""The case file says where typing is not saved yet: the tab's title is marked once the focus leaves the field, the
mark goes once it is saved, and leaving the case asks naming those tabs (it said only "changes that are not saved")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.cases.test_case_services import add_case
from tests.helpers.cases_page import page  # noqa: F401 - fixture


def titles(case_file) -> list[str]:
    return [case_file.tabs.tabText(i) for i in range(case_file.tabs.count())]


def type_phone(qtbot, case_file, number: str) -> None:
    field = case_file.tab("family").parent_forms["resident"].phone
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClicks(field, number)
    QTest.keyClick(field, Qt.Key.Key_Tab)


def test_a_tab_with_typing_not_saved_is_marked_until_it_is_saved(qtbot, page, workspace):
    case_id = add_case(workspace, "BOR-2026-070", status="intake")
    page.open_case_file(case_id)
    case_file = page.case_file
    assert titles(case_file)[0] == "Gezin"
    type_phone(qtbot, case_file, "0612345678")
    qtbot.waitUntil(lambda: titles(case_file)[0] == "Gezin •", timeout=1000)
    assert case_file.tabs.tabToolTip(0) == "Nog niet opgeslagen"
    assert all("•" not in title for title in titles(case_file)[1:])
    family = case_file.tab("family")
    qtbot.mouseClick(family.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: titles(case_file)[0] == "Gezin", timeout=1000)  # saved: the mark goes


def test_leaving_a_case_names_the_tabs_with_typing_not_saved(qtbot, page, workspace):
    first = add_case(workspace, "BOR-2026-071", status="intake")
    other = add_case(workspace, "BOR-2026-072", status="intake")
    page.open_case_file(first)
    type_phone(qtbot, page.case_file, "0687654321")
    asked = []

    def answer():
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    page.open_case_file(other)
    assert asked and "BOR-2026-071" in asked[0] and "Gezin" in asked[0], asked
    assert page.case_file.case_id == first, "cancelled: the case and its typing stay"




QUIT_WITH_THE_FOCUS_IN_A_FIELD = """
import sys
from pathlib import Path
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace, add_coordinator
from borapp.ui.pages.cases.cases_page import CasesPage
from tests.cases.test_case_services import add_case

app = QApplication([])
vault, _key = Vault.create(Path(sys.argv[1]), "correct horse battery")
workspace = Workspace(vault, add_coordinator(vault, "Test"))
page = CasesPage(workspace)
page.show()
page.open_case_file(add_case(workspace, "BOR-2026-073", status="intake"))
field = page.case_file.tab("family").parent_forms["resident"].phone
field.setFocus()
QTest.keyClicks(field, "06")
app.processEvents()
"""


def test_quitting_with_the_focus_in_a_field_prints_no_error(tmp_path):
    """At quit the widgets go one by one and the focus moves on as they do: checking the tabs then read a deleted
    line edit and printed a RuntimeError at every quit. The check waits for the event loop, which has ended."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", QUIT_WITH_THE_FOCUS_IN_A_FIELD, str(tmp_path / "v.bordb")],
                          cwd=root, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
