"""Which case to show when a screen needs one open (screenshots, first look at a demo vault)."""

from __future__ import annotations

from sqlalchemy import func, select

from borapp.models import Case, Visit


def showcase_case_id(workspace) -> int | None:
    """The case in visits or evaluation with the most visits; else any case."""
    with workspace.session() as session:
        visits = func.count(Visit.id)
        query = (select(Case.id).outerjoin(Visit, Visit.case_id == Case.id)
                 .where(Case.status.in_(("visits", "evaluation"))).group_by(Case.id).order_by(visits.desc(), Case.id)
                 .limit(1))
        return session.scalar(query) or session.scalar(select(Case.id).order_by(Case.id).limit(1))
