"""What a trajectory costs: the coordinator's hours per case and the volunteer's expenses per visit.

Money is kept as whole cents and time as whole minutes, so sums are exact and SQL can add them up.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from borapp.models.base import Base, Timestamps

HOURS_KINDS = ("intake", "talk", "evaluation", "closing", "travel")


class CaseHours(Timestamps, Base):
    """Time a coordinator spent on a case on one day, for one kind of work."""

    __tablename__ = "case_hours"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    on: Mapped[dt.date] = mapped_column(Date)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id", ondelete="SET NULL"),
                                                       nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(300), default="")


class VisitExpense(Timestamps, Base):
    """What the supervising volunteer claims for one visit: kilometres (paid at `rate_cents`, the organisation's
    rate when it was recorded) and other costs (parking, public transport, a drink with the child)."""

    __tablename__ = "visit_expense"
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), unique=True)
    kilometres: Mapped[int] = mapped_column(Integer, default=0)
    rate_cents: Mapped[int] = mapped_column(Integer, default=0)
    other_cents: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(String(300), default="")
