"""What every intake page shares: a scrolling form, messages under the fields, and the check before Next.

A page reads its widgets into the wizard's state dict (`read`) and fills them from it (`write`). Next asks the
intake service what is wrong on this step and shows each message under its field; once refused, the messages follow
the typing so a fixed field stops complaining at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout, QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget, QWizardPage,
)

from borapp.ui.widgets.forms import FieldMessage, add_field, changed_signal, required_note
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.tab_order import tab_stop, tab_stops


class IntakePage(QWizardPage):
    NUMBER = 0
    NAME = ""
    STEP = ""  # the service's step name

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context  # IntakeContext: the workspace, the day, the choices
        self.setObjectName(f"intake-{self.NUMBER}-{self.NAME}")
        self.messages: dict[str, FieldMessage] = {}
        self.fields: dict[str, QWidget] = {}
        self.refused = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop with nothing to act on; it still follows Tab
        scroll.setWidgetResizable(True)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 8, 0)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        self.page_message = FieldMessage()
        outer.addWidget(self.page_message)

    # ---- building -----------------------------------------------------------------------------------------------

    def new_form(self, parent_layout=None) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        (parent_layout if parent_layout is not None else self.body).addLayout(form)
        return form

    def field(self, form: QFormLayout, key: str, label: str, widget: QWidget, *, required: bool = False,
              also: tuple[str, ...] = ()) -> QWidget:
        """A labelled row whose message shows the problems of `key` (and of `also`, fields it stands for)."""
        if widget.minimumHeight() and widget.minimumHeight() == widget.maximumHeight():
            widget.setSizePolicy(widget.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)  # no gap above
        message = add_field(form, label, widget, required=required)
        for name in (key, *also):
            self.messages[name] = message
            self.fields.setdefault(name, widget)
        self.watch(widget)
        return widget

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            signal = changed_signal(widget)
            if signal is not None:
                signal.connect(self._edited)

    def add_required_note(self) -> None:
        self.body.addWidget(required_note())

    # ---- state --------------------------------------------------------------------------------------------------

    def read(self, data: dict) -> None:
        """Put this page's values into the wizard's state dict (keys as `intake.answers.to_dict` writes them)."""
        raise NotImplementedError

    def write(self, data: dict) -> None:
        """Fill this page's widgets from the state dict."""
        raise NotImplementedError

    def blank(self) -> None:
        """Drop every value shown (the wizard closes on lock)."""

    # ---- checking -----------------------------------------------------------------------------------------------

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Every problem of the page at once: a date that cannot be read says so under itself, the others under
        their fields; the first of them in reading order gets the focus."""
        unreadable = refuse_unreadable(self)
        problems = self.problems()
        self.refused = unreadable or bool(problems)
        self.show_problems(problems, focus=True)
        return not self.refused

    def problems(self) -> dict[str, str]:
        """The service's problems of this step, in the order of the form. A date that cannot be read reads as empty
        there ("Required."): its own message under it says why, so its key stays (for the focus) without a text."""
        problems = self.wizard().problems(self.STEP)
        unreadable = self.unreadable_dates()
        if not unreadable:
            return problems
        first = {key: "" for key in unreadable if key not in problems}  # an optional date: no problem of its own
        return first | {key: "" if key in unreadable else text for key, text in problems.items()}

    def unreadable_dates(self) -> set[str]:
        """The keys of the date fields on this page whose text cannot be read."""
        return {key for key, widget in self.fields.items() if isinstance(widget, DateField) and widget.problem()}

    def show_problems(self, problems: dict[str, str], *, focus: bool = False) -> None:
        shown: dict[FieldMessage, str] = {}
        for key, message in self.messages.items():
            if message not in shown or not shown[message]:
                shown[message] = problems.get(key, "")
        for message, text in shown.items():
            message.show_message(text)
        loose = [text for key, text in problems.items() if key not in self.messages]
        self.page_message.show_message(loose[0] if loose else "")
        if focus and problems:
            first = next((self.fields[k] for k in problems if k in self.fields), None)
            if first is not None and first.isEnabled():
                first.setFocus()

    def _edited(self, *_args) -> None:
        if self.refused and self.wizard() is not None:
            self.show_problems(self.problems())

    def focus_first(self) -> None:
        """Put the keyboard in the page's first field (reading order)."""
        first = next((w for w in self.fields.values() if w.isEnabled()), None)
        if first is not None:
            tab_stop(first).setFocus(Qt.FocusReason.TabFocusReason)

    def tab_stops(self) -> list[QWidget]:
        return tab_stops(self)


def with_hint(widget: QWidget, text: str) -> QWidget:
    """A field with its explanation right under it, as one row of a form."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    note = hint(text)
    note.setWordWrap(False)  # a wrapping label in a form row is given too much height; these lines are short
    column.addWidget(note)
    return box


def hint(text: str) -> QLabel:
    """A quiet line of explanation under a field or at the top of a page."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label
