"""Sending the ready letters over SMTP, so that nothing is lost and nothing goes out twice.

Per letter, in this order:
1. it is checked (a line still to fill in, or dates in an impossible order, make it FAILED with
   the gaps named: a person finishes it, then tries again); its PDF and message are made in memory;
2. it is claimed in its own committed transaction: `error` gets the sending mark with the time, but only while the
   letter is still ready, unchanged and unclaimed (so a second window or a `borapp letters send` at the same time
   skips it);
3. the server gets MAIL, RCPT and DATA;
4. the answer is committed at once: SENT (the PDF kept), or still READY with the reason (temporary), or FAILED
   with the reason (permanent, or "may have been delivered").
A crash between 3 and 4 leaves the mark behind. The next send does not send such a letter again: once the mark is
older than STALE_AFTER it marks the letter FAILED with "may have been delivered; check, then try again", so a
person decides. A crash between 2 and 3 (before the server got anything) is reported the same way: the safe side.
A ready letter a send leaves alone (being sent elsewhere, or marked by an export) is SKIPPED, and the result says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update

from borapp.i18n import _
from borapp.models import Case, Letter
from borapp.models.base import utcnow
from borapp.services import audit, settings
from borapp.services.outbox import letters as outbox_letters, mail, smtp_secret
from borapp.services.outbox.mail_setup import plaintext_refusal
from borapp.services.sync import capture
from borapp.services.errors import BorError, UsageError
from borapp.services.outbox.listing import EXPORT_MARK, SENDING_MARK, get_letter_row, kind_label

STALE_AFTER = dt.timedelta(minutes=10)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LetterOutcome:
    letter_id: int
    case_ref: str
    kind: str
    state: str  # sent | ready (kept for later) | failed | skipped (left alone: `error` says why)
    error: str = ""
    command_line_error: str = ""  # `error` as the command line says it, when it says it otherwise

    def label(self) -> str:
        """Which letter, in words."""
        return _("{case} {kind} (letter {id})").format(case=self.case_ref, kind=kind_label(self.kind),
                                                      id=self.letter_id)

    def line(self, command_line: bool = False) -> str:
        """One line for the user: which letter, and why it did not go."""
        error = self.command_line_error if command_line and self.command_line_error else self.error
        return f"{self.label()}: {error}" if error else self.label()


@dataclass
class SendResult:
    outcomes: list[LetterOutcome] = field(default_factory=list)
    warning: str = ""  # e.g. letters went over a connection that was not encrypted
    command_line_warning: str = ""  # the same, naming the settings as `borapp config` takes them

    def _in(self, state: str) -> list[LetterOutcome]:
        return [o for o in self.outcomes if o.state == state]

    @property
    def sent(self) -> list[LetterOutcome]:
        return self._in("sent")

    @property
    def kept(self) -> list[LetterOutcome]:
        return self._in("ready")

    @property
    def failed(self) -> list[LetterOutcome]:
        return self._in("failed")

    @property
    def skipped(self) -> list[LetterOutcome]:
        return self._in("skipped")

    @property
    def ok(self) -> bool:
        """Everything that was ready went out (also true when nothing was ready)."""
        return len(self.sent) == len(self.outcomes)


class MailNotSetUp(UsageError):
    """The mail server's settings do not allow a send; said with where the app sets them (Settings → Mail), and
    `command_line` says it with the settings `borapp config set` takes."""

    def __init__(self, message: str, command_line: str):
        super().__init__(message)
        self.command_line = command_line


@dataclass(frozen=True)
class SendPlan:
    ready: int
    needs_password: bool  # a login is set and the keyring holds no password for it


def send_plan(workspace) -> SendPlan:
    """What a send would need before it starts: the GUI asks for a password only when this says so."""
    user = settings.read_setting(workspace, "smtp.user").strip()
    ready = sum(row.goes_from_here for row in outbox_letters.list_letters(workspace, ("ready",)))
    return SendPlan(ready, bool(ready and user and smtp_secret.stored_password(user) is None))


def server_settings(workspace, timeout: float = 30.0) -> mail.ServerSettings:
    with workspace.session() as session:
        host = settings.get(session, "smtp.host").strip()
        server = mail.ServerSettings(host, settings.get_int(session, "smtp.port"), settings.get(session, "smtp.security"),
                                     settings.get(session, "smtp.user").strip(), timeout)
        allow_plaintext = settings.get(session, "smtp.allow_plaintext") == "1"
    if not host:
        raise MailNotSetUp(_("No mail server is set up yet. Set it up first: Settings → Mail."),
                           _("No mail server is set. Set it first with 'borapp config set smtp.host NAME' (and "
                             "smtp.port, smtp.security), or in the app: Settings → Mail."))
    if server.security == "none" and not allow_plaintext:
        raise MailNotSetUp(
            _("The mail server is set up without encryption, so the letters (and the password, if there is a login) "
              "would cross the network readable. Choose STARTTLS or SSL/TLS in Settings → Mail; only on a network "
              "you trust, tick \u201cAllow an unencrypted connection\u201d there instead."),
            plaintext_refusal(command_line=True))
    return server


def plaintext_warning(server: mail.ServerSettings, command_line: bool = False) -> str:
    """Said loudly with every send over an unencrypted connection: in the app's words, or the settings' names on
    the command line."""
    if server.security != "none":
        return ""
    if command_line:
        return _("Warning: the connection to the mail server is not encrypted (smtp.security none); the letters "
                 "crossed the network readable. Choose starttls or ssl.")
    return _("Warning: the connection to the mail server is not encrypted; the letters crossed the network readable. "
             "Choose STARTTLS or SSL/TLS in Settings → Mail.")


def send_ready(workspace, password_provider: smtp_secret.PasswordProvider | None = None, *, timeout: float = 30.0,
               progress: Progress | None = None) -> SendResult:
    """Send every ready letter; see the module's doc for the order that keeps a letter from going out twice."""
    server = server_settings(workspace, timeout)
    sender_email, sender_name = outbox_letters.sender(workspace)
    if not mail.valid_address(sender_email):
        raise MailNotSetUp(_("No sender address is set up yet. Fill it in first: Settings → Mail (Sender address), "
                             "or give the organisation an e-mail address in Settings → Organisation."),
                           _("No sender address is set. Set it first with 'borapp config set smtp.from ADDRESS' "
                             "(or organisation.email), or in the app: Settings → Mail."))
    result = SendResult()
    _fail_interrupted(workspace, result)
    _note_skipped(workspace, result)
    todo = _ready_ids(workspace)
    if not todo:
        return result
    password = smtp_secret.password_for(server.user, password_provider) if server.user else None
    try:
        conn = mail.connect(server, password)
    except mail.ServerProblem as problem:
        for letter_id in todo:
            _record(workspace, letter_id, "ready", problem.message, result)
        return result
    try:
        for done, letter_id in enumerate(todo):
            _send_one(workspace, conn, letter_id, sender_email, sender_name, result)
            if progress:
                progress(done + 1, len(todo))
    finally:
        mail.close(conn)
    if result.sent:
        result.warning = plaintext_warning(server)
        result.command_line_warning = plaintext_warning(server, command_line=True)
    return result


def _send_one(workspace, conn, letter_id: int, sender_email: str, sender_name: str, result: SendResult) -> None:
    row = get_letter_row(workspace, letter_id)
    if row is None or row.state != "ready":
        return
    with workspace.session() as session:
        stamp = session.get(Letter, letter_id).updated_at
    if not mail.valid_address(row.recipient_email):
        _record(workspace, letter_id, "failed", _("No e-mail address for the recipient. Add it (Edit), then try again."),
                result)
        return
    try:
        found = outbox_letters.checked(workspace, letter_id)
    except BorError as exc:
        _record(workspace, letter_id, "failed", str(exc), result)
        return
    if found.problems:  # a line still to fill in, or dates out of order: a person finishes it, then tries again
        _record(workspace, letter_id, "failed", found.problems, result, said=found.command_line_problems)
        return
    pdf = found.pdf
    envelope = outbox_letters.envelope_for(workspace, row, pdf, sender_email, sender_name,
                                           outbox_letters.pdf_file_name(row), found.in_message, found.greeting)
    data = mail.as_bytes(mail.build_message(envelope))
    if not _claim(workspace, letter_id, stamp):  # changed or claimed elsewhere since it was read
        result.outcomes.append(LetterOutcome(letter_id, row.case_ref, row.kind, "skipped", _(
            "It was changed, or taken by another send, while this send ran; the next send takes it.")))
        return
    delivery = mail.deliver(conn, sender_email, row.recipient_email, data)
    if delivery.outcome == "sent":
        _record(workspace, letter_id, "sent", "", result, pdf=pdf)
    else:
        _record(workspace, letter_id, "ready" if delivery.outcome == "temporary" else "failed", delivery.message, result)


def _ready_ids(workspace) -> list[int]:
    """Ready letters made on this laptop (a colleague's laptop sends its own) and not being sent or exported
    elsewhere, the longest waiting first."""
    with workspace.session() as session:
        return list(session.scalars(select(Letter.id).where(Letter.state == "ready", Letter.received_from == "",
                                                            Letter.error.not_like(SENDING_MARK + "%"),
                                                            Letter.error.not_like(EXPORT_MARK + "%"))
                                    .order_by(Letter.state_changed_at, Letter.id)))


def _claim(workspace, letter_id: int, stamp: dt.datetime) -> bool:
    """Mark the letter as being sent, in its own transaction, if it is still ready, unchanged and unclaimed."""
    mark = SENDING_MARK + utcnow().isoformat()
    with workspace.session() as session:
        before = session.scalar(select(Letter.error).where(Letter.id == letter_id))
        done = session.execute(
            update(Letter).where(Letter.id == letter_id, Letter.state == "ready", Letter.updated_at == stamp,
                                 Letter.error.not_like(SENDING_MARK + "%"))
            .values(error=mark, updated_at=utcnow())
            .execution_options(synchronize_session=False))
        if done.rowcount == 1:  # an UPDATE the ORM does not see: its operation for team sync written here
            capture.write_update(session, "letter", letter_id, {"error": (before, mark)})
        return done.rowcount == 1


def _record(workspace, letter_id: int, state: str, error: str, result: SendResult, pdf: bytes | None = None,
            said: str = "") -> None:
    """The outcome of one try, committed at once; `said`: `error` as the command line says it ("": the same)."""
    with workspace.session() as session:
        letter = session.get(Letter, letter_id)
        letter.attempts += 1
        letter.error = error
        if state != letter.state:
            letter.state = state
            letter.state_changed_at = utcnow()
        if pdf is not None:
            letter.pdf = pdf
        audit.record(session, "send", "letter", letter_id, outbox_letters.workspace_actor(workspace))
        ref = letter_ref(session, letter)
        result.outcomes.append(LetterOutcome(letter_id, ref, letter.kind, state, error, said))


def _fail_interrupted(workspace, result: SendResult) -> None:
    """Letters whose sending was cut off (the mark is old) may have been delivered: a person decides."""
    cutoff = utcnow() - STALE_AFTER
    with workspace.session() as session:
        marked = session.scalars(select(Letter).where(Letter.state == "ready",
                                                      Letter.error.like(SENDING_MARK + "%"))).all()
        for letter in marked:
            if _mark_time(letter.error) > cutoff:
                continue  # being sent right now, by another window or command
            letter.state, letter.state_changed_at = "failed", utcnow()
            letter.error = _("Sending was interrupted after the letter went to the mail server, so it may have been "
                             "delivered. Check with the recipient, then try again if it did not arrive.")
            result.outcomes.append(LetterOutcome(letter.id, letter_ref(session, letter), letter.kind, "failed",
                                                 letter.error))


def _note_skipped(workspace, result: SendResult) -> None:
    """Ready letters made here that this send leaves alone, each with why: one being sent from another window or
    command, one an export marked (it may be in a folder already: sent too, it could go out twice)."""
    with workspace.session() as session:
        marked = session.scalars(select(Letter).where(
            Letter.state == "ready", Letter.received_from == "",
            Letter.error.like(SENDING_MARK + "%") | Letter.error.like(EXPORT_MARK + "%"))
            .order_by(Letter.state_changed_at, Letter.id)).all()
        for letter in marked:
            result.outcomes.append(LetterOutcome(letter.id, letter_ref(session, letter), letter.kind, "skipped",
                                                 _skip_reason(letter.error)))


def _skip_reason(error: str) -> str:
    if error.startswith(SENDING_MARK):
        return _("It is being sent right now, from another window or command.")
    folder = Path(error[len(EXPORT_MARK):]).parent
    return _("An export to {folder} is writing it, or was cut off while writing it. Export again to finish it; it "
             "is not sent as well, so that it does not go out twice.").format(folder=folder)


def _mark_time(error: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(error[len(SENDING_MARK):])
    except ValueError:
        return dt.datetime.min


def letter_ref(session, letter: Letter) -> str:
    return session.scalar(select(Case.ref).where(Case.id == letter.case_id)) or ""
