"""The children of a case as editable rows: name and birth date, the age beside it, a warning (never a block)
for a child older than 12, and buttons to add and remove a child."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _
from borapp.services.validation import age_in_words, child_age_warning
from borapp.ui.icons import icon
from borapp.ui.lock_guard import wipe
from borapp.ui.widgets.date_field import DateField
from borapp.ui.widgets.discard_question import ask_to_discard
from borapp.ui.widgets.forms import FieldMessage
from borapp.ui.widgets.tab_order import chain


class ChildRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, number: int, child_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.child_id = child_id
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QGridLayout()
        row.setVerticalSpacing(2)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Full name"))
        self.birth = DateField()
        self.birth.setMinimumWidth(120)
        # A place of its own in the tab order, its edit with it (as a spin box has): ordered by its edit alone, the
        # field itself stayed behind at the end of the chain and Tab came back to the date from the wizard's buttons.
        self.birth.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.age = QLabel()
        self.age.setMinimumWidth(70)
        self.remove = QPushButton(icon("trash"), _("Remove"))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        born = QLabel(_("born"))
        line = (self.name, born, self.birth, self.age, self.remove)
        for place, (widget, stretch) in enumerate(zip(line, (3, 0, 1, 0, 0))):
            row.addWidget(widget, 0, place, Qt.AlignmentFlag.AlignTop)  # tops in line with the date's edit
            row.setColumnStretch(place, stretch)
        born.setMinimumHeight(self.name.sizeHint().height())
        self.age.setMinimumHeight(self.name.sizeHint().height())
        row.addWidget(self.birth.take_message(), 1, 2, 1, 3)  # under the date, as wide as the rest of the row
        column.addLayout(row)
        self.message = FieldMessage()
        column.addWidget(self.message)
        self.name.textChanged.connect(self.changed)
        self.birth.changed.connect(self._date_changed)
        self.birth.edit.textEdited.connect(self.age.clear)  # until read: an age beside a date typed over is wrong
        self.birth.edit.editingFinished.connect(self.changed)  # one it cannot read is a change too: Save says why
        self.renumber(number)

    def renumber(self, number: int) -> None:
        self.number = number
        self.name.setAccessibleName(_("Name of child {n}").format(n=number))
        self.birth.setAccessibleName(_("Birth date of child {n}").format(n=number))
        self.remove.setAccessibleName(_("Remove child {n}").format(n=number))

    def value(self) -> dict:
        """The child as a form keeps it: the birth date as ISO text, or as typed when it cannot be read."""
        return {"id": self.child_id, "name": self.name.text(), "birth_date": self.birth.typed() or None}

    def set_value(self, value: dict) -> None:
        self.child_id = value.get("id")
        self.name.setText(value.get("name") or "")
        self.birth.set_typed(value.get("birth_date") or "")
        self._date_changed()

    def wipe(self) -> None:
        """Empty the row without a signal: it is being removed."""
        wipe(self)

    def _date_changed(self, *_args) -> None:
        born = self.birth.value_or_none()
        today = dt.date.today()
        if born and born <= today:
            self.age.setText(age_in_words(born, today))
        else:
            self.age.clear()
        self.message.show_message(child_age_warning(born), warning=True)
        self.changed.emit()


class ChildrenEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, ask_before_removing: bool = False):
        super().__init__(parent)
        self.ask_before_removing = ask_before_removing  # a row with typing in it goes only once she says so
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addLayout(self.form)
        self.add_button = QPushButton(icon("plus"), _("Add child"))
        self.add_button.setAccessibleName(_("Add a child"))
        self.add_button.clicked.connect(self._add_clicked)
        column.addWidget(self.add_button, 0)
        self.rows: list[ChildRow] = []

    def value(self) -> list[dict]:
        return [row.value() for row in self.rows]

    def set_value(self, children: list[dict]) -> None:
        while self.rows:
            self._remove(self.rows[-1], notify=False)
        for child in children:
            self._add(child)
        self.changed.emit()

    def _add_clicked(self) -> None:
        row = self._add({"id": None, "name": "", "birth_date": None})
        row.name.setFocus()
        self.changed.emit()

    def _add(self, value: dict) -> ChildRow:
        row = ChildRow(len(self.rows) + 1)
        row.set_value(value)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove_clicked)
        self.rows.append(row)
        self.form.addRow(_("Child {n}").format(n=row.number), row)
        self._chain(row)
        return row

    def _chain(self, row: ChildRow) -> None:
        """Tab reaches a new row after the rows above it and just before Add child (drawn under them): added later,
        it came at the very end of the window's chain, after the status bar and the navigation."""
        before = self._tab_stop_before_add(row)
        order = [before] if before is not None else []
        order += [row.name, row.birth, row.remove]
        chain(order)
        if before is None:  # nothing to follow: Add child follows the row instead
            QWidget.setTabOrder(row.remove, self.add_button)

    def _tab_stop_before_add(self, row: ChildRow) -> QWidget | None:
        """The nearest widget before Add child in the chain that Tab stops on, outside the new row."""
        widget = self.add_button.previousInFocusChain()
        while widget is not self.add_button:
            if widget is not row and not row.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
            widget = widget.previousInFocusChain()
        return None

    def tab_stops(self) -> list[QWidget]:
        """What Tab goes through, as drawn: each child's name, birth date and Remove, then Add child."""
        return [w for row in self.rows for w in (row.name, row.birth, row.remove)] + [self.add_button]

    def _remove_clicked(self, row: ChildRow) -> None:
        typed = row.name.text().strip() or row.birth.typed()
        if typed and self.ask_before_removing and not ask_to_discard(
                self, _("Remove child"),
                _("Remove child {n}? What was typed for this child is thrown away.").format(n=row.number)):
            return
        self._remove(row)

    def _remove(self, row: ChildRow, notify: bool = True) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        taken = self.form.takeRow(index)  # deleted later: the click that asked for it is still running
        row.wipe()  # the name goes now: deleted later, the row is still in memory (a lock empties the editor)
        for item in (taken.labelItem, taken.fieldItem):
            if item is not None and item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        for number, other in enumerate(self.rows, start=1):
            other.renumber(number)
            label = self.form.itemAt(number - 1, QFormLayout.ItemRole.LabelRole)
            if label is not None and label.widget() is not None:
                label.widget().setText(_("Child {n}").format(n=number))
        if notify:
            self.changed.emit()

    def message(self, index: int) -> FieldMessage | None:
        return self.rows[index].message if 0 <= index < len(self.rows) else None
