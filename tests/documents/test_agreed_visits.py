"""The number of visits agreed (a trajectory is 6 to 12, the midway evaluation halfway "through the agreed
trajectory"): typed in Afspraken, checked, in the contract with its evaluation moment, and a change after a
signature makes a new version like any agreement."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from borapp.models import Case
from borapp.services.cases.editing import AgreementsInput, save_agreements
from borapp.services.documents.contract import render_contract
from borapp.services.documents.contract_signing import record_signature
from borapp.services.documents.contract_versions import current_contract, new_version_if_changed, signature_status
from borapp.services.errors import ValidationError
from tests.helpers.documents_support import AGREEMENTS, TODAY, all_text, full_case, set_organisation


@pytest.fixture
def case_id(workspace):
    set_organisation(workspace)
    return full_case(workspace)


def agree(workspace, case_id, number: str) -> None:
    save_agreements(workspace, case_id, AgreementsInput(**AGREEMENTS, agreed_visits=number))


def stored(workspace, case_id):
    with workspace.session() as session:
        return session.get(Case, case_id).agreed_visits


def test_typed_as_a_number_from_1_to_30_and_emptied_again(workspace, case_id):
    agree(workspace, case_id, " 8 ")
    assert stored(workspace, case_id) == 8
    for wrong in ("0", "31", "acht", "8.5", "-3"):
        with pytest.raises(ValidationError) as refused:
            agree(workspace, case_id, wrong)
        assert (refused.value.field, str(refused.value)) == (
            "agreed_visits", "Typ een aantal omgangsmomenten van 1 tot 30."), wrong
        assert stored(workspace, case_id) == 8, "nothing saved"
    agree(workspace, case_id, "")
    assert stored(workspace, case_id) is None


def test_the_contract_states_the_number_and_when_the_midway_evaluation_is(workspace, case_id):
    text = all_text(render_contract(workspace, case_id, today=TODAY).pdf)
    assert "Aantal omgangsmomenten" not in text and "Halverwege het traject houden de ouders" in text
    agree(workspace, case_id, "7")
    text = all_text(render_contract(workspace, case_id, today=TODAY).pdf)
    assert "Aantal omgangsmomenten 7 begeleide omgangsmomenten" in text
    assert "Als 4 van de 7 omgangsmomenten zijn gehouden, houden de ouders, de BOR-medewerker en de coördinator een " \
        "tussenevaluatie" in text  # held ones, as Today and the case header count them (midway.py)
    english = all_text(render_contract(workspace, case_id, "en", today=TODAY).pdf)
    assert "Number of visits 7 supervised visits" in english and "Once 4 of the 7 visits have been held, the parents" in english


def test_a_change_after_a_signature_makes_a_new_version(workspace, case_id):
    agree(workspace, case_id, "8")
    new_version_if_changed(workspace, case_id)
    first = current_contract(workspace, case_id)
    assert first.agreements["agreed_visits"] == "8"
    record_signature(workspace, first.id, "resident", "Petra Jansen", dt.date.today())
    assert not signature_status(workspace, case_id)[0].agreements_changed, "the same number read back is no change"
    agree(workspace, case_id, "10")
    assert signature_status(workspace, case_id)[0].agreements_changed
    assert new_version_if_changed(workspace, case_id) == 2
    assert current_contract(workspace, case_id).agreements["agreed_visits"] == "10"


def test_typed_in_the_agreements_tab_and_a_wrong_number_is_said_under_the_field(qtbot, workspace, case_id):
    from borapp.ui.pages.cases.case_file.agreements_tab import AgreementsTab
    from borapp.services.cases.case_file import load_case

    tab = AgreementsTab(workspace)
    qtbot.addWidget(tab)
    tab.resize(1100, 900)
    tab.show()
    tab.show_case(load_case(workspace, case_id, record_open=False))
    field = tab.fields["agreed_visits"]
    assert field.accessibleName() == "Aantal omgangsmomenten" and "6 tot 12" in field.placeholderText()
    field.setFocus()
    qtbot.keyClicks(field, "40")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.messages["agreed_visits"].text() == "Typ een aantal omgangsmomenten van 1 tot 30."
    assert field.text() == "40" and stored(workspace, case_id) is None
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "4"
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert stored(workspace, case_id) == 4, tab.messages["agreed_visits"].text()
    assert tab.messages["agreed_visits"].text() == ""
