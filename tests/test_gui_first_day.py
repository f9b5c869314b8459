"""A new vault opens on a first-day checklist: each step says what to set up and takes the coordinator there; a step
is done when the records show it; the list can be put away for good."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.i18n import _
from borapp.models import Coordinator, Organisation
from borapp.services import first_day
from tests.test_gui_app import _create_and_enter, _unlock, window  # noqa: F401 - fixture


def card(window):
    return window.shell.pages["dashboard"].first_day


def test_a_new_vault_shows_the_checklist_and_each_step_leads_to_its_place(qtbot, window):
    _create_and_enter(qtbot, window)
    shown = card(window)
    assert shown.isVisible()
    assert shown.heading.text() == _("Getting started: {done} of {total} done").format(done=0, total=7)
    assert set(shown.buttons) == {"organisation", "coordinators", "municipalities", "referrers", "volunteers",
                                  "backups", "mail"}
    qtbot.mouseClick(shown.buttons["municipalities"], Qt.MouseButton.LeftButton)
    settings_page = window.shell.pages["settings"]
    assert window.shell.current_key() == "settings"
    tab = settings_page.current_section()
    assert tab.objectName() == "municipalities"
    QTest.keyClicks(tab.name, "Bergen (NH)")
    save = next(b for b in tab.findChildren(type(shown.buttons["mail"])) if b.text() == _("Save"))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    window.shell.show_page("dashboard")
    assert card(window).heading.text() == _("Getting started: {done} of {total} done").format(done=1, total=7)
    assert card(window).buttons["municipalities"].text() == _("Change")
    assert card(window).buttons["volunteers"].text() == _("Set up")
    qtbot.mouseClick(card(window).buttons["volunteers"], Qt.MouseButton.LeftButton)
    assert window.shell.current_key() == "volunteers"


def test_the_checklist_can_be_put_away_for_good(qtbot, window):
    _create_and_enter(qtbot, window)
    qtbot.mouseClick(card(window).hide_button, Qt.MouseButton.LeftButton)
    assert not card(window).isVisible()
    window.lock()
    _unlock(qtbot, window)
    assert not card(window).isVisible()
    assert first_day.checklist(window.workspace) == []


def test_the_checklist_goes_when_every_step_is_done(workspace):
    from borapp.services import organisation_setup, settings
    from tests.volunteers.test_volunteer_service import volunteer

    steps = first_day.checklist(workspace)
    assert steps and not all(s.done for s in steps)
    settings.write_settings(workspace, {"organisation.name": "Stichting Omgang Noord", "backup.folder": "/media/usb",
                                        "smtp.host": "smtp.example.org"})
    organisation_setup.save_municipality(workspace, "Bergen (NH)", "")
    volunteer(workspace, "Vera Vrijwilliger")
    assert {s.key for s in first_day.checklist(workspace) if not s.done} == {"coordinators", "referrers"}
    with workspace.session() as session:
        session.get(Coordinator, workspace.coordinator_id).email = "coordinator@example.org"
        session.add(Organisation(name="Rechtbank Noord-Holland", kind="court"))
    assert first_day.checklist(workspace) == [], "all done: the list goes by itself"


def test_a_refreshed_checklist_leaves_no_old_row_on_screen(qtbot):
    """Refreshed twice before Qt deletes the old rows (no event loop in between), the card shows one set of rows:
    the old ones are hidden at once, not left painted over the new ones until their deletion."""
    from PySide6.QtWidgets import QApplication, QPushButton

    from borapp.ui.pages.dashboard.first_day_card import FirstDayCard

    card = FirstDayCard()
    qtbot.addWidget(card)
    card.show()
    steps = [first_day.Step("a", "Uw organisatie", "Naam en adres", "settings/organisation", True),
             first_day.Step("b", "Mailserver", "De server", "settings/mail", False)]
    for _round in range(2):
        card.set_steps(steps)
        QApplication.processEvents()  # rows added to a shown card are shown by a queued call
    shown = [b.text() for b in card.findChildren(QPushButton) if b.isVisibleTo(card)]
    assert sorted(shown) == sorted([_("Hide this list"), "Toon 1 gedane stap", _("Set up")])  # the step to do


def test_the_volunteers_step_also_leads_to_the_import(qtbot, window):
    """Only 'Set up' (the profile form) was offered: a programme with its volunteers in a spreadsheet typed them."""
    from borapp.ui.dialogs.import_dialog import ImportDialog

    _create_and_enter(qtbot, window)
    [button] = card(window).also["volunteers"]
    assert button.text() == _("Import…") and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.shell.current_key() == "volunteers"
    page = window.shell.pages["volunteers"]
    dialog = next(d for d in page.findChildren(ImportDialog) if d.isVisible())
    assert dialog.kind.currentData() == "volunteers"
    dialog.close()


def test_once_a_step_is_done_the_card_lists_the_steps_still_to_do(qtbot):
    """Seven rows, five of them done, took 250 px of Today at 1366×768 and pushed the cards below the fold: the done
    steps are behind a button."""
    from PySide6.QtWidgets import QApplication, QPushButton

    from borapp.ui.pages.dashboard.first_day_card import FirstDayCard

    card = FirstDayCard()
    qtbot.addWidget(card)
    card.show()
    card.set_steps([first_day.Step("a", "Uw organisatie", "Naam en adres", "settings/organisation", True),
                    first_day.Step("b", "Gemeenten", "Wie betaalt", "settings/municipalities", True),
                    first_day.Step("c", "Mailserver", "De server", "settings/mail", False)])
    QApplication.processEvents()  # rows added to a shown card are shown by a queued call

    def shown() -> list[str]:
        return sorted(b.text() for b in card.findChildren(QPushButton) if b.isVisibleTo(card))

    assert shown() == sorted([_("Hide this list"), "Toon de 2 gedane stappen", _("Set up")])
    qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    assert shown() == sorted([_("Hide this list"), "Gedane stappen verbergen", _("Change"), _("Change"), _("Set up")])
    qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    assert shown() == sorted([_("Hide this list"), "Toon de 2 gedane stappen", _("Set up")])
