"""The outbox: feedback letters made, checked, edited, marked ready, and then exported as e-mail drafts or sent.

States: draft (proposed, to be checked) → ready (to go out) → exported or sent (final: the PDF as it left is kept);
a permanent refusal makes a letter failed, to be fixed and put back to ready with `retry`. A letter with a line
still to fill in ("______") or stating dates in an impossible order is not made ready, retried, exported or sent:
the refusal names each gap and where to fill it (`documents.letter_checks`). Only draft, ready and failed letters
can be edited. PDFs are made in memory; nothing touches the disk unless the user exports or saves.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select

from borapp.formatting import number
from borapp.i18n import _, in_language
from borapp.models import Case, Letter
from borapp.models.base import utcnow
from borapp.models.documents import LETTER_KINDS
from borapp.services import audit, settings
from borapp.services.cases.flow import case_id_by_ref as find_case_id  # noqa: F401 - part of this API
from borapp.services.documents.addressee import (
    COMMISSIONER, REFERRER, TO_COMMISSIONER, default_addressee, has_own_commissioner,
)
from borapp.services.errors import BorError, NotFound, UsageError, ValidationError
from borapp.services.organisations.addresses import block_lines
from borapp.services.outbox import listing, mail
from borapp.services.vault import written_places
from borapp.services.vault.file_writing import write_file
from borapp.services.outbox.listing import (
    EDITABLE_STATES,
    EXPORT_MARK,
    SENDING_MARK,
    WAITING_STATES,
    LetterRow,
    LetterText,
    get_letter_row,
    kind_label,
    list_letters,
    state_label,
)
from borapp.services.privacy import letter_policy
from borapp.services.privacy.redaction import Redactor, case_redactor

__all__ = [
    "EDITABLE_STATES", "WAITING_STATES", "LetterRow", "LetterText", "get_letter_text", "NewLetter", "kind_label",
    "state_label",
    "list_letters", "get_letter_row", "new_letter", "create_letter", "set_body", "mark_ready", "retry", "letter_pdf",
    "save_pdf", "write_pdf_copy", "note_printed", "find_case_id", "render_letter", "render_stored",
    "default_address", "problems", "ready_problems", "letter_check", "Checked", "checked", "Addressee",
    "addressees", "HeldBack",
]
ADDRESS_BLOCK_LINES = 6  # the organisation's name, a "t.a.v." line and an address of up to four lines
SUBJECT_LENGTH, RECIPIENT_LENGTH = 300, 200  # as the letter table keeps them


def render_letter(workspace, case_id: int, kind: str, lang: str | None = None, parent_role: str = "",
                  body: str | None = None, subject: str | None = None, recipient_name: str | None = None,
                  address: str | None = None, facts=None, addressee: str | None = None):
    """The documents module's renderer (imported when first needed; tests may put a stand-in here). `facts`: the
    case's, read already by `letter_facts` for the letter's check; `addressee` None: the kind's default."""
    from borapp.services.documents.letters import render_letter as render

    return render(workspace, case_id, kind, lang=lang, parent_role=parent_role, body=body, subject=subject,
                  recipient_name=recipient_name, address=address, facts=facts, addressee=addressee)


def render_stored(workspace, letter_id: int):
    """A letter rendered from what it holds: its text, subject, recipient and address block (`RenderedLetter`)."""
    with workspace.session() as session:
        stored = _stored(_letter(session, letter_id))
    return render_letter(workspace, **stored)


def _stored(letter: Letter) -> dict:
    """What a letter is rendered from, as `render_letter` takes it."""
    return {"case_id": letter.case_id, "kind": letter.kind, "lang": letter.language,
            "parent_role": letter.parent_role, "body": letter.body, "subject": letter.subject,
            "recipient_name": letter.recipient_name, "address": letter.recipient_address,
            "addressee": letter.addressee}


def get_letter_text(workspace, letter_id: int) -> LetterText | None:
    """What the editor shows; a letter without an address block of its own shows the case's, to change."""
    found = listing.get_letter_text(workspace, letter_id)
    if found is None or found.recipient_address:
        return found
    with workspace.session() as session:
        block = default_address(session, found.case_id, found.kind, found.parent_role, found.language,
                                found.addressee)
    return replace(found, recipient_address=block)


def default_address(session, case_id: int, kind: str, parent_role: str = "", lang: str | None = None,
                    addressee: str = REFERRER) -> str:
    """The address block a letter gets from its case (the referring or commissioning organisation's, or the
    parent's)."""
    from borapp.services.documents.address_block import default_text

    return default_text(session, case_id, kind, parent_role, lang, addressee)


@dataclass(frozen=True)
class Addressee:
    key: str  # `documents.addressee`: REFERRER ("") or COMMISSIONER
    label: str  # "Opdrachtgever: Gemeente Alkmaar", in the user's language


def addressees(workspace, case_id: int, kind: str) -> list[Addressee]:
    """Whom a letter of `kind` for the case can go to, the default first: a closing report to the commissioning
    party (when the case has one of its own) or the referrer; another letter to the referrer; none for a schedule,
    which goes to a parent."""
    if kind == "schedule":
        return []
    with workspace.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFound(_("No case with number {id}.").format(id=case_id))
        own = has_own_commissioner(case.referrer_id, case.commissioner_id)
        found = [Addressee(REFERRER, _party(_("Referrer"), case.referrer))]
        if kind in TO_COMMISSIONER and own:
            found.append(Addressee(COMMISSIONER, _party(_("Commissioning party"), case.commissioner)))
        default = default_addressee(kind, own)
        return sorted(found, key=lambda each: each.key != default)


def _party(role: str, organisation) -> str:
    name = organisation.name if organisation is not None else ""
    return _("{role}: {organisation}").format(role=role, organisation=name) if name else role


@dataclass(frozen=True)
class NewLetter:
    id: int
    missing: list[str]  # what the letter could not fill in, in the user's language
    state: str = "draft"
    problems: str = ""  # why it is a draft although "ready" was asked for: its gaps and dates, named ("" if none)
    command_line_problems: str = ""  # the same for the command line (`LetterCheck.command_line_message`)


class HeldBack(ValidationError):
    """A letter refused ready: `str()` says why in the app's words, `command_line` for the command line."""

    def __init__(self, found):
        super().__init__(found.message())
        self.command_line = found.command_line_message()


def letter_check(session, letter: Letter, facts=None):
    """What keeps `letter` from going out: its gaps and its dates out of order (`documents.letter_checks`), and a
    kind the organisation does not send to referrers (`privacy.letter_policy`), so that no way out (made ready,
    retried, exported, sent) passes it by; `facts`: the case's, read by `letter_facts` for the letter's language
    (None: read here)."""
    from borapp.services.documents.letter_checks import LetterParts, check_letter

    found = check_letter(session, LetterParts(
        letter.case_id, letter.kind, letter.language, letter.parent_role, letter.subject, letter.body,
        letter.recipient_name, letter.recipient_address, letter.addressee), facts=facts)
    refused = letter_policy.refusal(session, letter)
    if not refused:
        return found
    return replace(found, refused=refused, refused_command_line=letter_policy.refusal(session, letter, True))


def problems(workspace, letter_id: int) -> str:
    """Why the letter cannot go out as it is, in words ("" when it can)."""
    with workspace.session() as session:
        return letter_check(session, _letter(session, letter_id)).message()


def _refuse_unfinished(session, letter: Letter) -> None:
    """A letter with a line to fill in, with dates in an impossible order, or of a kind the organisation does not
    send to referrers, does not go out; nor one without a subject or a text."""
    if not letter.subject.strip() or not letter.body.strip():
        raise ValidationError(_("The letter needs a subject and a text before it is ready."))
    found = letter_check(session, letter)
    if not found.ok:
        raise HeldBack(found)


def create_letter(workspace, case_id: int, kind: str, parent_role: str = "", lang: str | None = None,
                  state: str = "ready", addressee: str | None = None) -> NewLetter:
    """A letter filled from the kind's saved template; "ready" when a person asks for it, "draft" when the app
    proposes. A letter that still has a line to fill in (or states dates in an impossible order) is a draft
    whatever was asked: `problems` says why. `addressee` (`documents.addressee`): None is the kind's default, the
    closing report to the case's commissioning party when it has one of its own."""
    if kind not in LETTER_KINDS:
        raise UsageError(_("Unknown letter kind '{kind}'. Known: {kinds}.").format(kind=kind,
                                                                                  kinds=", ".join(LETTER_KINDS)))
    if parent_role not in ("", "resident", "other"):
        raise UsageError(_("The parent is 'resident' or 'other'."))
    if state not in ("draft", "ready"):
        raise UsageError(_("A new letter is a draft or ready."))
    with workspace.session() as session:
        if session.get(Case, case_id) is None:
            raise NotFound(_("No case with number {id}.").format(id=case_id))
        lang = lang if lang in ("nl", "en") else settings.get(session, "language")
    rendered = render_letter(workspace, case_id, kind, lang=lang, parent_role=parent_role, addressee=addressee)
    with workspace.session() as session:
        letter = Letter(case_id=case_id, kind=kind, parent_role=parent_role, language=lang,
                        addressee=rendered.addressee, recipient_name=rendered.recipient_name or "",
                        recipient_email=rendered.recipient_email or "",
                        subject=_one_line(rendered.subject), body=rendered.body, state=state,
                        state_changed_at=utcnow())
        session.add(letter)
        session.flush()
        found = letter_check(session, letter)
        if not found.ok:  # asked for ready, but nobody sends a letter with "______" in it: a draft to finish
            letter.state = "draft"
        audit.record(session, "create", "letter", letter.id, workspace_actor(workspace))
        return NewLetter(letter.id, list(rendered.missing), letter.state, found.message(),
                         found.command_line_message())


def new_letter(workspace, case_id: int, kind: str, parent_role: str = "", lang: str | None = None,
               state: str = "ready", addressee: str | None = None) -> int:
    return create_letter(workspace, case_id, kind, parent_role, lang, state, addressee).id


def set_body(workspace, letter_id: int, subject: str, body: str, *, recipient_name: str | None = None,
             recipient_email: str | None = None, recipient_address: str | None = None) -> None:
    """Change what a letter says (and, when given, to whom and its address block) while it is not final.

    An address block typed as the case gives it (or left empty) keeps following the case: an address added to
    the organisation later still reaches this letter."""
    subject = _one_line(subject)
    if not subject:
        raise ValidationError(_("Enter a subject."), "subject")
    if len(subject) > SUBJECT_LENGTH:  # it is one cell of the letter's heading, which cannot run over a page
        raise ValidationError(_("Keep the subject to {n} characters at most (it has {count}).").format(
            n=SUBJECT_LENGTH, count=number(len(subject))), "subject")
    if recipient_name is not None and len(_one_line(recipient_name)) > RECIPIENT_LENGTH:
        raise ValidationError(_("Keep the recipient's name to {n} characters at most (it has {count}).").format(
            n=RECIPIENT_LENGTH, count=number(len(_one_line(recipient_name)))), "recipient_name")
    if not body.strip():
        raise ValidationError(_("The letter has no text."), "body")
    if recipient_email is not None and recipient_email.strip() and not mail.valid_address(recipient_email.strip()):
        raise ValidationError(_("This is not an e-mail address."), "recipient_email")
    if recipient_address is not None:
        _check_block(recipient_address)
    with workspace.session() as session:
        letter = _editable(session, letter_id)
        with in_language(letter.language):  # her own schedule letter may hold her own address
            clean = case_redactor(session.get(Case, letter.case_id), _("(confidential address)"),
                                  keep_role=letter.parent_role)
        letter.subject, letter.body = clean(subject), clean(body)
        if recipient_name is not None:
            letter.recipient_name = clean(_one_line(recipient_name))
        if recipient_email is not None:
            letter.recipient_email = recipient_email.strip()
        if recipient_address is not None:
            typed = "\n".join(block_lines(clean(recipient_address)))
            default = default_address(session, letter.case_id, letter.kind, letter.parent_role, letter.language,
                                      letter.addressee)
            letter.recipient_address = "" if typed == "\n".join(block_lines(default)) else typed
        audit.record(session, "update", "letter", letter_id, workspace_actor(workspace))


def _check_block(text: str) -> None:
    lines = block_lines(text)
    if len(lines) > ADDRESS_BLOCK_LINES:
        raise ValidationError(_("Keep the address to {n} lines at most.").format(n=ADDRESS_BLOCK_LINES),
                              "recipient_address")
    if any(len(line) > 120 for line in lines):
        raise ValidationError(_("At most {n} characters on each line of the address.").format(n=120),
                              "recipient_address")


def mark_ready(workspace, letter_id: int) -> None:
    """A checked draft becomes ready to go out; not while a line is still to be filled in or its dates are in an
    impossible order (the ValidationError names each gap and where to fill it)."""
    with workspace.session() as session:
        letter = _letter(session, letter_id)
        if letter.state == "ready":
            return
        if letter.state != "draft":
            raise ValidationError(_("Only a draft can be marked ready (this letter is {state}).")
                                  .format(state=state_label(letter.state).lower()))  # mid-sentence
        _refuse_unfinished(session, letter)
        _move(letter, "ready")
        letter.error = ""  # a note on why it went back to draft (the case was closed) is done with
        audit.record(session, "status", "letter", letter_id, workspace_actor(workspace))


def ready_problems(workspace, letter_id: int) -> str:
    """What keeps a draft from being marked ready, as `mark_ready` refuses it ("" when nothing does)."""
    with workspace.session() as session:
        return _not_ready(session, _letter(session, letter_id))


def _not_ready(session, letter: Letter) -> str:
    """Why `letter` cannot be made ready: no subject or text, a kind not sent to referrers, its gaps and dates."""
    if not letter.subject.strip() or not letter.body.strip():
        return _("The letter needs a subject and a text before it is ready.")
    return letter_check(session, letter).message()


def retry(workspace, letter_id: int) -> None:
    """A failed letter, fixed, goes back to ready; the next send tries it again."""
    with workspace.session() as session:
        letter = _letter(session, letter_id)
        if letter.state != "failed":
            raise ValidationError(_("Only a failed letter can be tried again (this letter is {state}).")
                                  .format(state=state_label(letter.state).lower()))
        _refuse_unfinished(session, letter)
        _move(letter, "ready")
        letter.error = ""
        audit.record(session, "status", "letter", letter_id, workspace_actor(workspace))


DELETABLE_STATES = ("draft", "ready")  # not yet gone out; a failed one may have reached the mail server


def delete_letter(workspace, letter_id: int) -> None:
    """A letter that has not gone out, made here, is removed (a wrong one, or a schedule whose visits were called
    off). One exported or sent stays: what left is kept. A colleague's letter is hers to send or remove. The moment
    it was about is owed again on Today."""
    with workspace.session() as session:
        letter = _editable(session, letter_id)
        if letter.error.startswith(EXPORT_MARK):  # its files may be in the export folder: "it is ready" said nothing
            raise ValidationError(_("This letter was being exported when the export stopped; its files may be in the "
                                    "export folder. Export again to finish it; then it is exported, and stays."))
        if letter.state not in DELETABLE_STATES:
            raise ValidationError(_("Only a draft or a ready letter can be deleted (this letter is {state}).")
                                  .format(state=state_label(letter.state).lower()))
        if letter.received_from:
            raise ValidationError(_("This letter was made on {laptop}; it is deleted there.").format(
                laptop=letter.received_from))
        audit.record(session, "delete", "letter", letter.id, workspace_actor(workspace))
        session.delete(letter)


def letter_pdf(workspace, letter_id: int) -> bytes:
    """The letter as a PDF in memory: as it left once exported or sent, else made now from its own text."""
    with workspace.session() as session:
        letter = _letter(session, letter_id)
        if letter.state in ("exported", "sent") and letter.pdf:
            return bytes(letter.pdf)
    return render_stored(workspace, letter_id).pdf


@dataclass(frozen=True)
class Checked:
    """A letter about to go out, its case read once: what keeps it back, else its PDF and its message's redactors."""

    problems: str  # in words, as `problems` says it ("" when nothing keeps the letter)
    pdf: bytes = b""  # as `letter_pdf` makes it; empty when the letter is kept back
    in_names: Redactor = field(default_factory=lambda: Redactor([], ""))  # `message_redactor(case)`: file names
    in_message: Redactor = field(default_factory=lambda: Redactor([], ""))  # ... in the letter's language
    greeting: str = ""  # the one its text opens with (`mail.salutation`), for the message's text
    command_line_problems: str = ""  # `problems` for the command line (`LetterCheck.command_line_message`)


def checked(workspace, letter_id: int) -> Checked:
    """`problems`, then (when there are none) `letter_pdf` and the `message_redactor`s of the letter's files and
    message, from one read of the case: its facts serve the check and the PDF alike."""
    from borapp.services.documents.letters import letter_facts

    with workspace.session() as session:
        letter = _letter(session, letter_id)
        facts = letter_facts(session, letter.case_id, letter.language, letter.parent_role)
        found = letter_check(session, letter, facts)
        if not found.ok:
            return Checked(found.message(), command_line_problems=found.command_line_message())
        in_names, in_message = _message_redactors(session, letter.case_id, "", letter.language)
        greeting = mail.salutation(letter.body)
        if letter.state in ("exported", "sent") and letter.pdf:
            return Checked("", bytes(letter.pdf), in_names, in_message, greeting)
        stored = _stored(letter)
    return Checked("", render_letter(workspace, **stored, facts=facts).pdf, in_names, in_message, greeting)


def note_printed(workspace, letter_id: int) -> None:
    with workspace.session() as session:
        audit.record(session, "print", "letter", letter_id, workspace_actor(workspace))


def write_pdf_copy(path: Path, data: bytes) -> Path:
    """A document's PDF written where the user chose (print to file, save as): whole, the owner's only, never
    through a link or over a device (`file_writing`)."""
    return write_file(Path(path), data)


def save_pdf(workspace, letter_id: int, path: Path) -> Path:
    """Write the letter's PDF where the user chose (the copy on disk is not encrypted)."""
    path = write_pdf_copy(path, letter_pdf(workspace, letter_id))
    with workspace.session() as session:
        audit.record(session, "export", "letter", letter_id, workspace_actor(workspace))
        ref = session.scalar(select(Case.ref).join(Letter, Letter.case_id == Case.id).where(Letter.id == letter_id))
    if ref:  # erasing the case names the copy while it is there
        written_places.remember(workspace, written_places.DOCUMENTS, path, [ref])
    return path


def envelope_for(workspace, row: LetterRow, pdf: bytes, sender_email: str, sender_name: str,
                 pdf_name: str, clean: Redactor | None = None, greeting: str = "") -> mail.Envelope:
    """The message of a letter, with a confidential address taken out of every part a person reads (the subject
    and the cover text around it, the names, the attachment's file name), whatever was stored or typed. `clean`:
    the letter's `message_redactor`, when read already; `greeting`: the letter's own (`Checked.greeting`)."""
    clean = message_redactor(workspace, row.case_id, row.language) if clean is None else clean

    def header(text: str) -> str:  # a header is one line: a name typed with a line break must not stop the export
        return _one_line(clean(text))

    return mail.Envelope(sender_email=sender_email, sender_name=header(sender_name), to_email=row.recipient_email,
                         to_name=header(row.recipient_name), subject=header(row.subject), language=row.language,
                         pdf=pdf, pdf_name=safe_name(clean(pdf_name)), message_id=mail.message_id(row.id, row.made_at,
                                                                                              sender_email),
                         greeting=header(greeting))


def message_redactor(workspace, case_id: int, language: str = "") -> Redactor:
    """The case's confidential addresses, replaced by a marker in the letter's language ("": the vault's)."""
    with workspace.session() as session:
        return _message_redactors(session, case_id, language)[0]


def _message_redactors(session, case_id: int, *languages: str) -> list[Redactor]:
    """`message_redactor` in each of `languages`, in an open session."""
    case = session.get(Case, case_id)
    vault_language = settings.get(session, "language")
    found = []
    for language in languages:
        with in_language(language or vault_language):
            found.append(case_redactor(case, _("(confidential address)")) if case is not None else Redactor([], ""))
    return found


def sender(workspace) -> tuple[str, str]:
    """The From address (smtp.from, else the organisation's e-mail) and name (smtp.from_name, else the
    organisation's name)."""
    with workspace.session() as session:
        address = settings.get(session, "smtp.from") or settings.get(session, "organisation.email")
        name = settings.get(session, "smtp.from_name") or settings.get(session, "organisation.name")
        return address.strip(), name.strip()


def pdf_file_name(row: LetterRow) -> str:
    """A name without personal data: case reference, kind and number."""
    return f"{safe_name(file_stem(row))}.pdf"


def file_stem(row: LetterRow) -> str:
    """"BOR-2026-002-omgangsschema-125": case reference, the kind in the letter's own language (a Dutch recipient
    got "-schedule-"), and the letter's number, last."""
    with in_language(row.language or None):
        return f"{row.case_ref}-{listing.kind_slug(row.kind)}-{row.id}"


# ---- files ----------------------------------------------------------------------------------------------------------

@contextmanager
def private_files() -> Iterator[None]:
    """Files and folders made inside the block are the owner's only (umask 077)."""
    before = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(before)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all, mode 0600, never through a link (`file_writing.write_file`)."""
    write_file(path, data)


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "letter"


# ---- records --------------------------------------------------------------------------------------------------------

def workspace_actor(workspace) -> str:
    return getattr(workspace, "actor", "") or ""


def _letter(session, letter_id: int) -> Letter:
    letter = session.get(Letter, letter_id)
    if letter is None:
        raise NotFound(_("No letter with number {id}.").format(id=letter_id))
    return letter


def _editable(session, letter_id: int) -> Letter:
    letter = _letter(session, letter_id)
    if letter.state not in EDITABLE_STATES:
        raise ValidationError(_("This letter was {state} and can no longer be changed.")
                              .format(state=state_label(letter.state).lower()))
    if letter.error.startswith(SENDING_MARK):
        raise ValidationError(_("This letter is being sent; it cannot be changed now."))
    return letter


def _move(letter: Letter, state: str) -> None:
    letter.state = state
    letter.state_changed_at = utcnow()


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def mark_export(session, letter_id: int, eml_path: Path) -> None:
    """Before an export writes a letter's files: where they go (EXPORT_MARK), so a killed export finishes the
    record instead of writing them twice."""
    _letter(session, letter_id).error = EXPORT_MARK + str(eml_path)


def release_export(session, letter_id: int, eml_path: Path, error: str) -> None:
    """An export that wrote none of the letter's files gives it back: its mark for `eml_path` goes, and the note it
    had before (`error`) returns."""
    letter = _letter(session, letter_id)
    if letter.error == EXPORT_MARK + str(eml_path):
        letter.error = error


def record_exported(session, workspace, letter_id: int, pdf: bytes) -> None:
    """The letter went out as files: final, its PDF kept."""
    letter = _letter(session, letter_id)
    _move(letter, "exported")
    letter.pdf, letter.error = pdf, ""
    audit.record(session, "export", "letter", letter_id, workspace_actor(workspace))
