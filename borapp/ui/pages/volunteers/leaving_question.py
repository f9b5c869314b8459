"""Asked when "Active" is unticked without a leaving date: does this volunteer leave, or pause?

Unticking alone kept her in the annual report's pool and nothing said so (a walk): the two answers say what each
means for matching and for the report, and a leaving volunteer gets her leaving date (today, to change if need be).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from borapp.i18n import _

LEAVING, PAUSING = "leaving", "pausing"


def ask_leaving_or_pausing(parent: QWidget | None) -> str | None:
    """LEAVING, PAUSING, or None (Cancel, Escape or a lock: she stays active)."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Not active"), _(
        "Is this volunteer leaving the programme, or pausing for a while?\n\n"
        "Leaving: the leaving date is filled in (today; change it if they left on another day). From that day the "
        "annual report no longer counts them in the volunteer pool.\n\n"
        "Pausing: they stay in the pool of the annual report, but are not counted as deployable and are not matched "
        "to new cases until \u201cActive\u201d is ticked again."), QMessageBox.StandardButton.Cancel, parent)
    leaving = box.addButton(_("Leaving"), QMessageBox.ButtonRole.AcceptRole)
    pausing = box.addButton(_("Pausing"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(pausing)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return LEAVING if clicked is leaving else PAUSING if clicked is pausing else None
