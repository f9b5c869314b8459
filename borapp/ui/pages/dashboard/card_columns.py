"""Today's cards in columns: three side by side where they fit, two on a narrow window.

At 125 % scaling on a 1366 px laptop (a 1093 px window) three columns left each card 280 px: whom a case is about
was cut to "Tycho …", a row's words wrapped one a line and a long word was cut at the card's edge. Below
`THREE_FROM` page pixels the same cards stand in two columns. The page's width decides (not the scroll area's,
which a scroll bar narrows), so the choice never flips back and forth.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from borapp.ui.pages.dashboard.section_card import SectionCard

# Three columns, so that every card's heading and first rows are in view at 1366×768: the families waiting and the
# case work on the left; unfinished work (an intake kept by "Continue later", typing kept over a restart) first in the
# middle, level with the families waiting, with the week's visits and the contracts; the letters and the volunteers'
# VOG on the right. An empty card goes to the end of its column (`empty_last`): nothing to do is read last.
COLUMNS = (
    ("waiting", "evaluations_due", "long_trajectories"),
    ("drafts", "visits_this_week", "contracts_unsigned"),
    ("outbox", "letters_owed", "vog"),
)
# Two columns: the case work on the left; unfinished work, the week's visits, the letters and the VOG on the right.
TWO_COLUMNS = (
    ("waiting", "evaluations_due", "long_trajectories", "contracts_unsigned"),
    ("drafts", "visits_this_week", "outbox", "letters_owed", "vog"),
)
THREE_FROM = 1040  # the page's width in pixels from which three columns read well (1366×768 at 100 %: 1190)


class CardColumns(QWidget):
    def __init__(self, cards: dict[str, SectionCard], parent: QWidget | None = None):
        super().__init__(parent)
        self.cards = cards
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.columns: list[QVBoxLayout] = []
        self._holders: list[QWidget] = []  # a column's widget: hidden when two columns are used
        for _ in COLUMNS:
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(12)
            column.addStretch()
            self.columns.append(column)
            self._holders.append(holder)
            row.addWidget(holder, 1)
        self.arrangement: tuple[tuple[str, ...], ...] = ()
        self.arrange(THREE_FROM)

    def arrange(self, page_width: int) -> None:
        """Three columns or two for a page this wide; each column's empty cards after the others."""
        self.arrangement = COLUMNS if page_width >= THREE_FROM else TWO_COLUMNS
        self.empty_last()

    def empty_last(self) -> None:
        """Each column's cards in their order, those with nothing to do after the others."""
        for index, column in enumerate(self.columns):
            keys = self.arrangement[index] if index < len(self.arrangement) else ()
            order = [self.cards[key] for key in sorted(keys, key=lambda key: self.cards[key].is_empty())]
            if [column.itemAt(i).widget() for i in range(column.count() - 1)] != order:
                while column.count() > 1:  # all but the stretch at the end
                    column.takeAt(0)
                for position, card in enumerate(order):
                    column.insertWidget(position, card)
            self._holders[index].setVisible(bool(keys))
