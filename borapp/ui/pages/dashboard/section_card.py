"""One dashboard section: a heading with its count, and its items as rows that open the case or volunteer."""

from __future__ import annotations

from babel.dates import format_date
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from borapp.formatting import long_date
from borapp.i18n import _, babel_locale, ngettext
from borapp.services.cases.status import status_label
from borapp.services.dashboard import DashboardItem, DashboardSection
from borapp.ui.widgets.activation_list import ActivationList
from borapp.ui.widgets.chip import status_chip
from borapp.ui.widgets.elided_label import ElidedLabel


def item_date(item: DashboardItem) -> str:
    """The date as a card shows it: short ("zo 6 dec.", "27 sep. 2026"), the whole date in the row's tooltip."""
    if item.date is None:
        return ""
    if item.kind == "visits_this_week":
        return format_date(item.date, "EEE d MMM", locale=babel_locale())
    return format_date(item.date, "d MMM y", locale=babel_locale())


def long_item_date(item: DashboardItem) -> str:
    if item.date is None:
        return ""
    if item.kind == "visits_this_week":
        return format_date(item.date, "EEEE d MMMM", locale=babel_locale())
    return long_date(item.date)


class ItemRow(QWidget):
    """Case number, whom the case is about (cut short when narrow) and date on the first line; its status chip and
    what needs doing below, wrapped."""

    def __init__(self, item: DashboardItem, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 3, 8, 3)
        column.setSpacing(1)
        top = QHBoxLayout()
        top.setSpacing(8)
        title = QLabel(item.title)
        title.setObjectName("rowTitle")
        title.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        top.addWidget(title)
        self.family = ElidedLabel(f"· {item.family}" if item.family else "")
        self.family.setObjectName("rowFamily")
        top.addWidget(self.family, 1)  # what the number and the date leave; whole in the row's tooltip
        when = QLabel(item_date(item))
        when.setObjectName("rowDate")
        when.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        when.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        top.addWidget(when)
        column.addLayout(top)
        below = QHBoxLayout()
        below.setSpacing(8)
        if item.status:
            chip = status_chip(item.status)
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # squeezed, its word was cut
            below.addWidget(chip, 0, Qt.AlignmentFlag.AlignTop)
        text = QLabel(item.text)
        text.setWordWrap(True)
        text.setMinimumWidth(1)  # in a narrow card the chip keeps its width, the words wrap in what is left
        text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        below.addWidget(text, 1)
        column.addLayout(below)
        for label in self.findChildren(QLabel):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def describe(item: DashboardItem) -> str:
    """What a screen reader says for a row (and its tooltip: whom the case is about in full)."""
    parts = [item.title, item.family, status_label(item.status) if item.status else "", item.text,
             long_item_date(item)]
    return ", ".join(p for p in parts if p)


# A section lists its first few, the most urgent (all nine cards' headings in view at 1366×768, and 25 rows of
# widgets a card cost 0.5 s at unlock); Today asks the service for no more than these, with each section's total.
MAX_ROWS = 3


# Where the rows a section does not show are listed: the outbox's letters in the Outbox, the volunteers' VOG on
# Volunteers. The others (cases, letters owed, unsaved work) are listed in full on the card itself: the case list
# it pointed to showed every case, not the card's.
MORE_PAGES = {"outbox": "outbox", "vog": "volunteers"}


class SectionCard(QFrame):
    item_activated = Signal(object)  # the DashboardItem
    go_to = Signal(str)  # a page key: where the rest of the section is
    show_whole = Signal(str, bool)  # this section's key, and whether to list every row here (listed nowhere else)

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("dashboardCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(2)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.empty = QLabel(_("Nothing to do"))
        self.empty.setObjectName("cardNote")
        self.empty.setWordWrap(True)  # a section's own note (why none) is a sentence
        layout.addWidget(self.empty)
        self.list = ActivationList()
        self.list.item_activated.connect(self.item_activated)
        layout.addWidget(self.list)
        # where the rest is, as a link that goes there (a line of text only said so)
        self.more = QPushButton()
        self.more.setObjectName("cardMore")
        self.more.setFlat(True)
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.setStyleSheet("QPushButton { border: none; padding: 0; text-align: left; color: palette(link); "
                                "text-decoration: underline; } QPushButton:disabled { color: palette(mid); "
                                "text-decoration: none; }")
        self.more.clicked.connect(self._more_clicked)
        self.more.hide()
        self.whole = False  # every row listed here: for a section whose rest is listed nowhere else
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._shown = None  # (section, locale) the rows show

    def set_section(self, section: DashboardSection) -> None:
        shown = (section, str(babel_locale()))
        if shown == self._shown:  # back on Today and nothing changed: the rows stay (building them is the cost)
            return
        self._shown = shown
        self.list.hide()  # filled while hidden: no layout per row added
        self.list.clear_rows()
        self.heading.setText(f"{section.title} ({section.count})")
        self.list.setAccessibleName(f"{section.title}: {section.count}")
        for item in section.items[:None if self.whole else MAX_ROWS]:
            activatable = item.case_id is not None or item.volunteer_id is not None or bool(item.draft_key)
            self.list.add_row(ItemRow(item), item if activatable else None, describe(item), fit=False)
        self.list.fit()
        self.empty.setText(section.empty_note or _("Nothing to do"))
        self.empty.setVisible(section.count == 0)
        self.list.setVisible(section.count > 0)
        shown = min(len(section.items), len(section.items) if self.whole else MAX_ROWS)
        hidden = section.count - shown  # the section's total, not only the rows read
        if self.whole and section.count > MAX_ROWS:
            self.more.setText(_("Show the first {n} only").format(n=MAX_ROWS))
        else:
            self.more.setText(more_text(section.key, hidden) if hidden > 0 else "")
        self.more.setVisible(hidden > 0 or (self.whole and section.count > MAX_ROWS))

    def is_empty(self) -> bool:
        """Nothing to do: the section has no rows (after a lock, before a refresh, neither)."""
        return self._shown is not None and self._shown[0].count == 0

    def _more_clicked(self) -> None:
        """To the page that lists the rest; for drafts and letters owed, listed nowhere else: here, in full."""
        page = more_page(self.key)
        if page is not None:
            self.go_to.emit(page)
        else:
            self.whole = not self.whole
            self.show_whole.emit(self.key, self.whole)

    def clear(self) -> None:
        self._shown = None
        self.whole = False  # back to the first rows after a lock
        self.list.clear_rows()
        self.heading.setText("")
        self.empty.hide()
        self.more.hide()


def more_page(key: str) -> str | None:
    return MORE_PAGES.get(key)


def more_text(key: str, hidden: int) -> str:
    """Where the rows not shown are (`more_page`), or that the card shows them all when clicked."""
    page = more_page(key)
    if page == "outbox":
        return ngettext("… and {n} more: see the Outbox", "… and {n} more: see the Outbox", hidden).format(n=hidden)
    if page == "volunteers":
        return ngettext("… and {n} more: see Volunteers", "… and {n} more: see Volunteers", hidden).format(n=hidden)
    return ngettext("… and {n} more: show all", "… and {n} more: show all", hidden).format(n=hidden)
