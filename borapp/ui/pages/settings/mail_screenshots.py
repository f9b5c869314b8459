"""Pictures of Settings → Mail for borapp/tools/screenshots.py, beyond the tab as the vault has it (saved anyway).

    shoot(window, save)   # window: a MainWindow with an open workspace; save(widget, name) writes the PNG

Saves "settings-mail-filled" (an example server with a login) and "settings-mail-unencrypted" (no encryption with a
login: the warning and the refusal under the tick). Only types into the form; nothing is saved or sent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from borapp.services.outbox import mail_setup
from borapp.ui.pages.settings.mail_tab import MailTab

Save = Callable[[QWidget, str], object]


def _settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _type(tab: MailTab, security: str, user: str) -> None:
    tab.host.setText("smtp.bor-noord.example")
    tab.security.setCurrentIndex(tab.security.findData(security))
    tab.sender_email.setText("brieven@bor-noord.example")
    tab.user.setText(user)


def shoot(window, save: Save) -> None:
    page = window.shell.show_page("settings")
    page.refresh()
    tab = page.findChild(MailTab, "mail")
    if tab is None:
        return
    page.show_section(tab.objectName())
    _type(tab, "starttls", "brieven@bor-noord.example")
    _settle()
    save(window, "settings-mail-filled")
    _type(tab, "none", "brieven@bor-noord.example")
    tab.show_not_saved(mail_setup.problems(tab.values()))
    _settle()
    save(window, "settings-mail-unencrypted")
    tab.clear()
    tab.load(page.workspace)

