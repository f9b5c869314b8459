"""What of a spreadsheet is read, and what is said of what is not: a file named .xlsx that is none, the sheets after
the first, formulas without a stored result, cells beyond the last heading. Nothing goes in silently wrong."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from borapp.services.errors import UsageError
from borapp.services.importer import import_file
from borapp.services.importer.reading import read_table
from tests.importer.test_import_cases import HEADER, _english, case, get_case, write_csv  # noqa: F401 (fixture)


def workbook(path, rows, *, more_sheets=()):
    book = Workbook()
    sheet = book.active
    sheet.title = "Dossiers"
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row.get(column, "") for column in HEADER])
    for title in more_sheets:
        book.create_sheet(title).append(["Naam"])
    book.save(path)
    return path


def test_a_file_named_xlsx_that_is_no_workbook_is_refused_in_words(tmp_path):
    """It was read as CSV: a renamed or damaged file gave rows of garbage or a wrong 'missing column'."""
    path = write_csv(tmp_path / "dossiers.xlsx", [case()])
    with pytest.raises(UsageError, match="named as an Excel file but is none"):
        read_table(path)
    assert read_table(write_csv(tmp_path / "dossiers.csv", [case()])).header == HEADER
    (tmp_path / "binary.csv").write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(UsageError, match="not a CSV or XLSX"):
        read_table(tmp_path / "binary.csv")


def test_only_the_first_sheet_is_read_and_the_report_names_the_others(vault, tmp_path):
    path = workbook(tmp_path / "c.xlsx", [case()], more_sheets=("Vrijwilligers", "Oud"))
    report = import_file(vault, "cases", path)
    assert report.ok and report.created == 1
    assert "Only the first sheet, 'Dossiers', was read; the other sheets ('Vrijwilligers', 'Oud') were not." \
        in report.notes
    single = import_file(vault, "cases", workbook(tmp_path / "d.xlsx", [case(case_ref="T-002")]))
    assert not any("sheet" in note for note in single.notes)


def test_a_formula_without_a_stored_result_is_a_problem_of_its_row_not_an_empty_cell(vault, tmp_path):
    """A workbook written by a program (not saved by Excel) has formulas and no results: read as values they were
    empty, and the other parent's name, phone or e-mail went in empty without a word."""
    path = workbook(tmp_path / "c.xlsx", [case(case_ref="T-001"),
                                          case(case_ref="T-002", other_parent_phone='="020-"&"1234567"')])
    report = import_file(vault, "cases", path)
    assert not report.written and report.bad_rows == [3]
    [problem] = [p for p in report.errors if p.row == 3]
    assert "other_parent_phone" in problem.message and "formula" in problem.message
    report = import_file(vault, "cases", path, skip_invalid=True)
    assert report.created == 1 and report.skipped == [3]
    assert get_case(vault, "T-001")["parents"]["other"][2]


def test_a_filled_cell_beyond_the_last_heading_is_a_problem_of_its_row(vault, tmp_path):
    """An unquoted ';' in a cell shifts the cells after it: the row's last value went past the headings and was cut
    off without a word. An empty cell there (a trailing delimiter) is no problem."""
    path = write_csv(tmp_path / "c.csv", [case(case_ref="T-001"), case(case_ref="T-002")], delimiter=";")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] += ";"
    lines[2] += ";verschoven"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(vault, "cases", path)
    assert report.bad_rows == [3] and not report.written
    [problem] = [p for p in report.errors if p.row == 3]
    assert f"column {len(HEADER) + 1}" in problem.message
