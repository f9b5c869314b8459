"""`borapp report annual --year Y --format json|csv|xlsx|pdf [--out FILE]`: the keys the issue asks for, each format
written where asked (the owner's only), clear refusals before the passphrase is asked."""

from __future__ import annotations

import io
import json
import stat

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from borapp.cli import main
from tests.reports.vault_builder import D, add_case, add_volunteer, municipality


@pytest.fixture
def filled(workspace):
    with workspace.session() as s:
        helder = municipality(s, "Den Helder", "purchased", 2019, 10)
        add_case(s, D(2019, 3, 1), municipality_id=helder, funding="purchased",
                 steps=[(D(2019, 3, 5), "intake"), (D(2019, 4, 1), "closed", "stopped_at_intake", "no_response")])
        add_case(s, D(2019, 12, 31), municipality_id=helder, funding="purchased")
        add_case(s, D(2018, 5, 1), funding="per_case")
        add_volunteer(s, "V1", D(2018, 1, 1), vog=D(2019, 1, 1), trained=D(2018, 1, 2))
    return workspace


def run(capsys, vault_path, passphrase_file, *argv):
    code = main(["report", "annual", *argv, "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_on_stdout_has_the_issues_keys(capsys, vault_path, passphrase_file, filled):
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2019", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["year"] == 2019
    reg = data["registrations"]
    assert (reg["total"], reg["previous_year_total"]) == (2, 1)
    assert reg["by_municipality"] == {"Den Helder": 2}
    assert reg["by_funding"] == {"purchased": 2, "per_case": 0}
    closed = data["closed"]
    assert closed["total"] == 1 and closed["by_registration_year"] == {"2019": 1}
    assert closed["by_outcome"] == {"successful": 0, "stagnated": 0, "stopped_at_intake": 1}
    assert data["open_at_year_end"] == {"total": 2, "by_registration_year": {"2018": 1, "2019": 1}}
    assert data["waiting_list_at_year_end"] == 2
    assert {"start_of_year", "end_of_year", "deployable_end_of_year"} <= set(data["volunteers"])
    assert (data["volunteers"]["start_of_year"], data["volunteers"]["deployable_end_of_year"]) == (1, 1)
    assert "costs" in data


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "pdf"])
def test_each_format_is_written_where_asked(capsys, vault_path, passphrase_file, filled, tmp_path, fmt):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / f"jaarrapportage.{fmt}"
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2019", "--format", fmt, "--out", str(target))
    assert code == 0, err
    assert [p.name for p in out_dir.iterdir()] == [target.name]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = target.read_bytes()
    if fmt == "json":
        assert json.loads(data)["registrations"]["total"] == 2
    elif fmt == "csv":
        text = data.decode("utf-8-sig")
        assert "Den Helder;0;2;1;1" in text  # last year 0, this year 2, 1 open, 1 closed
    elif fmt == "xlsx":
        book = load_workbook(io.BytesIO(data))
        assert len(book.sheetnames) >= 8
    else:
        pages = PdfReader(io.BytesIO(data)).pages
        assert len(pages) >= 2
        assert "2019" in pages[0].extract_text()


def test_refusals_come_before_the_passphrase(capsys, vault_path, tmp_path, filled):
    assert main(["report", "annual", "--year", "20x9", "--vault", str(vault_path)]) == 2
    err = capsys.readouterr().err
    assert "2025" in err.replace("2026", "2025") and "Traceback" not in err
    assert main(["report", "annual", "--year", "2019", "--format", "pdf", "--vault", str(vault_path)]) == 2
    assert "--out" in capsys.readouterr().err
    vault_file = vault_path
    assert main(["report", "annual", "--year", "2019", "--format", "json", "--out", str(vault_file),
                 "--vault", str(vault_path)]) == 2
    existing = tmp_path / "there.json"
    existing.write_text("{}")
    assert main(["report", "annual", "--year", "2019", "--out", str(existing), "--vault", str(vault_path)]) == 2
    assert existing.read_text() == "{}"


def test_the_format_follows_the_files_name_and_a_contradiction_is_refused(capsys, vault_path, passphrase_file,
                                                                          filled, tmp_path):
    """`--out jaar.pdf` without --format wrote JSON into a file named .pdf, which no PDF reader opens."""
    target = tmp_path / "jaarrapportage.pdf"
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2019", "--out", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF") and len(PdfReader(target).pages) >= 2
    other = tmp_path / "jaarrapportage.xlsx"
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2019", "--format", "csv", "--out", str(other))
    assert code == 2 and "--format csv" in err and "jaarrapportage.xlsx" in err and not other.exists()
    word = tmp_path / "jaarrapportage.doc"  # it held JSON, which a word processor does not open
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2019", "--out", str(word))
    assert code == 2 and "jaarrapportage.doc" in err and ".pdf" in err and not word.exists(), err
    plain = tmp_path / "jaarrapportage.txt"
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2019", "--format", "json", "--out", str(plain))
    assert code == 0 and json.loads(plain.read_text())["year"] == 2019, "--format says what the name does not"


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "pdf"])
def test_an_outside_report_of_a_year_without_registrations_is_one_of_zeros(capsys, vault_path, passphrase_file,
                                                                         filled, tmp_path, fmt):
    """Neither 2016 nor 2015 had a registration: the outside version stopped with a ValueError (exit 1)."""
    target = tmp_path / f"jaarrapportage-2016.{fmt}"
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2016", "--audience", "external",
                         "--format", fmt, "--out", str(target))
    assert code == 0 and "ValueError" not in err, err
    if fmt == "json":
        shown = json.loads(target.read_bytes())
        [table] = [t for t in shown["tables"] if t["key"] == "registrations_per_municipality"]
        assert [row["cells"] for row in table["rows"]] == [["Totaal", 0, 0, 0, 0]]


def test_the_help_does_not_promise_a_threshold_the_organisation_may_have_changed(capsys):
    """The help said "<5" whatever privacy.small_cell_threshold was set to; it names the setting instead."""
    assert main(["report", "annual", "--help"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "<5" not in said and "privacy.small_cell_threshold" in said
