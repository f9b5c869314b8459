"""Small editors of the volunteer profile: spoken languages (checkboxes, and another typed by name) and trainings (a
short list)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services.matching.ranking import language_name
from borapp.services.volunteers.profiles import (
    COMMON_LANGUAGES,
    TRAINING_KINDS,
    TRAINING_LABELS,
    TrainingItem,
    language_code,
)
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.tab_order import chain

LANGUAGE_COLUMNS = 2


class _LanguageLine(QLineEdit):
    """Enter on a typed language adds it and goes no further: in the intake wizard it also pressed Next."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        typed = bool(self.text().strip())
        super().keyPressEvent(event)
        if typed and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class LanguagePicker(QWidget):
    """The common languages as checkboxes; codes found in the record but not in that list are added. With `others`,
    a line to type another language by name (Tarifit, Farsi, Papiaments): it is added as one more checkbox, ticked,
    and kept like the others (only 11 could be recorded, a walk)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, others: bool = False):
        super().__init__(parent)
        self.setAccessibleName(_("Languages"))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        column.addLayout(self.grid)
        self.boxes: dict[str, QCheckBox] = {}
        for code in COMMON_LANGUAGES:
            self._add(code)
        self.other = _LanguageLine()
        self.add_button = QPushButton(_("Add language"))
        if others:
            row = QHBoxLayout()
            self.other.setPlaceholderText(_("Another language, e.g. Tarifit"))
            self.other.setAccessibleName(_("Another language"))
            self.other.returnPressed.connect(self.add_typed)
            self.add_button.clicked.connect(self.add_typed)
            row.addWidget(self.other, 1)
            row.addWidget(self.add_button)
            column.addLayout(row)

    def add_typed(self) -> None:
        """The language typed in the line, ticked (a checkbox of its own when it had none); the line emptied."""
        code = language_code(self.other.text())
        self.other.clear()
        if not code:
            return
        box = self.boxes.get(code) or self._add(code)
        box.setChecked(True)

    def pending(self) -> bool:
        """Whether a language is typed that Add language has not ticked yet."""
        return bool(self.other.text().strip())

    def _add(self, code: str) -> QCheckBox:
        box = QCheckBox(language_name(code))
        box.setAccessibleName(box.text())
        box.toggled.connect(self.changed)
        index = len(self.boxes)
        self.grid.addWidget(box, index // LANGUAGE_COLUMNS, index % LANGUAGE_COLUMNS)
        if self.boxes:  # added later, it came at the end of the window's Tab chain, after Save and the navigation
            chain([list(self.boxes.values())[-1], box])
        self.boxes[code] = box
        return box

    def value(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def set_value(self, codes) -> None:
        self.other.clear()  # typed for one volunteer, it was saved with the next one
        for code in codes:
            if code not in self.boxes:
                self._add(code)
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(code in codes)
            box.blockSignals(False)
        self.changed.emit()


SHOWN_ROWS = 4  # trainings in sight before the list scrolls


class TrainingList(QWidget):
    """Training and refresher days attended: a list with Remove, and a kind + date + Add row. The date starts empty
    and is emptied again by Add and by showing another list: an empty date was added as today, and a date typed for
    one volunteer stayed under the next one's trainings."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Trainings"))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Trainings attended"))
        self.list.setUniformItemSizes(True)
        self._fit_rows()
        column.addWidget(self.list)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of training"))
        for kind in TRAINING_KINDS:
            self.kind.addItem(_(TRAINING_LABELS[kind]), kind)
        self.date = DateField()
        self.date.setAccessibleName(_("Training date"))
        self.add_button = QPushButton(_("Add training"))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the selected training"))
        buttons = QHBoxLayout()  # on a line of their own, so the profile stays narrow enough for 1280 pixels
        row.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignTop)  # beside the date, not beside its message
        row.addWidget(self.date)
        for widget in (self.add_button, self.remove_button):
            buttons.addWidget(widget)
        row.addStretch()
        buttons.addStretch()
        column.addLayout(row)
        column.addLayout(buttons)
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        self.date.changed.connect(self.changed)
        self._items: list[TrainingItem] = []

    def value(self) -> tuple[TrainingItem, ...]:
        return tuple(self._items)

    def pending(self) -> bool:
        """Whether a date is typed that Add has not put in the list yet."""
        return bool(self.date.text().strip())

    def set_value(self, items) -> None:
        self.date.set_value(None)
        self._items = sorted(items, key=lambda t: t.on)
        self.list.clear()
        for item in self._items:
            entry = QListWidgetItem(f"{_(TRAINING_LABELS.get(item.kind, item.kind))} · {long_date(item.on)}")
            self.list.addItem(entry)
        self._fit_rows()
        self.remove_button.setEnabled(bool(self._items))
        self.changed.emit()

    def _fit_rows(self) -> None:
        """As tall as its rows, up to SHOWN_ROWS whole ones (a fixed 84 px showed three and a half), then it scrolls."""
        row = self.list.sizeHintForRow(0) if self.list.count() else self.list.fontMetrics().height() + 6
        rows = min(max(self.list.count(), 1), SHOWN_ROWS)
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth())

    def _add_clicked(self) -> None:
        if refuse_unreadable(self):
            return
        when = self.date.value()
        if when is None:
            self.date.refuse(_("Type the date of the training, then press Add training."))
            return
        self.set_value([*self._items, TrainingItem(self.kind.currentData(), when)])

    def _remove_clicked(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            self.set_value(self._items[:row] + self._items[row + 1:])
