"""The command line in the user's language: `--lang` before the command as well as after it, a subject access
export named in its own language, and a letter's list of visits said as the letter will say it."""

from __future__ import annotations

import datetime as dt
import json

from borapp.cli import main
from tests.outbox.test_outbox_stale_schedule import TODAY, _move, _planned
from tests.privacy.test_access_export import case_id  # noqa: F401 - the fixture: a case with letters and files
from tests.privacy.test_log_after_restore import run


def test_lang_is_taken_before_the_command_too(workspace, vault_path, passphrase_file, capsys):
    workspace.vault.lock()
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)
    for before in (["--lang", "en"], ["--lang=en"]):
        code, out, err = run(capsys, *before, "check", *access)
        assert code == 0 and out.startswith("Vault is sound.") and "WAARSCHUWING" not in err
    code, out, _err = run(capsys, "check", *access)
    assert code == 0 and out.startswith("De kluis is in orde.")
    code, _out, err = run(capsys, "--lang", "de", "check", *access)
    assert code == 2 and "'de'" in err


def test_an_english_access_export_names_its_files_in_english(workspace, case_id, vault_path,  # noqa: F811
                                                             passphrase_file, tmp_path, capsys):
    workspace.vault.lock()
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)
    assert run(capsys, "privacy", "export", "BOR-2026-001", "--out", tmp_path / "en", "--lang", "en", *access)[0] == 0
    assert sorted(p.name for p in (tmp_path / "en").iterdir()) == ["data.json", "files", "overview.pdf"]
    inside = sorted(p.name for p in (tmp_path / "en" / "files").iterdir())
    assert inside and all("-brief-" not in n and "-bijlage-" not in n and "overeenkomst" not in n for n in inside), inside
    assert any("-contract-v1-signed" in n for n in inside) and any("-letter-" in n for n in inside), inside
    listed = {f["name"] for f in json.loads((tmp_path / "en" / "data.json").read_text("utf-8"))["files"]}
    assert listed == set(inside)
    assert run(capsys, "privacy", "export", "BOR-2026-001", "--out", tmp_path / "nl", *access)[0] == 0
    assert sorted(p.name for p in (tmp_path / "nl").iterdir()) == ["bestanden", "gegevens.json", "overzicht.pdf"]
    assert any("-overeenkomst-v1-getekend" in p.name for p in (tmp_path / "nl" / "bestanden").iterdir())


def test_an_english_export_says_the_dutch_letters_list_is_in_the_letters_language(workspace, vault_path,
                                                                                 passphrase_file, tmp_path, capsys):
    from borapp.services import settings
    from borapp.services.outbox import letters
    from borapp.services.visits import records
    from tests.helpers.outbox_support import add_referred_case

    case = add_referred_case(workspace, "BOR-2026-031", status="visits")
    settings.write_settings(workspace, {"organisation.phone": "0224-123456", "organisation.email": "bor@kop.example"})
    records.plan_series(workspace, case, TODAY + dt.timedelta(days=7), 3, 14, dt.time(10), dt.time(12))
    letters.create_letter(workspace, case, "schedule", parent_role="other")
    last = _planned(workspace, case)[-1]
    _move(workspace, case, last, last.on + dt.timedelta(days=14))
    workspace.vault.lock()
    code, out, err = run(capsys, "letters", "export", "--to", tmp_path / "out", "--json", "--lang", "en",
                         "--vault", vault_path, "--passphrase-file", passphrase_file)
    problem = json.loads(out)["problems"][0]["error"]
    assert code == 1 and "The visits planned now, in the letter's language, are:\n- " in problem
    assert "14:00–16:00" in problem
