"""E-mail for the outbox: the message (RFC 5322, the letter's PDF attached) and its delivery over SMTP.

Delivery tells apart what matters for "nothing lost, nothing sent twice":
- "sent": the server accepted the message (250 after the data);
- "temporary": not delivered and safe to try again (unreachable server, a 4xx answer, a broken connection before
  the message text went out);
- "permanent": refused for good (a 5xx answer): the letter needs fixing;
- "unknown": the connection broke after the message text went out, so the server may have accepted it. Trying
  again automatically could deliver it twice; a person has to check.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from borapp.i18n import N_, _, in_language

EMAIL_RE = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+$")
GREETING = N_("Dear {name},")  # where the letter's text opens without a greeting of its own (`salutation`)
GREETING_UNNAMED = N_("Dear Sir or Madam,")
GREETING_LENGTH = 120  # a longer first line is a sentence, not a greeting
COVER_TEXT = N_("Please find attached our letter: {subject}.")
SIGN_OFF = N_("Kind regards,")


def valid_address(address: str) -> bool:
    return bool(EMAIL_RE.match(address or ""))


@dataclass(frozen=True)
class Envelope:
    """Who a message is from and to, and what it says; the PDF is the letter itself."""

    sender_email: str
    sender_name: str
    to_email: str
    to_name: str
    subject: str
    language: str
    pdf: bytes
    pdf_name: str
    message_id: str = ""
    greeting: str = ""  # the letter's own (`salutation`), so that the message greets as the letter does


def salutation(body: str) -> str:
    """The greeting a letter's text opens with ("Geachte Anna de Vries,", "Beste Karel Bakker,"): one line ending
    in a comma before the first blank line; "" when the text opens otherwise."""
    first = re.split(r"\n[ \t]*\n", (body or "").replace("\r\n", "\n").strip(), maxsplit=1)[0].strip()
    return first if first.endswith(",") and "\n" not in first and len(first) <= GREETING_LENGTH else ""


def cover_text(envelope: Envelope) -> str:
    """The short e-mail text around the attached letter, in the letter's own language, greeting as the letter
    does (formally to a referrer, "Beste" to a parent, or as the coordinator wrote it)."""
    with in_language(envelope.language):
        greeting = envelope.greeting or (_(GREETING).format(name=envelope.to_name) if envelope.to_name
                                         else _(GREETING_UNNAMED))
        lines = [greeting, "", _(COVER_TEXT).format(subject=envelope.subject), "", _(SIGN_OFF)]
    if envelope.sender_name:
        lines.append(envelope.sender_name)
    return "\n".join(lines) + "\n"


def build_message(envelope: Envelope, *, draft: bool = False, now: dt.datetime | None = None) -> EmailMessage:
    """The message with the PDF attached; `draft` adds X-Unsent: 1 so a mail program opens it for editing."""
    message = EmailMessage(policy=policy.SMTP)
    if envelope.sender_email:
        message["From"] = Address(envelope.sender_name, addr_spec=envelope.sender_email)
    if envelope.to_email:
        message["To"] = Address(envelope.to_name, addr_spec=envelope.to_email)
    message["Subject"] = envelope.subject
    message["Date"] = format_datetime(now or dt.datetime.now().astimezone())
    if envelope.message_id:
        message["Message-ID"] = envelope.message_id
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(cover_text(envelope), cte="quoted-printable")
    message.add_attachment(envelope.pdf, maintype="application", subtype="pdf", filename=envelope.pdf_name)
    return message


def as_bytes(message: EmailMessage) -> bytes:
    """The message as it goes over the wire or into an .eml file: CRLF line ends, headers folded for SMTP."""
    return message.as_bytes(policy=policy.SMTP)


def message_id(letter_id: int, made: dt.datetime, sender_email: str) -> str:
    """The same Message-ID on every try of one letter, so a copy that did arrive twice is recognisable as one."""
    domain = sender_email.rpartition("@")[2] or "bordesk.invalid"
    return f"<bor-letter-{letter_id}-{made:%Y%m%d%H%M%S%f}@{domain}>"


# ---- SMTP -----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ServerSettings:
    host: str
    port: int
    security: str  # none | starttls | ssl
    user: str
    timeout: float = 30.0


@dataclass(frozen=True)
class Delivery:
    outcome: str  # sent | temporary | permanent | unknown
    message: str = ""


class ServerProblem(Exception):
    """The server could not be reached or would not let us in: nothing was sent, everything may be tried again.

    `kind` says which: unreachable | login | tls | unsupported | refused."""

    def __init__(self, message: str, kind: str = "unreachable"):
        super().__init__(message)
        self.message = message
        self.kind = kind


def connect(server: ServerSettings, password: str | None, *, for_letters: bool = True) -> smtplib.SMTP:
    """An open, greeted (and, with a user, logged-in) connection; ServerProblem when that fails.
    `for_letters`: an unreachable server's message says the letters stay ready (not so for a test message)."""
    try:
        return _connect(server, password)
    except smtplib.SMTPAuthenticationError as exc:
        raise ServerProblem(_("The mail server refused the login for {user} ({reply}). Check the user name and the "
                              "password.").format(user=server.user, reply=_reply(exc)), "login") from None
    except smtplib.SMTPNotSupportedError as exc:
        if "STARTTLS" in str(exc):
            raise ServerProblem(_("The mail server does not offer STARTTLS (an encrypted connection) on port {port}. "
                                  "Check the security setting and the port.").format(port=server.port), "tls") from None
        raise ServerProblem(_("The mail server does not offer a login on port {port}. Leave the login name empty, or "
                              "check the security setting and the port.").format(port=server.port),
                            "unsupported") from None
    except ssl.SSLError as exc:
        raise ServerProblem(_("No secure connection with the mail server ({detail}). Check the security setting and "
                              "the port (STARTTLS: usually 587, SSL/TLS: usually 465).").format(
            detail=_tls_detail(exc)), "tls") from None
    except smtplib.SMTPResponseException as exc:
        raise ServerProblem(_("The mail server refused the connection ({reply}).").format(reply=_reply(exc)),
                            "refused") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise ServerProblem(unreachable(server, exc, for_letters=for_letters)) from None


def _tls_detail(exc: ssl.SSLError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return _("the server's certificate could not be verified: {why}").format(
            why=exc.verify_message or exc.reason or "")
    return exc.reason or type(exc).__name__


def _connect(server: ServerSettings, password: str | None) -> smtplib.SMTP:
    if server.security == "ssl":
        conn: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout,
                                              context=ssl.create_default_context())
    else:
        conn = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    try:
        conn.ehlo()
        if server.security == "starttls":
            conn.starttls(context=ssl.create_default_context())
            conn.ehlo()
        if server.user:
            conn.login(server.user, password or "")
    except BaseException:
        _close(conn)
        raise
    return conn


def unreachable(server: ServerSettings, exc: BaseException, *, for_letters: bool = True) -> str:
    if isinstance(exc, socket.gaierror):
        why = _("the name {host} is not known").format(host=server.host)
    elif isinstance(exc, ConnectionRefusedError):
        why = _("connection refused")
    elif isinstance(exc, (TimeoutError, socket.timeout)):
        why = _("no answer in time")
    elif isinstance(exc, smtplib.SMTPServerDisconnected):
        why = _("the connection was closed")
    else:
        why = type(exc).__name__
    if not for_letters:
        return _("The mail server {host}:{port} could not be reached ({why}). Check the server's name and the port."
                 ).format(host=server.host, port=server.port, why=why)
    return _("The mail server {host}:{port} could not be reached ({why}). The letters stay ready to send.").format(
        host=server.host, port=server.port, why=why)


def deliver(conn: smtplib.SMTP, sender: str, recipient: str, data: bytes) -> Delivery:
    """One message through an open connection: MAIL, RCPT, DATA, each answer classified."""
    try:
        code, reply = conn.mail(sender)
        if code != 250:
            return _refused(conn, code, reply)
        code, reply = conn.rcpt(recipient)
        if code not in (250, 251):
            return _refused(conn, code, reply, N_("Check the recipient's e-mail address (Edit), then choose Try "
                                                  "again."))
        code, reply = conn.docmd("DATA")
        if code != 354:
            return _refused(conn, code, reply)
    except (OSError, smtplib.SMTPException) as exc:  # before the text went out: not delivered
        return Delivery("temporary", _("The connection to the mail server broke ({kind}); not sent.")
                        .format(kind=type(exc).__name__))
    try:
        conn.send(_dot_stuffed(data))
        code, reply = conn.getreply()
    except (OSError, smtplib.SMTPException):
        return Delivery("unknown", _("The connection broke while the mail server was receiving this letter, so it "
                                     "may have been delivered. Check with the recipient before you send it again."))
    if code == 250:
        return Delivery("sent")
    return _refused(conn, code, reply)


def _refused(conn: smtplib.SMTP, code: int, reply: bytes | str, recipient_hint: str = "") -> Delivery:
    """What the server said, and for a refusal that stays (5xx) what to do about it: the recipient's address when
    the recipient was refused, else the mail settings. A temporary one (4xx) goes again with the next send."""
    try:
        conn.rset()
    except (OSError, smtplib.SMTPException):
        pass
    text = _("The mail server answered {code} {reply}.").format(code=code, reply=_text(reply))
    if not 500 <= code < 600:
        return Delivery("temporary", text)
    hint = _(recipient_hint) if recipient_hint else _(
        "Check the mail settings (Settings, Mail) or ask whoever runs the mail server, then choose Try again.")
    return Delivery("permanent", f"{text} {hint}")


def _dot_stuffed(data: bytes) -> bytes:
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _reply(exc: smtplib.SMTPResponseException) -> str:
    return f"{exc.smtp_code} {_text(exc.smtp_error)}".strip()


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())[:300]


def close(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        _close(conn)


def _close(conn: smtplib.SMTP) -> None:
    try:
        conn.close()
    except OSError:
        pass
