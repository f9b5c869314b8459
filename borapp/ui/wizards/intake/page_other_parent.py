"""Step 5: the non-resident parent, whose contact with the children the BOR (re)builds."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from borapp.i18n import _
from borapp.ui.wizards.intake.parent_page import ParentPage


class OtherParentPage(ParentPage):
    NUMBER, NAME, STEP, ROLE = 5, "other-parent", "other_parent", "other"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Non-resident parent"))
        self.setSubTitle(_("The parent whose contact with the children is being (re)built."))

    def title_text(self) -> str:
        return _("Non-resident parent")
