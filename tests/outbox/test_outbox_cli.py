"""`borapp letters ...` and `borapp config ...` through `borapp.cli.main`: output, JSON and exit codes."""

from __future__ import annotations

import io
import json
import sys
from email import message_from_bytes, policy

import pytest

from borapp.i18n import _
from borapp.services import settings
from borapp.services.outbox import sending, smtp_secret
from borapp.services.vault.workspace import Workspace
from tests.helpers.cli_run import run_cli as run
from tests.helpers.outbox_support import (  # noqa: F401 - fixtures
    add_referred_case,
    configure_smtp,
    renderer,
    smtp_server,
    stand_in,
)


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: pytest.fail("prompted"))
    monkeypatch.delenv("BORAPP_SMTP_PASSWORD", raising=False)


@pytest.fixture
def cli(vault, vault_path, passphrase_file, capsys, no_terminal):
    """Run a sub-command against the test vault (the fixture's own handle stays open beside the CLI's)."""
    workspace = Workspace(vault)
    add_referred_case(workspace, "BOR-2026-014")
    add_referred_case(workspace, "BOR-2026-015", contact="Bram Bos", email="bram@jeugdbescherming.example")

    def call(*argv):
        return run(capsys, *argv, "--vault", vault_path, "--passphrase-file", passphrase_file)

    call.workspace = workspace
    return call


def listed(cli) -> list[dict]:
    code, out, _err = cli("letters", "list", "--json")
    assert code == 0
    return json.loads(out)


def test_new_and_list(cli, renderer):
    code, out, _err = cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    assert code == 0 and "BOR-2026-014" in out
    code, out, _err = cli("letters", "new", "BOR-2026-015", "--kind", "intake", "--json")
    made = json.loads(out)
    assert code == 0 and made["state"] == "ready" and made["case"] == "BOR-2026-015"
    rows = listed(cli)
    assert [r["case"] for r in rows] == ["BOR-2026-015", "BOR-2026-014"]
    assert set(rows[0]) >= {"id", "case", "kind", "recipient", "state", "error"}
    assert rows[0]["kind"] == "intake" and rows[0]["email"] == "bram@jeugdbescherming.example"
    code, out, _err = cli("letters", "list")
    assert code == 0 and "BOR-2026-014" in out and "BOR-2026-015" in out
    heading, rule, *lines = out.splitlines()  # under headings, each column as wide as its widest cell
    assert heading.split() == ["Nr.", "Dossier", "Brief", "Status", "Ontvanger"]
    starts = {line.index("BOR-2026-01") for line in lines} | {heading.index("Dossier")}
    assert len(starts) == 1 and rule.startswith("---")
    status = heading.index("Status")
    assert all(line[status - 2:status] == "  " for line in lines), "a long letter name pushed the status along"


def test_new_closing_report_goes_to_the_commissioning_party_or_where_asked(cli):
    from sqlalchemy import select

    from borapp.models import Case, Organisation

    with cli.workspace.session() as session:
        session.scalar(select(Case).where(Case.ref == "BOR-2026-014")).commissioner = (
            Organisation(name="Gemeente Alkmaar", contact_person="Bert Opdracht", email="jeugd@alkmaar.example",
                         address="Postbus 10\n1800 AA Alkmaar"))
    code, out, _err = cli("letters", "new", "BOR-2026-014", "--kind", "closing", "--json")
    assert code == 0 and (json.loads(out)["recipient"], json.loads(out)["email"]) == (
        "Bert Opdracht", "jeugd@alkmaar.example")
    code, out, _err = cli("letters", "new", "BOR-2026-014", "--kind", "closing", "--to", "verwijzer", "--json")
    assert code == 0 and json.loads(out)["recipient"] == "Anna de Vries"
    code, _out, err = cli("letters", "new", "BOR-2026-014", "--kind", "start", "--to", "opdrachtgever")
    assert code == 2 and "Alleen het eindverslag gaat naar de opdrachtgever" in err


def test_new_refuses_unknown_case_and_kind(cli, stand_in):
    assert cli("letters", "new", "BOR-1999-001", "--kind", "closing")[0] == 6
    assert cli("letters", "new", "BOR-2026-014", "--kind", "invoice")[0] == 2
    assert cli("letters", "new", "BOR-2026-014", "--kind", "schedule", "--parent", "oma")[0] == 2
    assert listed(cli) == []


def test_export_makes_the_folder_and_empties_the_queue(cli, tmp_path, renderer):
    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    folder = tmp_path / "export" / "vandaag"
    code, out, err = cli("letters", "export", "--to", folder)
    assert code == 0 and err == ""
    [eml] = list(folder.glob("*.eml"))
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and str(eml) in out
    assert len(list(folder.glob("*.pdf"))) == 1
    assert listed(cli) == []
    code, out, _err = cli("letters", "list", "--all", "--json")
    assert json.loads(out)[0]["state"] == "exported"
    assert cli("letters", "export", "--to", folder)[0] == 0  # nothing ready: fine, nothing written
    a_file = tmp_path / "brieven.txt"
    a_file.write_text("x")
    cli("letters", "new", "BOR-2026-014", "--kind", "closing", "--force")  # a second one: ready only when forced
    code, _out, err = cli("letters", "export", "--to", a_file)
    assert code == 1 and "geen map" in err and "niet maken" not in err, err
    assert "Er is niets geëxporteerd." in err and "De brieven staan nog klaar" in err
    assert len(list(folder.iterdir())) == 2


def test_send_exit_codes(cli, smtp_server, stand_in):
    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    cli("letters", "new", "BOR-2026-015", "--kind", "closing")
    server = smtp_server(start=False)
    configure_smtp(cli.workspace, server.port)
    settings.write_settings(cli.workspace, {"smtp.port": str(server.port)})
    code, out, err = cli("letters", "send")
    assert code == 1 and len(err.strip().splitlines()) == 2 and "BOR-2026-014" in err
    assert [r["state"] for r in listed(cli)] == ["ready", "ready"]
    server.start()
    code, out, err = cli("letters", "send", "--json")
    assert code == 0 and json.loads(out)["ok"] is True
    assert err.strip().splitlines() == [_("Warning: the connection to the mail server is not encrypted "
                                          "(smtp.security none); the letters crossed the network readable. "
                                          "Choose starttls or ssl.")]  # the test server speaks plain SMTP
    assert len(server.handler.messages) == 2
    code, out, _err = cli("letters", "send")
    assert code == 0 and out.strip() == "Er staan geen brieven klaar om te verzenden."  # not "0 brieven verzonden."
    assert len(server.handler.messages) == 2  # nothing left: nothing sent twice


def test_send_failed_letter_then_retry(cli, smtp_server, stand_in):
    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    refusing = smtp_server("550 5.7.1 Rejected")
    configure_smtp(cli.workspace, refusing.port)
    code, _out, err = cli("letters", "send")
    assert code == 1 and "550" in err
    [row] = listed(cli)
    assert row["state"] == "failed" and "550" in row["error"]
    assert cli("letters", "retry", row["id"])[0] == 0
    assert listed(cli)[0]["state"] == "ready"
    assert cli("letters", "retry", row["id"])[0] == 1  # not failed any more


def test_send_password_sources(cli, smtp_server, monkeypatch, stand_in):
    from aiosmtpd.smtp import AuthResult

    logins = []

    def authenticator(server, session, envelope, mechanism, data):
        logins.append(data.password)
        return AuthResult(success=data.password == b"geheim", handled=False)

    server = smtp_server(auth_require_tls=False, authenticator=authenticator)
    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    configure_smtp(cli.workspace, server.port, user="bor@desk.example")
    code, _out, err = cli("letters", "send")  # no keyring, no variable, no terminal
    assert code == 2 and "BORAPP_SMTP_PASSWORD" in err and err.count("\n") == 1
    assert listed(cli)[0]["attempts"] == 0
    monkeypatch.setenv("BORAPP_SMTP_PASSWORD", "geheim")
    assert cli("letters", "send")[0] == 0 and logins == [b"geheim"]


def test_send_without_a_server_is_a_usage_error(cli, stand_in):
    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    code, _out, err = cli("letters", "send")
    assert code == 2 and "'borapp config set smtp.host NAAM'" in err and "Instellingen → E-mail" in err


def test_send_names_a_letter_it_leaves_alone(cli, smtp_server, stand_in, tmp_path):
    """One an export was cut off writing: not sent as well, and said which and why."""
    from borapp.services.outbox import letters as outbox_letters

    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    [row] = listed(cli)
    with cli.workspace.session() as session:
        outbox_letters.mark_export(session, row["id"], tmp_path / "uit" / "brief.eml")
    configure_smtp(cli.workspace, smtp_server().port)
    code, out, err = cli("letters", "send")
    assert code == 1 and out == "0 brieven verzonden.\n"
    assert err.startswith(f"Niet verzonden, staat nog klaar: BOR-2026-014 Eindverslag (brief {row['id']}): Een "
                          f"export naar {tmp_path / 'uit'}"), err


def test_ready_marks_a_draft(cli, stand_in):
    from borapp.services.outbox import letters as outbox_letters

    letter_id = outbox_letters.new_letter(cli.workspace, outbox_letters.find_case_id(cli.workspace, "BOR-2026-014"), "start", state="draft")
    assert cli("letters", "ready", letter_id)[0] == 0
    assert listed(cli)[0]["state"] == "ready"
    assert cli("letters", "ready", 999)[0] == 6


def test_ready_refuses_a_letter_with_gaps_naming_them(cli):
    from borapp.services.outbox import letters as outbox_letters
    from tests.helpers.outbox_support import add_gapped_case

    made = outbox_letters.create_letter(cli.workspace, add_gapped_case(cli.workspace, "BOR-2026-016"), "start")
    assert made.state == "draft"
    code, _out, err = cli("letters", "ready", made.id)
    assert code != 0 and "Het postadres van de verwijzer" in err and "in de app" in err
    assert "“Locatie: ______”" in err
    assert "(Bewerken)" not in err and "tab Verwijzing" not in err, "the command line has no such buttons"
    code, out, err = cli("letters", "new", "BOR-2026-016", "--kind", "intake")
    assert code == 0 and "een concept" in out and "Het postadres van de verwijzer" in err
    assert "Niet ingevuld:" not in err, "each gap is named once, not as a line and again as a bullet"
    bullets = [line for line in err.splitlines() if line.startswith("• ")]
    assert bullets and len(bullets) == len(set(bullets)) and "(Bewerken)" not in err and "in de app" in err
    assert {r["state"] for r in listed(cli)} == {"draft"}


# ---- config ---------------------------------------------------------------------------------------------------------

def test_config_set_get_list(cli):
    assert cli("config", "set", "organisation.name", "BOR Noord-Holland")[0] == 0
    assert cli("config", "set", "smtp.port", "465")[0] == 0
    code, out, _err = cli("config", "get", "organisation.name")
    assert code == 0 and out.strip() == "BOR Noord-Holland"
    code, out, _err = cli("config", "list", "--json")
    values = json.loads(out)
    assert values["smtp.port"] == "465" and values["smtp.security"] == "starttls" and "demo" not in values
    code, out, _err = cli("config", "list")
    assert "organisation.name = BOR Noord-Holland" in out


def test_config_refuses_unknown_keys_and_bad_values(cli):
    code, _out, err = cli("config", "set", "smtp.password", "geheim")
    assert code == 6 and "'borapp config smtp-password'" in err  # not found, as an unknown case (it was 2)
    code, _out, err = cli("config", "get", "nope")
    assert code == 6 and "smtp.host" in err  # the list of known keys
    assert cli("config", "set", "smtp.security", "tls")[0] == 2
    assert cli("config", "set", "smtp.port", "poort")[0] == 2
    assert cli("config", "set", "demo", "0")[0] == 6  # kept by the app itself: no setting of `config`
    assert settings.read_setting(cli.workspace, "smtp.security") == "starttls"


@pytest.mark.parametrize("key, bad, good", [
    ("auto_lock_minutes", ("-5", "10.5", "٣", "0", "99999"), ("1", "120")),
    ("backup.keep", ("0", "101"), ("1", "100")),
    ("smtp.port", ("0", "70000"), ("25", "65535")),
    ("privacy.retention_years", ("0", "31"), ("20",)),
    ("waiting_alert_weeks", ("0", "53"), ("52",)),
    ("vog_renewal_years", ("0", "11"), ("10",)),
])
def test_config_set_refuses_values_out_of_range_and_names_the_range(cli, key, bad, good):
    low, high = settings.limits(key)
    for value in bad:
        code, _out, err = cli("config", "set", key, value)
        assert code == 2 and key in err, (value, err)
    assert f"{low}" in err and f"{high}" in err
    for value in good:
        assert cli("config", "set", key, value)[0] == 0
        assert settings.read_setting(cli.workspace, key) == value


def test_a_stored_value_out_of_range_reads_as_the_default(cli):
    """Written by hand or an older version: auto-lock must not end up off (99999) or instant (0)."""
    from borapp.models import Setting

    for stored in ("0", "99999", "tien"):
        with cli.workspace.session() as session:
            session.merge(Setting(key="auto_lock_minutes", value=stored))
        assert settings.read_setting(cli.workspace, "auto_lock_minutes") == "10"
        assert settings.read_all(cli.workspace)["auto_lock_minutes"] == "10"


@pytest.mark.parametrize("key", ["smtp.from", "organisation.email"])
def test_an_address_setting_takes_only_an_address_and_a_stored_bad_one_stops_no_export(cli, tmp_path, renderer, key):
    """`config set smtp.from notanemail` was taken, and every export then ended in "Onverwachte fout
    (InvalidHeaderDefect)"."""
    from borapp.models import Setting

    code, _out, err = cli("config", "set", key, "notanemail")
    assert code == 2 and key in err and "e-mailadres" in err
    assert cli("config", "set", key, "bor@voorbeeld.nl")[0] == 0 and cli("config", "set", key, "")[0] == 0
    with cli.workspace.session() as session:  # written by an older version, or by hand
        session.merge(Setting(key=key, value="notanemail"))
    assert settings.read_setting(cli.workspace, key) == ""
    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    code, _out, err = cli("letters", "export", "--to", tmp_path / "uit")
    assert code == 0 and err == "", err
    [eml] = list((tmp_path / "uit").glob("*.eml"))
    assert "notanemail" not in eml.read_text(encoding="utf-8", errors="replace")


def test_config_logo_from_an_image_file(cli, tmp_path):
    from PySide6.QtGui import QImage

    image = tmp_path / "logo.png"
    picture = QImage(40, 20, QImage.Format.Format_RGB32)
    picture.fill(0x2A6F97)
    assert picture.save(str(image), "PNG")
    damaged = tmp_path / "kapot.png"
    damaged.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)  # a PNG's first bytes, no image
    code, _out, err = cli("config", "set", "organisation.logo", damaged)
    assert code == 1 and "beschadigd" in err, err
    code, out, _err = cli("config", "set", "organisation.logo", image)
    assert code == 0 and "iVBOR" not in out
    assert settings.read_setting(cli.workspace, "organisation.logo").startswith("iVBOR")
    assert cli("config", "set", "organisation.logo", tmp_path / "missing.png")[0] != 0


def test_config_smtp_password_goes_to_the_keyring(cli, monkeypatch):
    stored = {}

    class Keyring:
        def set_password(self, service, user, password):
            stored[(service, user)] = password

    monkeypatch.setattr(smtp_secret, "_keyring", Keyring)
    assert cli("config", "smtp-password")[0] == 2  # no smtp.user yet
    cli("config", "set", "smtp.user", "bor@desk.example")
    assert cli("config", "smtp-password")[0] == 2  # no password given
    monkeypatch.setenv("BORAPP_SMTP_PASSWORD", "geheim")
    assert cli("config", "smtp-password")[0] == 0
    assert stored == {(smtp_secret.SERVICE, "bor@desk.example"): "geheim"}
    assert "geheim" not in json.dumps(settings.read_all(cli.workspace))


def test_config_letter_template_from_a_text_file(cli, tmp_path):
    from borapp.services.documents.templates import default_template, get_template

    own = tmp_path / "afronding.txt"
    own.write_text(default_template("closing", "nl") + "\n\nEen eigen slotzin.", encoding="utf-8")
    code, out, _err = cli("config", "set", "template.closing.nl", own)
    assert code == 0 and "Een eigen slotzin" not in out
    assert get_template(cli.workspace, "closing", "nl").endswith("Een eigen slotzin.")
    code, out, _err = cli("config", "list")
    assert "Een eigen slotzin" not in out  # long texts are summarised, not printed
    broken = tmp_path / "kapot.txt"
    broken.write_text("Beste {referrer_contact,", encoding="utf-8")
    assert cli("config", "set", "template.closing.nl", broken)[0] == 2
    assert cli("config", "set", "template.closing.nl", "")[0] == 0
    assert get_template(cli.workspace, "closing", "nl") == default_template("closing", "nl")


@pytest.mark.parametrize("user", ["bor@desk.example", ""])
def test_an_unencrypted_connection_is_refused_unless_allowed(cli, smtp_server, stand_in, user):
    """With or without a login: the letters themselves would cross the network readable."""
    server = smtp_server(auth_require_tls=False)
    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    configure_smtp(cli.workspace, server.port, user=user, allow_plaintext=False)
    code, _out, err = cli("letters", "send")
    assert code == 2 and "smtp.security" in err and "smtp.allow_plaintext" in err
    assert server.handler.messages == [] and listed(cli)[0]["attempts"] == 0


def test_sending_without_encryption_warns_loudly(cli, smtp_server, stand_in):
    server = smtp_server()
    cli("letters", "new", "BOR-2026-014", "--kind", "closing")
    configure_smtp(cli.workspace, server.port)  # security none, no login, allowed
    code, out, err = cli("letters", "send")
    assert code == 0 and len(server.handler.messages) == 1
    assert "niet versleuteld" in err
    settings.write_settings(cli.workspace, {"smtp.security": "starttls"})
    assert sending.plaintext_warning(sending.server_settings(cli.workspace)) == ""


def test_a_coordinators_e_mail_and_phone_from_the_command_line(cli):
    """Settings, Coordinators had no command-line twin: letters give these for the coordinator of a case."""
    from borapp.services import organisation_setup

    code, out, err = cli("config", "coordinator", "carla coördinator", "--email", "coord@bor.example",
                         "--phone", "0224 123 456")
    assert code == 0, err
    assert out.strip() == "Carla Coördinator: e-mail coord@bor.example, telefoon 0224 123 456"
    assert cli("config", "coordinator", "Carla Coördinator", "--phone", "")[0] == 0  # the e-mail address stays
    [row] = [r for r in organisation_setup.coordinators(cli.workspace) if r.name == "Carla Coördinator"]
    assert (row.email, row.phone) == ("coord@bor.example", "")
    code, _out, err = cli("config", "coordinator", "Carla Coördinator", "--email", "geen adres")
    assert code == 2 and "e-mailadres" in err
    code, _out, err = cli("config", "coordinator", "Niemand", "--email", "x@y.example")
    assert code == 6 and "Carla Coördinator" in err  # not found, as an unknown case or letter (it was 2, usage)


# ---- which letters may go, from the command line as from the app ----------------------------------------------------

def test_the_referrer_letter_kinds_hold_for_every_way_a_letter_leaves(cli, tmp_path, stand_in):
    """The organisation sends referrers only the intake and closing letters: a start letter from `letters new` is a
    draft, and one made ready before the choice stays behind at export and at send."""
    code, out, _err = cli("letters", "new", "BOR-2026-015", "--kind", "start", "--json")
    before = json.loads(out)["id"]
    assert code == 0 and listed(cli)[0]["state"] == "ready"
    assert cli("config", "set", "privacy.referrer_letter_kinds", "intake;closing")[0] == 0
    code, out, err = cli("letters", "new", "BOR-2026-014", "--kind", "start")
    assert code == 0 and "een concept" in out
    assert "privacy.referrer_letter_kinds" in err and "Instellingen" not in err
    made = max(r["id"] for r in listed(cli))
    code, _out, err = cli("letters", "ready", made)
    assert code == 1 and "'borapp config set privacy.referrer_letter_kinds'" in err
    code, out, err = cli("letters", "export", "--to", tmp_path / "uit")
    assert code == 1 and "0 brieven geëxporteerd" in out
    assert f"Brief {before} blijft klaarstaan: Uw organisatie stuurt geen “Begeleide omgang gestart”" in err
    assert not (tmp_path / "uit").exists() or list((tmp_path / "uit").iterdir()) == []
    assert {r["id"]: r["state"] for r in listed(cli)} == {before: "ready", made: "draft"}


def test_the_referrer_letter_kinds_take_only_known_kinds_with_their_separator(cli):
    """"intake,closing" matched no kind and so allowed every one: commas are read as the separator now."""
    assert cli("config", "set", "privacy.referrer_letter_kinds", "intake;brief")[0] == 2
    assert settings.read_setting(cli.workspace, "privacy.referrer_letter_kinds") == ""
    assert cli("config", "set", "privacy.referrer_letter_kinds", "intake,closing")[0] == 0
    with cli.workspace.session() as session:
        from borapp.services.privacy import letter_policy

        assert letter_policy.allowed_kinds(session) == ("intake", "closing")
    assert cli("config", "set", "privacy.referrer_letter_kinds", "intake; closing")[0] == 0
    from borapp.services.privacy import letter_policy

    with cli.workspace.session() as session:
        assert letter_policy.allowed_kinds(session) == ("intake", "closing")
    assert cli("config", "set", "privacy.referrer_letter_kinds", "")[0] == 0


def test_a_closing_report_of_an_open_case_is_not_printed(cli, tmp_path):
    add_referred_case(cli.workspace, "BOR-2026-020", status="visits")
    target = tmp_path / "eindverslag.pdf"
    code, out, err = cli("documents", "letter", "BOR-2026-020", "--kind", "closing", "--out", target)
    assert code == 1 and out == "" and not target.exists()
    assert err.startswith("borapp: Dit eindverslag zegt dat de BOR is afgerond, maar het dossier is niet "
                          "afgesloten.") and err.count("\n") == 1
    code, _out, err = cli("documents", "letter", "BOR-2026-014", "--kind", "closing", "--out", target)
    assert code == 0 and target.exists(), err


def test_a_second_letter_of_a_kind_is_said_and_stays_a_draft_unless_forced(cli, stand_in):
    assert cli("letters", "new", "BOR-2026-014", "--kind", "intake")[0] == 0
    code, out, err = cli("letters", "new", "BOR-2026-014", "--kind", "intake")
    assert code == 0 and "een concept" in out
    assert "Dit dossier heeft al een brief van deze soort: klaar op" in err and "--force" in err
    code, out, err = cli("letters", "new", "BOR-2026-014", "--kind", "intake", "--force")
    assert code == 0 and "klaar om te verzenden" in out and "al een brief van deze soort" in err
    assert [r["state"] for r in listed(cli)] == ["ready", "draft", "ready"]


def test_the_mail_server_test_says_the_settings_not_the_form(cli):
    configure_smtp(cli.workspace, 2525, allow_plaintext=False)
    code, _out, err = cli("config", "smtp-test")
    assert code == 2 and err.startswith("borapp: ") and err.count("\n") == 1
    assert "vink" not in err and "'borapp config set smtp.allow_plaintext 1'" in err
    settings.write_settings(cli.workspace, {"smtp.host": "", "smtp.security": "starttls"})
    code, _out, err = cli("config", "smtp-test", "--lang", "en")
    assert code == 2 and err.startswith("borapp: smtp.host: ") and "'borapp config set smtp.host" in err
