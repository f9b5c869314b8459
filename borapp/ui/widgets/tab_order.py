"""The Tab order: which widgets Tab stops on, and putting widgets in the order they are read.

Qt puts a widget at the end of its window's Tab chain when it joins the window, wherever it is drawn: a wizard's
buttons before its pages' fields, a checkbox added for a typed language after everything else in the window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def chain(order: Sequence[QWidget]) -> None:
    """Tab goes from each widget of `order` to the next (each is moved in right after the one before it)."""
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
