"""The family's wishes for the match are edited in the case file (tab Afspraken), not only asked at intake: "she
wants a volunteer who speaks English after all" had no place to go, and matching ranked by the old wishes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from borapp.services.cases.case_file import load_case
from borapp.services.cases.wishes import Wishes
from borapp.services.matching.ranking import rank_candidates
from tests.visits.test_visit_services import make_case


def agreements_tab(qtbot, workspace, case_id):
    from borapp.ui.pages.cases.case_file.case_file_widget import CaseFileWidget

    case_file = CaseFileWidget(workspace)
    qtbot.addWidget(case_file)
    case_file.resize(1280, 900)
    case_file.show()
    case_file.load(case_id)
    return case_file.show_tab("agreements")


def test_the_wishes_are_typed_and_saved_in_the_case_file_and_matching_ranks_by_them(qtbot, workspace):
    case_id, _volunteer = make_case(workspace)
    tab = agreements_tab(qtbot, workspace, case_id)
    for box in (tab.fields["wish_languages"].boxes["en"], tab.fields["preferred_slots"].boxes[("sat", "morning")]):
        tab.scroll.ensureWidgetVisible(box)
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))  # on the tick box
        assert box.isChecked(), box.text()
    gender = tab.fields["wish_gender"]
    gender.setFocus()
    QTest.keyClick(gender, Qt.Key.Key_Down)  # from "No preference" to the first gender
    other = tab.fields["volunteer_wishes"]
    qtbot.mouseClick(other.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClicks(other, "Liefst iemand met ervaring met jonge kinderen")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert load_case(workspace, case_id, record_open=False).wishes == Wishes(
        "sat-morning", "f", "en", "Liefst iemand met ervaring met jonge kinderen")
    reasons = " ".join(" ".join(f.text for f in c.factors) for c in rank_candidates(workspace, case_id))
    assert "Engels" in reasons, "matching reads the wish"


def test_a_wish_the_app_does_not_know_is_refused_on_its_field(workspace):
    import pytest

    from borapp.services.cases.wishes import save_wishes
    from borapp.services.errors import ValidationError

    case_id, _volunteer = make_case(workspace)
    for wishes, field in ((Wishes(preferred_slots="sat-night"), "preferred_slots"),
                          (Wishes(wish_gender="x"), "wish_gender"),
                          (Wishes(wish_languages="english"), "wish_languages"),
                          (Wishes(volunteer_wishes="x" * 4001), "volunteer_wishes")):
        with pytest.raises(ValidationError) as refused:
            save_wishes(workspace, case_id, wishes)
        assert refused.value.field == field
    save_wishes(workspace, case_id, Wishes("wed-afternoon;sat-morning", "m", "tr;en", "  rustig  "))
    assert load_case(workspace, case_id, record_open=False).wishes == Wishes(
        "wed-afternoon;sat-morning", "m", "tr;en", "rustig")


def _type_language(qtbot, picker, name: str, *, enter: bool) -> None:
    picker.window().activateWindow()
    qtbot.mouseClick(picker.other, Qt.MouseButton.LeftButton)
    QTest.keyClicks(picker.other, name)
    if enter:
        QTest.keyClick(picker.other, Qt.Key.Key_Return)


def test_a_wish_for_another_language_is_typed_in_the_case_file_and_matched(qtbot, workspace):
    """Only the eleven checkboxes could be wished, so a family's wish for Tarifit had no place (the volunteers
    could record it)."""
    from borapp.models import Volunteer

    case_id, volunteer_id = make_case(workspace)
    with workspace.session() as session:
        session.get(Volunteer, volunteer_id).languages = "nl;rif;papiamentu"
    tab = agreements_tab(qtbot, workspace, case_id)
    picker = tab.fields["wish_languages"]
    tab.scroll.ensureWidgetVisible(picker.other)
    _type_language(qtbot, picker, "Tarifit", enter=True)
    assert picker.boxes["rif"].isChecked() and picker.other.text() == ""
    _type_language(qtbot, picker, "Papiamentu", enter=False)  # typed, not added: Save takes it along
    assert tab.save_button.isEnabled()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert load_case(workspace, case_id, record_open=False).wishes.wish_languages == "rif;papiamentu"
    assert picker.other.text() == "" and not tab.save_button.isEnabled()
    assert picker.boxes["papiamentu"].isChecked() and picker.boxes["papiamentu"].text() == "Papiamentu"
    reasons = " ".join(" ".join(f.text for f in c.factors) for c in rank_candidates(workspace, case_id))
    assert "Spreekt Tarifit, Papiamentu, zoals gewenst" in reasons, reasons
