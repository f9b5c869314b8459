"""The Conflicts dialog as a coordinator uses it, against the real service on a local port with two real vaults:
each clash side by side (before, the server's value with who and when, this laptop's), one click keeps a value,
and it is settled for the whole team."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QPushButton
from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case, Municipality
from borapp.server import devices
from borapp.services.sync import conflicts
from borapp.services.sync.join import join
from borapp.services.sync.run import sync_now
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace, add_coordinator
from tests.conftest import PASSPHRASE
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_gui_team import live_url  # noqa: F401 - fixture


def laptop(tmp_path, name: str, url: str, db_url: str) -> Workspace:
    path = tmp_path / name / "vault.bordb"
    path.parent.mkdir()
    vault = Vault.create(path, PASSPHRASE)[0]
    workspace = Workspace(vault, add_coordinator(vault, f"Coördinator {name}"))
    with psycopg.connect(db_url, autocommit=True) as conn:
        code = devices.add(conn, name)[0]
    join(workspace, url, code, name)
    return workspace


def place(workspace) -> str:
    with workspace.session() as session:
        return session.scalar(select(Case.visit_place))


def set_place(workspace, value: str) -> None:
    with workspace.session() as session:
        session.scalar(select(Case)).visit_place = value


def place_clash(tmp_path, live_url, db_url, names=("anna", "bram"),
                places=("Bibliotheek Schagen", "Buurthuis De Kolk")):
    """Two laptops changed the place of one case offline; the second's value met the first's on the server."""
    anna, bram = (laptop(tmp_path, name, live_url, db_url) for name in names)
    with anna.session() as session:
        session.add(Case(ref="BOR-2026-001", registered_on=dt.date(2026, 5, 1), status="registered",
                         visit_place="Speeltuin De Bres", municipality=Municipality(name="Bergen (NH)")))
    sync_now(anna)
    sync_now(bram)
    set_place(anna, places[0])
    set_place(bram, places[1])
    sync_now(anna)
    sync_now(bram)  # a conflict; the server keeps the first laptop's value meanwhile
    return anna, bram


@pytest.fixture
def clash(tmp_path, live_url, db_url):
    """Anna and Bram changed the place of one case offline; Bram's value met Anna's on the server."""
    laptops = place_clash(tmp_path, live_url, db_url)
    yield laptops
    for workspace in laptops:
        workspace.lock()


def opened(qtbot, workspace):
    from borapp.ui.dialogs.conflicts_dialog import ConflictsDialog

    dialog = ConflictsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=15_000)
    return dialog


def click_row(qtbot, dialog, row: int) -> None:
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.table.visualItemRect(dialog.table.item(row, 1)).center())


def test_a_clash_is_shown_side_by_side_and_settled_for_everyone(qtbot, clash):
    anna, bram = clash
    dialog = opened(qtbot, bram)
    cells = [dialog.table.item(0, c).text() for c in range(5)]
    assert "BOR-2026-001" in cells[0]
    assert cells[1] == _("Place")
    assert cells[2] == "Speeltuin De Bres"
    assert cells[3].startswith("Bibliotheek Schagen\n(anna, ") and str(dt.date.today().year) in cells[3], \
        "the server's value says who and when"
    assert cells[4] == "Buurthuis De Kolk\n({who})".format(who=_("this laptop")), "Bram's own value says so"
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(5)] == \
        [_("Record"), _("Field"), _("Original value"), _("On the server"), _("Sent later")]
    assert not dialog.keep_mine.isEnabled(), "nothing chosen yet"
    click_row(qtbot, dialog, 0)
    assert dialog.keep_mine.isEnabled()
    # each button says whose value it keeps (the server's value was Anna's: the reader had to work that out)
    assert (dialog.keep_theirs.text(), dialog.keep_mine.text()) == ("De waarde van anna houden",
                                                                     "De waarde van deze laptop houden")
    assert dialog.table.horizontalHeaderItem(2).text() == "Oorspronkelijk"
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result.text() == _("No open conflicts."), timeout=15_000)
    assert conflicts.open_conflicts(anna) == []
    sync_now(bram)
    sync_now(anna)
    assert place(anna) == place(bram) == "Buurthuis De Kolk"


def test_a_place_is_typed_anew_and_settled_for_everyone(qtbot, clash):
    from PySide6.QtWidgets import QDialogButtonBox

    anna, bram = clash
    dialog = opened(qtbot, anna)
    assert dialog.table.item(0, 3).text().startswith("Bibliotheek Schagen\n({who}, ".format(who=_("this laptop")))
    assert dialog.table.item(0, 4).text() == "Buurthuis De Kolk\n(bram)", "on Anna's laptop, Bram's value is his"
    assert not dialog.type_other.isEnabled()
    click_row(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.type_other, Qt.MouseButton.LeftButton)
    asked = dialog.value_dialog
    assert asked.isVisible() and "BOR-2026-001" in asked.label.text()
    box = asked.findChild(QPlainTextEdit)
    assert box.toPlainText() == "Bibliotheek Schagen", "Anna starts from what she has"
    box.setFocus()
    box.selectAll()
    QTest.keyClicks(box, "Speeltuin Het Park, Schagen")
    qtbot.mouseClick(asked.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result.text() == _("No open conflicts."), timeout=15_000)
    sync_now(anna)
    sync_now(bram)
    assert place(anna) == place(bram) == "Speeltuin Het Park, Schagen"


def test_the_screenshot_tool_saves_the_joined_team_tab_and_the_conflicts(qtbot, workspace, vault_path):
    from borapp.app import build_window, make_application
    from borapp.ui.pages.settings.team_screenshots import shoot
    from borapp.ui.pages.settings.team_tab import TeamTab

    make_application()
    window = build_window(vault_path, "nl")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.open_workspace(workspace)
    saved = []
    shoot(window, lambda widget, name: saved.append((name, widget.grab().isNull())))
    assert saved == [("settings-team-joined", False), ("conflicts", False)]
    tab = window.shell.pages["settings"].findChild(TeamTab, "team")
    assert tab.pages.currentIndex() == 0, "the examples are gone: this vault is in no team"


def typing_in_conflict(qtbot, anna, tmp_path, typed: str):
    """Anna's window with the Conflicts dialog open, "Type another value…" clicked on its one row and `typed`
    typed over what this laptop has. Returns the window, the dialog and the box typed in."""
    from borapp.app import build_window, make_application
    from borapp.ui.dialogs.conflicts_dialog import ConflictsDialog

    make_application()
    window = build_window(tmp_path / "anna" / "vault.bordb", "nl")
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(anna)
    dialog = ConflictsDialog(window.workspace, window)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=15_000)
    click_row(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.type_other, Qt.MouseButton.LeftButton)
    box = dialog.value_dialog.findChild(QPlainTextEdit)
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box, typed)
    return window, dialog, box


def test_a_value_being_typed_is_kept_over_a_lock_and_back_in_the_same_conflicts_box(qtbot, clash, tmp_path):
    """A merged note can be long: Ctrl+L in the "type another value" box keeps it, encrypted, until that box is
    opened again for the same conflict."""
    from borapp.ui.dialogs.conflicts_dialog import ConflictsDialog
    from tests.test_gui_app import _unlock

    window, dialog, box = typing_in_conflict(qtbot, clash[0], tmp_path,
                                             "Speeltuin Het Park; vader brengt, moeder haalt op")
    with qtbot.waitSignal(window.locked):
        QTest.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible() and not dialog.value_dialog.isVisible()
    _unlock(qtbot, window)
    assert _("Type another value") in window.statusBar().currentMessage()
    again = ConflictsDialog(window.workspace, window)
    again.show()
    qtbot.waitUntil(lambda: again.table.rowCount() == 1, timeout=15_000)
    click_row(qtbot, again, 0)
    qtbot.mouseClick(again.type_other, Qt.MouseButton.LeftButton)
    assert again.value_dialog.findChild(QPlainTextEdit).toPlainText() == \
        "Speeltuin Het Park; vader brengt, moeder haalt op"
    assert conflicts.open_conflicts(window.workspace), "kept typing settles nothing by itself"
    window.lock()


@pytest.fixture
def address_clash(tmp_path, live_url, db_url):
    """Anna and Bram each typed another confidential address for the same parent."""
    from borapp.models import Parent

    anna, bram = laptop(tmp_path, "anna", live_url, db_url), laptop(tmp_path, "bram", live_url, db_url)
    with anna.session() as session:
        case = Case(ref="BOR-2026-001", registered_on=dt.date(2026, 5, 1), status="registered",
                    municipality=Municipality(name="Bergen (NH)"))
        case.parents.append(Parent(role="resident", name="Ria Smit", address="Kerkstraat 5",
                                   address_confidential=True))
        session.add(case)
    sync_now(anna)
    sync_now(bram)
    for workspace, street in ((anna, "Molenweg 8"), (bram, "Dorpsweg 12")):
        with workspace.session() as session:
            session.scalar(select(Parent)).address = street
    sync_now(anna)
    sync_now(bram)
    yield anna, bram
    for workspace in (anna, bram):
        workspace.lock()


def test_a_confidential_address_is_masked_until_shown_and_showing_it_is_logged(qtbot, address_clash):
    from borapp.services.privacy.access_log import log_lines

    _anna, bram = address_clash
    dialog = opened(qtbot, bram)
    texts = [dialog.table.item(0, c).text() + dialog.table.item(0, c).toolTip() for c in range(5)]
    assert not any(street in text for text in texts for street in ("Kerkstraat", "Molenweg", "Dorpsweg"))
    assert dialog.table.item(0, 2).text() == "(geheim adres)"
    assert dialog.reveal.isVisible() and not dialog.reveal.isEnabled(), "nothing chosen yet"
    click_row(qtbot, dialog, 0)
    assert dialog.reveal.isEnabled() and not dialog.type_other.isEnabled(), "no typing over a masked address"
    assert not any(line.action == "reveal_address" for line in log_lines(bram))
    qtbot.mouseClick(dialog.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 2).text() == "Kerkstraat 5", timeout=15_000)
    assert dialog.table.item(0, 3).text().startswith("Molenweg 8\n(anna, ")
    assert dialog.table.item(0, 4).text().startswith("Dorpsweg 12\n")
    assert dialog.keep_mine.isEnabled() and not dialog.reveal.isEnabled(), "the shown conflict stays chosen"
    assert [line.action for line in log_lines(bram)].count("reveal_address") == 1


@pytest.fixture
def long_names_clash(tmp_path, live_url, db_url):
    """The clash of `clash`, between laptops with the longer names offices give them, over longer places."""
    laptops = place_clash(tmp_path, live_url, db_url, ("laptop-anna-de-vries", "laptop-bram-kantoor-noord"),
                          ("Bibliotheek Schagen, zaal boven", "Buurthuis De Kolk, achteringang"))
    yield laptops
    for workspace in laptops:
        workspace.lock()


def test_narrowing_the_window_grows_the_rows_so_no_value_is_cut_off(qtbot, long_names_clash):
    """At 760 px the server's value and "(laptop-anna, 5 december 2026 …)" wrapped onto lines the row had no room
    for: the rows were measured once, at the width the window opened with."""
    from PySide6.QtWidgets import QApplication

    from borapp.ui.style import STYLE_SHEET

    QApplication.instance().setStyleSheet(STYLE_SHEET)  # as the app runs: its cells have padding
    try:
        dialog = opened(qtbot, long_names_clash[1])
        table = dialog.table
        dialog.resize(1300, dialog.height())
        qtbot.wait(100)
        opened_with = table.rowHeight(0)
        click_row(qtbot, dialog, 0)  # its buttons then name the laptops, and the window widens to hold them
        for width in (760, 800, 860, dialog.minimumSizeHint().width()):
            dialog.resize(width, dialog.height())
            qtbot.wait(100)
            for column in range(table.columnCount()):
                text = table.item(0, column).text()
                assert painted_height(table, 0, column) <= table.rowHeight(0), (dialog.width(), text)
        assert table.rowHeight(0) > opened_with, "the narrower window must need more lines, or this tests nothing"
    finally:
        QApplication.instance().setStyleSheet("")


def test_buttons_naming_long_laptop_names_still_fit_a_narrow_window(qtbot, long_names_clash):
    """In one row, "Keep the value of laptop-anna-de-vries" and "... laptop-bram-kantoor-noord" beside the other
    buttons made the window at least ~800 px wide; the keep buttons now stand one above the other."""
    from PySide6.QtWidgets import QApplication

    from borapp.ui.style import STYLE_SHEET

    QApplication.instance().setStyleSheet(STYLE_SHEET)
    try:
        dialog = opened(qtbot, long_names_clash[1])
        click_row(qtbot, dialog, 0)
        qtbot.wait(100)  # the layout takes in the buttons' new texts
        assert "laptop-anna-de-vries" in dialog.keep_theirs.text()
        assert dialog.minimumSizeHint().width() <= 720
        dialog.resize(720, dialog.height())
        qtbot.wait(50)
        for button in (dialog.keep_mine, dialog.keep_theirs, dialog.type_other):
            assert button.isVisible() and button.width() >= button.sizeHint().width(), button.text()
            assert dialog.rect().contains(button.geometry()), button.text()
        dialog.resize(dialog.minimumSizeHint().width(), dialog.height())  # the narrowest it goes: no header cut
        qtbot.wait(50)
        header = dialog.table.horizontalHeader()
        for column in range(dialog.table.columnCount()):
            assert header.sectionSize(column) >= header.sectionSizeHint(column), header.model().headerData(
                column, Qt.Orientation.Horizontal)
    finally:
        QApplication.instance().setStyleSheet("")


def test_close_and_escape_close_the_window(qtbot, clash):
    dialog = opened(qtbot, clash[1])
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == _("Close"))
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def painted_height(table, row: int, column: int) -> int:
    """The height the cell's text needs as the style paints it: wrapped in the text rectangle the style gives the
    cell (its width less the style sheet's padding and the item's margins), with the cell's padding around it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    option.rect = table.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
    table.itemDelegate().initStyleOption(option, index)
    text_rect = table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
    needed = QFontMetrics(option.font).boundingRect(QRect(0, 0, text_rect.width() - 4, 10_000),
                                                    Qt.TextFlag.TextWordWrap, option.text).height()
    return needed + (option.rect.height() - text_rect.height())
