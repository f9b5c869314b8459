"""Erasing a case leaves the annual figures already reported as they are (an anonymous count takes its place): the
erase dialog and the command line say which years count it, and that they stay."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt

from borapp.cli import main
from borapp.i18n import in_language
from borapp.models import Case
from borapp.services.privacy import erasure
from tests.cases.test_case_services import add_case
from tests.privacy.test_gui_privacy import page  # noqa: F401 - fixture


def closed_case(workspace, ref, registered_on, closed_on, municipality="Den Helder") -> int:
    case_id = add_case(workspace, ref, registered_on=registered_on, municipality=municipality)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.status, case.closed_on = "closed", closed_on
    return case_id


def test_the_erase_dialog_names_the_years_and_municipality_whose_figures_stay(qtbot, page, workspace):
    case_id = closed_case(workspace, "BOR-2024-007", dt.date(2024, 11, 4), dt.date(2025, 6, 30))
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.erase_button, Qt.MouseButton.LeftButton)
    words = box.dialog.figures.text()
    assert "2024 en 2025" in words and "Den Helder" in words and "2026" not in words
    assert "blijven zoals ze zijn" in words and "anonieme telling" in words
    assert box.dialog.figures.isVisible()


def test_a_case_still_open_counts_up_to_this_year():
    case = Case(ref="BOR-2025-001", registered_on=dt.date(2025, 3, 5))
    assert erasure.report_years(case, today=dt.date(2027, 1, 10)) == (2025, 2026, 2027)
    case.closed_on = dt.date(2025, 12, 1)
    assert erasure.report_years(case, today=dt.date(2027, 1, 10)) == (2025,)


def test_the_warning_in_english_and_without_a_municipality(workspace):
    closed_case(workspace, "BOR-2023-002", dt.date(2023, 1, 9), dt.date(2023, 9, 1), municipality=None)
    with in_language("en"):
        words = erasure.figures_warning(workspace, "BOR-2023-002")
    assert words.startswith("Case BOR-2023-002 counts in the annual figures of 2023.")
    assert "stay as they are" in words and "no longer match" not in words
    assert erasure.figures_warning(workspace, "BOR-2099-001") == ""


def test_the_command_line_says_which_years_keep_counting_it(workspace, vault_path, passphrase_file, capsys):
    closed_case(workspace, "BOR-2024-007", dt.date(2024, 11, 4), dt.date(2025, 6, 30))
    closed_case(workspace, "BOR-2024-008", dt.date(2024, 11, 5), dt.date(2024, 12, 30))
    workspace.vault.lock()
    common = ["--reason", "verzoek ouder", "--yes", "--vault", str(vault_path), "--passphrase-file",
              str(passphrase_file)]
    assert main(["privacy", "erase", "BOR-2024-007", *common]) == 0
    out = capsys.readouterr().out
    assert "2024 en 2025" in out and "blijven zoals ze zijn" in out
    assert main(["privacy", "erase", "BOR-2024-008", "--json", *common]) == 0
    assert json.loads(capsys.readouterr().out)["report_years"] == [2024]
