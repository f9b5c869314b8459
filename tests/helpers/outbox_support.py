"""Shared by the outbox tests: a stand-in for the letters renderer (or the real one), cases with referrers, a folder
that refuses files, and real SMTP servers on 127.0.0.1 (aiosmtpd) that record what they accept."""

from __future__ import annotations

import datetime as dt
import errno
import io
import re
import socket
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from borapp.models import Case, Organisation
from borapp.services import settings
from borapp.services.errors import BorError
from borapp.services.outbox import export
from borapp.services.outbox import letters as outbox_letters
from borapp.services.vault.file_writing import write_problem



# ---- documents ------------------------------------------------------------------------------------------------------

def tiny_pdf(lines: list[str], title: str = "Brief") -> bytes:
    """A small, valid PDF with `lines` as real text (pypdf reads it back), made in memory."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    y = 800
    for line in lines:
        if y < 60:
            pdf.showPage()
            y = 800
        pdf.drawString(60, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@dataclass
class FakeRendered:
    pdf: bytes
    subject: str
    body: str
    recipient_name: str
    recipient_email: str
    title: str
    missing: list[str] = field(default_factory=list)
    addressee: str = ""


def fake_render_letter(workspace, case_id, kind, lang=None, parent_role="", body=None, subject=None,
                       recipient_name=None, address=None, facts=None, addressee=None):
    with workspace.session() as session:
        case = session.get(Case, case_id)
        ref = case.ref
        if parent_role:
            parent = case.parent(parent_role)
            name, email = (parent.name, parent.email) if parent else ("", "")
        else:
            name, email = case.referrer_contact, case.referrer_email
    subject = subject or (f"Terugkoppeling {kind} {ref}" if lang != "en" else f"Feedback {kind} {ref}")
    if body is None:
        body = f"Beste {name or 'verwijzer'},\n\nDit is de brief ({kind}) over dossier {ref}.\n\nMet vriendelijke groet"
    missing = [] if email else ["Het e-mailadres van de ontvanger"]
    block = [line for line in (recipient_name or "", *(address or "").splitlines()) if line.strip()]
    return FakeRendered(tiny_pdf([*block, subject, *body.splitlines()]), subject, body, recipient_name or name,
                        email, subject, missing, addressee or "")


def fake_render_contract(workspace, case_id, lang=None):
    with workspace.session() as session:
        ref = session.get(Case, case_id).ref
    lines = [f"BOR-overeenkomst {ref}", "Afspraken over de omgang"] + [f"Artikel {i}" for i in range(1, 70)]
    return FakeRendered(tiny_pdf(lines, "Overeenkomst"), "", "", "", "", "Overeenkomst")


@pytest.fixture(params=["stand-in", "real"])
def renderer(request, monkeypatch):
    """The letters renderer: a small stand-in (fast, exact lines to read back) and always the real one as well."""
    if request.param == "stand-in":
        monkeypatch.setattr(outbox_letters, "render_letter", fake_render_letter)
    return request.param


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(outbox_letters, "render_letter", fake_render_letter)


# ---- messages -------------------------------------------------------------------------------------------------------

# The confidential address of the outbox tests (Geheimsteeg 77, 1234 AB): its postcode digits count only where they
# stand alone, since a MIME boundary or Message-ID is a random run of digits that may hold "1234".
LEAK_PATTERN = re.compile(r"geheimsteeg|(?<!\d)1234(?!\d)")


def leaked(text: str) -> list[str]:
    """The pieces of the confidential address found in `text`, whatever its case and spacing."""
    return LEAK_PATTERN.findall(" ".join(text.split()).lower())


def message_texts(eml: bytes, pdf_text=None) -> list[str]:
    """Every header and every decoded part of a message; an attached PDF as its text when `pdf_text` reads it."""
    from email import message_from_bytes, policy

    message = message_from_bytes(eml, policy=policy.default)
    texts = [f"{name}: {value}" for name, value in message.items()]
    for part in message.walk():
        texts += [f"{name}: {value}" for name, value in part.items()]
        if part.get_filename():
            texts.append(part.get_filename())
        if part.is_multipart():
            continue
        payload = part.get_content()
        if part.get_content_type() == "application/pdf":
            texts.append(pdf_text(payload) if pdf_text else "")
        else:
            texts.append(str(payload))
    return texts


# ---- cases ----------------------------------------------------------------------------------------------------------

REFERRER_ADDRESS = "Postbus 53\n1800 BC Alkmaar"
# The story of a case referred on 5 March 2025, step by step; a case gets the steps up to its status.
STEPS = (("registered", "intake", dt.date(2025, 3, 12)), ("intake", "contract", dt.date(2025, 3, 20)),
         ("contract", "matching", dt.date(2025, 3, 25)), ("matching", "visits", dt.date(2025, 4, 1)),
         ("visits", "closing", dt.date(2025, 6, 20)), ("closing", "closed", dt.date(2025, 7, 1)))
HELD = (dt.date(2025, 4, 5), dt.date(2025, 4, 19), dt.date(2025, 5, 3))


def add_referred_case(workspace, ref: str, *, contact: str = "Anna de Vries", email: str = "anna@wijkteam.example",
                      status: str = "closed", complete: bool = True) -> int:
    """A case referred by Wijkteam Alkmaar, whose postal address is known, with its story recorded up to `status`
    (by default the whole way: intake, contract, volunteer, visits, evaluations, closed with an outcome), so that
    every letter to the referrer fills in without a line left open and states its dates in order. A case in
    "visits" has a visit planned ahead (the schedule fills in too) and no closing yet.

    `complete=False` leaves the organisation without an address and the case as bare as registered: its letters
    have gaps, for the tests of the rule that such a letter does not go out."""
    from tests.cases.test_case_services import add_case

    case_id = add_case(workspace, ref, status=status)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        org = session.scalar(select(Organisation).where(Organisation.name == "Wijkteam Alkmaar"))
        if org is None:
            org = Organisation(name="Wijkteam Alkmaar", kind="municipal_team", email="info@wijkteam.example",
                               contact_person=contact, address=REFERRER_ADDRESS if complete else "")
            session.add(org)
        case.referrer, case.commissioner = org, org
        case.referrer_contact, case.referrer_email = contact, email
        if complete:
            _tell_the_story(session, case, status)
    return case_id


def add_gapped_case(workspace, ref: str, **kwargs) -> int:
    """A case whose letters have gaps: the referrer's postal address, the coordinator, the dates not known yet."""
    with workspace.session() as session:  # a referrer of its own, without an address (not Wijkteam Alkmaar's)
        org = session.scalar(select(Organisation).where(Organisation.name == "Jeugdteam Zonderadres"))
        if org is None:
            org = Organisation(name="Jeugdteam Zonderadres", kind="municipal_team")
            session.add(org)
            session.flush()
        org_id = org.id
    case_id = add_referred_case(workspace, ref, status=kwargs.pop("status", "registered"), complete=False, **kwargs)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.referrer = case.commissioner = session.get(Organisation, org_id)
    return case_id


def _tell_the_story(session, case: Case, status: str) -> None:
    """The steps, the agreements, the volunteer, the visits and the evaluations of a case up to `status`."""
    from borapp.models import Coordinator, Evaluation, StatusChange, Visit, Volunteer

    steps = [step for step in STEPS if _reached(step[1], status)]
    for frm, to, on in steps:
        case.history.append(StatusChange(on=on, from_status=frm, to_status=to))
    case.coordinator = (case.coordinator or session.scalar(select(Coordinator).order_by(Coordinator.id))
                        or Coordinator(name="Carla Coördinator"))
    if not _reached("contract", status):
        return
    case.visit_place, case.visit_frequency = "Speeltuin De Klimboom, Alkmaar", "Om de week op zaterdag, twee uur"
    case.handover, case.cancellation_rules = "Moeder brengt Sanne.", "Afzeggen uiterlijk 24 uur van tevoren."
    case.house_rules = "Niet praten over de scheiding waar Sanne bij is."
    if not _reached("visits", status):
        return
    volunteer = session.scalar(select(Volunteer).where(Volunteer.name == "Vera Vrijwilliger"))
    case.volunteer = volunteer or Volunteer(name="Vera Vrijwilliger")
    session.flush()
    for on in HELD:
        session.add(Visit(case_id=case.id, on=on, state="held", start_time=dt.time(10), end_time=dt.time(12),
                          place=case.visit_place))
    session.add(Evaluation(case_id=case.id, held_on=dt.date(2025, 5, 10), kind="midway",
                           participants="beide ouders, de vrijwilliger en de coördinator",
                           agreements="Vanaf juni twee uur per keer."))
    if status == "closed":
        case.outcome, case.closed_on = "successful", STEPS[-1][2]
        case.outcome_note = "Ouders regelen de omgang voortaan zelf."
        session.add(Evaluation(case_id=case.id, held_on=dt.date(2025, 6, 25), kind="final",
                               agreements="De ouders maken samen een schema voor de zomer."))
    else:
        session.add(Visit(case_id=case.id, on=dt.date.today() + dt.timedelta(days=14), state="planned",
                          start_time=dt.time(10), end_time=dt.time(12), place=case.visit_place))


def _reached(step: str, status: str) -> bool:
    order = ["registered", *(to for _frm, to, _on in STEPS)]
    return status in order and order.index(step) <= order.index(status)


def configure_smtp(workspace, port: int, *, user: str = "", security: str = "none", sender: str = "bor@desk.example",
                   allow_plaintext: bool | None = None):
    """The local test server speaks plain SMTP: that is allowed explicitly, as a user would have to."""
    allow = security == "none" if allow_plaintext is None else allow_plaintext
    settings.write_settings(workspace, {"smtp.host": "127.0.0.1", "smtp.port": str(port), "smtp.security": security,
                                        "smtp.user": user, "smtp.from": sender, "organisation.name": "BOR Noord",
                                        "smtp.allow_plaintext": "1" if allow else "0"})


# ---- folders ------------------------------------------------------------------------------------------------------

def failing_after(monkeypatch, files: int) -> list:
    """The folder takes `files` files, then refuses every write as a full or read-only one does."""
    real, written = export.write_atomic, []

    def write(path, data):
        if len(written) >= files:
            raise BorError(write_problem(path.parent, OSError(errno.EROFS, "Read-only file system")))
        real(path, data)
        written.append(path)

    monkeypatch.setattr(export, "write_atomic", write)
    return written


# ---- SMTP -----------------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """An aiosmtpd handler that keeps what it accepts, or answers every DATA (or RCPT) with `reply`."""

    def __init__(self, reply: str = "", at: str = "DATA"):
        self.reply, self.at = reply, at
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd API
        if self.reply and self.at == "RCPT":
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.reply and self.at == "DATA":
            return self.reply
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or b""))
        return "250 Message accepted for delivery"


class LocalServer:
    """A real SMTP server on 127.0.0.1 for one test; `start()`/`stop()` it to play up and down."""

    def __init__(self, handler: Recorder, port: int | None = None, **smtp_kwargs):
        self.handler, self.port, self.kwargs = handler, port or free_port(), smtp_kwargs
        self.controller = None

    def start(self) -> LocalServer:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10,
                                     **self.kwargs)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    servers: list[LocalServer] = []

    def make(reply: str = "", at: str = "DATA", start: bool = True, **kwargs) -> LocalServer:
        server = LocalServer(Recorder(reply, at), **kwargs)
        servers.append(server)
        return server.start() if start else server

    yield make
    for server in servers:
        server.stop()


# ---- the keyring ----------------------------------------------------------------------------------------------------

class FakeKeyring:
    """A keyring in memory, for machines (like CI) whose own keyring is keyring's "fail" stand-in."""

    def __init__(self, stored=None):
        self.stored = dict(stored or {})

    def get_keyring(self):
        return self

    def get_password(self, service, user):
        return self.stored.get((service, user))

    def set_password(self, service, user, password):
        self.stored[(service, user)] = password

    def delete_password(self, service, user):
        self.stored.pop((service, user), None)


@pytest.fixture
def fake_keyring(monkeypatch):
    from borapp.services.outbox import smtp_secret

    keyring = FakeKeyring()
    monkeypatch.setattr(smtp_secret, "_keyring", lambda: keyring)
    return keyring


@pytest.fixture
def auth_server(smtp_server):
    """A mail server that asks for a login and takes the password "geheim"; `.logins` lists the tries."""
    logins: list[tuple[str, str]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"geheim", handled=False)

    server = smtp_server(auth_require_tls=False, authenticator=authenticator)
    server.logins = logins
    return server
