"""An own letter template stored before Save checked its placeholders (imported, or written into the vault) with an
unknown `{ouder_naam}` made a "ready" letter whose PDF printed `{ouder_naam}` as it stands. Such a letter is held back
now at every way out (made ready, exported, sent, the command line), naming the placeholder in the template editor's
words."""

from __future__ import annotations

import io
import json
import sys

import pytest

from borapp.models import Letter
from borapp.services import settings
from borapp.services.outbox import export, letters as outbox_letters, sending
from borapp.services.vault.workspace import Workspace
from tests.helpers.cli_run import run_cli as run
from tests.helpers.outbox_support import add_referred_case, configure_smtp, smtp_server  # noqa: F401 - fixture

OWN = ("Beste {referrer_contact},\n\nDe BOR voor {children} is afgerond; {ouder_naam} weet ervan.\n\n"
       "Gehouden: {visits_held_} omgangsmomenten. Een accolade {{zo}} mag.")
UNKNOWN_NL = "{ouder_naam} is geen invulveld van deze brief"


@pytest.fixture
def cli(vault, vault_path, passphrase_file, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    workspace = Workspace(vault)
    case_id = add_referred_case(workspace, "BOR-2026-014")
    with workspace.session() as session:  # as an import or an older version kept it: Save never saw it
        settings.put(session, "template.closing.nl", OWN)

    def call(*argv):
        return run(capsys, *argv, "--vault", vault_path, "--passphrase-file", passphrase_file)

    call.workspace, call.case_id = workspace, case_id
    return call


def made_ready_anyway(workspace, letter_id: int) -> None:
    """As a letter made ready before the check was there stands in the outbox."""
    with workspace.session() as session:
        session.get(Letter, letter_id).state = "ready"


def test_a_letter_with_an_unknown_placeholder_is_a_draft_naming_it(cli):
    made = outbox_letters.create_letter(cli.workspace, cli.case_id, "closing")
    assert made.state == "draft"
    assert UNKNOWN_NL in made.problems and "{visits_held_} is geen invulveld van deze brief" in made.problems
    assert "Regel 3, bij" in made.problems and "(Instellingen, Briefsjablonen)" in made.problems
    assert "{zo}" not in made.problems, "a brace printed on purpose ({{zo}}) is no placeholder"
    with pytest.raises(outbox_letters.HeldBack) as refused:
        outbox_letters.mark_ready(cli.workspace, made.id)
    assert UNKNOWN_NL in str(refused.value)
    assert UNKNOWN_NL in outbox_letters.ready_problems(cli.workspace, made.id)
    text = outbox_letters.get_letter_text(cli.workspace, made.id)
    body = text.body.replace("{ouder_naam}", "de moeder").replace("{visits_held_}", "6")
    outbox_letters.set_body(cli.workspace, made.id, text.subject, body)
    outbox_letters.mark_ready(cli.workspace, made.id)
    assert outbox_letters.get_letter_row(cli.workspace, made.id).state == "ready"


def test_one_made_ready_before_stays_behind_at_export_and_fails_at_send(cli, tmp_path, smtp_server):
    made = outbox_letters.create_letter(cli.workspace, cli.case_id, "closing")
    made_ready_anyway(cli.workspace, made.id)
    result = export.export_ready(cli.workspace, tmp_path / "uit")
    assert not result.exported and UNKNOWN_NL in dict(result.problems)[made.id]
    server = smtp_server()
    configure_smtp(cli.workspace, server.port)
    sent = sending.send_ready(cli.workspace, lambda: "")
    assert not server.handler.messages and not sent.sent
    row = outbox_letters.get_letter_row(cli.workspace, made.id)
    assert row.state == "failed" and "{ouder_naam}" in row.error


def test_the_command_line_names_it_at_new_ready_export_and_documents(cli, tmp_path):
    code, out, err = cli("letters", "new", "BOR-2026-014", "--kind", "closing", "--json")
    made = json.loads(out)
    assert code == 0 and made["state"] == "draft" and UNKNOWN_NL in made["problems"]
    code, _out, err = cli("letters", "ready", made["id"])
    assert code == 1 and UNKNOWN_NL in err and "borapp config set template.SOORT.TAAL" in err
    assert "(Bewerken)" not in err
    made_ready_anyway(cli.workspace, made["id"])
    code, _out, err = cli("letters", "export", "--to", tmp_path / "uit")
    assert code == 1 and f"Brief {made['id']} blijft klaarstaan" in err and UNKNOWN_NL in err
    target = tmp_path / "eindverslag.pdf"
    code, out, err = cli("documents", "letter", "BOR-2026-014", "--kind", "closing", "--out", target)
    assert code == 1 and out == "" and not target.exists()
    assert UNKNOWN_NL in err and "borapp config set template.SOORT.TAAL" in err


def test_in_english_too(cli, tmp_path):
    with cli.workspace.session() as session:
        settings.put(session, "template.closing.en", OWN)
    target = tmp_path / "closing.pdf"
    code, _out, err = cli("documents", "letter", "BOR-2026-014", "--kind", "closing", "--out", target, "--lang", "en")
    assert code == 1 and "{ouder_naam} is not a placeholder of this letter: use only the names listed" in err
    assert "Line 3, at" in err and not target.exists()
