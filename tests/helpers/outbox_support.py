"""Shared by the outbox tests: a stand-in for the letters renderer (or the real one), cases with referrers, and
real SMTP servers on 127.0.0.1 (aiosmtpd) that record what they accept."""

from __future__ import annotations

import io
import socket
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from borapp.models import Case, Organisation
from borapp.services import settings
from borapp.services.outbox import letters as outbox_letters



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


def fake_render_letter(workspace, case_id, kind, lang=None, parent_role="", body=None, subject=None):
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
    return FakeRendered(tiny_pdf([subject, *body.splitlines()]), subject, body, name, email, subject, missing)


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

def add_referred_case(workspace, ref: str, *, contact: str = "Anna de Vries", email: str = "anna@wijkteam.example",
                      status: str = "visits") -> int:
    from tests.cases.test_case_services import add_case

    case_id = add_case(workspace, ref, status=status)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        org = session.scalar(select(Organisation).where(Organisation.name == "Wijkteam Alkmaar"))
        if org is None:
            org = Organisation(name="Wijkteam Alkmaar", kind="municipal_team", email="info@wijkteam.example",
                               contact_person=contact)
            session.add(org)
        case.referrer, case.commissioner = org, org
        case.referrer_contact, case.referrer_email = contact, email
    return case_id


def configure_smtp(workspace, port: int, *, user: str = "", security: str = "none", sender: str = "bor@desk.example",
                   allow_plaintext: bool | None = None):
    """The local test server speaks plain SMTP: a login over it is allowed explicitly, as a user would have to."""
    allow = bool(user) if allow_plaintext is None else allow_plaintext
    settings.write_settings(workspace, {"smtp.host": "127.0.0.1", "smtp.port": str(port), "smtp.security": security,
                                        "smtp.user": user, "smtp.from": sender, "organisation.name": "BOR Noord",
                                        "smtp.allow_plaintext": "1" if allow else "0"})


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
