"""The mail server's settings as one form (Settings → Mail, `borapp config smtp-test`): read, checked field by
field, saved with the password in the OS keyring (never in the vault), and tried with a test message.

The rules match the ones a send applies (`sending.server_settings`): an unencrypted connection is refused unless
`allow_plaintext` says the user explicitly allowed it, with or without a login (the letters themselves would cross
the network readable).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from borapp.i18n import N_, _, in_language, language
from borapp.services import settings
from borapp.services.errors import BorError, ValidationError
from borapp.services.outbox import mail, smtp_secret

SECURITY_CHOICES = ("starttls", "ssl", "none")
STANDARD_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
TEST_TIMEOUT = 20.0
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$|"
                   r"^\[?[0-9A-Fa-f:.]+\]?$")

# The form's fields and their settings; the labels name the field in every message about it.
KEYS = {"host": "smtp.host", "port": "smtp.port", "security": "smtp.security", "sender_email": "smtp.from",
        "sender_name": "smtp.from_name", "user": "smtp.user", "allow_plaintext": "smtp.allow_plaintext"}
LABELS = {"host": N_("Mail server"), "port": N_("Port"), "security": N_("Security"),
          "sender_email": N_("Sender address"), "sender_name": N_("Sender name"), "user": N_("Login name"),
          "password": N_("Password"), "allow_plaintext": N_("Allow an unencrypted connection"),
          "to": N_("Send the test to")}


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = STANDARD_PORTS["starttls"]
    security: str = "starttls"
    sender_email: str = ""
    sender_name: str = ""
    user: str = ""
    allow_plaintext: bool = False

    def server(self, timeout: float = TEST_TIMEOUT) -> mail.ServerSettings:
        return mail.ServerSettings(self.host.strip(), self.port, self.security, self.user.strip(), timeout)

    def as_settings(self) -> dict[str, str]:
        values = {"host": self.host, "port": str(self.port), "security": self.security,
                  "sender_email": self.sender_email, "sender_name": self.sender_name, "user": self.user,
                  "allow_plaintext": "1" if self.allow_plaintext else "0"}
        return {KEYS[name]: value.strip() for name, value in values.items()}


@dataclass(frozen=True)
class Fallbacks:
    """What a send uses when the form leaves the sender empty: the organisation's e-mail and name."""

    sender_email: str = ""
    sender_name: str = ""


@dataclass(frozen=True)
class TrialResult:
    """How a test message went; `message` is in the user's language.
    kind: sent | settings | plaintext | password | unreachable | login | tls | unsupported | refused"""

    ok: bool
    kind: str
    message: str
    command_line: str = ""  # `message` naming the settings as `borapp config set` takes them ("": the same)


class MailSettingsInvalid(ValidationError):
    """Some fields break a rule: `problems` maps each field to its message (which names the field)."""

    def __init__(self, problems: dict[str, str]):
        field = next(iter(problems))
        super().__init__(problems[field], field)
        self.problems = problems


def label(field: str) -> str:
    return _(LABELS[field])


def read(workspace) -> MailSettings:
    values = settings.read_all(workspace)
    return MailSettings(values["smtp.host"], int(values["smtp.port"]), values["smtp.security"], values["smtp.from"],
                        values["smtp.from_name"], values["smtp.user"], values["smtp.allow_plaintext"] == "1")


def fallbacks(workspace) -> Fallbacks:
    values = settings.read_all(workspace)
    return Fallbacks(values["organisation.email"].strip(), values["organisation.name"].strip())


def password_stored(user: str) -> bool:
    """Whether the keyring holds a password for `user` (False also when there is no keyring)."""
    return smtp_secret.stored_password(user.strip()) is not None


def _named(field: str, text: str) -> str:
    return _("{field}: {problem}").format(field=label(field), problem=text)


def _setting_named(field: str, text: str) -> str:
    """A problem named by its setting, as `borapp config set` takes it ("smtp.host: ..."), or by --to."""
    if field not in KEYS:
        return f"--{field}: {text}"
    return _("{setting}: {problem} Set it with 'borapp config set {setting} ...'.").format(setting=KEYS[field],
                                                                                          problem=text)


def problems(values: MailSettings, *, password_typed: bool = False, for_sending: bool = False,
             fallback: Fallbacks = Fallbacks(), command_line: bool = False) -> dict[str, str]:
    """Every field that breaks a rule, with a message naming the field; {} when all is well.
    `for_sending`: also what a message needs (a server, a sender address); `command_line`: named by the settings
    `borapp config set` takes, not by the form's fields."""
    named = _setting_named if command_line else _named
    found: dict[str, str] = {}
    host = values.host.strip()
    if host and not _HOST.match(host):
        found["host"] = named("host", _("only the server's name, such as smtp.example.nl (no spaces, no smtp://, "
                                        "no port)."))
    elif for_sending and not host:
        found["host"] = named("host", _("fill in the server's name, such as smtp.example.nl."))
    low, high = settings.limits("smtp.port")
    if not low <= values.port <= high:
        found["port"] = named("port", _("a number from {low} to {high}.").format(low=low, high=high))
    if values.security not in SECURITY_CHOICES:
        found["security"] = named("security", _("choose STARTTLS, SSL/TLS or none."))
    sender = values.sender_email.strip()
    if sender and not mail.valid_address(sender):
        found["sender_email"] = named("sender_email", _("not an e-mail address (name@example.nl)."))
    elif for_sending and not sender and not mail.valid_address(fallback.sender_email):
        found["sender_email"] = named("sender_email", _("fill in the address the letters are sent from."))
    user = values.user.strip()
    if any(ch.isspace() or not ch.isprintable() for ch in user):
        found["user"] = named("user", _("no spaces."))
    if password_typed and not user:
        found["password"] = named("password", _("fill in the login name first; the password belongs to it."))
    if values.security == "none" and not values.allow_plaintext:
        found["allow_plaintext"] = plaintext_refusal(command_line)
    return found


def plaintext_refusal(command_line: bool = False) -> str:
    if command_line:  # as `borapp letters send` refuses it
        return _("The mail server is set without encryption (smtp.security none), so the letters (and the password, "
                 "if there is a login) would cross the network readable. Choose starttls or ssl with 'borapp config "
                 "set smtp.security starttls'; only on a trusted network, allow it with 'borapp config set "
                 "smtp.allow_plaintext 1'.")
    return _("Without encryption every letter (and the password, if there is a login) would cross the network "
             "readable. Choose STARTTLS or SSL/TLS; only on a trusted network, tick \"{allow}\".").format(
        allow=label("allow_plaintext"))


def save(workspace, values: MailSettings, password: str = "") -> str:
    """Check and store the settings; a typed password goes to the keyring. MailSettingsInvalid when a field
    breaks a rule (nothing stored). Returns a note when the password could not be kept (no keyring), else ""."""
    found = problems(values, password_typed=bool(password))
    if found:
        raise MailSettingsInvalid(found)
    settings.write_settings(workspace, values.as_settings())
    if not password:
        return ""
    try:
        smtp_secret.store_password(values.user.strip(), password)
    except BorError as exc:
        return _("Saved, but the password was not kept. {reason}").format(reason=exc)
    return ""


# ---- the test message ---------------------------------------------------------------------------------------------

TEST_SUBJECT = N_("BOR Desk: test message")
TEST_TEXT = N_("This message was sent by BOR Desk to test the mail server settings ({host}, port {port}, {security})."
               "\n\nIf you can read it, letters can be sent this way. You need not reply.")
SECURITY_WORDS = {"starttls": "STARTTLS", "ssl": "SSL/TLS", "none": N_("unencrypted")}


def security_word(security: str) -> str:
    return _(SECURITY_WORDS.get(security, security))


def trial_message(values: MailSettings, sender: str, sender_name: str, to: str,
                 now: dt.datetime | None = None) -> EmailMessage:
    """A short text message without anything personal: only the server settings being tried."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = Address(sender_name, addr_spec=sender)
    message["To"] = Address("", addr_spec=to)
    message["Subject"] = _(TEST_SUBJECT)
    message["Date"] = format_datetime(now or dt.datetime.now().astimezone())
    message["Message-ID"] = make_msgid("bor-test", domain=sender.rpartition("@")[2] or None)
    message.set_content(_(TEST_TEXT).format(host=values.host.strip(), port=values.port,
                                            security=security_word(values.security)) + "\n",
                        cte="quoted-printable")
    return message


def send_test_message(values: MailSettings, to: str = "", password_provider: smtp_secret.PasswordProvider | None = None,
                      *, password: str = "", fallback: Fallbacks = Fallbacks(), lang: str | None = None,
                      timeout: float = TEST_TIMEOUT) -> TrialResult:
    """Send a test message with `values` (saved or not) to `to`, or to the sender address when empty. A login uses
    `password` when given (just typed), else the keyring's, else what `password_provider` answers.
    Never raises for a bad setting or an unreachable server: the result says what happened, in `lang`."""
    with in_language(lang or language()):
        return _try(values, to.strip(), password, password_provider, fallback, timeout)


def _try(values: MailSettings, to: str, typed: str, provider, fallback: Fallbacks, timeout: float) -> TrialResult:
    found = problems(values, for_sending=True, fallback=fallback)
    said = problems(values, for_sending=True, fallback=fallback, command_line=True)
    if "allow_plaintext" in found:
        return TrialResult(False, "plaintext", found["allow_plaintext"], said["allow_plaintext"])
    if found:
        field = next(iter(found))
        return TrialResult(False, "settings", found[field], said[field])
    sender = values.sender_email.strip() or fallback.sender_email
    to = to or sender
    if not mail.valid_address(to):
        problem = _("not an e-mail address (name@example.nl).")
        return TrialResult(False, "settings", _named("to", problem), _setting_named("to", problem))
    password = typed or None
    if values.user.strip() and not password:
        try:
            password = smtp_secret.password_for(values.user.strip(), provider)
        except BorError as exc:  # PasswordMissing, or the CLI's "set BORAPP_SMTP_PASSWORD"
            return TrialResult(False, "password", str(exc))
    server = values.server(timeout)
    try:
        conn = mail.connect(server, password, for_letters=False)
    except mail.ServerProblem as problem:
        return TrialResult(False, problem.kind, problem.message)
    try:
        data = mail.as_bytes(trial_message(values, sender, values.sender_name.strip() or fallback.sender_name, to))
        delivery = mail.deliver(conn, sender, to, data)
    finally:
        mail.close(conn)
    if delivery.outcome != "sent":
        return TrialResult(False, "refused", _("The mail server did not accept the test message: {reason}").format(
            reason=delivery.message))
    return TrialResult(True, "sent", _("The mail server {host} accepted the test message for {to}. Check that it "
                                       "arrives there.").format(host=server.host, to=to))


def send_test_for_vault(workspace, to: str = "", password_provider: smtp_secret.PasswordProvider | None = None, *,
                        timeout: float = TEST_TIMEOUT) -> TrialResult:
    """The test message with the settings saved in the vault (the command line's way)."""
    return send_test_message(read(workspace), to, password_provider, fallback=fallbacks(workspace), timeout=timeout)
