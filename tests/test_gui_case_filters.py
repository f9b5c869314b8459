"""The case list's filter choices (municipalities, coordinators, volunteers, years) are read when the list is first
shown and kept while nothing they are made of changes: reading every volunteer's name at each visit made the list
slower with every volunteer. A volunteer, municipality or coordinator added, renamed or (de)activated, or a case
registered in a year not listed yet, and the next visit reads them again, keeping what the user chose."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from borapp.models import Municipality, Volunteer
from borapp.services.cases import listing
from borapp.services.organisation_setup import save_municipality
from borapp.services.vault.workspace import add_coordinator
from borapp.services.volunteers.profiles import VolunteerInput, save_volunteer
from tests.cases.test_case_services import add_case
from tests.helpers.cases_page import page  # noqa: F401 - fixture


@pytest.fixture
def cases(workspace):
    with workspace.session() as session:
        session.add_all([Volunteer(name="Vera Vrijwilliger"), Volunteer(name="Otto Oud", active=False),
                         Volunteer(name="Ruud Rust", active=False)])
    return {"vera": add_case(workspace, "BOR-2025-001", registered_on=dt.date(2025, 3, 10), volunteer="Vera Vrijwilliger",
                             municipality="Alkmaar"),
            "otto": add_case(workspace, "BOR-2024-001", registered_on=dt.date(2024, 6, 1), volunteer="Otto Oud",
                             municipality="Den Helder"),
            "none": add_case(workspace, "BOR-2025-002", registered_on=dt.date(2025, 4, 1))}


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """One entry per time the list reads its filter choices."""
    counted: list[str] = []
    real = listing.filter_options

    def counting(workspace):
        counted.append("read")
        return real(workspace)

    monkeypatch.setattr(listing, "filter_options", counting)
    return counted


def labels(combo) -> list[str]:
    """The choices after "All …", a separating line as "---"."""
    return ["---" if combo.itemData(i, Qt.ItemDataRole.AccessibleDescriptionRole) == "separator"
            else combo.itemText(i) for i in range(1, combo.count())]


def shown_refs(page) -> list[str]:
    model = page.list_panel.model
    return sorted(model.row(r).ref for r in range(model.rowCount()))


def choose(qtbot, combo, typed: str) -> None:
    """As a user picks from a closed combo: focus it and type the start of the name; in one she types in (the
    volunteers), over what it shows, then Return."""
    combo.setFocus()
    if combo.isEditable():
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(combo.lineEdit(), typed)
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    else:
        qtbot.keyClicks(combo, typed)


def volunteer_id(workspace, name: str) -> int:
    with workspace.session() as session:
        return session.scalar(select(Volunteer.id).where(Volunteer.name == name))


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completer's pop-up on the offscreen platform
def test_the_choices_are_read_once_and_kept_while_nothing_changes(qtbot, page, cases, reads):
    page.refresh()
    panel = page.list_panel
    assert labels(panel.volunteer_combo) == ["Vera Vrijwilliger", "---", "Otto Oud"]  # Ruud: inactive, no case
    assert labels(panel.municipality_combo) == ["Alkmaar", "Den Helder"]
    assert labels(panel.year_combo) == ["2025", "2024"]
    choose(qtbot, panel.volunteer_combo, "Vera")
    assert panel.volunteer_combo.currentText() == "Vera Vrijwilliger" and shown_refs(page) == ["BOR-2025-001"]
    for _visit in range(3):
        page.refresh()
    assert reads == ["read"]
    assert panel.volunteer_combo.currentText() == "Vera Vrijwilliger" and shown_refs(page) == ["BOR-2025-001"]
    assert labels(panel.volunteer_combo) == ["Vera Vrijwilliger", "---", "Otto Oud"]


def add_volunteer(workspace) -> None:
    save_volunteer(workspace, VolunteerInput(name="Wim Nieuw"))


def rename_volunteer(workspace) -> None:
    save_volunteer(workspace, VolunteerInput(name="Vera Visser", id=volunteer_id(workspace, "Vera Vrijwilliger")))


def reactivate_volunteer(workspace) -> None:
    save_volunteer(workspace, VolunteerInput(name="Ruud Rust", id=volunteer_id(workspace, "Ruud Rust")))


def give_a_case_to_an_inactive_volunteer(workspace) -> None:
    add_case(workspace, "BOR-2025-003", registered_on=dt.date(2025, 5, 1), volunteer="Ruud Rust")


def rename_municipality(workspace) -> None:
    with workspace.session() as session:
        alkmaar = session.scalar(select(Municipality.id).where(Municipality.name == "Alkmaar"))
    save_municipality(workspace, "Alkmaar-Noord", "", alkmaar)


def add_a_coordinator(workspace) -> None:
    add_coordinator(workspace.vault, "Cor Nieuw")


def register_in_a_new_year(workspace) -> None:
    add_case(workspace, "BOR-2019-001", registered_on=dt.date(2019, 2, 1))


@pytest.mark.parametrize("change, combo, expected", [
    (add_volunteer, "volunteer_combo", ["Vera Vrijwilliger", "Wim Nieuw", "---", "Otto Oud"]),
    (rename_volunteer, "volunteer_combo", ["Vera Visser", "---", "Otto Oud"]),
    (reactivate_volunteer, "volunteer_combo", ["Ruud Rust", "Vera Vrijwilliger", "---", "Otto Oud"]),
    (give_a_case_to_an_inactive_volunteer, "volunteer_combo", ["Vera Vrijwilliger", "---", "Otto Oud", "Ruud Rust"]),
    (rename_municipality, "municipality_combo", ["Alkmaar-Noord", "Den Helder"]),
    (add_a_coordinator, "coordinator_combo", ["Cor Nieuw", "Test Coördinator"]),
    (register_in_a_new_year, "year_combo", ["2025", "2024", "2019"]),
])
def test_the_choices_follow_what_they_are_made_of_and_keep_the_chosen_one(qtbot, page, workspace, cases, reads,
                                                                            change, combo, expected):
    page.refresh()
    panel = page.list_panel
    choose(qtbot, panel.municipality_combo, "Den")
    assert shown_refs(page) == ["BOR-2024-001"]
    change(workspace)
    page.refresh()
    assert reads == ["read", "read"]
    assert labels(getattr(panel, combo)) == expected
    assert panel.municipality_combo.currentText() == "Den Helder" and shown_refs(page) == ["BOR-2024-001"]


def test_a_lock_forgets_the_choices_and_the_next_visit_reads_them_again(page, cases, reads):
    page.refresh()
    panel = page.list_panel
    page.clear()
    assert panel.volunteer_combo.count() == panel.municipality_combo.count() == 0
    page.refresh()
    assert reads == ["read", "read"]
    assert labels(panel.volunteer_combo) == ["Vera Vrijwilliger", "---", "Otto Oud"]


def test_the_stamp_moves_with_every_change_that_matters(workspace, cases):
    """The service's side: `options_stamp` equals the stamp the options were read at until one of them changes."""
    before = listing.filter_options(workspace)
    assert listing.options_stamp(workspace) == before.stamp
    add_case(workspace, "BOR-2025-009", registered_on=dt.date(2025, 9, 1))  # a year listed already: no change
    assert listing.options_stamp(workspace) == before.stamp
    register_in_a_new_year(workspace)
    after = listing.filter_options(workspace)
    assert after.stamp != before.stamp and after.years == [2025, 2024, 2019]


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completer's pop-up on the offscreen platform
def test_typing_in_the_volunteer_filter_narrows_it_to_names_with_it_anywhere(qtbot, page, workspace, cases):
    """903 volunteers in one drop-down, in first-name order, and no typing: now she types part of a name (capitals
    and accents aside), the pool first, and picks one with the arrows and Return."""
    with workspace.session() as session:
        session.add_all([Volunteer(name="Özlem Yıldız"), Volunteer(name="Bram Kozlowski"),
                         Volunteer(name="Chloë Weerdenburg")])
    add_case(workspace, "BOR-2025-004", registered_on=dt.date(2025, 6, 1), volunteer="Özlem Yıldız")
    add_case(workspace, "BOR-2024-005", registered_on=dt.date(2024, 6, 1), volunteer="Oude Ozlan")
    with workspace.session() as session:
        session.scalars(select(Volunteer).where(Volunteer.name == "Oude Ozlan")).one().active = False
    page.refresh()
    combo = page.list_panel.volunteer_combo
    completer = combo.completer()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(combo.lineEdit(), "ÖZL")
    offered = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert offered == ["Bram Kozlowski", "Özlem Yıldız", "Oude Ozlan"]  # anywhere in the name; the pool first
    assert completer.popup().isVisible()
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert combo.currentText() == "Özlem Yıldız" and shown_refs(page) == ["BOR-2025-004"]

    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(combo.lineEdit(), "chloe")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)  # Return alone: the first name the typing narrowed to
    assert combo.currentText() == "Chloë Weerdenburg" and shown_refs(page) == []

    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Backspace)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)  # emptied: every volunteer again
    assert combo.currentIndex() == 0 and combo.currentText() == combo.itemText(0)
    assert len(shown_refs(page)) == 5
