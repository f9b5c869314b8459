"""`borapp documents contract|letter CASE_REF --out F.pdf`: only the file asked for, missing info on stderr, exit
codes (0 ok, 2 usage, 6 unknown case), the outbox untouched."""

from __future__ import annotations

import stat

import pytest
from sqlalchemy import func, select

from borapp.cli import main
from borapp.models import AuditEvent, Letter
from tests.helpers.documents_support import all_text, bare_case, full_case, set_organisation


@pytest.fixture
def cases(workspace):
    set_organisation(workspace)
    return full_case(workspace), bare_case(workspace)


def run(capsys, vault_path, passphrase_file, *argv):
    code = main([*argv, "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_contract_is_written_where_asked_and_nowhere_else(capsys, vault_path, passphrase_file, cases, tmp_path,
                                                              workspace):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "overeenkomst.pdf"
    code, out, err = run(capsys, vault_path, passphrase_file, "documents", "contract", "BOR-2026-001",
                         "--out", str(target))
    assert code == 0, err
    assert [p.name for p in out_dir.iterdir()] == ["overeenkomst.pdf"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "BOR-overeenkomst" in all_text(target.read_bytes())
    assert err == "" and "overeenkomst.pdf" in out
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(Letter)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "export")) == 1


def test_english_and_missing_lines_on_stderr(capsys, vault_path, passphrase_file, cases, tmp_path):
    target = tmp_path / "contract.pdf"
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "contract", "BOR-2026-002",
                          "--out", str(target), "--lang", "en")
    assert code == 0
    assert "BOR contract" in all_text(target.read_bytes())
    lines = err.strip().splitlines()
    assert "Not filled in: The coordinator (none assigned yet)" in lines
    assert "Not filled in: The place of the visits" in lines
    assert len(lines) == len(set(lines)) > 5


@pytest.mark.parametrize("kind", ["intake", "start", "evaluation", "closing"])
def test_each_letter(capsys, vault_path, passphrase_file, cases, tmp_path, kind):
    target = tmp_path / f"{kind}.pdf"
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-2026-001", "--kind", kind,
                          "--to", "verwijzer", "--out", str(target))
    assert code == 0 and err == ""
    assert "Geachte Anna de Vries," in all_text(target.read_bytes())


def test_a_letter_the_case_contradicts_is_not_written(capsys, vault_path, passphrase_file, cases, tmp_path):
    """As the outbox holds it back: "the parents did not respond" of a case whose visits were held."""
    target = tmp_path / "geen-reactie.pdf"
    code, out, err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-2026-001", "--kind",
                         "no_response", "--out", str(target))
    assert code == 1 and out == "" and not target.exists()
    assert err.startswith("borapp: Deze brief zegt dat de ouders niet reageerden")


def test_the_closing_report_goes_to_the_commissioning_party_unless_asked(capsys, vault_path, passphrase_file, cases,
                                                                         tmp_path):
    """The case's commissioning party (Gemeente Alkmaar, no contact person or address on record) is the default
    addressee of the closing report: its gaps on stderr; only the closing report may go there."""
    target = tmp_path / "eindverslag.pdf"
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-2026-001", "--kind",
                          "closing", "--out", str(target))
    text = all_text(target.read_bytes())
    assert code == 0 and "De contactpersoon van de opdrachtgever" in err
    assert "Gemeente Alkmaar" in text.split("Datum")[0] and "Wijkteam Alkmaar" not in text.split("Datum")[0]
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-2026-001", "--kind",
                          "intake", "--to", "opdrachtgever", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "Alleen het eindverslag gaat naar de opdrachtgever" in err


def test_the_schedule_letter_needs_a_parent(capsys, vault_path, passphrase_file, cases, tmp_path):
    target = tmp_path / "schema.pdf"
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-2026-001",
                          "--kind", "schedule", "--out", str(target))
    assert code == 2 and "--parent" in err and not target.exists()
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-2026-001",
                          "--kind", "schedule", "--parent", "other", "--out", str(target))
    assert code == 0 and "Beste Karel Bakker," in all_text(target.read_bytes())


def test_exit_codes(capsys, vault_path, passphrase_file, cases, tmp_path):
    target = tmp_path / "x.pdf"
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-9999-999",
                          "--kind", "closing", "--out", str(target))
    assert code == 6 and "BOR-9999-999" in err
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "contract", "", "--out", str(target))
    assert code == 2 and "Geef een dossiernummer" in err, err  # a wrong use; was "Geen dossier met nummer ."
    code, _out, err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-2026-001",
                          "--kind", "birthday", "--out", str(target))
    assert code == 2 and "birthday" in err
    code, _out, _err = run(capsys, vault_path, passphrase_file, "documents", "contract", "BOR-2026-001")
    assert code == 2
    code, _out, _err = run(capsys, vault_path, passphrase_file, "documents", "contract", "BOR-2026-001",
                           "--out", str(tmp_path / "no-such-folder" / "x.pdf"))
    assert code == 2
    code, _out, _err = run(capsys, vault_path, passphrase_file, "documents", "letter", "BOR-2026-001",
                           "--kind", "closing", "--parent", "other", "--out", str(target))
    assert code == 2
    assert not target.exists()


def test_help_lists_both_documents(capsys):
    assert main(["documents", "--help", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "contract" in out and "letter" in out
    assert main(["documents", "letter", "--help", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "--kind" in out and "--parent" in out and "exit codes" in out
