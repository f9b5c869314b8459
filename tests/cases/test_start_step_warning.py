"""Starting the visits under a contract version that not everyone signed is said in the step dialog (matching draws
up a version naming the volunteer; the visits were started with nobody's signature on it, without a word)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from borapp.models import Case
from borapp.services.documents.contract_signing import record_signature
from borapp.services.documents.contract_versions import current_contract, new_version_if_changed
from tests.visits.test_visit_services import make_case

TODAY = dt.date.today()


def step_dialog(qtbot, workspace, case_id):
    from borapp.ui.pages.cases.case_file.case_file_widget import CaseFileWidget

    case_file = CaseFileWidget(workspace)
    qtbot.addWidget(case_file)
    case_file.show()
    case_file.load(case_id)
    dialog = case_file.ask_step()
    qtbot.waitExposed(dialog)
    return dialog


def choose_start(qtbot, dialog) -> None:
    """Pick "start the visits" in the step list with the keyboard, as a person would."""
    dialog.step.setFocus()
    for _i in range(dialog.step.count()):
        if dialog.chosen().to == "visits":
            return
        qtbot.keyClick(dialog.step, Qt.Key.Key_Down)
    raise AssertionError("no step to start the visits")


def test_starting_the_visits_under_a_version_not_everyone_signed_is_said(qtbot, workspace):
    case_id, _volunteer = make_case(workspace)
    with workspace.session() as session:
        session.get(Case, case_id).status = "matching"
    new_version_if_changed(workspace, case_id)
    version = current_contract(workspace, case_id)
    for role, name in (("resident", "Rianne de Proef"), ("other", "Otto van Proefstra"), ("coordinator", "C")):
        record_signature(workspace, version.id, role, name, TODAY)
    dialog = step_dialog(qtbot, workspace, case_id)
    choose_start(qtbot, dialog)
    assert dialog.unsigned.isVisible() and dialog.unsigned.text() == (
        "Versie 1 van de overeenkomst is nog niet door iedereen ondertekend (nog te tekenen: vrijwilliger). Laat "
        "die tekenen voordat de omgang start, of zet de stap toch.")
    qtbot.wait(50)
    assert dialog.on.height() == dialog.on.sizeHint().height(), "no blank band under the date"
    dialog.reject()
    record_signature(workspace, version.id, "volunteer", "Vera Voorbeeld", TODAY)
    dialog = step_dialog(qtbot, workspace, case_id)
    choose_start(qtbot, dialog)
    assert not dialog.unsigned.isVisible()
