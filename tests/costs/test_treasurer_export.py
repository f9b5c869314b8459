"""The treasurer's export: per month and volunteer what to pay, in CSV and XLSX, from the CLI too."""

from __future__ import annotations

import csv
import io
import json

import pytest

from borapp.cli import main
from borapp.i18n import set_language
from borapp.services.costs.treasurer_export import export_expenses
from borapp.services.errors import UsageError
from tests.costs.test_cost_figures import _vault_of_known_costs


def _rows(path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_in_dutch_as_dutch_excel_opens_it(workspace, tmp_path):
    _vault_of_known_costs(workspace)
    result = export_expenses(workspace, 2025, "csv", tmp_path / "onkosten.csv")
    assert (result.rows, result.total_cents) == (2, 2300)
    assert _rows(result.path) == [
        ["Maand", "Vrijwilliger", "Omgangsmomenten", "Kilometers", "Kilometervergoeding (€)", "Overige kosten (€)",
         "Te betalen (€)"],
        ["2025-02", "Vera Voorbeeld", "2", "30", "7,50", "3,50", "11,00"],
        ["Totaal 2025-02", "", "2", "30", "7,50", "3,50", "11,00"],
        ["2025-03", "Bas Bakker", "1", "0", "0,00", "12,00", "12,00"],
        ["Totaal 2025-03", "", "1", "0", "0,00", "12,00", "12,00"],
        ["Totaal over het jaar", "", "3", "30", "7,50", "15,50", "23,00"],
    ]


def test_csv_in_english_and_a_name_that_looks_like_a_formula(workspace, tmp_path):
    from tests.costs.support import make_case
    from tests.costs.test_cost_figures import _visit
    from borapp.services.costs.expenses import ExpenseInput, save_expense
    import datetime as dt

    case_id = make_case(workspace, "F", dt.date(2025, 5, 1))
    save_expense(workspace, _visit(workspace, case_id, dt.date(2025, 5, 2), "=HYPERLINK(1)"), ExpenseInput("7"))
    set_language("en")
    path = export_expenses(workspace, 2025, "csv", tmp_path / "expenses.csv").path
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert lines[0][0] == "Month" and lines[1][:2] == ["2025-05", "'=HYPERLINK(1)"]
    assert lines[1][4] == "1.61"  # 7 km at the default € 0.23


def test_xlsx_holds_numbers(workspace, tmp_path):
    from openpyxl import load_workbook

    _vault_of_known_costs(workspace)
    path = export_expenses(workspace, 2025, "xlsx", tmp_path / "onkosten.xlsx").path
    sheet = load_workbook(path).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1] == ["2025-02", "Vera Voorbeeld", 2, 30, 7.5, 3.5, 11.0]
    assert rows[-1][0] == "Totaal over het jaar" and rows[-1][-1] == 23.0
    assert sheet["G2"].number_format == "#,##0.00"


def test_refuses_a_vault_file_an_existing_file_and_a_bad_year(workspace, vault_path, tmp_path):
    with pytest.raises(UsageError, match="kluis"):
        export_expenses(workspace, 2025, "csv", vault_path)
    (tmp_path / "er.csv").write_text("x")
    with pytest.raises(UsageError, match="bestaat al"):
        export_expenses(workspace, 2025, "csv", tmp_path / "er.csv")
    assert (tmp_path / "er.csv").read_text() == "x"
    with pytest.raises(UsageError):
        export_expenses(workspace, "twintig", "csv", tmp_path / "x.csv")


def test_cli_export_and_figures(workspace, vault, vault_path, passphrase_file, tmp_path, capsys):
    _vault_of_known_costs(workspace)
    vault.lock()
    out = tmp_path / "onkosten.xlsx"
    code = main(["costs", "export", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file),
                 "--year", "2025", "--format", "xlsx", "--out", str(out), "--json"])
    printed = json.loads(capsys.readouterr().out)
    assert code == 0 and printed == {"ok": True, "out": str(out), "rows": 2, "total_cents": 2300} and out.exists()
    code = main(["costs", "export", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file),
                 "--year", "2025", "--out", str(out)])
    assert code == 2 and "bestaat al" in capsys.readouterr().err
    code = main(["costs", "figures", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file),
                 "--year", "2025"])
    assert code == 0 and json.loads(capsys.readouterr().out)["closed"]["median_cents"] == 37000


def test_cli_export_takes_its_format_from_the_files_name(workspace, vault, vault_path, passphrase_file, tmp_path,
                                                         capsys):
    """`--out onkosten.xlsx` without --format wrote CSV into a file Excel refuses to open as a workbook."""
    from openpyxl import load_workbook

    _vault_of_known_costs(workspace)
    vault.lock()
    out = tmp_path / "onkosten.xlsx"
    code = main(["costs", "export", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file),
                 "--year", "2025", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert load_workbook(out).active.max_row >= 3
    wrong = tmp_path / "onkosten.csv"
    code = main(["costs", "export", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file),
                 "--year", "2025", "--format", "xlsx", "--out", str(wrong)])
    assert code == 2 and "onkosten.csv" in capsys.readouterr().err and not wrong.exists()
