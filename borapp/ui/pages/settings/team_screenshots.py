"""Pictures of team sync for borapp/tools/screenshots.py: Settings → Team as a joined laptop shows it, and the
Conflicts dialog, both with synthetic examples (the screenshot tool runs on a demo vault without an office server).

    shoot(window, save)   # window: a MainWindow with an open workspace; save(widget, name) writes the PNG

Saves "settings-team-joined" and "conflicts". Only fills widgets; nothing is stored or sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from borapp.formatting import date_time
from borapp.i18n import _
from borapp.services.sync.conflicts import ConflictRow
from borapp.services.sync.run import SyncStatus
from borapp.services.sync.team import TeamLaptop
from borapp.ui.pages.settings.team_tab import TeamTab
from borapp.ui.sync_indicator import state_text

Save = Callable[[QWidget, str], object]


def _settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _joined(tab: TeamTab) -> None:
    tab.pages.setCurrentIndex(1)
    tab.server_label.setText("https://bor.example.org")
    tab.device_label.setText("laptop-anna")
    tab.state_label.setText(state_text(SyncStatus(True, "https://bor.example.org", "laptop-anna", 0,
                                                  "2026-12-03T14:05:00", 1), False, False))
    joined = dt.datetime(2026, 9, 1, 9, 30)
    tab._show_laptops([TeamLaptop("laptop-anna", joined, False, True),
                       TeamLaptop("laptop-bram", joined, False, False),
                       TeamLaptop("laptop-oud", dt.datetime(2025, 3, 4, 10, 0), True, False),
                       TeamLaptop("laptop-stagiair", None, False, False)])
    tab.laptops.setCurrentRow(1)


def _conflict_rows() -> list[ConflictRow]:
    case = " · ".join((_("Case"), "BOR-2026-014"))
    visit = " · ".join((_("Visit"), "BOR-2026-014"))
    at = date_time(dt.datetime(2026, 12, 3, 14, 5))
    me = _("this laptop")
    return [ConflictRow(1, case, _("Place"), "Speeltuin De Bres", "Bibliotheek Schagen", "Buurthuis De Kolk",
                        "laptop-bram", at, "Buurthuis De Kolk", me),
            ConflictRow(2, visit, _("Start"), "10:00", "10:30", "11:00", "laptop-bram", at, None, me)]


def shoot(window, save: Save) -> None:
    page = window.shell.show_page("settings")
    page.refresh()
    tab = page.findChild(TeamTab, "team")
    if tab is None:
        return
    page.show_section(tab.objectName())
    _settle(400)  # the tab's own look-up of the team (no server here) has answered
    _joined(tab)
    _settle()
    save(window, "settings-team-joined")
    from borapp.ui.dialogs.conflicts_dialog import ConflictsDialog

    dialog = ConflictsDialog(tab.workspace, window)
    dialog.show()
    _settle(400)  # its look-up of the server's conflicts has answered (not joined here)
    dialog._show(_conflict_rows())
    dialog.result.clear()
    dialog.table.selectRow(0)
    _settle()
    save(dialog, "conflicts")
    dialog.close()
    dialog.deleteLater()
    tab.clear()
    tab.load(page.workspace)
