"""A case due for destruction can be kept longer, with a reason: it leaves the list until the day set (a year by
default), comes back then, and its note goes with the case when it is erased."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from borapp.models import RetentionHold
from borapp.services.errors import ValidationError
from borapp.services.privacy import erasure, retention
from tests.privacy.test_retention import TODAY, close


def due_refs(workspace, on=TODAY) -> list[str]:
    return [d.ref for d in retention.due_for_destruction(workspace, on)]


def test_a_case_kept_longer_leaves_the_list_until_its_day(workspace):
    kept = close(workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    close(workspace, "BOR-2001-002", dt.date(2001, 2, 1))
    until = retention.keep_longer(workspace, kept, "  rechtszaak loopt nog ", on=TODAY)
    assert until == dt.date(2027, 12, 2)  # a year, unless she says otherwise
    assert due_refs(workspace) == ["BOR-2001-002"]
    assert due_refs(workspace, until - dt.timedelta(days=1)) == ["BOR-2001-002"]
    assert due_refs(workspace, until) == ["BOR-2001-001", "BOR-2001-002"]
    with workspace.session() as session:
        hold = session.get(RetentionHold, kept)
        assert (hold.reason, hold.actor, hold.noted_on) == ("rechtszaak loopt nog", workspace.actor, TODAY)
    retention.keep_longer(workspace, kept, "nog een jaar", dt.date(2026, 12, 20), on=TODAY)  # noted again
    assert due_refs(workspace, dt.date(2026, 12, 20)) == ["BOR-2001-001", "BOR-2001-002"]


def test_keeping_longer_needs_a_reason_and_a_later_day(workspace):
    kept = close(workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    with pytest.raises(ValidationError):
        retention.keep_longer(workspace, kept, "   ", on=TODAY)
    with pytest.raises(ValidationError):
        retention.keep_longer(workspace, kept, "reden", TODAY, on=TODAY)
    assert due_refs(workspace) == ["BOR-2001-001"]


def test_the_note_goes_with_the_erased_case(workspace):
    kept = close(workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    retention.keep_longer(workspace, kept, "rechtszaak loopt nog", on=TODAY)
    erasure.erase_case(workspace, "BOR-2001-001", "bewaartermijn voorbij", confirm="BOR-2001-001")
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(RetentionHold)) == 0


def test_going_through_the_list_says_until_when_today_is_silent(workspace):
    close(workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    assert retention.mark_reviewed(workspace, TODAY) == TODAY + dt.timedelta(days=365)
    assert due_refs(workspace) == ["BOR-2001-001"], "the cases stay on the list"
