"""Keyboard habits the wizards share: Enter presses Next (or the last page's finishing button), and Tab goes down
the page, then along the buttons as they are drawn."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget, QWizard

from borapp.ui.widgets.tab_order import chain

FORWARD = (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton)


def enter_goes_forward(wizard: QWizard) -> None:
    """Enter in a field presses the default button, which QWizard sets (Next, or Finish on the last page).

    Focus on one of these took that away when it left (QDialog restores it only in a window of its own): after one
    Tab round Enter did nothing. Taking autoDefault off the two keeps QWizard's choice."""
    wizard.setOption(QWizard.WizardOption.NoDefaultButton, False)
    for which in FORWARD:
        wizard.button(which).setAutoDefault(False)


def chain_tab_order(wizard: QWizard, stops: Sequence[QWidget], buttons: Sequence[QWizard.WizardButton]) -> None:
    """Tab through `stops` (the page's fields), then the wizard's `buttons` left to right: a wizard is made before
    its pages, so Tab otherwise went to the buttons first."""
    chain([*stops, *(wizard.button(which) for which in buttons)])
