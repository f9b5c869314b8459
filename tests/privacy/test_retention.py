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


def test_a_letter_kind_the_organisation_does_not_send_cannot_be_made_ready(workspace):
    from borapp.models import Letter
    from borapp.services.errors import ValidationError
    from borapp.services.outbox import letters
    from borapp.services.privacy import letter_policy
    from tests.helpers.outbox_support import add_referred_case

    case_id = add_referred_case(workspace, "BOR-2026-010")  # addressed and signed in full: only the kind decides
    with workspace.session() as session:
        made = [Letter(case_id=case_id, kind=kind, parent_role=role, state="draft", subject="s", body="b")
                for kind, role in (("evaluation", ""), ("closing", ""), ("schedule", "resident"))]
        session.add_all(made)
        session.flush()
        evaluation, closing, schedule = (letter.id for letter in made)
    letter_policy.save_allowed_kinds(workspace, ["intake", "closing"])
    with pytest.raises(ValidationError, match="Tussenevaluatie|tussenevaluatie"):
        letters.mark_ready(workspace, evaluation)
    letters.mark_ready(workspace, closing)
    letters.mark_ready(workspace, schedule)  # a letter to a parent is not a referrer's
    with pytest.raises(ValidationError):
        letter_policy.save_allowed_kinds(workspace, [])
    with workspace.session() as session:  # the closing report to the commissioning party is held to it too
        to_commissioner = Letter(case_id=case_id, kind="closing", addressee="commissioner", state="draft",
                                 subject="s", body="b")
        session.add(to_commissioner)
        session.flush()
        commissioner_id = to_commissioner.id
    letter_policy.save_allowed_kinds(workspace, ["intake"])
    with pytest.raises(ValidationError, match="naar de opdrachtgever"):
        letters.mark_ready(workspace, commissioner_id)


def test_the_record_of_processing_and_the_statement_say_what_the_settings_say(workspace):
    from borapp.services.privacy import letter_policy, statements
    from tests.helpers.documents_support import all_text, set_organisation

    set_organisation(workspace)
    settings.write_settings(workspace, {"privacy.retention_years": "7", "auto_lock_minutes": "5"})
    letter_policy.save_allowed_kinds(workspace, ["intake", "closing"])
    record = all_text(statements.processing_record_pdf(workspace, "nl"))
    statement = all_text(statements.privacy_statement_pdf(workspace, "nl"))
    assert "BOR Kop van Noord-Holland" in record and "7 jaar" in record and "5 minuten" in record
    assert "eindverslag" in record.lower() and "tussenevaluatie" not in record.lower()
    assert "7 jaar" in statement and "Autoriteit Persoonsgegevens" in statement
    assert "eindverslag" in statement.lower() and "tussenevaluatie" not in statement.lower()


def test_today_reminds_once_a_year_while_cases_are_due(qtbot, workspace):
    from borapp.ui.pages.dashboard.dashboard_page import DashboardPage

    close(workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    page = DashboardPage(workspace, on=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.privacy_reminder.isVisible() and "1 afgesloten dossier" in page.privacy_reminder.text()
    retention.mark_reviewed(workspace, TODAY)
    page.refresh()
    assert not page.privacy_reminder.isVisible()
