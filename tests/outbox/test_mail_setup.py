"""The mail server's settings as one form and the test message (services/outbox/mail_setup.py), against real SMTP
servers on 127.0.0.1: what arrives, a login with the typed or the stored password, and every way it can go wrong
said in words (unreachable, login refused, TLS, plaintext refused); plus `borapp config smtp-test`."""

from __future__ import annotations

import datetime as dt
import json
import ssl
from email import message_from_bytes, policy

import pytest

from borapp.i18n import set_language
from borapp.services import settings
from borapp.services.errors import UsageError, ValidationError
from borapp.services.outbox import letters, mail_setup, sending, smtp_secret
from borapp.services.outbox.mail_setup import (
    Fallbacks,
    MailSettings,
    MailSettingsInvalid,
)
from tests.helpers.outbox_support import (  # noqa: F401 - fixtures
    add_referred_case,
    auth_server,
    configure_smtp,
    fake_keyring,
    free_port,
    smtp_server,
    stand_in,
)

SENDER = "bor@desk.example"


def local(port: int, **changes) -> MailSettings:
    """The local test server speaks plain SMTP, allowed explicitly as a user would have to."""
    return MailSettings(**{"host": "127.0.0.1", "port": port, "security": "none", "sender_email": SENDER,
                           "sender_name": "BOR Noord", "allow_plaintext": True, **changes})


# ---- reading, checking, saving --------------------------------------------------------------------------------------

def test_saved_settings_read_back(workspace):
    values = MailSettings("smtp.bor-noord.example", 465, "ssl", SENDER, "BOR Noord, team Alkmaar", "bor-noord")
    assert mail_setup.save(workspace, values) == ""
    assert mail_setup.read(workspace) == values
    stored = settings.read_all(workspace)
    assert stored["smtp.host"] == "smtp.bor-noord.example" and stored["smtp.from_name"] == "BOR Noord, team Alkmaar"


def test_every_problem_names_its_field_and_nothing_is_saved(workspace):
    bad = MailSettings("smtp://mail example", 587, "starttls", "bor-at-desk", "", "bor noord")
    with pytest.raises(MailSettingsInvalid) as caught:
        mail_setup.save(workspace, bad, password="pw")
    problems = caught.value.problems
    assert set(problems) == {"host", "sender_email", "user"}
    assert problems["host"].startswith("Mailserver:") and problems["sender_email"].startswith("Afzenderadres:")
    assert isinstance(caught.value, ValidationError) and caught.value.field == "host"
    assert mail_setup.read(workspace) == MailSettings()
    set_language("en")
    assert mail_setup.problems(bad)["host"].startswith("Mail server:")


def test_a_password_needs_a_login_name(workspace):
    with pytest.raises(MailSettingsInvalid) as caught:
        mail_setup.save(workspace, MailSettings("smtp.example.nl"), password="geheim")
    assert set(caught.value.problems) == {"password"}


@pytest.mark.parametrize("user", ["bor-noord", ""])
def test_an_unencrypted_connection_is_refused_unless_ticked_with_or_without_a_login(workspace, user):
    """Without a login no password crosses the network, but every letter still would."""
    values = MailSettings("smtp.example.nl", 25, "none", SENDER, "", user)
    with pytest.raises(MailSettingsInvalid) as caught:
        mail_setup.save(workspace, values)
    assert set(caught.value.problems) == {"allow_plaintext"}
    assert "Onversleutelde verbinding toestaan" in caught.value.problems["allow_plaintext"]
    assert settings.read_setting(workspace, "smtp.host") == ""
    mail_setup.save(workspace, MailSettings("smtp.example.nl", 25, "none", SENDER, "", user, True))
    assert settings.read_setting(workspace, "smtp.allow_plaintext") == "1"


def test_the_password_goes_to_the_keyring_never_into_the_vault(workspace, fake_keyring):
    values = MailSettings("smtp.example.nl", 587, "starttls", SENDER, "", "bor-noord")
    assert mail_setup.save(workspace, values, password="ge heim€") == ""
    assert fake_keyring.stored == {(smtp_secret.SERVICE, "bor-noord"): "ge heim€"}
    assert mail_setup.password_stored("bor-noord") and not mail_setup.password_stored("iemand-anders")
    assert "ge heim" not in json.dumps(settings.read_all(workspace))


def test_without_a_keyring_the_settings_are_saved_and_the_note_says_why_not_the_password(workspace):
    assert not smtp_secret.keyring_available()  # the test machine: keyring's "fail" stand-in
    values = MailSettings("smtp.example.nl", 587, "starttls", SENDER, "", "bor-noord")
    note = mail_setup.save(workspace, values, password="geheim")
    assert "sleutelhanger" in note and mail_setup.read(workspace) == values


def test_the_sender_name_is_the_letters_from_name(workspace):
    settings.write_settings(workspace, {"organisation.name": "BOR Noord", "smtp.from": SENDER})
    assert letters.sender(workspace) == (SENDER, "BOR Noord")
    settings.write_settings(workspace, {"smtp.from_name": "BOR Noord, Anna Jansen"})
    assert letters.sender(workspace) == (SENDER, "BOR Noord, Anna Jansen")


# ---- the test message -----------------------------------------------------------------------------------------------

def test_the_test_message_arrives(smtp_server):
    server = smtp_server()
    result = mail_setup.send_test_message(local(server.port), "coordinator@desk.example", timeout=5)
    assert result.ok and result.kind == "sent" and "coordinator@desk.example" in result.message
    [(mail_from, to, data)] = server.handler.messages
    assert mail_from == SENDER and to == ["coordinator@desk.example"]
    message = message_from_bytes(data, policy=policy.default)
    assert message["Subject"] == "BOR Desk: testbericht" and message["From"] == f"BOR Noord <{SENDER}>"
    assert "127.0.0.1" in message.get_content() and message["Message-ID"].endswith("@desk.example>")


def test_the_test_message_goes_to_the_sender_when_no_address_is_typed(smtp_server):
    server = smtp_server()
    assert mail_setup.send_test_message(local(server.port, sender_email=""), "",
                                        fallback=Fallbacks("org@desk.example", "BOR Noord"), timeout=5).ok
    [(mail_from, to, _data)] = server.handler.messages
    assert mail_from == "org@desk.example" and to == ["org@desk.example"]


def test_the_test_message_in_english(smtp_server):
    server = smtp_server()
    assert mail_setup.send_test_message(local(server.port), lang="en", timeout=5).message.startswith("The mail server")
    message = message_from_bytes(server.handler.messages[0][2], policy=policy.default)
    assert message["Subject"] == "BOR Desk: test message"


def test_the_saved_settings_are_tried_for_the_vault(workspace, smtp_server):
    server = smtp_server()
    configure_smtp(workspace, server.port)
    assert mail_setup.send_test_for_vault(workspace, timeout=5).ok and len(server.handler.messages) == 1


def test_a_login_with_the_typed_password_before_the_stored_one(auth_server, fake_keyring):
    fake_keyring.set_password(smtp_secret.SERVICE, "bor-noord", "oud")
    values = local(auth_server.port, user="bor-noord", allow_plaintext=True)
    assert mail_setup.send_test_message(values, password="geheim", timeout=5).ok
    refused = mail_setup.send_test_message(values, timeout=5)  # the stored one is wrong
    assert not refused.ok and refused.kind == "login" and "bor-noord" in refused.message
    assert auth_server.logins[0] == ("bor-noord", "geheim")
    assert set(auth_server.logins[1:]) == {("bor-noord", "oud")}  # smtplib tries each mechanism the server offers


def test_no_password_anywhere_says_so(auth_server):
    values = local(auth_server.port, user="bor-noord", allow_plaintext=True)
    result = mail_setup.send_test_message(values, password_provider=lambda: None, timeout=5)
    assert not result.ok and result.kind == "password" and auth_server.logins == []


def test_plaintext_with_a_login_is_refused_before_connecting(auth_server):
    values = local(auth_server.port, user="bor-noord", allow_plaintext=False)
    result = mail_setup.send_test_message(values, password="geheim", timeout=5)
    assert not result.ok and result.kind == "plaintext" and auth_server.logins == []
    assert mail_setup.send_test_message(values, password="geheim", lang="en", timeout=5).message.startswith(
        "Without encryption")
    assert mail_setup.send_test_message(MailSettings(**{**values.__dict__, "allow_plaintext": True}),
                                        password="geheim", timeout=5).ok


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_wrong_port_or_host_is_a_message(lang, smtp_server):
    closed = free_port()
    result = mail_setup.send_test_message(local(closed), lang=lang, timeout=5)
    assert not result.ok and result.kind == "unreachable" and f"127.0.0.1:{closed}" in result.message
    assert ("geweigerd" if lang == "nl" else "refused") in result.message
    assert "brieven" not in result.message.lower() and "letters" not in result.message.lower()
    result = mail_setup.send_test_message(local(25, host="geen-server.invalid"), lang=lang, timeout=5)
    assert not result.ok and result.kind == "unreachable" and "geen-server.invalid" in result.message


def test_tls_against_a_server_without_it_is_a_tls_failure(smtp_server):
    server = smtp_server()
    implicit = mail_setup.send_test_message(local(server.port, security="ssl"), timeout=5)
    starttls = mail_setup.send_test_message(local(server.port, security="starttls"), timeout=5)
    assert (implicit.kind, starttls.kind) == ("tls", "tls") and not implicit.ok and not starttls.ok
    assert "STARTTLS" in starttls.message and server.handler.messages == []


def _self_signed(tmp_path) -> ssl.SSLContext:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                         serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    return context


def test_an_untrusted_certificate_is_a_tls_failure(smtp_server, tmp_path):
    server = smtp_server(tls_context=_self_signed(tmp_path))
    result = mail_setup.send_test_message(local(server.port, security="starttls"), timeout=5)
    assert not result.ok and result.kind == "tls" and "certificaat" in result.message
    assert server.handler.messages == []


def test_a_refused_recipient_is_said(smtp_server):
    server = smtp_server("550 5.1.1 No such user", at="RCPT")
    result = mail_setup.send_test_message(local(server.port), "niemand@desk.example", timeout=5)
    assert not result.ok and result.kind == "refused" and "550" in result.message


def test_a_send_still_refuses_plaintext_with_a_login(workspace):
    configure_smtp(workspace, 2525, user="bor-noord", allow_plaintext=False)
    with pytest.raises(UsageError) as caught:
        sending.server_settings(workspace)
    assert "“Onversleutelde verbinding toestaan”" in str(caught.value)  # the app's words; the keys in the CLI's
    assert "smtp.allow_plaintext" in caught.value.command_line


# ---- borapp config smtp-test ----------------------------------------------------------------------------------------

def test_the_command_line_sends_a_test_message(vault, vault_path, passphrase_file, smtp_server, capsys, monkeypatch):
    from borapp.cli import main
    from borapp.services.vault.workspace import Workspace

    monkeypatch.delenv("BORAPP_SMTP_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", None)

    def cli(*argv):
        code = main([*argv, "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    assert cli("config", "smtp-test")[0] == 2  # no mail server set
    server = smtp_server()
    configure_smtp(Workspace(vault), server.port)
    code, out, _err = cli("config", "smtp-test", "--to", "coordinator@desk.example")
    assert code == 0 and "coordinator@desk.example" in out and len(server.handler.messages) == 1
    server.stop()
    code, _out, err = cli("config", "smtp-test", "--lang", "en")
    assert code == 1 and "could not be reached" in err
    configure_smtp(Workspace(vault), server.port, user="bor-noord", allow_plaintext=False)
    code, _out, err = cli("config", "smtp-test")
    assert code == 2 and "zonder versleuteling" in err and "smtp.allow_plaintext 1" in err  # the setting, not a box
    configure_smtp(Workspace(vault), server.port, user="bor-noord")
    code, _out, err = cli("config", "smtp-test")  # no keyring, no variable, no terminal
    assert code == 2 and "BORAPP_SMTP_PASSWORD" in err
