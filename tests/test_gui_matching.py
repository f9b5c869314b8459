"""The matching wizard through pytest-qt: launched from the case header, start to finish, the no-match path, an
ineligible volunteer that cannot be picked, exclusions, the item model, and the screenshot hook."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from borapp.formatting import number
from borapp.i18n import _
from borapp.services.cases import case_file as case_file_service
from borapp.services.cases.status import outcome_label
from borapp.services.matching.flow import matching_case
from borapp.services.matching.ranking import rank_candidates
from borapp.ui.pages.cases.case_file.case_header import PRIMARY_STYLE
from borapp.ui.wizards.matching import MatchingWizard
from borapp.ui.wizards.matching.candidate_model import NAME, SCORE, CandidateModel
from borapp.ui.wizards.matching.page_ids import CANDIDATES, CONFIRM, NO_MATCH
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.helpers.keyboard import retype
from tests.helpers.questions import answer_soon
from tests.matching.test_matching import add_matching_case
from tests.matching.test_matching import scene as scene  # noqa: F401 - the shared fixture

TODAY = dt.date.today()


def open_wizard(page, case_id) -> MatchingWizard:
    """As a person: the header's next step, or "Match another volunteer…" under More once someone is matched."""
    page.open_case_file(case_id)
    header = page.case_file.header
    if page.case_file.facts.volunteer_id is None:
        assert header.next_button.isVisible() and header.next_button.text() == _("Match a volunteer") + "…"
        header.next_button.click()
    else:
        next(a for a in header.more_menu.actions() if a.text() == _("Match another volunteer…")).trigger()
    wizard = page.case_file.dialog
    assert isinstance(wizard, MatchingWizard) and wizard.isVisible()
    assert wizard.currentId() == CANDIDATES
    return wizard


def next_button(wizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def finish_button(wizard):
    return wizard.button(QWizard.WizardButton.FinishButton)


def test_the_header_offers_matching_as_the_next_step_until_someone_is_matched(page, workspace, scene):
    case_id, _ids = scene
    page.open_case_file(case_id)
    header = page.case_file.header
    assert header.next_button.text() == _("Match a volunteer") + "…"
    assert header.next_button.styleSheet() == PRIMARY_STYLE
    assert _("Match another volunteer…") not in [a.text() for a in header.more_menu.actions()]
    intake = add_matching_case(workspace, "BOR-2026-002", status="intake")
    page.open_case_file(intake)
    assert header.next_button.text() == _("Draw up contract")


def test_matching_from_contract_moves_the_case_on_only_when_matched(qtbot, page, workspace, scene):
    case_id, ids = scene
    contract = add_matching_case(workspace, "BOR-2026-004", status="contract")
    wizard = open_wizard(page, contract)
    assert case_file_service.load_case(workspace, contract, record_open=False).status == "contract"  # not before
    wizard.candidates.eligible_table.selectRow(0)
    next_button(wizard).click()
    assert _("Matching") in wizard.confirm.next_steps.text()  # it says the case moves on
    with qtbot.waitSignal(page.changed):
        finish_button(wizard).click()
    facts = case_file_service.load_case(workspace, contract, record_open=False)
    assert (facts.status, facts.volunteer) == ("matching", "Anke Best")
    assert page.case_file.header.next_button.text() == _("Start visits")


def test_the_wizard_runs_start_to_finish_with_the_top_candidate(qtbot, page, workspace, scene):
    case_id, ids = scene
    wizard = open_wizard(page, case_id)
    candidates = wizard.candidates
    assert candidates.objectName() == "matching-1-candidates"
    assert not next_button(wizard).isEnabled() and candidates.hint.isVisible()
    assert candidates.hint.text() == _(
        "Choose a volunteer who can be matched, or tick that no volunteer can be matched.")
    top = candidates.eligible_model.row_at(0)
    assert top.volunteer_id == ids["best"]
    candidates.eligible_table.selectRow(0)
    assert wizard.chosen() == top and next_button(wizard).isEnabled() and not candidates.hint.isVisible()
    assert candidates.detail.name.text() == "Anke Best"
    from PySide6.QtWidgets import QLabel
    texts = [item.widget() for i in range(candidates.detail.reasons.count())
             if isinstance((item := candidates.detail.reasons.itemAt(i)).widget(), QLabel)
             and item.widget().wordWrap()]
    assert texts and all(t.alignment() & Qt.AlignmentFlag.AlignTop for t in texts), "level with mark and points"
    next_button(wizard).click()
    assert wizard.currentId() == CONFIRM and wizard.currentPage().objectName() == "matching-2-confirm"
    confirm = wizard.confirm
    assert confirm.name.text() == "Anke Best" and "Anke Best" in confirm.next_steps.text()
    assert _("Start visits") in confirm.next_steps.text()
    # the score's words beside its bar, not over it (half white on the filled part, half black on the rest)
    assert not confirm.bar.bar.isTextVisible() and not candidates.detail.bar.bar.isTextVisible()
    assert confirm.bar.text() == candidates.detail.bar.text() == "Score {} van 100".format(
        number(top.score)) and confirm.bar.words.isVisible()
    assert finish_button(wizard).isVisible() and finish_button(wizard).text() == _("Match")
    confirm.note.setPlainText("Anke belt maandag de moeder.")
    with qtbot.waitSignal(page.changed):
        finish_button(wizard).click()
    assert page.case_file.dialog is None
    facts = case_file_service.load_case(workspace, case_id, record_open=False)
    assert (facts.status, facts.volunteer_id, facts.volunteer) == ("matching", ids["best"], "Anke Best")
    header = page.case_file.header
    assert header.values["volunteer"].text() == "Anke Best"
    assert header.next_button.text() == _("Start visits")  # now the visits can start
    assert _("Match another volunteer…") in [a.text() for a in header.more_menu.actions()]


def test_the_no_match_path_closes_the_case_with_the_early_stop_reason(qtbot, page, workspace, scene):
    case_id, _ids = scene
    wizard = open_wizard(page, case_id)
    wizard.candidates.no_match.setChecked(True)
    assert not wizard.candidates.eligible_table.isEnabled()
    next_button(wizard).click()
    assert wizard.currentId() == NO_MATCH and wizard.currentPage().objectName() == "matching-3-no-match"
    no_match = wizard.no_match
    assert not finish_button(wizard).isEnabled() and no_match.note_message.isVisible()  # a note is required
    no_match.note.setPlainText("Moeder eist een Turkssprekende man; die is er niet in de regio.")
    assert finish_button(wizard).isEnabled() and not no_match.note_message.isVisible()
    with qtbot.waitSignal(page.changed):
        finish_button(wizard).click()
    facts = case_file_service.load_case(workspace, case_id, record_open=False)
    assert (facts.status, facts.outcome) == ("closed", "stopped_at_intake")
    with workspace.session() as session:
        from borapp.models import Case

        assert session.get(Case, case_id).outcome_reason == "no_volunteer_match"
    assert page.case_file.header.outcome.text() == outcome_label("stopped_at_intake")
    assert not page.case_file.header.next_button.isVisible()


def test_an_ineligible_candidate_cannot_be_picked(page, workspace, scene):
    case_id, ids = scene
    wizard = open_wizard(page, case_id)
    candidates = wizard.candidates
    assert candidates.pick(ids["old_vog"]) is False
    assert candidates.selected.volunteer_id == ids["old_vog"] and wizard.chosen() is None
    assert not next_button(wizard).isEnabled()
    assert candidates.hint.isVisible() and "Olga Oud" in candidates.hint.text()
    assert "1-1-2019" in candidates.hint.text()  # the reason, with the facts
    assert candidates.detail.verdict.text() == _("Cannot be matched.")
    wizard.next()  # even a programmatic Next is held back
    assert wizard.currentId() == CANDIDATES
    assert matching_case(workspace, case_id).volunteer_id is None
    assert candidates.pick(ids["best"]) is True and next_button(wizard).isEnabled()
    wizard.reject()


def type_date(field, text: str) -> None:
    """As a person: select what is there, type over it, leave with Tab."""
    field.edit.setFocus()
    field.edit.selectAll()
    QTest.keyClick(field.edit, Qt.Key.Key_Delete)
    QTest.keyClicks(field.edit, text)
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    field.commit()  # what leaving the field does (offscreen, Tab does not always take the focus away)


def test_a_refused_match_date_is_said_under_the_date_and_goes_when_retyped(page, workspace, scene):
    """A future date or one before the case's last step was said at the foot of the page, far from the field."""
    case_id, ids = scene
    wizard = open_wizard(page, case_id)
    wizard.candidates.pick(ids["best"])
    wizard.next()
    confirm = wizard.confirm
    for typed, said in (((dt.date.today() + dt.timedelta(days=3)).strftime("%d-%m-%Y"), _("This date is in the future.")),
                        ("1-1-2001", "")):
        type_date(confirm.on, typed)
        QTest.mouseClick(finish_button(wizard), Qt.MouseButton.LeftButton)
        assert wizard.isVisible() and wizard.currentId() == CONFIRM
        assert confirm.on_message.isVisible() and not confirm.message.isVisible()
        assert said in confirm.on_message.text() and confirm.on_message.text()
        assert confirm.on_message.width() >= confirm.note.width() - 2, "the row's width, not the date's"
    type_date(confirm.on, "31-11-2026")
    QTest.mouseClick(finish_button(wizard), Qt.MouseButton.LeftButton)
    said = [m for m in (confirm.on.message, confirm.on_message, confirm.message) if m.isVisible()]
    assert said == [confirm.on.message] and "31-11-2026" in said[0].text(), "an unreadable date is said once"
    type_date(confirm.on, dt.date.today().strftime("%d-%m-%Y"))
    assert not confirm.on_message.isVisible() and not confirm.on.message.isVisible(), confirm.on.message.text()
    assert matching_case(workspace, case_id).volunteer_id is None
    wizard.reject()


def test_a_future_closing_date_without_a_match_is_said_under_the_date(page, workspace, scene):
    case_id, _ids = scene
    wizard = open_wizard(page, case_id)
    wizard.candidates.no_match.setFocus()
    QTest.keyClick(wizard.candidates.no_match, Qt.Key.Key_Space)
    assert wizard.candidates.no_match.isChecked()
    next_button(wizard).click()
    no_match = wizard.no_match
    QTest.keyClicks(no_match.note, "Geen Turkssprekende man in de regio.")
    type_date(no_match.on, (dt.date.today() + dt.timedelta(days=3)).strftime("%d-%m-%Y"))
    QTest.mouseClick(finish_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and no_match.on_message.isVisible() and not no_match.message.isVisible()
    assert "toekomst" in no_match.on_message.text()
    answer_soon(QMessageBox.StandardButton.Discard)  # the note typed is thrown away on purpose
    wizard.reject()


def _exclude_with(qtbot, candidates, reason: str):
    """"Exclude for this case…", the reason typed, OK."""
    qtbot.mouseClick(candidates.detail.exclude_button, Qt.MouseButton.LeftButton)
    dialog = candidates.exclusion_dialog
    assert dialog.isVisible() and dialog.reason.accessibleName() == _("Reason")
    qtbot.keyClicks(dialog.reason, reason)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    return dialog


def test_excluding_and_allowing_again_from_the_detail_panel(qtbot, page, workspace, scene):
    case_id, ids = scene
    wizard = open_wizard(page, case_id)
    candidates = wizard.candidates
    candidates.pick(ids["best"])
    dialog = _exclude_with(qtbot, candidates, "  ")  # no reason: none is made up, the coordinator is asked for one
    assert candidates.eligible_model.row_of(ids["best"]) >= 0 and "Zeg waarom" in candidates.hint.text()
    assert "ook als u de wizard annuleert" in dialog.label.text(), "it is recorded at once, and says so"
    assert "Anke Best" in dialog.windowTitle() and "BOR-2026-001" in dialog.windowTitle()
    _exclude_with(qtbot, candidates, "kent de vader")
    assert candidates.other_model.row_of(ids["best"]) >= 0 and candidates.eligible_model.row_of(ids["best"]) < 0
    assert candidates.selected.volunteer_id == ids["best"] and not candidates.selected.eligible  # still shown
    assert candidates.detail.allow_button.isVisible()
    candidates.detail.allow_button.click()
    assert candidates.eligible_model.row_of(ids["best"]) == 0 and wizard.chosen().volunteer_id == ids["best"]
    qtbot.mouseClick(candidates.detail.exclude_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(candidates.exclusion_dialog.reason, "toch niet")
    asked: list = []
    answer_soon(QMessageBox.StandardButton.Discard, asked)  # typed: Escape asks before the reason goes
    qtbot.keyClick(candidates.exclusion_dialog.reason, Qt.Key.Key_Escape)  # Cancel excludes nobody
    assert asked == ["Wat u hebt getypt is niet opgeslagen. Weggooien?"]
    assert candidates.eligible_model.row_of(ids["best"]) == 0
    wizard.reject()


def test_the_wizard_marks_the_volunteer_matched_now(page, workspace, scene):
    case_id, ids = scene
    from borapp.services.matching.flow import assign_volunteer

    assign_volunteer(workspace, case_id, ids["far"])
    wizard = open_wizard(page, case_id)
    candidates = wizard.candidates
    row = candidates.eligible_model.row_of(ids["far"])
    name = candidates.eligible_model.index(row, NAME).data()
    assert name == _("{name} (matched now)").format(name="Femke Ver")
    assert candidates.pick(ids["far"]) is False and "Femke Ver" in candidates.hint.text()
    assert candidates.pick(ids["best"]) is True
    wizard.next()
    assert "Femke Ver" in wizard.confirm.next_steps.text()  # says the old match ends
    wizard.reject()


def test_candidate_model_passes_the_model_tester(qtmodeltester, workspace, scene):
    case_id, _ids = scene
    ranking = rank_candidates(workspace, case_id)
    for eligible in (True, False):
        model = CandidateModel(eligible)
        model.set_rows([c for c in ranking if c.eligible == eligible])
        qtmodeltester.check(model)
        assert model.index(0, SCORE).data() and model.headerData(NAME, Qt.Orientation.Horizontal) == _("Volunteer")
    empty = CandidateModel()
    qtmodeltester.check(empty)


def test_screenshot_hook_names_every_page_and_changes_nothing(qtbot, vault, workspace, scene):
    from borapp.ui.main_window import MainWindow
    from borapp.ui.wizards.matching.screenshots import shoot

    case_id, _ids = scene
    window = MainWindow(vault.path)
    qtbot.addWidget(window)
    window.open_workspace(workspace)
    saved = []
    shoot(window, lambda widget, name: saved.append((name, widget.grab().width())))
    assert [n for n, _w in saved] == ["matching-0-case-file", "matching-1-candidates", "matching-2-confirm",
                                      "matching-3-no-match"]
    assert all(width > 0 for _n, width in saved)
    info = matching_case(workspace, case_id)
    assert (info.status, info.volunteer_id) == ("matching", None)
    window.lock()


def test_a_case_not_in_matching_cannot_go_on_and_says_why(qtbot, workspace, scene):
    _case_id, ids = scene
    intake = add_matching_case(workspace, "BOR-2026-003", status="intake")
    wizard = MatchingWizard(workspace, intake)
    qtbot.addWidget(wizard)
    wizard.show()
    candidates = wizard.candidates
    assert candidates.pick(ids["best"]) is False and not next_button(wizard).isEnabled()
    assert candidates.hint.text() == _(
        "A volunteer is matched once the contract is drawn up; this case is in '{status}'.").format(status=_("Intake"))
    wizard.reject()


def test_the_reasons_column_stays_in_sight_in_a_small_window(qtbot, page, workspace, scene):
    """At 760 px wide the name's fixed 220 px and the score's 130 pushed "Waarom" out of sight, with no scroll bar
    to reach it; "Waarom niet" showed "rom" (found by a walk)."""
    from borapp.ui.wizards.matching.candidate_model import WHY

    case_id, _ids = scene
    wizard = open_wizard(page, case_id)
    wizard.resize(760, 680)
    qtbot.wait(50)
    for table in (wizard.candidates.eligible_table, wizard.candidates.other_table):
        header = table.horizontalHeader()
        right = header.sectionViewportPosition(WHY) + header.sectionSize(WHY)
        assert header.sectionSize(WHY) >= 80 and right <= table.viewport().width() + 1, (
            table.accessibleName(), header.sectionSize(WHY), right, table.viewport().width())
    wizard.reject()


def test_matching_says_that_the_unsigned_contract_now_names_the_volunteer(qtbot, page, workspace, scene):
    """A version 1 printed before the match says the volunteer signs a later version; the match changes version 1
    itself. The confirm page says so: print it again."""
    from borapp.services.documents.contract_versions import new_version_if_changed

    contract = add_matching_case(workspace, "BOR-2026-005", status="contract")
    new_version_if_changed(workspace, contract)
    wizard = open_wizard(page, contract)
    wizard.candidates.eligible_table.selectRow(0)
    next_button(wizard).click()
    assert ("Versie 1 van de overeenkomst gaat Anke Best noemen. Had u hem al afgedrukt, druk hem dan opnieuw af"
            in wizard.confirm.next_steps.text()), wizard.confirm.next_steps.text()
    wizard.reject()


def test_the_note_stays_whole_under_a_refused_date(qtbot, page, workspace, scene):
    """The form's height fell a message's line short: the Note box under a refused date was cut off."""
    case_id, ids = scene
    wizard = open_wizard(page, case_id)
    wizard.candidates.pick(ids["best"])
    wizard.next()
    confirm = wizard.confirm
    type_date(confirm.on, "1-1-2001")  # before the case's last step
    QTest.mouseClick(finish_button(wizard), Qt.MouseButton.LeftButton)
    assert confirm.on_message.isVisible()
    qtbot.wait(100)  # the layout settles
    form = confirm.note.parentWidget().parentWidget()
    assert confirm.note.mapTo(form, confirm.note.rect().bottomLeft()).y() < form.height()
    wizard.reject()


def _click_row(qtbot, table, row: int) -> None:
    centre = table.visualRect(table.model().index(row, NAME)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


@pytest.mark.parametrize("size", [(760, 680), (1120, 680)])
def test_with_nobody_to_match_every_reason_is_readable_in_full(qtbot, page, workspace, scene, size):
    """At 760×680 the reasons were squeezed into each other ("Excluded for this case: Test: not" lost "available",
    the last ran into the button), the hint under the lists named the last one excluded as if the only problem,
    and "Why not" showed a dozen characters (found by a walk)."""
    from PySide6.QtWidgets import QLabel

    from borapp.ui.wizards.matching.candidate_model import WHY

    _case, ids = scene
    case_id = add_matching_case(workspace, "BOR-2026-005", wish_gender="f", wish_languages="Nederlands, Turks")
    wizard = open_wizard(page, case_id)
    wizard.resize(*size)
    candidates = wizard.candidates
    while candidates.eligible_model.rowCount():
        _click_row(qtbot, candidates.eligible_table, 0)
        _exclude_with(qtbot, candidates, "Test: niet beschikbaar")
    assert candidates.nobody.isVisible()
    _click_row(qtbot, candidates.other_table, candidates.other_model.row_of(ids["far"]))
    assert candidates.selected.volunteer_id == ids["far"]
    qtbot.wait(50)
    assert candidates.hint.text() == _("Nobody can be matched yet: see above what you can do.")
    detail = candidates.detail
    texts = [w for w in detail.findChildren(QLabel) if w.wordWrap() and w.alignment() & Qt.AlignmentFlag.AlignTop]
    assert len(texts) >= 5 and any(t.text().endswith("Test: niet beschikbaar") for t in texts)
    def whole(text) -> bool:
        return text.height() >= text.heightForWidth(text.width())

    qtbot.waitUntil(lambda: all(whole(t) for t in texts), timeout=3000)  # once the layout has settled
    for text in texts:
        assert whole(text), text.text()  # every line of it, not cut
    tops = sorted((t.y(), t.y() + t.height()) for t in texts)
    assert all(below[0] >= above[1] for above, below in zip(tops, tops[1:])), "no reason over another"
    button = detail.allow_button.mapTo(detail, detail.allow_button.rect().topLeft()).y()
    for text in texts:  # in sight above the buttons, or scrolled to
        if hasattr(detail, "reasons_area"):
            detail.reasons_area.ensureWidgetVisible(text)
        assert text.mapTo(detail, text.rect().bottomLeft()).y() < button, text.text()
    table = candidates.other_table
    row = candidates.other_model.row_of(ids["far"])
    assert table.horizontalHeader().sectionSize(WHY) >= 170
    tip = candidates.other_model.index(row, WHY).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[0].endswith("Test: niet beschikbaar")
    wizard.reject()


def test_the_family_box_tells_a_demand_from_a_wish(qtbot, page, workspace, scene):
    """"Parents' demands" listed the language with the gender, though only the gender rules volunteers out."""
    from PySide6.QtWidgets import QLabel

    case_id = add_matching_case(workspace, "BOR-2026-006", wish_gender="f", wish_languages="tr")
    wizard = open_wizard(page, case_id)
    box = wizard.candidates.findChild(QLabel.__mro__[1], "familyNeeds")
    said = {w.accessibleName(): w.text() for w in box.findChildren(QLabel) if w.accessibleName()}
    assert said[_("Parents' demands")] == _("A female volunteer")
    assert said[_("Parents' wishes")] == _("speaks {languages} (counts in the ranking)").format(
        languages=wizard.info.wish_languages)
    wizard.reject()


def _focus() -> QWidget:
    return QApplication.focusWidget()


def _keyboard_to_confirm(qtbot, wizard, *, with_enter: bool = True) -> None:
    """As a person: the first candidate with the arrow keys, then Enter, or a click on Next (which takes the focus)."""
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    table = wizard.candidates.eligible_table
    assert _focus() is table
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Up)
    assert wizard.chosen() == wizard.candidates.eligible_model.row_at(0)
    if with_enter:
        QTest.keyClick(table, Qt.Key.Key_Return)
    else:
        qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == CONFIRM


def test_the_confirm_page_starts_in_its_date_and_tab_goes_down_then_along_the_buttons(qtbot, page, scene):
    """Reached with Next pressed (its letter, or a click), the page started on Match (Next had the focus), and Tab
    went Match, Cancel, the date, the note, Back."""
    case_id, _ids = scene
    wizard = open_wizard(page, case_id)
    _keyboard_to_confirm(qtbot, wizard, with_enter=False)
    confirm = wizard.confirm
    assert _focus() is confirm.on.edit
    seen = []
    for _step in range(5):
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)
        seen.append(_focus())
    back = wizard.button(QWizard.WizardButton.BackButton)
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    assert seen == [confirm.note, back, finish_button(wizard), cancel, confirm.on.edit]
    wizard.reject()


def test_enter_goes_on_and_enter_in_the_date_matches_once_the_date_is_right(qtbot, page, workspace, scene):
    """There was no default button: Enter did nothing on either page."""
    case_id, ids = scene
    wizard = open_wizard(page, case_id)
    _keyboard_to_confirm(qtbot, wizard)
    confirm = wizard.confirm
    assert _focus() is confirm.on.edit and finish_button(wizard).isDefault()
    for _step in range(5):
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)  # once round, past Match
    assert _focus() is confirm.on.edit and finish_button(wizard).isDefault(), "still Enter's after Tab passed it"
    future = (TODAY + dt.timedelta(days=3)).strftime("%d-%m-%Y")
    retype(confirm.on.edit, future)
    QTest.keyClick(confirm.on.edit, Qt.Key.Key_Return)  # the date is checked first
    assert wizard.isVisible() and confirm.on_message.text() == _("This date is in the future.")
    assert matching_case(workspace, case_id).volunteer_id is None
    retype(confirm.on.edit, TODAY.strftime("%d-%m-%Y"))
    with qtbot.waitSignal(page.changed):
        QTest.keyClick(confirm.on.edit, Qt.Key.Key_Return)
    assert matching_case(workspace, case_id).volunteer_id == ids["best"]


def test_escape_asks_before_a_typed_note_is_thrown_away(qtbot, page, workspace, scene):
    """Escape closed the wizard and the note typed on the confirm page was gone, without a word."""
    case_id, _ids = scene
    wizard = open_wizard(page, case_id)
    _keyboard_to_confirm(qtbot, wizard)
    note = wizard.confirm.note
    QTest.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is note
    QTest.keyClicks(note, "Eerste kennismaking op maandag.")
    asked = []
    answer_soon(QMessageBox.StandardButton.Cancel, asked)
    QTest.keyClick(note, Qt.Key.Key_Escape)
    assert asked == [_("What you typed has not been saved. Throw it away?")]
    assert wizard.isVisible() and note.toPlainText() == "Eerste kennismaking op maandag."
    answer_soon(QMessageBox.StandardButton.Discard, asked)
    with qtbot.waitSignal(wizard.finished):
        QTest.keyClick(note, Qt.Key.Key_Escape)
    assert len(asked) == 2 and page.case_file.dialog is None
    assert matching_case(workspace, case_id).volunteer_id is None


def test_escape_without_typing_just_closes(qtbot, page, workspace, scene):
    case_id, _ids = scene
    wizard = open_wizard(page, case_id)
    _keyboard_to_confirm(qtbot, wizard)
    with qtbot.waitSignal(wizard.finished):
        QTest.keyClick(_focus(), Qt.Key.Key_Escape)  # no question: nothing typed to lose
    assert page.case_file.dialog is None
