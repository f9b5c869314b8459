"""`borapp config set` checks a value by its kind (a date, yes/no, a list, ...) with the words the forms and the
import use, and keeps it in the form the app reads; a stored value the app cannot read (an older version's, or set
by hand) counts as not set, on every screen, and `borapp check` says so."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from borapp.services import settings
from tests.privacy.test_retention import TODAY, close
from tests.helpers.cli_run import run_cli as run


@pytest.fixture
def access(workspace, vault_path, passphrase_file):
    workspace.vault.lock()
    return ("--vault", vault_path, "--passphrase-file", passphrase_file)


def stored(vault_path, key: str) -> str | None:
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        with vault.session() as session:
            return session.execute(text("SELECT value FROM setting WHERE key = :k"), {"k": key}).scalar()
    finally:
        vault.lock()


@pytest.mark.parametrize("typed, lang, said", [
    ("31-02-2026", "nl", "'31-02-2026' is geen datum (privacy.reviewed_on): februari 2026 heeft geen dag 31."),
    ("31-02-2026", "en", "'31-02-2026' is not a date (privacy.reviewed_on): February 2026 has no day 31."),
    ("gisteravond", "nl", "'gisteravond' is geen datum die BOR Desk kan lezen (privacy.reviewed_on)")])
def test_an_impossible_or_unreadable_date_is_refused_and_nothing_is_stored(access, vault_path, capsys, typed, lang,
                                                                           said):
    code, out, err = run(capsys, "config", "set", "privacy.reviewed_on", typed, "--lang", lang, *access)
    assert code == 2 and out == "" and said in err and len(err.strip().splitlines()) == 1
    assert stored(vault_path, "privacy.reviewed_on") is None


@pytest.mark.parametrize("action", [("get",), ("set", "1")])
@pytest.mark.parametrize("lang, said", [
    ("nl", "borapp: Onbekende instelling 'smtp.hots'. Bedoelt u 'smtp.host'? Bekend zijn: language, "),
    ("en", "borapp: Unknown setting 'smtp.hots'. Did you mean 'smtp.host'? Known: language, ")])
def test_an_unknown_setting_is_not_found_as_an_unknown_case_is(access, vault_path, capsys, action, lang, said):
    """`config get` of an unknown key exited 2 (usage) while every other unknown thing exits 6 (not found)."""
    code, out, err = run(capsys, "config", action[0], "smtp.hots", *action[1:], "--lang", lang, *access)
    assert code == 6 and out == "" and err.startswith(said) and len(err.strip().splitlines()) == 1
    assert ("template.SOORT.TAAL (SOORT: intake, start" if lang == "nl" else "template.KIND.LANG (KIND: intake") in err
    assert "template.closing.nl" not in err, "the twelve template settings are one pattern in the list"
    code, _out, err = run(capsys, "config", action[0], "nergens", *action[1:], "--lang", lang, *access)
    assert code == 6 and ("Bedoelt u" not in err and "Did you mean" not in err)
    assert stored(vault_path, "smtp.hots") is None


def test_a_date_is_set_as_a_coordinator_types_it_and_kept_as_the_app_reads_it(access, vault_path, capsys):
    code, out, _err = run(capsys, "config", "set", "privacy.reviewed_on", "5-3-2026", *access)
    assert code == 0 and out.strip() == "privacy.reviewed_on = 2026-03-05"
    assert stored(vault_path, "privacy.reviewed_on") == "2026-03-05"
    assert run(capsys, "config", "set", "privacy.reviewed_on", "", *access)[0] == 0
    assert stored(vault_path, "privacy.reviewed_on") == ""


def test_a_list_of_letter_kinds_is_checked_item_by_item(access, vault_path, capsys):
    code, out, _err = run(capsys, "config", "set", "privacy.referrer_letter_kinds", "intake, closing", *access)
    assert code == 0 and out.strip() == "privacy.referrer_letter_kinds = intake;closing"
    code, _out, err = run(capsys, "config", "set", "privacy.referrer_letter_kinds", "intake,foo", "--lang", "en",
                          *access)
    assert code == 2 and "privacy.referrer_letter_kinds: 'foo' is not one of: intake, start" in err
    assert stored(vault_path, "privacy.referrer_letter_kinds") == "intake;closing"


def test_yes_and_no_in_words_and_a_list_of_folders(access, vault_path, capsys):
    assert run(capsys, "config", "set", "first_day.done", "ja", *access)[1].strip() == "first_day.done = 1"
    code, _out, err = run(capsys, "config", "set", "smtp.allow_plaintext", "misschien", *access)
    assert code == 2 and "smtp.allow_plaintext moet ja of nee zijn (1 of 0)." in err
    code, _out, err = run(capsys, "config", "set", "outbox.export_folders", "brieven", *access)
    assert code == 2 and "outbox.export_folders" in err
    assert stored(vault_path, "outbox.export_folders") is None


def test_a_stored_date_the_app_cannot_read_counts_as_not_set_on_today_and_check_says_so(
        qtbot, workspace, vault_path, passphrase_file, capsys):
    from borapp.ui.pages.dashboard.dashboard_page import DashboardPage

    close(workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    with workspace.session() as session:  # as an older version's `config set` kept it
        session.execute(text("INSERT INTO setting (key, value) VALUES ('privacy.reviewed_on', '31-02-2026'), "
                             "('backup.last', 'gisteren')"))
    page = DashboardPage(workspace, on=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.privacy_reminder.isVisible() and "1 afgesloten dossier" in page.privacy_reminder.text()
    assert settings.read_setting(workspace, "privacy.reviewed_on") == ""
    workspace.vault.lock()
    code, out, err = run(capsys, "check", "--vault", vault_path, "--passphrase-file", passphrase_file)
    assert code == 0 and out.startswith("De kluis is in orde.")
    assert ("De instelling privacy.reviewed_on bevat '31-02-2026', die BOR Desk niet kan lezen; die telt als niet "
            "ingesteld. Stel hem opnieuw in: borapp config set privacy.reviewed_on WAARDE.") in err
    assert "backup.last" in err
    code, out, _err = run(capsys, "check", "--json", "--lang", "en", "--vault", vault_path, "--passphrase-file",
                          passphrase_file)
    assert any("privacy.reviewed_on holds '31-02-2026'" in w for w in json.loads(out)["warnings"])
