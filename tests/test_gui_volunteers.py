"""The Volunteers page: list, model, sorting, search, editing with validation, drafts, availability, meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from borapp.i18n import _
from borapp.models import Case, Volunteer
from borapp.services import drafts as draft_store
from borapp.services.volunteers.profiles import VolunteerRow, list_volunteers, load_volunteer
from borapp.ui.pages.volunteers.availability_grid import AvailabilityGrid
from borapp.ui.pages.volunteers.meetings_panel import NOTE, PEOPLE
from borapp.ui.pages.volunteers.volunteer_table_model import LOAD, NAME, VOG, VolunteerTableModel
from borapp.ui.pages.volunteers.volunteers_page import VolunteersPage
from tests.helpers.volunteers_page import shown_page
from tests.helpers.questions import answer_soon
from tests.helpers.sort_arrow import arrow_points_down, click_header

TODAY = dt.date.today()


def make_volunteer(workspace, name: str, **fields) -> int:
    with workspace.session() as session:
        volunteer = Volunteer(name=name, **fields)
        session.add(volunteer)
        session.flush()
        return volunteer.id


def make_case(workspace, ref: str, volunteer_id: int, status: str = "visits") -> int:
    with workspace.session() as session:
        case = Case(ref=ref, registered_on=TODAY, status=status, volunteer_id=volunteer_id)
        session.add(case)
        session.flush()
        return case.id


@pytest.fixture
def people(workspace):
    return {
        "anna": make_volunteer(workspace, "Anna Proef", region="Kop", max_cases=2, vog_date=TODAY),
        "bert": make_volunteer(workspace, "Bert Test", region="West-Friesland", max_cases=3, active=False),
        "carla": make_volunteer(workspace, "Carla Proef", region="West-Friesland", max_cases=1,
                                availability="mon-morning"),
    }


@pytest.fixture
def page(qtbot, workspace, people):
    return shown_page(qtbot, workspace)


def names(page) -> list[str]:
    return [page.model.row_at(r).name for r in range(page.model.rowCount())]


# ---- the list -----------------------------------------------------------------------------------------------------

def test_list_shows_the_pool_first_and_everyone_on_request(qtbot, page, workspace, people):
    """Ticked at first: the volunteers still in the pool; unticked, those who have left too, and that choice is
    kept on this laptop."""
    make_case(workspace, "Z-1", people["anna"])
    page.refresh()
    assert page.active_only.isChecked() and names(page) == ["Anna Proef", "Carla Proef"]
    qtbot.mouseClick(page.active_only, Qt.MouseButton.LeftButton)
    assert names(page) == ["Anna Proef", "Bert Test", "Carla Proef"]
    row = page.model.row_of(people["anna"])
    assert page.model.index(row, LOAD).data() == "1 / 2"
    assert page.model.index(page.model.row_of(people["bert"]), NAME).data() == _("{name} (not active)").format(
        name="Bert Test")
    assert page.count.text().startswith("3")
    again = VolunteersPage(workspace)
    qtbot.addWidget(again)
    again.refresh()
    assert not again.active_only.isChecked() and len(names(again)) == 3


def test_model_passes_the_model_tester(qtmodeltester, workspace, people):
    model = VolunteerTableModel()
    model.set_rows(list_volunteers(workspace))
    qtmodeltester.check(model)
    model.sort(VOG, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_model_sorts_itself_and_keeps_the_sort_on_new_rows():
    rows = [VolunteerRow(i, n, "", ("nl",), True, load, 2, None, "missing")
            for i, (n, load) in enumerate([("Bea", 1), ("Aad", 2), ("Cor", 0)], start=1)]
    model = VolunteerTableModel()
    model.set_rows(rows)
    model.sort(LOAD, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, NAME).data() for r in range(3)] == ["Aad", "Bea", "Cor"]
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    model.set_rows(list(reversed(rows)))
    assert [model.index(r, NAME).data() for r in range(3)] == ["Aad", "Bea", "Cor"]


def test_header_click_sorts_through_the_model(page, qtbot):
    header = page.table.horizontalHeader()
    page.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(NAME) + 5, header.height() // 2))
    assert names(page) == ["Carla Proef", "Anna Proef"]


def test_search_active_only_and_region(page):
    page.search.setText("proef")
    assert names(page) == ["Anna Proef", "Carla Proef"]
    page.search.clear()
    page.active_only.setChecked(True)
    assert names(page) == ["Anna Proef", "Carla Proef"]
    page.active_only.setChecked(False)
    page.region_filter.setCurrentIndex(page.region_filter.findData("West-Friesland"))
    assert names(page) == ["Bert Test", "Carla Proef"]
    page.search.setText("niemand")
    assert page.model.rowCount() == 0
    assert page.list_stack.currentWidget() is page.empty and page.empty.text()


@pytest.mark.parametrize("typed", ["0612345678", "612345678", "Arabisch", "arabic", "06-1234"])
def test_search_finds_a_phone_number_however_typed_and_a_language_by_name(qtbot, page, workspace, typed):
    """"Arabisch" and a phone number without its spaces found nobody (found by a walk)."""
    make_volunteer(workspace, "Dana Proef", phone="+31 6 1234 5678", languages="nl;ar")
    make_volunteer(workspace, "Eva Proef", phone="+31 6 8765 4321", languages="nl;pap")
    page.refresh()
    page.search.setFocus()
    qtbot.keyClicks(page.search, typed)
    assert names(page) == ["Dana Proef"]


@pytest.mark.parametrize("typed", ["celik", "ÇELIK", "FÉLINE", "feline", "noord-holland"])
def test_search_minds_no_accents_or_capitals_in_names_and_regions(qtbot, page, workspace, typed):
    """"celik" did not find Çelik and "FÉLINE" not Féline: SQLite's LIKE folds ASCII capitals only (found by a
    walk). The e-mail address is one the search cannot lean on here."""
    make_volunteer(workspace, "Féline Çelik-de Vries", email="fv@voorbeeld.nl", region="Noord-Hólland")
    make_volunteer(workspace, "Frank Celis", email="frank@voorbeeld.nl", region="Kennemerland")
    page.refresh()
    page.search.setFocus()
    qtbot.keyClicks(page.search, typed)
    assert names(page) == ["Féline Çelik-de Vries"]


def test_empty_vault_says_what_to_do(qtbot, workspace):
    widget = VolunteersPage(workspace)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    assert widget.list_stack.currentWidget() is widget.empty
    assert widget.empty.text() == _("No volunteers yet. Add one with New volunteer, or import a spreadsheet.")
    make_volunteer(workspace, "Dirk Proef", active=False)  # nobody in the pool: the tick hides the only one
    widget.refresh()
    assert widget.empty.text() == _("No active volunteers. Untick Active only to see those who have left.")
    qtbot.mouseClick(widget.active_only, Qt.MouseButton.LeftButton)
    assert names(widget) == ["Dirk Proef"] and widget.list_stack.currentWidget() is widget.table


# ---- editing ------------------------------------------------------------------------------------------------------

def test_choosing_a_row_opens_the_profile(page, people):
    page.table.selectRow(page.model.row_of(people["carla"]))
    assert page.editor.volunteer_id == people["carla"]
    assert page.editor.name.text() == "Carla Proef"
    assert page.editor.availability.value() == {("mon", "morning")}


def test_edit_and_save(page, workspace, people):
    page.open_volunteer_profile(people["anna"])
    page.editor.phone.setText("06-12345678")
    page.editor.max_cases.setValue(4)
    assert page.editor.is_dirty()
    with_changed = []
    page.changed.connect(lambda: with_changed.append(True))
    page.editor.save_button.click()
    profile = load_volunteer(workspace, people["anna"])
    assert profile.phone == "06-12345678" and profile.max_cases == 4
    assert not page.editor.is_dirty() and with_changed
    assert page.model.index(page.model.row_of(people["anna"]), LOAD).data() == "0 / 4"


def test_validation_message_under_the_field_and_typing_kept(page, workspace, people):
    page.open_volunteer_profile(people["anna"])
    page.editor.name.setText("Zoë Çelik-Ĳsselmeer")
    page.editor.email.setText("zoe-at-example")
    page.editor.phone.setText("bel maar")
    page.editor.save_button.click()
    assert not page.editor.messages["email"].isHidden() and page.editor.messages["email"].text()
    assert not page.editor.messages["phone"].isHidden()
    assert page.editor.messages["name"].isHidden()
    assert page.editor.name.text() == "Zoë Çelik-Ĳsselmeer" and page.editor.email.text() == "zoe-at-example"
    assert load_volunteer(workspace, people["anna"]).name == "Anna Proef"
    page.editor.email.setText("zoe@example.nl")
    page.editor.phone.setText("0612345678")
    page.editor.save_button.click()
    assert page.editor.messages["email"].isHidden()
    assert load_volunteer(workspace, people["anna"]).name == "Zoë Çelik-Ĳsselmeer"


def test_duplicate_name_is_refused_beside_the_name(page, people):
    page.open_new()
    page.editor.name.setText("anna proef")
    page.editor.save_button.click()
    assert not page.editor.messages["name"].isHidden()
    assert page.editor.volunteer_id is None and page.editor.name.text() == "anna proef"


def test_new_volunteer_is_saved_and_listed(page, workspace):
    page.new_button.click()
    assert page.editor.volunteer_id is None and page.editor.title.text() == _("New volunteer")
    page.editor.name.setText("Dirk Nieuw")
    page.editor.availability.boxes[("sat", "afternoon")].setChecked(True)
    page.editor.save_button.click()
    assert "Dirk Nieuw" in names(page)
    assert page.editor.volunteer_id is not None
    assert load_volunteer(workspace, page.editor.volunteer_id).availability == {("sat", "afternoon")}


def test_vog_warning_when_older_than_the_renewal_period(page, people):
    page.open_volunteer_profile(people["anna"])
    assert page.editor.messages["vog_date"].isHidden()
    page.editor.vog_date.set_value(TODAY.replace(year=TODAY.year - 4))
    assert not page.editor.messages["vog_date"].isHidden() and "3" in page.editor.messages["vog_date"].text()


def test_current_case_opens_the_case(page, qtbot, workspace, people):
    case_id = make_case(workspace, "Z-9", people["anna"], status="evaluation")
    page.open_volunteer_profile(people["anna"])
    cases = page.editor.cases
    assert cases.count() == 1
    cases.setFocus()
    cases.setCurrentRow(0)
    with qtbot.waitSignal(page.open_case, check_params_cb=lambda received: received == case_id):
        qtbot.keyClick(cases, Qt.Key.Key_Return)


# ---- drafts -------------------------------------------------------------------------------------------------------

def test_drafts_round_trip(page, people):
    assert page.drafts() == {}
    page.open_volunteer_profile(people["anna"])
    page.editor.notes.setPlainText("Spreekt ook Fries")
    page.editor.availability.boxes[("wed", "evening")].setChecked(True)
    saved = page.drafts()
    key = f"volunteer/{people['anna']}"
    assert list(saved) == [key]
    page.clear()
    assert page.editor.notes.toPlainText() == "" and page.model.rowCount() == 0
    page.refresh()
    page.restore_drafts({**saved, "case/1/family": {"x": 1}})
    assert page.editor.volunteer_id == people["anna"]
    assert page.editor.notes.toPlainText() == "Spreekt ook Fries"
    assert ("wed", "evening") in page.editor.availability.value()
    assert page.editor.is_dirty()


def test_switching_volunteers_keeps_unsaved_edits(page, people):
    page.open_volunteer_profile(people["anna"])
    page.editor.phone.setText("0600000000")
    page.open_volunteer_profile(people["carla"])
    assert page.editor.phone.text() == ""
    assert f"volunteer/{people['anna']}" in page.drafts()
    assert page.model.index(page.model.row_of(people["anna"]), NAME).data(Qt.ItemDataRole.DecorationRole) is not None
    page.open_volunteer_profile(people["anna"])
    assert page.editor.phone.text() == "0600000000"


def test_new_volunteer_draft_round_trip(page):
    page.open_new()
    page.editor.name.setText("Eva Half")
    saved = page.drafts()
    assert saved["volunteer/new"]["name"] == "Eva Half"
    page.clear()
    page.restore_drafts(saved)
    assert page.editor.volunteer_id is None and page.editor.name.text() == "Eva Half"


def test_saving_forgets_the_stored_draft(page, workspace, people):
    key = f"volunteer/{people['anna']}"
    draft_store.save_draft(workspace, "ui/" + key, {"name": "Anna Proef", "notes": "half"})
    page.restore_drafts({key: draft_store.load_draft(workspace, "ui/" + key)})
    page.editor.save_button.click()
    assert draft_store.load_draft(workspace, "ui/" + key) is None
    assert page.drafts() == {}


def test_discard_puts_back_what_is_stored(page, people):
    page.open_volunteer_profile(people["anna"])
    assert not page.editor.discard_button.isEnabled()
    page.editor.name.setText("Iemand Anders")
    page.editor.discard_button.click()
    assert page.editor.name.text() == "Anna Proef" and not page.editor.is_dirty()


def test_save_is_there_once_something_changed_and_for_a_new_volunteer(page, qtbot, workspace, people):
    """"Opslaan" stood enabled with nothing to save; a date typed and not yet read counts as a change (clicking
    Save reads it), and putting the old value back disables it again."""
    page.open_volunteer_profile(people["anna"])
    editor = page.editor
    assert not editor.save_button.isEnabled() and editor.status.text() == ""
    qtbot.mouseClick(editor.phone, Qt.MouseButton.LeftButton)
    QTest.keyClicks(editor.phone, "0")
    assert editor.save_button.isEnabled()
    QTest.keyClick(editor.phone, Qt.Key.Key_Backspace)
    assert not editor.save_button.isEnabled(), "back as stored"
    editor.vog_date.edit.setFocus()
    editor.vog_date.edit.selectAll()
    QTest.keyClicks(editor.vog_date.edit, "1-3-2026")
    assert editor.save_button.isEnabled(), "typed, not yet read: Save is there to click"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert load_volunteer(workspace, people["anna"]).vog_date == dt.date(2026, 3, 1)
    assert editor.status.text() == _("Saved.") and not editor.save_button.isEnabled()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert editor.volunteer_id is None and editor.save_button.isEnabled(), "a new one: Save says what is missing"


def test_the_first_save_marks_every_problem_at_once(page, qtbot, workspace):
    """A new volunteer with a wrong e-mail and phone and a training typed but not added: the first Save marked only
    the training; the e-mail and phone only on the next."""
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    for field, text in ((editor.name, "Dirk Nieuw"), (editor.email, "dirk-at-example"), (editor.phone, "bel maar"),
                        (editor.vog_date.edit, "31-2-2026"), (editor.trainings.date.edit, "1-3-2026")):
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        QTest.keyClicks(field, text)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.messages["email"].isHidden() and not editor.messages["phone"].isHidden()
    assert "nog niet toegevoegd" in editor.trainings.date.message.text() and editor.vog_date.problem()
    assert editor.messages["vog_date"].isHidden(), "the date says why under itself, once"
    assert editor.status.text() == "Niet opgeslagen: controleer de gemarkeerde velden."
    assert "Dirk Nieuw" not in [v.name for v in list_volunteers(workspace, active_only=False)]


# ---- availability grid --------------------------------------------------------------------------------------------

def test_availability_grid(qtbot):
    grid = AvailabilityGrid()
    qtbot.addWidget(grid)
    assert len(grid.boxes) == 21
    grid.set_value({("mon", "morning"), ("sun", "evening")})
    assert grid.value() == {("mon", "morning"), ("sun", "evening")}
    with qtbot.waitSignal(grid.changed):
        grid.boxes[("fri", "afternoon")].click()
    assert ("fri", "afternoon") in grid.value()
    assert all(box.accessibleName() for box in grid.boxes.values())


# ---- meetings -----------------------------------------------------------------------------------------------------

def test_meeting_below_minimum_until_four_attend(page, workspace, qtbot):
    extra = [make_volunteer(workspace, f"Extra {n}") for n in ("Een", "Twee")]
    page.refresh()
    panel = page.meetings
    page.tabs.setCurrentWidget(panel)
    assert panel.list_stack.currentWidget() is panel.empty
    panel.new_date.set_value(dt.date(2025, 3, 20))
    panel.new_region.setCurrentText("Kop")
    panel.add_button.click()
    assert panel.table.rowCount() == 1
    # held, with nothing recorded yet: not "0" and "below the minimum" before anyone is ticked
    assert panel.detail_stack.currentIndex() == 1 and panel.warning.isHidden()
    assert panel.table.item(0, NOTE).text() == "Nog vastleggen"
    assert panel.table.item(0, PEOPLE).text() == "—"
    ticks = [panel.attendance.item(i) for i in range(panel.attendance.count())]
    assert len(ticks) == 2 + len(extra)  # Anna, Carla and the extras; Bert is not active
    for item in ticks[:3]:
        item.setCheckState(Qt.CheckState.Checked)
    panel.save_attendance.click()
    assert panel.table.item(0, PEOPLE).text() == "3" and not panel.warning.isHidden()
    panel.attendance.item(3).setCheckState(Qt.CheckState.Checked)
    panel.save_attendance.click()
    assert panel.table.item(0, PEOPLE).text() == "4" and panel.warning.isHidden()
    assert panel.table.item(0, NOTE).text() == ""


def _choose_meeting(qtbot, panel, row: int) -> None:
    rect = panel.table.visualRect(panel.table.model().index(row, 0))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _tick(qtbot, panel, row: int) -> None:
    panel.attendance.setFocus()
    panel.attendance.setCurrentRow(row)
    qtbot.keyClick(panel.attendance, Qt.Key.Key_Space)


def test_ticks_not_saved_stay_with_their_meeting_and_over_a_lock(page, workspace, qtbot):
    """Ticking who came, then choosing another meeting or a lock, lost the ticks without a word (found by a walk)."""
    from borapp.services.volunteers import meetings

    first = meetings.add_meeting(workspace, dt.date(2025, 3, 20), "Kop")
    meetings.add_meeting(workspace, dt.date(2025, 2, 20), "Kop")
    page.refresh()
    panel = page.meetings
    page.tabs.setCurrentWidget(panel)
    row_of = {m.id: i for i, m in enumerate(panel._items)}
    _choose_meeting(qtbot, panel, row_of[first])
    _tick(qtbot, panel, 0)
    _tick(qtbot, panel, 1)
    ticked = panel.checked_ids()
    assert len(ticked) == 2 and panel.save_attendance.isEnabled()
    assert panel.table.item(row_of[first], NOTE).text().startswith("Aanwezigheid niet opgeslagen")
    _choose_meeting(qtbot, panel, 1 - row_of[first])
    assert panel.checked_ids() == []  # the other meeting's own ticks
    _choose_meeting(qtbot, panel, row_of[first])
    assert panel.checked_ids() == ticked and panel.save_attendance.isEnabled()  # back as ticked

    kept = page.drafts()  # the lock: kept, the page emptied, and back after the unlock
    assert kept == {f"volunteers/meeting/{first}": {"ticked": ticked}}
    page.clear()
    page.refresh()
    page.restore_drafts(kept)
    page.tabs.setCurrentWidget(panel)
    _choose_meeting(qtbot, panel, {m.id: i for i, m in enumerate(panel._items)}[first])
    assert panel.checked_ids() == ticked
    draft_store.save_draft(workspace, draft_store.UI_PREFIX + next(iter(kept)), kept[next(iter(kept))])
    qtbot.mouseClick(panel.save_attendance, Qt.MouseButton.LeftButton)
    assert meetings.load_meeting(workspace, first).attendee_count == 2
    assert page.drafts() == {} and not draft_store.list_drafts(workspace, draft_store.UI_PREFIX + "volunteers/")
    assert "niet opgeslagen" not in panel.table.item({m.id: i for i, m in enumerate(panel._items)}[first], NOTE).text()


def test_a_meeting_still_to_come_takes_sign_ups_not_attendance(page, workspace, qtbot):
    from borapp.services.volunteers import meetings

    upcoming = meetings.add_meeting(workspace, dt.date.today() + dt.timedelta(days=21), "Kop")
    page.refresh()
    panel = page.meetings
    page.tabs.setCurrentWidget(panel)
    _choose_meeting(qtbot, panel, 0)
    assert panel.table.item(0, NOTE).text() == "Te weinig aanmeldingen"  # not "Onder het minimum"
    assert panel.checklist_title.text() == "Wie hebben zich aangemeld" and not panel.save_attendance.isEnabled()
    _tick(qtbot, panel, 0)
    qtbot.mouseClick(panel.save_attendance, Qt.MouseButton.LeftButton)
    item = meetings.load_meeting(workspace, upcoming)
    assert item.signup_count == 1 and item.attendee_count == 0


def test_meeting_theme_required_and_cancel(page, qtbot):
    panel = page.meetings
    panel.new_kind.setCurrentIndex(panel.new_kind.findData("theme"))
    panel.add_button.click()
    assert not panel.add_messages["theme"].isHidden()
    panel.new_theme.setText("Loyaliteit")
    panel.add_button.click()
    assert panel.add_messages["theme"].isHidden() and panel.table.rowCount() == 1
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    # on its radio button (the middle of a wide one lies past its words); nothing is chosen for a meeting held
    # today whose attendance is not recorded
    qtbot.mouseClick(panel.why_too_few, Qt.MouseButton.LeftButton, pos=QPoint(6, panel.why_too_few.height() // 2))
    qtbot.mouseClick(panel.confirm_cancel, Qt.MouseButton.LeftButton)
    assert panel.table.item(0, NOTE).text() == "Geannuleerd: te weinig aanmeldingen" and panel.warning.isHidden()


def test_draft_of_a_removed_volunteer_is_dropped(page, workspace):
    draft_store.save_draft(workspace, "ui/volunteer/999", {"name": "Weg"})
    page.restore_drafts({"volunteer/999": {"name": "Weg"}})
    assert page.editor_stack.currentIndex() == 0
    assert page.drafts() == {} and draft_store.load_draft(workspace, "ui/volunteer/999") is None


def test_typing_survives_a_lock_of_the_main_window(qtbot, workspace, people, vault_path):
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace
    from borapp.ui.main_window import MainWindow
    from tests.conftest import PASSPHRASE

    window = MainWindow(vault_path)
    qtbot.addWidget(window)
    window.open_workspace(workspace)
    window.shell.open_volunteer(people["anna"])
    page = window.shell.pages["volunteers"]
    page.editor.notes.setPlainText("Niet op woensdag")
    window.lock()
    assert page.editor.notes.toPlainText() == "" and page.model.rowCount() == 0
    window.open_workspace(Workspace(Vault.open(vault_path, PASSPHRASE), workspace.coordinator))
    assert page.editor.volunteer_id == people["anna"]
    assert page.editor.notes.toPlainText() == "Niet op woensdag"
    page.editor.save_button.click()
    assert load_volunteer(window.workspace, people["anna"]).notes == "Niet op woensdag"
    assert draft_store.list_drafts(window.workspace, "ui/volunteer/") == []
    window.lock()


def test_a_long_name_shows_its_start(qtbot, workspace):
    from borapp.ui.pages.volunteers.volunteers_page import VolunteersPage

    long_name = "Wilhelmina Alexandra Cornelia van Oldenbarnevelt-Rijckevorsel tot Zuylen en Pallandt"
    volunteer_id = make_volunteer(workspace, long_name)
    page = VolunteersPage(workspace)
    qtbot.addWidget(page)
    page.resize(1190, 720)
    page.show()
    page.refresh()
    page.open_volunteer_profile(volunteer_id)
    assert page.editor.name.text() == long_name
    assert page.editor.name.cursorPosition() == 0, "the field shows the end of the name, not its start"


def test_names_with_accents_sort_where_a_reader_looks_for_them(qtbot, workspace):
    for name in ("Zoë de Wit", "Élise Bakker", "Oscar Mulder", "Özlem Yılmaz", "emma Visser"):
        make_volunteer(workspace, name)
    widget = VolunteersPage(workspace)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    header = widget.table.horizontalHeader()
    widget.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(NAME) + 5, header.height() // 2))
    assert names(widget) == ["Élise Bakker", "emma Visser", "Oscar Mulder", "Özlem Yılmaz", "Zoë de Wit"]


# ---- trainings, as typed ------------------------------------------------------------------------------------------

def type_training_date(qtbot, editor, text: str) -> None:
    field = editor.trainings.date
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def test_add_training_with_no_date_asks_for_one_instead_of_adding_today(qtbot, page, workspace, people):
    """An empty training date was added as today's, and saved as "Trainingsdag · <today>" without a word."""
    page.open_volunteer_profile(people["anna"])
    editor = page.editor
    assert editor.trainings.date.text() == ""
    qtbot.mouseClick(editor.trainings.add_button, Qt.MouseButton.LeftButton)
    assert editor.trainings.value() == ()
    assert "datum van de training" in editor.trainings.date.message.text()
    type_training_date(qtbot, editor, "3-10-2026")
    qtbot.mouseClick(editor.trainings.add_button, Qt.MouseButton.LeftButton)
    assert [t.on for t in editor.trainings.value()] == [dt.date(2026, 10, 3)]
    assert editor.trainings.date.text() == "", "emptied for the next one"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert [t.on for t in load_volunteer(workspace, people["anna"]).trainings] == [dt.date(2026, 10, 3)]


def test_a_typed_training_date_not_added_stops_the_save_and_says_so(qtbot, page, workspace, people):
    """It was dropped while the screen said "Opgeslagen."; the form did not even count it as a change."""
    page.open_volunteer_profile(people["anna"])
    editor = page.editor
    qtbot.mouseClick(editor.trainings.add_button, Qt.MouseButton.LeftButton)  # a shorter message first
    qtbot.wait(20)  # laid out
    type_training_date(qtbot, editor, "3-10-2026")
    assert editor.is_dirty()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert load_volunteer(workspace, people["anna"]).trainings == ()
    assert "nog niet toegevoegd" in editor.trainings.date.message.text()
    assert editor.status.text() == _("Not saved: check the marked fields.")
    assert editor.trainings.date.text() == "3-10-2026", "the typing is kept"
    message = editor.trainings.date.message
    qtbot.wait(20)
    assert message.height() >= message.heightForWidth(message.width()) > 0, "its last line was cut off"
    qtbot.mouseClick(editor.trainings.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert [t.on for t in load_volunteer(workspace, people["anna"]).trainings] == [dt.date(2026, 10, 3)]


def test_a_training_dated_in_the_future_is_said_in_the_matching_box_as_save_would(qtbot, page, workspace, people):
    """"Niets in dit profiel staat koppelen in de weg" stood beside a training dated next week, which Save refused."""
    page.open_volunteer_profile(people["anna"])
    editor = page.editor
    type_training_date(qtbot, editor, (TODAY + dt.timedelta(days=7)).strftime("%d-%m-%Y"))
    qtbot.mouseClick(editor.trainings.add_button, Qt.MouseButton.LeftButton)
    said = editor.matching.text()
    assert said.startswith("Nog niet te koppelen") and "Een trainingsdatum ligt in de toekomst" in said, said
    assert "staat koppelen in de weg" not in said
    editor.grab().save("/tmp/shots_fixM/profile_future_training_nl.png")


def test_a_training_date_typed_for_one_volunteer_stays_with_that_volunteer(qtbot, page, workspace, people):
    """A bad date typed under Anna's trainings was still shown under Carla's, and refused Carla's save."""
    page.open_volunteer_profile(people["anna"])
    type_training_date(qtbot, page.editor, "29-2-2025")
    assert page.editor.trainings.date.message.text()
    page.open_volunteer_profile(people["carla"])
    assert page.editor.trainings.date.text() == "" and page.editor.trainings.date.message.isHidden()
    qtbot.mouseClick(page.editor.phone, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor.phone, "0612345678")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert load_volunteer(workspace, people["carla"]).phone == "0612345678"
    page.open_volunteer_profile(people["anna"])
    assert page.editor.trainings.date.text() == "29-2-2025", "Anna's typing is kept as her draft"


def test_an_unreadable_vog_date_is_not_also_called_missing(qtbot, page, people):
    """Typing 31-11-2026 showed "cannot be read" in red and, under it, "No VOG date yet" in orange."""
    page.open_volunteer_profile(people["carla"])
    editor = page.editor
    assert "Nog geen VOG-datum" in editor.messages["vog_date"].text()
    qtbot.mouseClick(editor.vog_date.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.vog_date.edit, "31-11-2026")
    qtbot.keyClick(editor.vog_date.edit, Qt.Key.Key_Tab)
    assert editor.vog_date.message.text() and editor.messages["vog_date"].isHidden()
    qtbot.mouseClick(editor.vog_date.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.vog_date.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.vog_date.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor.vog_date.edit, Qt.Key.Key_Tab)
    assert "Nog geen VOG-datum" in editor.messages["vog_date"].text()


def test_stopping_a_volunteer_who_is_still_on_a_case_says_so(qtbot, page, workspace, people):
    """Unticked Actief while on an open case: "Opgeslagen." and nothing more, and the case went on naming her."""
    make_case(workspace, "BOR-2026-007", people["anna"])
    page.open_volunteer_profile(people["anna"])
    editor = page.editor
    answer_soon("Pauzeert")  # leaving or pausing: asked when Actief is unticked without a leaving date
    qtbot.mouseClick(editor.active, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not load_volunteer(workspace, people["anna"]).active
    assert "BOR-2026-007" in editor.status.text() and "Anna Proef" in editor.status.text()
    page.open_volunteer_profile(people["carla"])
    qtbot.mouseClick(editor.phone, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.phone, "0612345678")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.status.text() == _("Saved."), "nothing to say for a volunteer who stays"


def test_a_maximum_of_cases_over_the_limit_is_refused_not_cut_to_its_first_digit(qtbot, page, workspace, people):
    """Typing 12 left 1 in the field, and 1 was saved."""
    page.open_volunteer_profile(people["anna"])
    box = page.editor.max_cases
    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.lineEdit(), "12")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Tab)
    assert box.value() == 12
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert "10" in page.editor.messages["max_cases"].text()
    assert load_volunteer(workspace, people["anna"]).max_cases == 2


def test_planning_a_meeting_says_a_date_problem_once_and_drops_it_when_retyped(page, qtbot):
    """An unreadable date was said twice under the field (the field's own message and the panel's refusal)."""
    panel = page.meetings
    page.tabs.setCurrentWidget(panel)

    def type_date(text: str) -> None:
        panel.new_date.edit.setFocus()
        panel.new_date.edit.selectAll()
        QTest.keyClick(panel.new_date.edit, Qt.Key.Key_Delete)
        if text:
            QTest.keyClicks(panel.new_date.edit, text)
        QTest.keyClick(panel.new_date.edit, Qt.Key.Key_Tab)

    type_date("31-11-2026")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    said = [m for m in (panel.new_date.message, *panel.add_messages.values()) if m.isVisible()]
    assert len(said) == 1 and "31-11-2026" in said[0].text() and panel.table.rowCount() == 0
    type_date("")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    refusal = panel.add_messages["held_on"]
    assert refusal.isVisible() and refusal.text() == _("Enter the date of the meeting (5-3-2026).")
    type_date("20-3-2025")
    assert not refusal.isVisible(), "the refusal stayed under a date typed again"
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 1


def test_a_long_region_reads_whole_when_there_is_room(qtbot, page, workspace):
    """"Kennemerland/A…" beside names with room to spare: the column was 120 px whatever the font."""
    from borapp.ui.pages.volunteers.volunteer_table_model import REGION

    make_volunteer(workspace, "Dirk Duin", region="Kennemerland/Alkmaar")
    page.refresh()
    table = page.table
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).name == "Dirk Duin")
    text = page.model.index(row, REGION).data()
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(REGION)
                    >= table.fontMetrics().horizontalAdvance(text) + 8)
    assert table.horizontalHeader().sectionSize(0) >= table.horizontalHeader().sectionSize(REGION)


def test_the_trainings_show_as_whole_rows(qtbot):
    """A fixed 84 px showed three and a half trainings."""
    from borapp.services.volunteers.profiles import TrainingItem
    from borapp.ui.pages.volunteers.small_editors import SHOWN_ROWS, TrainingList

    trainings = TrainingList()
    qtbot.addWidget(trainings)
    trainings.show()
    days = [TrainingItem("refresher", dt.date(2020 + n, 3, 1)) for n in range(6)]
    for count in (1, 3, 6):
        trainings.set_value(days[:count])
        view = trainings.list
        last = view.visualItemRect(view.item(min(count, SHOWN_ROWS) - 1))
        assert last.bottom() < view.viewport().height(), (count, last, view.viewport().height())
        assert view.viewport().height() - last.bottom() < last.height(), "no half row below"


def test_a_language_the_locale_data_does_not_name_is_named_in_words(qtbot, page, workspace):
    """Berber (imported from "Berbers" or "Tamazight") showed as "BER" in the profile (a walk)."""
    from PySide6.QtWidgets import QCheckBox

    volunteer = make_volunteer(workspace, "Fatima Proef", languages="nl;ber")
    page.refresh()
    page.open_volunteer_profile(volunteer)
    ticked = [box.text() for box in page.editor.languages.findChildren(QCheckBox) if box.isChecked()]
    assert sorted(ticked) == ["Berbers", "Nederlands"]


def test_a_new_volunteer_typed_is_not_swapped_for_the_first_in_the_list(page, qtbot, people):
    """New volunteer, a name typed, then on with the keyboard into the list: the list chose its first row and put
    that profile where the typing was (found by a walk with the keyboard only). Entering the list now chooses
    nobody; choosing someone asks first, and Cancel stays on the new form."""
    from PySide6.QtWidgets import QApplication

    from borapp.ui.widgets.discard_question import CANCEL, DISCARD

    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.editor.name.hasFocus)
    QTest.keyClicks(page.editor.name, "Femke Terpstra")
    for _ in range(12):
        if QApplication.focusWidget() is page.table:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.table
    assert page.editor.volunteer_id is None and page.editor.name.text() == "Femke Terpstra"
    asked: list[str] = []
    answer_soon(CANCEL, asked)
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    assert asked and page.editor.volunteer_id is None and page.editor.name.text() == "Femke Terpstra"
    qtbot.waitUntil(lambda: not page.table.selectionModel().hasSelection())
    answer_soon(DISCARD)
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    assert page.editor.volunteer_id == page.model.row_at(0).id and page.editor.name.text() == "Anna Proef"
    assert "volunteer/new" not in page.drafts() and not page.editor.is_dirty()


def test_a_volunteer_opened_from_elsewhere_asks_before_a_new_volunteer_typed_is_put_aside(page, qtbot, people):
    """Opening a volunteer from a case (or Today) while a new volunteer was half typed put the typing aside unasked
    (New volunteer brought it back); it now asks, as choosing in the list does, and Cancel keeps the new form."""
    from borapp.ui.widgets.discard_question import CANCEL, DISCARD

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.editor.name.hasFocus)
    QTest.keyClicks(page.editor.name, "Femke Terpstra")
    other = page.model.row_at(0)
    asked: list[str] = []
    answer_soon(CANCEL, asked)
    page.open_volunteer_profile(other.id)  # what the shell does for a case's "open the volunteer"
    assert asked == [_("What you typed about the new volunteer has not been saved. Throw it away?")]
    assert page.editor.volunteer_id is None and page.editor.name.text() == "Femke Terpstra"
    assert not page.table.selectionModel().hasSelection()
    answer_soon(DISCARD)
    page.open_volunteer_profile(other.id)
    assert page.editor.volunteer_id == other.id and page.editor.name.text() == other.name
    assert "volunteer/new" not in page.drafts() and not page.editor.is_dirty()


def test_the_names_header_sorts_and_its_arrow_points_the_way_the_list_runs(page, qtbot):
    """The volunteers list showed ▼ while it ran A–Z (Fusion draws Qt's ascending as "sort down")."""
    header = page.table.horizontalHeader()
    assert names(page) == ["Anna Proef", "Carla Proef"] and not arrow_points_down(header, NAME)  # A–Z: ▲
    click_header(qtbot, header, NAME)
    assert names(page) == ["Carla Proef", "Anna Proef"] and arrow_points_down(header, NAME)  # Z–A: ▼
    click_header(qtbot, header, NAME)
    assert names(page) == ["Anna Proef", "Carla Proef"] and not arrow_points_down(header, NAME)


def test_the_meetings_date_arrow_points_the_way_the_list_runs(page, workspace, qtbot):
    """The tester saw "Datum" point up (oldest first) over a list running newest first; fixed by 5ab0342: read."""
    from borapp.services.volunteers import meetings
    from borapp.ui.pages.volunteers.meetings_panel import DATE

    meetings.add_meeting(workspace, dt.date(2025, 2, 20), "Kop")
    meetings.add_meeting(workspace, dt.date(2025, 3, 20), "Kop")
    page.refresh()
    panel = page.meetings
    page.tabs.setCurrentWidget(panel)
    qtbot.wait(20)
    header = panel.table.horizontalHeader()
    first = lambda: panel.table.item(0, DATE).text()  # noqa: E731
    assert "20-03-2025" in first() or "maart" in first(), first()
    assert arrow_points_down(header, DATE), "newest first: ▼"
    click_header(qtbot, header, DATE)
    assert ("20-02-2025" in first() or "februari" in first()) and not arrow_points_down(header, DATE)
