"""Rows for the demo's bulk insert: plain dicts per table, completed with the columns' defaults, written with one
executemany per table and batch. Far faster than the ORM's unit of work for tens of thousands of records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import itemgetter

from sqlalchemy import Table
from sqlalchemy.orm import Session

from borapp.models import (
    AuditEvent, Case, CaseHours, Child, Contract, ContractSignature, Evaluation, Letter, Parent, StatusChange, Visit,
    VisitExpense,
)

# Parents before children: the order foreign keys need.
ORDER = (Case, Parent, Child, StatusChange, AuditEvent, CaseHours, Contract, ContractSignature, Visit, VisitExpense,
         Evaluation, Letter)


def _defaults(table: Table, stamp: dt.datetime) -> dict:
    """Every column's value when a row does not give one; callable defaults are the `utcnow` timestamps."""
    out = {}
    for column in table.columns:
        if column.primary_key and column.autoincrement in (True, "auto") and column.name == "id":
            out[column.key] = None  # autoincrement, unless the row gives one
            continue
        default = column.default
        if default is None:
            out[column.key] = None
        elif default.is_scalar:
            out[column.key] = default.arg
        else:
            out[column.key] = stamp
    return out


def stamp(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


class Rows:
    def __init__(self, now: dt.datetime):
        self.pending: dict[type, list[dict]] = {model: [] for model in ORDER}
        self._defaults = {model: _defaults(model.__table__, now) for model in ORDER}
        self.count = {model: 0 for model in ORDER}
        self._statements: dict[type, tuple[str, Callable, list]] = {}

    def add(self, model: type, **values) -> None:
        self.pending[model].append({**self._defaults[model], **values})

    def add_object(self, obj, **values) -> None:
        """A transient ORM object's column values (unset ones get the default), plus `values`.

        Read from the instance dict: that is where a not-yet-stored object keeps what was set on it."""
        model = type(obj)
        given = {k: v for k, v in obj.__dict__.items() if k in self._defaults[model] and v is not None}
        self.pending[model].append(self._defaults[model] | given | values)

    def case(self, case: Case, audit: list[AuditEvent]) -> None:
        created = stamp(case.registered_on, 9)
        self.add_object(case, created_at=created, updated_at=created)
        self.add(AuditEvent, at=created, actor="demo", action="create", record_type="case", record_id=case.id,
                 case_id=case.id)
        for person in [*case.parents, *case.children]:
            self.add_object(person, case_id=case.id, created_at=created, updated_at=created)
        changes = case.history
        for change in changes:
            self.add_object(change, case_id=case.id, recorded_at=stamp(change.on, 16))
        for change, event in zip(changes[1:], audit):  # each step after the first recorded one audit event
            self.add_object(event, at=stamp(change.on, 16), case_id=case.id)

    def write(self, session: Session) -> None:
        """One executemany per table, straight to the driver with the columns' own bind conversions."""
        connection = session.connection()
        for model in ORDER:
            rows = self.pending[model]
            if rows:
                sql, values, converters = self._insert(model, connection.dialect)
                params = [values(row) for row in rows]
                if converters:
                    params = [_converted(p, converters) for p in params]
                connection.exec_driver_sql(sql, params)
                self.count[model] += len(rows)
                rows.clear()

    def _insert(self, model: type, dialect) -> tuple[str, Callable, list]:
        """The INSERT, a getter for a row's values in column order, and (position, conversion) where needed."""
        if model not in self._statements:
            columns = list(model.__table__.columns)
            names = ", ".join(f'"{c.name}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            converters = [(i, c.type.dialect_impl(dialect).bind_processor(dialect)) for i, c in enumerate(columns)]
            self._statements[model] = (f'INSERT INTO "{model.__table__.name}" ({names}) VALUES ({marks})',
                                       itemgetter(*(c.key for c in columns)), [(i, f) for i, f in converters if f])
        return self._statements[model]


def _converted(values: tuple, converters: list) -> tuple:
    out = list(values)
    for i, convert in converters:
        out[i] = convert(out[i])
    return tuple(out)
