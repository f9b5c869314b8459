"""A table header whose sort arrow points the way the list runs: ▲ from smallest to largest (A–Z, oldest first), ▼
from largest to smallest (newest first), as Windows' Explorer shows it, whatever the style.

Qt hands the style a header's ascending order as `SortDown` and its descending as `SortUp`; Fusion (and the
offscreen platform of the tests) draws `SortUp` as ▲, so a list sorted newest first showed ▲, while the Windows
styles turn it around. Here the arrow is drawn as a plain ▲ or ▼ from that meaning."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QStyleOption, QStyleOptionHeader

_ARROW = {QStyleOptionHeader.SortIndicator.SortDown: QStyle.PrimitiveElement.PE_IndicatorArrowUp,  # ascending
          QStyleOptionHeader.SortIndicator.SortUp: QStyle.PrimitiveElement.PE_IndicatorArrowDown}  # descending


class _OrderedArrowStyle(QProxyStyle):
    def drawPrimitive(self, element, option: QStyleOption, painter, widget=None) -> None:  # noqa: N802 - Qt name
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader) \
                and option.sortIndicator in _ARROW:
            super().drawPrimitive(_ARROW[option.sortIndicator], option, painter, widget)
            return
        super().drawPrimitive(element, option, painter, widget)


def arrow_as_ordered(header: QHeaderView) -> None:
    """Let `header`'s sort arrow point as its order runs (▼ for newest first)."""
    style = _OrderedArrowStyle()
    style.setParent(header)  # a widget's style must live as long as the widget
    header.setStyle(style)
