"""Retention: closed cases whose term (a setting, 20 years by default) has passed are due for destruction; the
yearly reminder; `borapp privacy due`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import update

from borapp.cli import main
from borapp.models import Case
from borapp.services import settings
from borapp.services.privacy import retention
from tests.cases.test_case_services import add_case

TODAY = dt.date(2026, 12, 2)


def close(workspace, ref: str, on: dt.date) -> int:
    case_id = add_case(workspace, ref)
    with workspace.session() as session:
        session.execute(update(Case).where(Case.id == case_id).values(status="closed", closed_on=on,
                                                                      outcome="successful"))
    return case_id


def test_due_after_the_term_and_not_a_day_before(workspace):
    close(workspace, "BOR-2006-001", dt.date(2006, 12, 2))   # exactly 20 years: due today
    close(workspace, "BOR-2006-002", dt.date(2006, 12, 3))   # due tomorrow
    close(workspace, "BOR-2001-003", dt.date(2001, 5, 1))    # long overdue
    add_case(workspace, "BOR-2001-004", registered_on=dt.date(2001, 1, 1))  # never closed: never due
    due = retention.due_for_destruction(workspace, TODAY)
    assert [d.ref for d in due] == ["BOR-2001-003", "BOR-2006-001"]
    assert due[1].due_on == TODAY


def test_the_term_is_the_organisations_setting(workspace):
    close(workspace, "BOR-2019-001", dt.date(2019, 6, 1))
    assert retention.due_for_destruction(workspace, TODAY) == []
    settings.write_settings(workspace, {"privacy.retention_years": "7"})
    assert [d.ref for d in retention.due_for_destruction(workspace, TODAY)] == ["BOR-2019-001"]


@pytest.mark.parametrize("closed, years, due", [
    (dt.date(2004, 2, 29), 20, dt.date(2024, 2, 29)), (dt.date(2004, 2, 29), 7, dt.date(2011, 2, 28))])
def test_a_leap_day_has_a_due_date(closed, years, due):
    assert retention.years_after(closed, years) == due


def test_the_reminder_comes_once_a_year_while_anything_is_due(workspace):
    assert retention.review_due(workspace, TODAY) == 0  # nothing due
    close(workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    assert retention.review_due(workspace, TODAY) == 1
    retention.mark_reviewed(workspace, TODAY)
    assert retention.review_due(workspace, TODAY + dt.timedelta(days=364)) == 0
    assert retention.review_due(workspace, TODAY + dt.timedelta(days=365)) == 1


def test_privacy_due_on_the_command_line(workspace, vault_path, passphrase_file, capsys):
    close(workspace, "BOR-1990-001", dt.date(1990, 3, 1))
    close(workspace, "BOR-2025-002", dt.date(2025, 3, 1))
    workspace.vault.lock()
    code = main(["privacy", "due", "--json", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["retention_years"] == 20
    assert [d["case"] for d in out["due"]] == ["BOR-1990-001"]
