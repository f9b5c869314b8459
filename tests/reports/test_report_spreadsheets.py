"""The report and the treasurer's export as spreadsheets: a name that starts like a formula stays text, a Dutch CSV
writes decimals with a comma (Dutch Excel read 1095.7 as 10957, or as text), and the cost table adds up."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from borapp.models import CaseHours
from borapp.services.reports import files
from borapp.services.reports.annual import annual_report
from tests.reports.vault_builder import D, add_case, municipality

FORMULA = '=HYPERLINK("http://example.invalid";"klik")'


def _report(workspace):
    from borapp.models import CaseHours
    from borapp.services import settings

    settings.write_settings(workspace, {"costs.hourly_cost_cents": "6000"})
    with workspace.session() as s:
        town = municipality(s, FORMULA, "per_case", 2019)
        case_id = add_case(s, D(2019, 2, 1), municipality_id=town, funding="per_case",
                           steps=[(D(2019, 6, 1), "closed", "successful")])
        s.add(CaseHours(case_id=case_id, on=D(2019, 3, 1), kind="intake", minutes=91, note=""))
    return annual_report(workspace, 2019, today=D(2020, 2, 1))


def test_a_name_like_a_formula_stays_text_in_the_xlsx_and_the_csv(workspace):
    report = _report(workspace)
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx")))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells), [c.data_type for c in cells]
    rows = list(csv.reader(io.StringIO(files.render(workspace, report, "csv").decode("utf-8-sig")), delimiter=";"))
    assert ["'" + FORMULA] == [c for row in rows for c in row if FORMULA in c][:1]
    assert not [c for row in rows for c in row if c.startswith("=")]


def test_the_dutch_csv_writes_amounts_and_decimals_with_a_comma(workspace):
    rows = list(csv.reader(io.StringIO(files.render(workspace, _report(workspace), "csv").decode("utf-8-sig")),
                           delimiter=";"))
    assert any("91,00" in row for row in rows), rows
    assert not [c for row in rows for c in row if "." in c and c.replace(".", "").replace("-", "").isdigit()]


def test_the_cost_table_by_outcome_adds_up_with_a_line_for_no_outcome_recorded(workspace):
    """An imported case closed without an outcome: "all closed trajectories" said 2, the outcomes 1."""
    from borapp.services.reports.audience import tables_for

    with workspace.session() as s:
        town = municipality(s, "Texel", "per_case", 2019)
        case_id = add_case(s, D(2019, 2, 1), municipality_id=town, funding="per_case",
                           steps=[(D(2019, 6, 1), "closed", "successful")])
        add_case(s, D(2019, 2, 2), municipality_id=town, funding="per_case", steps=[(D(2019, 6, 2), "closed", "")])
        s.add(CaseHours(case_id=case_id, on=D(2019, 3, 1), kind="intake", minutes=60, note=""))  # some recorded
    report = annual_report(workspace, 2019, today=D(2020, 2, 1))
    [table] = [t for t in tables_for(report, "internal", 5) if t.key == "costs"]
    counts = {row.cells[0]: row.cells[1] for row in table.rows if row.kind != "heading"}
    assert counts["Alle afgesloten trajecten"] == 2 and counts["Niet vastgelegd"] == 1, counts
