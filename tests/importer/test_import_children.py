"""The children cell as coordinators write it: ';', ',' and 'en' between names, a birth date in brackets per child,
a surname said once ('Noah en Mila Bakker'); what can be read more ways than one refuses the row, naming the cell.

A walk found "Finn Mol (1-1-2018), Julia Mol (5-5-2020)" imported as one child named "Finn Mol (1-1-2018), Julia Mol"
born 5-5-2020, and "Noah en Mila Bakker" as one child.
"""

from __future__ import annotations

import datetime as dt

import pytest

from borapp.models import Case
from borapp.services.importer import import_file
from tests.importer.test_import_cases import _english, case, get_case, write_csv  # noqa: F401 (fixture)
from tests.importer.test_import_cli import opts, run

D = dt.date


@pytest.mark.parametrize("cell,children", [
    ("Finn Mol (1-1-2018), Julia Mol (5-5-2020)", [("Finn Mol", D(2018, 1, 1)), ("Julia Mol", D(2020, 5, 5))]),
    ("Noah en Mila Bakker", [("Mila Bakker", None), ("Noah Bakker", None)]),
    ("Noah (1-1-2018) and Mila Bakker (3-4-2019)", [("Mila Bakker", D(2019, 4, 3)), ("Noah Bakker", D(2018, 1, 1))]),
    ("Noah, Mila & Sam van den Berg", [("Mila van den Berg", None), ("Noah van den Berg", None),
                                        ("Sam van den Berg", None)]),
    ("Sem de Groot (12-4-2017) en Lotte de Groot (3 sep 2019)",
     [("Lotte de Groot", D(2019, 9, 3)), ("Sem de Groot", D(2017, 4, 12))]),
    ("Finn (1-1-2018), Julia (5 mei 2020)", [("Finn", D(2018, 1, 1)), ("Julia", D(2020, 5, 5))]),
    ("Noah en Mila", [("Mila", None), ("Noah", None)]),
    ("Kind 1 (2015-05-05); Kind 2", [("Kind 1", D(2015, 5, 5)), ("Kind 2", None)]),  # an anonymised list
    ("Sam Voorbeeld (2018-04-12); Noor Voorbeeld (2020/09/30)",
     [("Noor Voorbeeld", D(2020, 9, 30)), ("Sam Voorbeeld", D(2018, 4, 12))]),
    ("Cas Proef (2017-06-01)\nDaan Proef (3-2-19)", [("Cas Proef", D(2017, 6, 1)), ("Daan Proef", D(2019, 2, 3))]),
    ("Noah en Mila Bakker; Sam Jansen (1-1-2019)", [("Mila Bakker", None), ("Noah Bakker", None),
                                                   ("Sam Jansen", D(2019, 1, 1))]),
])
def test_children_written_the_usual_way_are_each_a_child(vault, tmp_path, cell, children):
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case(children=cell)]))
    assert report.ok and not report.errors, report.errors
    assert get_case(vault, "T-001")["children"] == children


def test_a_surname_said_once_is_given_to_each_and_the_check_says_so(vault, tmp_path):
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case(children="Noah en Mila Bakker")]),
                         dry_run=True)
    assert "'Noah en Mila Bakker' is read as: Noah Bakker, Mila Bakker." in [w.message for w in report.warnings]
    assert "Noah Bakker has no birth date." in [w.message for w in report.warnings]


@pytest.mark.parametrize("cell,why", [
    ("Bakker, Noah", "one child with the surname first, or more children?"),
    ("Bakker, Noah (1-1-2018)", "one child with the surname first, or more children?"),
    ("Sem de Groot (12-4-2017), Lotte (3-9-2019)", "some children with a surname and some without"),
    ("Noah Bakker en Mila", "some children with a surname and some without"),
    ("Bakker, Noah; Bakker, Mila", "both ';' and ','"),
    ("Finn Mol 1-1-2018", "a date, a '/' or a '+' in a name"),
    ("Finn Mol 2018, Julia Mol", "a date, a '/' or a '+' in a name"),
    ("Noah/Mila Bakker", "a date, a '/' or a '+' in a name"),
    ("Finn (1-1-2018) Mol", "write the birth date in brackets after the name"),
    ("Finn Mol (1-1-2018, Julia Mol", "a bracket that is not closed"),
    ("Finn Mol (1-1-2018), Julia Mol (31-2-2020)", "Child 'Julia Mol': '31-2-2020' is not a date"),
])
def test_a_cell_that_reads_more_ways_than_one_refuses_the_row_naming_the_cell(vault, tmp_path, cell, why):
    rows = [case(case_ref="T-001"), case(case_ref="T-002", children=cell)]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert not report.written and report.bad_rows == [3] and vault.count(Case) == 0
    [problem] = [p for p in report.errors if p.row == 3]
    assert problem.column == "children" and why in problem.message, problem.message


def test_the_command_line_imports_the_walks_cells_and_refuses_an_unclear_one(capsys, vault, vault_path,
                                                                             passphrase_file, tmp_path):
    rows = [case(case_ref="BOR-5", children="Finn Mol (1-1-2018), Julia Mol (5-5-2020)"),
            case(case_ref="BOR-4", children="Noah en Mila Bakker"),
            case(case_ref="BOR-9", children="Bakker, Noah")]
    path = write_csv(tmp_path / "c.csv", rows)
    code, out, err = run(capsys, "import", "cases", str(path), "--skip-invalid", *opts(vault_path, passphrase_file))
    assert code == 0 and "Cases created: 2" in out
    assert "Row 4, column children: 'Bakker, Noah': one child with the surname first, or more children?" in err
    assert "Row 3, column children: 'Noah en Mila Bakker' is read as: Noah Bakker, Mila Bakker." in out
    assert get_case(vault, "BOR-5")["children"] == [("Finn Mol", D(2018, 1, 1)), ("Julia Mol", D(2020, 5, 5))]
    assert get_case(vault, "BOR-4")["children"] == [("Mila Bakker", None), ("Noah Bakker", None)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_templates_own_example_still_imports_its_two_children(capsys, vault, vault_path, passphrase_file,
                                                                  tmp_path, lang):
    target = tmp_path / "dossiers.csv"
    assert run(capsys, "import", "template", "cases", "--out", str(target), "--lang", lang)[0] == 0
    target.write_text(target.read_text(encoding="utf-8-sig").replace("VOORBEELD-001", "BOR-1"), encoding="utf-8")
    code, _out, err = run(capsys, "import", "cases", str(target), *opts(vault_path, passphrase_file))
    assert code == 0, err
    assert get_case(vault, "BOR-1")["children"] == [("Noor Voorbeeld", D(2020, 9, 30)),
                                                            ("Sam Voorbeeld", D(2018, 4, 12))]
