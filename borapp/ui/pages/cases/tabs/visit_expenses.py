"""The volunteer's expenses in the visit record: kilometres at the organisation's rate, other costs and a note,
shown once the visit was held or cancelled (or while a visit moved back to planned still holds one), saved together with the visit (checked before the visit is saved, so
a wrong amount keeps everything typed and saves nothing)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from borapp.i18n import _
from borapp.services.costs import expenses as costs_expenses
from borapp.services.costs.amounts import cents_text, money, parse_cents, parse_kilometres
from borapp.services.costs.expenses import ExpenseDetail, ExpenseInput
from borapp.services.errors import ValidationError
from borapp.ui.pages.cases.tabs.editor_panel import EditorPanel, inline

FIELDS = ("kilometres", "other", "expense_note")


class ExpensesSection:
    """Adds the "Volunteer's expenses" group to `editor` and reads it back as part of the editor's state."""

    def __init__(self, editor: EditorPanel):
        form = editor.add_form(_("Volunteer's expenses"))
        self.box: QWidget = form.parentWidget()
        self.rate_cents = 0
        self.kilometres = QLineEdit()
        self.kilometres.setMaximumWidth(90)
        self.rate = QLabel()
        self.rate.setAccessibleName(_("Kilometre rate"))
        editor.add_row(form, _("Kilometres"), inline(self.kilometres, self.rate), "kilometres", focus=self.kilometres)
        self.kilometres.setAccessibleName(_("Kilometres"))
        self.other = QLineEdit()
        self.other.setMaximumWidth(120)
        self.other.setPlaceholderText(_("e.g. 3.50"))
        editor.add_row(form, _("Other costs (€)"), self.other, "other_cents")
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("e.g. parking, train ticket"))
        editor.add_row(form, _("About the costs"), self.note, "expense_note")
        self.total = QLabel()
        self.total.setAccessibleName(_("Expenses in total"))
        form.addRow(_("To pay"), self.total)
        self.kilometres.textChanged.connect(self._show_total)
        self.other.textChanged.connect(self._show_total)

    def has_claim(self) -> bool:
        return any(edit.text().strip() for edit in (self.kilometres, self.other, self.note))

    def state(self) -> dict:
        return {"kilometres": self.kilometres.text(), "other": self.other.text(), "expense_note": self.note.text(),
                "rate_cents": self.rate_cents}

    def fill(self, state: dict) -> None:
        self.rate_cents = int(state.get("rate_cents") or 0)
        self.rate.setText(_("× {rate} a kilometre").format(rate=money(self.rate_cents)))
        self.kilometres.setText(state.get("kilometres", ""))
        self.other.setText(state.get("other", ""))
        self.note.setText(state.get("expense_note", ""))
        self._show_total()

    def _show_total(self) -> None:
        try:
            cents = parse_kilometres(self.kilometres.text()) * self.rate_cents + parse_cents(self.other.text())
        except ValidationError:
            self.total.setText("–")
            return
        self.total.setText(money(cents))


def expense_state(detail: ExpenseDetail) -> dict:
    return {"kilometres": str(detail.kilometres) if detail.kilometres else "", "other": cents_text(detail.other_cents),
            "expense_note": detail.note, "rate_cents": detail.rate_cents}


def expense_input(state: dict) -> ExpenseInput:
    return ExpenseInput(state.get("kilometres", ""), state.get("other", ""), state.get("expense_note", ""))


def check_with_expenses(state: dict, check_visit, claim_only: bool = False) -> None:
    """Refuse what `save_with_expenses` would refuse, saving nothing (`check_visit()` checks the visit)."""
    if state.get("state") != "planned":
        costs_expenses.check_expense(expense_input(state), state.get("state", "held"), state.get("volunteer_id"))
    if not claim_only:
        check_visit()


def save_with_expenses(workspace, state: dict, save_visit, claim_only: bool = False) -> int:
    """Check the claim, save the visit (`save_visit()` returns its id), then the claim; a visit saved as planned
    loses its claim (it was kept, hidden, and paid: the tab asks first, `planned_claim`). `claim_only`: the editor
    showed a finished report, read-only, and only the claim could be typed."""
    claim = expense_input(state)
    if claim_only:  # the report is a fact now, the claim (which mostly comes later) is not part of it
        return costs_expenses.save_expense(workspace, state["record_id"], claim).visit_id
    planned = state.get("state") == "planned"
    if not planned:
        costs_expenses.check_expense(claim, state.get("state", "held"), state.get("volunteer_id"))
    visit_id = save_visit()
    if planned:
        costs_expenses.drop_claim(workspace, visit_id)
    else:
        costs_expenses.save_expense(workspace, visit_id, claim)
    return visit_id


def planned_claim(state: dict) -> str:
    """The claim a save as planned would remove, in words; "" when there is none."""
    return costs_expenses.claim_words(expense_input(state)) if state.get("state") == "planned" else ""
