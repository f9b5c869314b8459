"""Keyboard habits the wizards share: Enter presses Next (or the last page's finishing button), and Tab goes down
the page, then along the buttons as they are drawn."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard

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
    order = [*stops, *(wizard.button(which) for which in buttons)]
    for first, second in zip(order, order[1:]):
        QWidget.setTabOrder(first, second)


def tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets inside `root` that Tab can reach, in the order of the focus chain (hidden ones too: they may be
    shown later)."""
    stops, widget = [], root.nextInFocusChain()
    while widget is not None and widget is not root and len(stops) < 5000:
        if root.isAncestorOf(widget) and takes_tab(widget):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab stops on the widget itself (not one that hands its focus to another)."""
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def tab_stop(widget: QWidget) -> QWidget:
    """The widget, or the first widget inside it that Tab stops on (a grid of checkboxes, say)."""
    if widget.focusProxy() is not None or takes_tab(widget):
        return widget
    inner = widget.nextInFocusChain()
    while inner is not widget and widget.isAncestorOf(inner):
        if takes_tab(inner):
            return inner
        inner = inner.nextInFocusChain()
    return widget
