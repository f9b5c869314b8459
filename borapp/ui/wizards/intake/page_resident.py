"""Step 4: the resident parent, where the children live (their main residence), who registers the case."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from borapp.i18n import _
from borapp.ui.wizards.intake.parent_page import ParentPage


class ResidentPage(ParentPage):
    NUMBER, NAME, STEP, ROLE = 4, "resident", "resident", "resident"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Resident parent"))
        self.setSubTitle(_("The parent the children live with (their main residence)."))

    def title_text(self) -> str:
        return _("Resident parent")
