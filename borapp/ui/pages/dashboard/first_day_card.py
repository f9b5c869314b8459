"""The first-day checklist on Today: each step of setting up a new vault, done or not, with a button to its place.
Once a step is done the card lists the steps still to do, the done ones behind a button: seven rows took 250 px of
a 650-pixel view at 1366×768 and pushed the cards below the fold."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _, ngettext
from borapp.services.first_day import Step
from borapp.ui.icons import icon
from borapp.ui.widgets.layouts import empty_layout

DONE_COLOUR, OPEN_COLOUR = "#2E7D32", "#8A8A8A"


class FirstDayCard(QFrame):
    go_to = Signal(str)  # a page key or "settings/<tab key>"
    put_away = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dashboardCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        top.addWidget(self.heading)
        top.addStretch()
        self.done_button = QPushButton()  # the done steps shown or not
        self.done_button.clicked.connect(self._toggle_done)
        top.addWidget(self.done_button)
        self.hide_button = QPushButton(_("Hide this list"))
        self.hide_button.setToolTip(_("The list does not come back; everything stays in Settings."))
        self.hide_button.clicked.connect(self.put_away)
        top.addWidget(self.hide_button)
        layout.addLayout(top)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setColumnStretch(2, 1)
        layout.addLayout(self.grid)
        self.buttons: dict[str, QPushButton] = {}
        self.also: dict[str, list[QPushButton]] = {}  # a step's other ways, e.g. importing the volunteers
        self.done_rows: list[QWidget] = []  # the widgets of the done steps' rows
        self.showing_done = False
        self.counts = (0, 0)  # steps done, steps

    def set_steps(self, steps: list[Step]) -> None:
        self.clear()
        done = sum(step.done for step in steps)
        self.heading.setText(_("Getting started: {done} of {total} done").format(done=done, total=len(steps)))
        for row, step in enumerate(steps):
            mark = QLabel()
            mark.setPixmap(icon("check-circle" if step.done else "circle",
                                DONE_COLOUR if step.done else OPEN_COLOUR).pixmap(20, 20))
            mark.setAccessibleName(_("Done") if step.done else _("To do"))
            title = QLabel(step.title)
            title.setStyleSheet("font-weight: 600;")
            hint = QLabel(step.hint)
            hint.setWordWrap(True)
            button = QPushButton(_("Change") if step.done else _("Set up"))
            button.setAccessibleName(f"{button.text()}: {step.title}")
            button.clicked.connect(lambda _checked=False, place=step.place: self.go_to.emit(place))
            for column, widget in enumerate((mark, title, hint, button)):
                self.grid.addWidget(widget, row, column)
            self.buttons[step.key] = button
            self.also[step.key] = [self._also_button(step, text, place, row, column)
                                   for column, (text, place) in enumerate(step.also, start=4)]
            if step.done:
                self.done_rows += [mark, title, hint, button, *self.also[step.key]]
        self.counts = (done, len(steps))
        self._show_done_rows(*self.counts)

    def _show_done_rows(self, done: int, total: int) -> None:
        """Every step while none is done (or all are); else the steps to do, the done ones when asked for."""
        hiding = 0 < done < total and not self.showing_done
        for widget in self.done_rows:
            widget.setVisible(not hiding)
        self.done_button.setText(ngettext("Show {n} step done", "Show the {n} steps done", done).format(n=done)
                                 if hiding else _("Hide the steps done"))
        self.done_button.setVisible(0 < done < total)

    def _toggle_done(self) -> None:
        self.showing_done = not self.showing_done
        self._show_done_rows(*self.counts)

    def _also_button(self, step: Step, text: str, place: str, row: int, column: int) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(f"{text}: {step.title}")
        button.clicked.connect(lambda _checked=False: self.go_to.emit(place))
        self.grid.addWidget(button, row, column)
        return button

    def clear(self) -> None:
        self.heading.setText("")
        self.buttons = {}
        self.also = {}
        self.done_rows = []
        self.done_button.hide()
        empty_layout(self.grid)
