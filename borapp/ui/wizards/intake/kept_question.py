"""Starting an intake while one is kept to continue later: continue it, or start another?

"Later verdergaan" kept the intake where only Today listed it; "Nieuwe intake…" on the case list then opened an empty
first step, as if it were gone."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from borapp.i18n import _, ngettext
from borapp.services.intake.answers import KeptIntake

CONTINUE, NEW = "continue", "new"


def ask_which_intake(parent: QWidget | None, kept: list[KeptIntake]) -> str:
    """CONTINUE (the latest kept intake), NEW, or "" (Cancel, Escape, a lock)."""
    latest = kept[0]
    text = _("An intake is kept to continue later: {title} ({step}).").format(title=latest.title, step=latest.text)
    if len(kept) > 1:
        text += " " + ngettext("{n} more is listed on Today.", "{n} more are listed on Today.",
                               len(kept) - 1).format(n=len(kept) - 1)
    box = QMessageBox(QMessageBox.Icon.Question, _("New intake"), text, QMessageBox.StandardButton.Cancel, parent)
    go_on = box.addButton(_("Continue it"), QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton(_("Start a new intake"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(go_on)
    box.exec()
    return CONTINUE if box.clickedButton() is go_on else NEW if box.clickedButton() is new else ""
