"""When the midway evaluation is due: one rule for the contract, the case header and Today.

Halfway is counted in visits held, not visits planned or numbered: a cancelled visit, or one a parent did not show
up for, brings no one nearer the evaluation. It is due once half the visits the contract agrees (rounded up) were
held; where the contract agrees none, half of those held and planned (`SCHEDULED`). At least one visit must have been
held.
"""

from __future__ import annotations

from sqlalchemy import and_
from sqlalchemy.sql.elements import ColumnElement

from borapp.i18n import N_, _

RULE = N_("The midway evaluation is held once {half} of the {n} visits have been held.")
SO_FAR = N_("{held} held so far.")
SCHEDULED = ("held", "planned")  # the trajectory's visits where the contract agrees no number: not called off or missed


def midway_after(total: int) -> int:
    """How many held visits make halfway in a trajectory of `total`."""
    return max(1, (total + 1) // 2)


def midway_due(held, total):
    """Whether `held` visits of `total` make halfway. Numbers give a bool; SQL expressions (Today's query) give a
    condition that says the same."""
    if isinstance(held, ColumnElement) or isinstance(total, ColumnElement):
        return and_(held >= 1, held * 2 >= total)
    return held >= midway_after(total)


def midway_rule(total: int, held: int | None = None) -> str:
    """The rule in words, e.g. "… once 4 of the 8 visits have been held.", with how many so far when given."""
    words = _(RULE).format(half=midway_after(total), n=total)
    return words if held is None else f"{words} {_(SO_FAR).format(held=held)}"
