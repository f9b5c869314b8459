"""Step 6: the children, one or more, with birth dates; a child older than 12 is a warning, never a block."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from borapp.i18n import _
from borapp.services.validation import child_age_warning
from borapp.ui.pages.cases.case_file.children_editor import ChildrenEditor
from borapp.ui.widgets.forms import FieldMessage
from borapp.ui.wizards.intake.base_page import IntakePage, hint

_EMPTY_CHILD = {"id": None, "name": "", "birth_date": None}


class ChildrenPage(IntakePage):
    NUMBER, NAME, STEP = 6, "children", "children"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Children"))
        self.setSubTitle(_("Every child the contact is about, with the birth date."))
        self.body.addWidget(hint(_("BOR is for children up to 12. An older child gets a warning, not a block.")))
        self.editor = ChildrenEditor(ask_before_removing=True)
        self.editor.setAccessibleName(_("Children"))
        self.editor.layout().setAlignment(self.editor.add_button, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.editor)
        self.none_message = FieldMessage()
        self.body.addWidget(self.none_message)
        self.body.addStretch()
        self.messages["children"] = self.none_message
        self.fields["children"] = self.editor.add_button
        self.editor.changed.connect(self._edited)
        self.editor.add_button.clicked.connect(self._chain_new_row)
        self.editor.set_value([dict(_EMPTY_CHILD)])

    def read(self, data: dict) -> None:
        data["children"] = [{"name": c["name"], "birth_date": c["birth_date"]} for c in self.editor.value()]

    def write(self, data: dict) -> None:
        children = [dict(_EMPTY_CHILD, **c) for c in data.get("children") or []]
        self.editor.set_value(children or [dict(_EMPTY_CHILD)])

    def blank(self) -> None:
        self.editor.set_value([])

    def focus_first(self) -> None:
        """The first child's name: there is always one row to type in."""
        target = self.editor.rows[0].name if self.editor.rows else self.editor.add_button
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def tab_stops(self) -> list[QWidget]:
        """The editor's own order: its first row is made before the page is in the wizard, and came after Add child
        in the chain."""
        return self.editor.tab_stops()

    def _chain_new_row(self) -> None:
        if self.wizard() is not None and self.wizard().currentPage() is self:
            self.wizard().chain_tab_order()

    def unreadable_dates(self) -> set[str]:
        return {f"children.{i}.birth_date" for i, row in enumerate(self.editor.rows) if row.birth.problem()}

    def show_problems(self, problems: dict[str, str], *, focus: bool = False) -> None:
        """Row problems go under their child (in place of the age warning, which comes back once fixed)."""
        self.none_message.show_message(problems.get("children", ""))
        self.page_message.show_message("")
        for index, row in enumerate(self.editor.rows):
            problem = problems.get(f"children.{index}.name") or problems.get(f"children.{index}.birth_date")
            if problem:
                row.message.show_message(problem)
            else:  # back to the age warning, if any
                row.message.show_message(child_age_warning(row.birth.value_or_none()), warning=True)
        if focus and problems:
            first = next(iter(problems))
            if first == "children":
                self.editor.add_button.setFocus()
            else:
                index, what = int(first.split(".")[1]), first.split(".")[2]
                row = self.editor.rows[index]
                (row.name if what == "name" else row.birth).setFocus()
