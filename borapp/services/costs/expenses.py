"""The supervising volunteer's expenses for one visit: kilometres at the organisation's kilometre rate, and other
costs (parking, public transport, a drink with the child) in whole cents, with a short note.

A visit holds one claim. The kilometre rate is the one in force when the claim is first recorded (kept with it), so
a later change of the rate does not change what was already owed. Only a visit that took place or was cancelled,
and that names who supervised it, can carry expenses: the treasurer pays that volunteer. A visit moved back to
planned has no claim: `drop_claim` removes it (the editor asks first, naming it with `claim_words`), and the reports
never count or pay one left on a planned visit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Visit, VisitExpense
from borapp.services import audit, settings
from borapp.services.costs.amounts import money, parse_cents, parse_kilometres
from borapp.services.errors import NotFound, ValidationError
from borapp.services.vault.workspace import Workspace

__all__ = ["ExpenseDetail", "ExpenseInput", "check_expense", "claim_words", "drop_claim", "expense_for_visit",
           "save_expense"]

RATE_SETTING = "costs.kilometre_rate_cents"
MAX_NOTE = 300


@dataclass(frozen=True)
class ExpenseDetail:
    visit_id: int
    kilometres: int = 0
    rate_cents: int = 0
    other_cents: int = 0
    note: str = ""

    @property
    def kilometre_cents(self) -> int:
        return self.kilometres * self.rate_cents

    @property
    def total_cents(self) -> int:
        return self.kilometre_cents + self.other_cents

    @property
    def is_empty(self) -> bool:
        return not (self.kilometres or self.other_cents or self.note)


@dataclass(frozen=True)
class ExpenseInput:
    """As typed: kilometres "24", other costs "3,50", a note."""

    kilometres: str = ""
    other: str = ""
    note: str = ""


@dataclass(frozen=True)
class _Parsed:
    kilometres: int
    other_cents: int
    note: str

    @property
    def is_empty(self) -> bool:
        return not (self.kilometres or self.other_cents or self.note)


def check_expense(data: ExpenseInput, visit_state: str, volunteer_id: int | None) -> _Parsed:
    """Read and check a claim for a visit in `visit_state` supervised by `volunteer_id`; ValidationError naming the
    field ("kilometres", "other_cents", "expense_note", or "volunteer_id" when nobody is named)."""
    parsed = _Parsed(parse_kilometres(data.kilometres, "kilometres"), parse_cents(data.other, "other_cents"),
                     " ".join(data.note.split()))
    if len(parsed.note) > MAX_NOTE:
        raise ValidationError(_("At most {n} characters.").format(n=MAX_NOTE), "expense_note")
    if parsed.is_empty:
        return parsed
    if visit_state == "planned":
        raise ValidationError(_("Expenses can be recorded once the visit was held or cancelled."), "kilometres")
    if volunteer_id is None:
        raise ValidationError(_("Name the volunteer who supervised the visit: the expenses are paid to them."),
                              "volunteer_id")
    return parsed


def expense_for_visit(workspace: Workspace, visit_id: int) -> ExpenseDetail:
    """The visit's claim (an empty one when nothing was claimed); the rate is today's for a new claim."""
    with workspace.session() as session:
        _visit(session, visit_id)
        row = session.scalar(select(VisitExpense).where(VisitExpense.visit_id == visit_id))
        if row is None:
            return ExpenseDetail(visit_id, rate_cents=settings.get_int(session, RATE_SETTING))
        return ExpenseDetail(visit_id, row.kilometres, row.rate_cents, row.other_cents, row.note)


def save_expense(workspace: Workspace, visit_id: int, data: ExpenseInput) -> ExpenseDetail:
    """Record, change or (all fields empty) remove a visit's claim. Nothing is saved on an error."""
    with workspace.session() as session:
        visit = _visit(session, visit_id)
        parsed = check_expense(data, visit.state, visit.volunteer_id)
        row = session.scalar(select(VisitExpense).where(VisitExpense.visit_id == visit_id))
        if parsed.is_empty:
            if row is not None:
                session.delete(row)
                audit.record(session, "delete", "visit_expense", row.id, workspace.actor, case_id=visit.case_id)
            return ExpenseDetail(visit_id, rate_cents=settings.get_int(session, RATE_SETTING))
        created = row is None
        if created:
            row = VisitExpense(visit_id=visit_id, rate_cents=settings.get_int(session, RATE_SETTING))
            session.add(row)
        row.kilometres, row.other_cents, row.note = parsed.kilometres, parsed.other_cents, parsed.note
        session.flush()
        audit.record(session, "create" if created else "update", "visit_expense", row.id, workspace.actor,
                     case_id=visit.case_id)
        return ExpenseDetail(visit_id, row.kilometres, row.rate_cents, row.other_cents, row.note)


def claim_words(data: ExpenseInput) -> str:
    """A claim as a question names it: "24 km, other costs € 3,50, parkeren"; "" when nothing is claimed. What
    cannot be read is named as typed."""
    parts = []
    kilometres, other = data.kilometres.strip(), data.other.strip()
    if kilometres:
        parts.append(_("{n} km").format(n=kilometres))
    if other:
        try:
            other = money(parse_cents(other))
        except ValidationError:
            pass
        parts.append(_("other costs {amount}").format(amount=other))
    if note := " ".join(data.note.split()):
        parts.append(note)
    return ", ".join(parts)


def drop_claim(workspace: Workspace, visit_id: int) -> None:
    """Remove the visit's claim, if any (a visit moved back to planned has none)."""
    save_expense(workspace, visit_id, ExpenseInput())


def _visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound(_("No visit with number {id}.").format(id=visit_id))
    return visit
