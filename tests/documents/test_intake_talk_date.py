"""The intake letter states the day of the intake talk. It said "Het kennismakingsgesprek met de ouders heeft
plaatsgevonden op …" with the registration date of an imported case, whose import records no talk: that is now a
gap the letter names, until the intake step's date is corrected on the Timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.models import Case, StatusChange
from borapp.services.cases.step_dates import correct_step_date
from borapp.services.documents.letters import render_letter
from borapp.services.importer import import_file
from tests.helpers.documents_support import TODAY, all_text, full_case, set_organisation
from tests.importer.test_import_cases import case, write_csv

GAP = "De datum van het kennismakingsgesprek (niet vastgelegd)"


@pytest.fixture
def workspace(workspace):
    set_organisation(workspace)
    return workspace


def imported(workspace, tmp_path) -> int:
    report = import_file(workspace.vault, "cases", write_csv(tmp_path / "c.csv", [case(registered_on="2026-10-02")]))
    assert report.ok and report.created == 1
    with workspace.session() as session:
        return session.scalar(select(Case.id).where(Case.ref == "T-001"))


def test_an_imported_case_has_no_intake_talk_and_the_letter_names_the_gap(workspace, tmp_path):
    letter = render_letter(workspace, imported(workspace, tmp_path), "intake", "nl", today=TODAY)
    assert GAP in letter.missing
    assert "plaatsgevonden op 2 oktober 2026" not in all_text(letter.pdf)


def test_the_corrected_date_of_the_intake_step_is_the_talks(workspace, tmp_path):
    case_id = imported(workspace, tmp_path)
    with workspace.session() as session:
        step = session.scalar(select(StatusChange.id).where(StatusChange.case_id == case_id,
                                                            StatusChange.to_status == "intake"))
    correct_step_date(workspace, case_id, step, dt.date(2026, 10, 9))
    letter = render_letter(workspace, case_id, "intake", "en", today=dt.date(2026, 10, 20))
    assert not [gap for gap in letter.missing if "kennismakingsgesprek" in gap], letter.missing
    assert "The intake with the parents took place on 9 October 2026." in all_text(letter.pdf)


def test_the_intake_step_taken_in_the_app_is_the_day_of_the_talk(workspace):
    letter = render_letter(workspace, full_case(workspace), "intake", "nl", today=TODAY)
    assert "Het kennismakingsgesprek met de ouders heeft plaatsgevonden op 12 maart 2026." in all_text(letter.pdf)
    assert not letter.missing
