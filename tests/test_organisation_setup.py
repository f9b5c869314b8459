"""The records behind Settings do what they say: a coordinator switched off is no longer offered as "who is
working" (and comes back when switched on), and a municipality's funding per year is what the intake suggests."""

from __future__ import annotations

import pytest

from borapp.services import organisation_setup as setup
from borapp.services.errors import ValidationError
from borapp.services.intake.flow import municipality_choices
from borapp.services.vault.workspace import add_coordinator, list_coordinators


def test_a_coordinator_switched_off_is_not_offered_and_comes_back(workspace):
    add_coordinator(workspace.vault, "Anna Coördinator")
    bert = add_coordinator(workspace.vault, "Bert Coördinator")
    everyone = [c.name for c in list_coordinators(workspace.vault)]
    setup.set_coordinator_active(workspace, bert.id, False)
    assert [c.name for c in list_coordinators(workspace.vault)] == [n for n in everyone if n != bert.name]
    assert [c.name for c in list_coordinators(workspace.vault, active_only=False)] == everyone
    assert {c.name: c.active for c in setup.coordinators(workspace)}[bert.name] is False
    setup.set_coordinator_active(workspace, bert.id, True)
    assert [c.name for c in list_coordinators(workspace.vault)] == everyone


def test_funding_per_year_is_what_the_intake_suggests(workspace):
    place = setup.save_municipality(workspace, "Voorbeeldstad", "Kop")
    assert municipality_choices(workspace, 2026)[0].funding == ""
    setup.set_funding(workspace, place, 2027, "per_case")
    setup.set_funding(workspace, place, 2025, "purchased")
    assert setup.municipalities(workspace)[0].funding == {2025: "purchased", 2027: "per_case"}
    assert municipality_choices(workspace, 2026)[0].funding == "purchased"  # the latest earlier year
    assert municipality_choices(workspace, 2027)[0].funding == "per_case"
    setup.set_funding(workspace, place, 2025, "per_case")
    assert municipality_choices(workspace, 2026)[0].funding == "per_case"
    setup.set_funding(workspace, place, 2025, "")
    assert setup.municipalities(workspace)[0].funding == {2027: "per_case"}
    assert municipality_choices(workspace, 2026)[0].funding == ""
    with pytest.raises(ValidationError):
        setup.set_funding(workspace, place, 2026, "gratis")


def test_the_funding_year_box_has_a_label(qtbot, workspace):
    from PySide6.QtWidgets import QLabel

    from borapp.ui.pages.settings.municipalities_tab import MunicipalitiesTab

    tab = MunicipalitiesTab()
    qtbot.addWidget(tab)
    labels = [label for label in tab.findChildren(QLabel) if label.buddy() is tab.year]
    assert [label.text() for label in labels] == ["Financiering in jaar"]


def test_changing_the_year_shows_that_years_funding_and_saves_nothing_into_it(qtbot, workspace):
    """Alkmaar bought trajectories this year; stepping the year up kept "Ingekocht traject" in the form, and Save
    stored it for the next year as well."""
    import datetime as dt

    from PySide6.QtCore import Qt

    from borapp.ui.pages.settings.municipalities_tab import MunicipalitiesTab

    this_year = dt.date.today().year
    place = setup.save_municipality(workspace, "Alkmaar", "Noord")
    setup.set_funding(workspace, place, this_year, "purchased")
    tab = MunicipalitiesTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.load(workspace)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.table.visualItemRect(tab.table.item(0, 0)).center())
    assert tab.funding.currentData() == "purchased"
    qtbot.mouseClick(tab.year, Qt.MouseButton.LeftButton)
    qtbot.keyClick(tab.year, Qt.Key.Key_Up)
    assert tab.year.value() == this_year + 1 and tab.funding.currentData() == ""
    assert tab.table.item(0, 2).text() == "—"


def test_a_name_corrected_right_after_saving_a_new_municipality_corrects_it(qtbot, workspace):
    """Typed "Kennemerland", saved, corrected to "Haarlem" and saved again: two municipalities, and no way to delete
    the wrong one."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from borapp.ui.pages.settings.municipalities_tab import MunicipalitiesTab

    tab = MunicipalitiesTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.load(workspace)
    save = next(b for b in tab.findChildren(QPushButton) if b.text() == "Opslaan")
    qtbot.mouseClick(tab.name, Qt.MouseButton.LeftButton)
    QTest.keyClicks(tab.name, "Kennemerland")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.name, Qt.MouseButton.LeftButton)
    QTest.keyClick(tab.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(tab.name, "Haarlem")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert [m.name for m in setup.municipalities(workspace)] == ["Haarlem"]
    assert tab.table.rowCount() == 1 and tab.table.currentRow() == 0 and tab.name.text() == "Haarlem"


def test_a_municipality_differing_only_in_capitals_is_refused_as_typed(qtbot, workspace):
    """"alkmaar" beside "Alkmaar" was saved with a plain "Opgeslagen." (a walk); an import then put cases under
    the stray one, and the annual report billed each separately."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from borapp.ui.pages.settings.municipalities_tab import MunicipalitiesTab

    setup.save_municipality(workspace, "Alkmaar", "Noord")
    tab = MunicipalitiesTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.load(workspace)
    qtbot.mouseClick(tab.name, Qt.MouseButton.LeftButton)
    QTest.keyClick(tab.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(tab.name, "  alkmaar ")
    qtbot.mouseClick(next(b for b in tab.findChildren(QPushButton) if b.text() == "Opslaan"), Qt.MouseButton.LeftButton)
    assert [m.name for m in setup.municipalities(workspace)] == ["Alkmaar"]
    assert tab.status.text() == "Er is al een gemeente met de naam Alkmaar."


def test_a_municipality_saved_by_mistake_is_deleted_and_one_in_use_stays(qtbot, workspace):
    """There was no way to remove a wrong one, and it stood in the intake's list for ever."""
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from borapp.models import Case
    from borapp.ui.pages.settings.municipalities_tab import MunicipalitiesTab
    from tests.helpers.questions import answer_soon

    used = setup.save_municipality(workspace, "Alkmaar", "Noord")
    setup.save_municipality(workspace, "Kennemerland", "")
    setup.set_funding(workspace, used, 2026, "purchased")
    with workspace.session() as session:
        session.add(Case(ref="BOR-2026-001", registered_on=dt.date(2026, 1, 5), municipality_id=used))
    with pytest.raises(ValidationError, match="van 1 dossier"):
        setup.delete_municipality(workspace, used)
    tab = MunicipalitiesTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.load(workspace)
    row = next(i for i in range(tab.table.rowCount()) if tab.table.item(i, 0).text() == "Kennemerland")
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.table.visualItemRect(tab.table.item(row, 0)).center())
    answer_soon(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert [m.name for m in setup.municipalities(workspace)] == ["Alkmaar"]
    assert tab.table.rowCount() == 1 and tab.status.text() == "Kennemerland is verwijderd."


def test_the_coordinator_at_work_and_the_last_active_one_stay_active(workspace):
    """Making oneself (or everyone) inactive left "who is working?" with nobody to choose after the next lock."""
    me = next(c for c in setup.coordinators(workspace) if c.id == workspace.coordinator_id)
    with pytest.raises(ValidationError, match=me.name):
        setup.set_coordinator_active(workspace, me.id, False)
    other = add_coordinator(workspace.vault, "Bert Coördinator")
    setup.set_coordinator_active(workspace, other.id, False)
    from borapp.services.vault.workspace import Workspace

    with pytest.raises(ValidationError, match="enige actieve"):  # the command line works as nobody in particular
        setup.set_coordinator_active(Workspace(workspace.vault), me.id, False)
    assert [c.name for c in list_coordinators(workspace.vault)] == [me.name]


def test_a_refusal_in_settings_is_red_even_after_a_save(qtbot, workspace):
    """"Kies eerst een coördinator." stood in the green of "Opgeslagen." after an earlier save."""
    from PySide6.QtCore import Qt

    from borapp.ui.pages.settings.coordinators_tab import CoordinatorsTab
    from borapp.ui.colours import DONE as DONE_COLOUR, ERROR as ERROR_COLOUR

    tab = CoordinatorsTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.load(workspace)
    tab.status.show_done("Opgeslagen.")
    assert DONE_COLOUR in tab.status.styleSheet()
    assert tab.list.currentItem() is None  # nobody chosen yet
    qtbot.mouseClick(tab.toggle, Qt.MouseButton.LeftButton)
    assert tab.status.text() == "Kies eerst een coördinator." and ERROR_COLOUR in tab.status.styleSheet()


def test_a_refused_organisation_save_does_not_keep_the_earlier_saved(qtbot, workspace):
    """A bad e-mail was marked red while the green "Opgeslagen." of the save before stayed under the button."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from borapp.services import settings
    from borapp.ui.pages.settings.organisation_tab import OrganisationTab

    tab = OrganisationTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.load(workspace)
    save = next(b for b in tab.findChildren(QPushButton) if b.text() == "Opslaan")
    name = tab.edits["organisation.name"]
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(name, "BOR Noord")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert tab.status.text() == "Opgeslagen."
    email = tab.edits["organisation.email"]
    qtbot.mouseClick(email, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(email, "bor@voorbeeld")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert tab.status.text() != "Opgeslagen." and "Niet opgeslagen" in tab.status.text()
    assert settings.read_setting(workspace, "organisation.email") == ""


def test_a_coordinator_differing_only_in_capitals_is_the_same_one(workspace):
    """"tester coördinator" was added beside "Tester Coördinator"."""
    add_coordinator(workspace.vault, "Anna Coördinator")
    with pytest.raises(ValidationError, match="Anna Coördinator"):
        add_coordinator(workspace.vault, "anna COÖRDINATOR")


def test_a_coordinators_e_mail_and_phone_are_typed_in_settings_and_complete_the_first_day_step(qtbot, workspace):
    """The first-day list asks for every coordinator's e-mail address for letters; there was nowhere to type it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from borapp.services import first_day
    from borapp.ui.pages.settings.coordinators_tab import CoordinatorsTab

    def coordinators_step_done() -> bool:
        return next(s for s in first_day.checklist(workspace) if s.key == "coordinators").done

    assert not coordinators_step_done()
    tab = CoordinatorsTab()
    qtbot.addWidget(tab)
    tab.resize(700, 500)
    tab.show()
    tab.load(workspace)
    assert not tab.contact.isEnabled()
    item = tab.list.item(0)
    assert "nog geen e-mailadres" in item.text()
    qtbot.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton, pos=tab.list.visualItemRect(item).center())
    assert tab.contact.isEnabled() and workspace.actor in tab.contact.title()
    qtbot.mouseClick(tab.email, Qt.MouseButton.LeftButton)
    QTest.keyClicks(tab.email, "petra@bor-noord")
    qtbot.mouseClick(tab.save_contact, Qt.MouseButton.LeftButton)
    assert tab.messages["email"].text() == "Geen geldig e-mailadres (naam@voorbeeld.nl)." and not coordinators_step_done()
    assert tab.status.text() == "Niet opgeslagen: kijk naar het gemarkeerde veld."  # not the message twice
    QTest.keyClicks(tab.email, ".nl")
    qtbot.mouseClick(tab.phone, Qt.MouseButton.LeftButton)
    QTest.keyClicks(tab.phone, "072 - 511 22 33")
    qtbot.mouseClick(tab.save_contact, Qt.MouseButton.LeftButton)
    assert tab.status.text() == "Opgeslagen.", tab.status.text()
    me = next(c for c in setup.coordinators(workspace) if c.id == workspace.coordinator_id)
    assert (me.email, me.phone) == ("petra@bor-noord.nl", "072 - 511 22 33")
    assert coordinators_step_done()
    assert tab.email.text() == "petra@bor-noord.nl" and "nog geen" not in tab.list.currentItem().text()
