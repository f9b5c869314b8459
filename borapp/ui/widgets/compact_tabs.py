"""A tab bar whose tabs keep the platform's look with less room beside their names, for a tab widget with many tabs
that must all stay in view on a small screen (1366×768 at 125 % leaves 1093 px)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QTabBar, QTabWidget, QToolTip, QWidget

SIDE_SPACE = 12  # room beside a tab's name, both sides together (Fusion gives 24)


class _CompactTabStyle(QProxyStyle):
    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,  # noqa: N802 - Qt
                    widget: QWidget | None = None) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return SIDE_SPACE
        return super().pixelMetric(metric, option, widget)


def compact_tabs(tabs: QTabWidget) -> None:
    """Every tab in view: narrower tabs and no scroll arrows (the last tabs hid behind them); narrower still, the
    longest names end in "…"."""
    style = _CompactTabStyle()
    style.setParent(tabs.tabBar())  # a widget's style must live as long as the widget
    tabs.tabBar().setStyle(style)
    tabs.setUsesScrollButtons(False)
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    tabs.tabBar().installEventFilter(_FullNames(tabs.tabBar()))


class _FullNames(QObject):
    """A tab's whole name as its tooltip ("Reservek…" said nothing more when pointed at)."""

    def eventFilter(self, bar: QTabBar, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() != QEvent.Type.ToolTip:
            return False
        index = bar.tabAt(event.pos())
        if index < 0 or bar.tabToolTip(index):
            return False  # a tooltip of its own goes first
        QToolTip.showText(event.globalPos(), bar.tabText(index), bar, bar.tabRect(index))
        return True
