"""`borapp import ...` on the command line: exit codes, --json, --skip-invalid, templates, help."""

from __future__ import annotations

import csv
import json

import pytest

from borapp.cli import main
from borapp.models import Case, Volunteer
from borapp.services.importer.columns import CASE_COLUMNS


@pytest.fixture(autouse=True)
def _english(_dutch):
    from borapp.i18n import set_language

    set_language("en")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def opts(vault_path, passphrase_file):
    return ["--vault", str(vault_path), "--passphrase-file", str(passphrase_file), "--lang", "en"]


def cases_csv(path, rows):
    """rows: dicts of cells over the template's example row."""
    header = list(CASE_COLUMNS)
    example = dict(zip(header, next(csv.reader([_template_line()]))))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for cells in rows:
            writer.writerow([{**example, **cells}[c] for c in header])
    return path


def _template_line() -> str:
    from borapp.services.importer import write_template

    return write_template("cases").splitlines()[1]


def test_help(capsys):
    code, out, _err = run(capsys, "import", "--help", "--lang", "en")
    assert code == 0 and "cases" in out and "volunteers" in out and "template" in out
    code, out, _err = run(capsys, "import", "cases", "--help", "--lang", "en")
    assert code == 0 and "--skip-invalid" in out and "--json" in out and "exit codes" in out


def test_import_without_a_kind_is_a_usage_error(capsys):
    code, _out, err = run(capsys, "import")
    assert code == 2 and "borapp import" in err


def test_template_to_stdout_and_to_a_file(capsys, tmp_path):
    """In Dutch the template has Dutch headings and words, ';'-separated for Dutch Excel; in English the canonical
    ones (a Dutch coordinator got 'case_ref,registered_on' and 'per_case', and then saw them in every message)."""
    code, out, _err = run(capsys, "import", "template", "cases")
    assert code == 0 and out.splitlines()[0].startswith("dossiernummer;aanmelddatum;aanmeldroute;gemeente;financiering")
    assert ";rechter;" in out.splitlines()[1] and ";per traject;" in out.splitlines()[1] and ";ja;" in out
    assert len(out.splitlines()) == 2
    code, out, _err = run(capsys, "import", "template", "cases", "--lang", "en")
    assert code == 0 and out.splitlines()[0].startswith("case_ref,registered_on,route,municipality,funding")
    assert ",court decision," in out.splitlines()[1] and ",per trajectory," in out.splitlines()[1]
    code, out, _err = run(capsys, "import", "template", "volunteers", "--out", str(tmp_path / "v.csv"))
    assert code == 0 and str(tmp_path / "v.csv") in out
    text = (tmp_path / "v.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("naam;e-mail;telefoon;regio;vog-datum;getraind op;max trajecten;actief;gestart op")
    assert ";ja;" in text and ";vrouw;" in text and "nederlands; engels" in text
    code, _out, err = run(capsys, "import", "template", "visits")
    assert code == 2 and "visits" in err


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_templates_round_trip(capsys, vault, vault_path, passphrase_file, tmp_path, lang):
    """The example row as the template has it is skipped with a note (it went in as a case with a fake
    organisation, municipality and coordinator, without a word); the same row with its own name goes in."""
    skipped = {"en": "The example row from the template (row 2) was skipped.",
               "nl": "De voorbeeldrij uit het sjabloon (rij 2) is overgeslagen."}[lang]
    for kind, example, own in (("volunteers", "Vera Voorbeeld", "Wies Vrijwillig"), ("cases", "VOORBEELD-001", "B-1")):
        target = tmp_path / f"{kind}.csv"
        assert run(capsys, "import", "template", kind, "--out", str(target), "--lang", lang)[0] == 0
        code, out, err = run(capsys, "import", kind, str(target), *opts(vault_path, passphrase_file)[:-1], lang)
        assert code == 0 and err == "" and skipped in out, out + err
        target.write_text(target.read_text(encoding="utf-8-sig").replace(example, own), encoding="utf-8")
        code, out, err = run(capsys, "import", kind, str(target), *opts(vault_path, passphrase_file))
        assert code == 0, err
        assert "created: 1" in out and err == "" and "example row" not in out
    assert vault.count(Case) == 1 and vault.count(Volunteer) == 1


def test_good_file_exit_0(capsys, vault, vault_path, passphrase_file, tmp_path):
    path = cases_csv(tmp_path / "c.csv", [{"case_ref": "A-1"}, {"case_ref": "A-2", "status": "visits"}])
    code, out, err = run(capsys, "import", "cases", str(path), *opts(vault_path, passphrase_file))
    assert code == 0 and err == ""
    assert "Cases created: 2" in out and "New municipalities: Voorbeeldstad" in out
    assert "case A-2: in visits without a volunteer" in out
    assert "Possible duplicates" in out and "A-1, A-2" in out
    assert vault.count(Case) == 2


def test_bad_rows_exit_1_and_nothing_imported(capsys, vault, vault_path, passphrase_file, tmp_path):
    path = cases_csv(tmp_path / "c.csv", [{"case_ref": "A-1"}, {"case_ref": "A-2", "registered_on": "2021-02-29"}])
    code, out, err = run(capsys, "import", "cases", str(path), *opts(vault_path, passphrase_file))
    assert code == 1 and out == ""
    assert "Row 3, column registered_on: '2021-02-29' is not a date: February 2021 has no day 29." in err
    assert "Nothing was imported" in err and vault.count(Case) == 0


def test_skip_invalid_exit_0_and_lists_skipped(capsys, vault, vault_path, passphrase_file, tmp_path):
    path = cases_csv(tmp_path / "c.csv", [{"case_ref": "A-1"}, {"case_ref": "A-2", "volunteer": "Onbekend"}])
    code, out, err = run(capsys, "import", "cases", str(path), "--skip-invalid", *opts(vault_path, passphrase_file))
    assert code == 0 and "Cases created: 1" in out
    assert "Row 3, column volunteer" in err and "Import the volunteers first" in err and "Rows skipped: 3" in err
    assert vault.count(Case) == 1


def test_json_is_one_document(capsys, vault, vault_path, passphrase_file, tmp_path):
    path = cases_csv(tmp_path / "c.csv", [{"case_ref": "A-1"}, {"case_ref": "A-2", "status": "klaar"}])
    code, out, err = run(capsys, "import", "cases", str(path), "--json", *opts(vault_path, passphrase_file))
    doc = json.loads(out)
    assert code == 1 and doc["ok"] is False and doc["created"] == 0 and doc["imported"] is False
    assert doc["errors"][0]["row"] == 3 and doc["errors"][0]["column"] == "status"
    code, out, err = run(capsys, "import", "cases", str(path), "--json", "--skip-invalid",
                         *opts(vault_path, passphrase_file))
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True and doc["created"] == 1 and doc["skipped"] == [3]
    assert doc["new_organisations"] == ["Voorbeeld Jeugdbescherming"] and doc["new_municipalities"] == ["Voorbeeldstad"]
    assert set(doc) >= {"updated", "warnings", "notes", "possible_duplicates", "new_coordinators", "unknown_columns"}


def test_missing_file_exit_6(capsys, vault_path, passphrase_file, tmp_path):
    code, out, err = run(capsys, "import", "cases", str(tmp_path / "nope.csv"), *opts(vault_path, passphrase_file))
    assert code == 6 and "nope.csv" in err and out == ""
    code, out, _err = run(capsys, "import", "volunteers", str(tmp_path / "nope.csv"), "--json",
                          *opts(vault_path, passphrase_file))
    assert code == 6 and json.loads(out)["ok"] is False


@pytest.mark.parametrize("content,why", [
    (b"\x00\x01\x02binary\x00", "named as an Excel file but is none"),
    (b"PK\x03\x04 not really a workbook", "not a readable XLSX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "old Excel file"),
])
def test_unreadable_file_exit_2(capsys, vault, vault_path, passphrase_file, tmp_path, content, why):
    (tmp_path / "bad.xlsx").write_bytes(content)
    code, out, err = run(capsys, "import", "cases", str(tmp_path / "bad.xlsx"), *opts(vault_path, passphrase_file))
    assert code == 2 and why in err and out == ""


def test_a_missing_required_column_exit_1(capsys, vault, vault_path, passphrase_file, tmp_path):
    (tmp_path / "v.csv").write_text("naam;telefoon\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("dossiernummer;gemeente\nA-1;Teststad\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "cases", str(tmp_path / "c.csv"), *opts(vault_path, passphrase_file))
    assert code == 1 and "'registered_on'" in err and "'status'" in err and "Nothing was imported" in err


@pytest.mark.parametrize("kind", ["cases", "volunteers"])
@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)])
def test_a_file_that_is_no_list_is_said_without_its_content(capsys, vault, vault_path, passphrase_file, tmp_path,
                                                            kind, dry_run):
    """A passphrase file given by mistake: its one line was printed as "Columns not recognised (ignored): ..."."""
    secret = "geheim wachtwoord 1"
    (tmp_path / "pw.txt").write_text(secret + "\n", encoding="utf-8")
    for lang in ("en", "nl"):
        code, out, err = run(capsys, "import", kind, str(tmp_path / "pw.txt"), *dry_run,
                             *opts(vault_path, passphrase_file)[:-1], lang)
        assert code == 1 and secret not in out + err and "Traceback" not in err
        [first] = err.splitlines()  # one line: "Nothing was imported." after it said what the line had said
        if lang == "en":
            assert first.startswith(f"This file does not look like a list of {kind}: none of its column headings")
            assert ("case_ref, registered_on, municipality" if kind == "cases" else "at least: name.") in first
        else:
            assert first.startswith("Dit bestand lijkt geen lijst van " + ("dossiers" if kind == "cases" else
                                                                            "vrijwilligers"))
            assert ("dossiernummer, aanmelddatum, gemeente" if kind == "cases" else "ten minste: naam.") in first
    code, out, err = run(capsys, "import", kind, str(tmp_path / "pw.txt"), "--json", *opts(vault_path,
                                                                                         passphrase_file))
    assert code == 1 and secret not in out + err and json.loads(out)["unknown_columns"] == []


def test_an_unknown_column_beside_known_ones_is_still_named(capsys, vault, vault_path, passphrase_file, tmp_path):
    (tmp_path / "v.csv").write_text("naam;lievelingskleur\nVera Voorbeeld;blauw\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "volunteers", str(tmp_path / "v.csv"), "--dry-run",
                         *opts(vault_path, passphrase_file))
    assert code == 0 and "Columns not recognised (ignored): lievelingskleur" in out, err


def test_an_empty_file_says_so(capsys, vault, vault_path, passphrase_file, tmp_path):
    (tmp_path / "v.csv").write_text("naam;telefoon\n", encoding="utf-8")
    code, out, _err = run(capsys, "import", "volunteers", str(tmp_path / "v.csv"), *opts(vault_path, passphrase_file))
    assert code == 0 and "nothing was imported" in out


def test_a_dry_run_of_an_empty_file_says_there_is_nothing_to_check(capsys, vault, vault_path, passphrase_file,
                                                                   tmp_path):
    """A check never meant to import: "nothing was imported" told it had not done what it was not asked."""
    (tmp_path / "v.csv").write_text("naam;telefoon\n", encoding="utf-8")
    code, out, _err = run(capsys, "import", "volunteers", str(tmp_path / "v.csv"), "--dry-run",
                          *opts(vault_path, passphrase_file))
    assert code == 0 and out == "The file holds no rows: there is nothing to check or import.\n"


def test_the_warnings_are_listed_by_row_then_column(capsys, vault, vault_path, passphrase_file, tmp_path):
    """In the order found they were not: every row's own first, then the routes guessed against the vault."""
    guessed = {"route": "", "referrer_kind": "", "referrer_name": "Nieuw Bureau"}
    path = cases_csv(tmp_path / "c.csv", [{"case_ref": "A-1", "children": "Daan Proef (2009-01-01)", **guessed},
                                          {"case_ref": "A-2", "children": "Mila Proef (2009-01-01)"},
                                          {"case_ref": "A-3", "coordinator": "", **guessed}])
    code, out, _err = run(capsys, "import", "cases", str(path), *opts(vault_path, passphrase_file))
    places = [line.split(":")[0] for line in out.splitlines() if line.startswith("  - Row ")]
    assert code == 0 and places == ["  - Row 2, column route", "  - Row 2, column children",
                                    "  - Row 3, column children", "  - Row 4, column route",
                                    "  - Row 4, column coordinator"], out


def test_dry_run_changes_nothing(capsys, vault, vault_path, passphrase_file, tmp_path):
    path = cases_csv(tmp_path / "c.csv", [{"case_ref": "A-1"}])
    code, out, _err = run(capsys, "import", "cases", str(path), "--dry-run", *opts(vault_path, passphrase_file))
    assert code == 0 and "Dry run" in out and "Cases that would be created: 1" in out
    assert vault.count(Case) == 0


def test_a_word_that_is_none_of_the_choices_is_told_the_dutch_ones(capsys, vault, vault_path, passphrase_file,
                                                                    tmp_path):
    """"'gratis' is niet een van: purchased, per_case" named codes a Dutch coordinator never writes."""
    target = tmp_path / "dossiers.csv"
    assert run(capsys, "import", "template", "cases", "--out", str(target))[0] == 0
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace(";per traject;", ";gratis;").replace(";nee;", ";misschien;")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", "cases", str(target), *opts(vault_path, passphrase_file)[:-1], "nl")
    assert code == 1 and "kolom financiering: 'gratis' is niet een van: ingekocht, per traject." in err, err
    assert "'misschien' is niet een van: ja, nee." in err and "per_case" not in err
    (tmp_path / "leeg.csv").write_text("dossiernummer;gemeente\nA-1;Teststad\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", "cases", str(tmp_path / "leeg.csv"), *opts(vault_path, passphrase_file)[:-1], "nl")
    assert "De verplichte kolom 'aanmelddatum' ontbreekt." in err and "registered_on" not in err, err


def test_a_dry_run_with_bad_rows_still_shows_the_warnings_and_notes(capsys, vault, vault_path, passphrase_file,
                                                                   tmp_path):
    """Without --skip-invalid it showed the errors and 'Nothing was imported' only: the child over 12, the child
    without a birth date and the second sheet that was not read came to light only after the errors were fixed."""
    from tests.importer.test_import_cases import case
    from tests.importer.test_import_reading import workbook

    rows = [case(case_ref="A-1", children="Daan Proef (2009-01-01)"), case(case_ref="A-2", children="Mila Proef"),
            case(case_ref="A-3", registered_on="2021-02-29")]
    path = workbook(tmp_path / "c.xlsx", rows, more_sheets=["Afgesloten 2024"])
    code, out, err = run(capsys, "import", "cases", str(path), "--dry-run", *opts(vault_path, passphrase_file))
    assert code == 1 and out == ""
    assert "Row 4, column registered_on: '2021-02-29' is not a date" in err
    assert "Only the first sheet, 'Dossiers', was read; the other sheets ('Afgesloten 2024') were not." in err
    assert "Row 2, column children: Daan Proef was 14 at registration" in err
    assert "Row 3, column children: Mila Proef has no birth date." in err
    assert err.rstrip().splitlines()[-1].startswith("Nothing was imported: 1 row has problems.")


def test_the_template_as_a_workbook(capsys, vault, vault_path, passphrase_file, tmp_path):
    """The same template the import dialog saves: XLSX when the file ends in .xlsx; its example row is skipped."""
    from openpyxl import load_workbook

    target = tmp_path / "dossiers.xlsx"
    code, out, _err = run(capsys, "import", "template", "cases", "--out", str(target), "--lang", "nl")
    assert code == 0 and str(target) in out
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("dossiernummer", "aanmelddatum") and rows[1][0] == "VOORBEELD-001" and len(rows) == 2
    code, out, err = run(capsys, "import", "cases", str(target), *opts(vault_path, passphrase_file))
    assert code == 0 and "The example row from the template (row 2) was skipped." in out, out + err
    assert vault.count(Case) == 0
