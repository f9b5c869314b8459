"""Feedback letters to the referrer (intake, start, evaluation, closing, no_response) and the visit schedule to one
parent: filled from the organisation's template, laid out on its letterhead, returned as PDF bytes with the text.

Facts only: dates, attendance, visits held and cancelled (by whom), agreements made, outcome; the referrer letters
end with a note on how the report may be used. Every kind can be made in any status; what is not known yet prints
as a line to fill in and is listed in `missing` (in the user's language). A schedule letter goes to one parent
alone and holds nothing of the other parent's address (see `facts` for the privacy rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from borapp.formatting import long_date
from borapp.i18n import N_, _, in_language
from borapp.models.documents import LETTER_KINDS
from borapp.services.documents import addressee as to
from borapp.services.documents import closing
from borapp.services.documents.address_block import default_lines, own_lines
from borapp.services.documents.common import FILL, Missing, document_language
from borapp.services.documents.facts import CaseFacts, load_facts
from borapp.services.documents.fonts import REGULAR
from borapp.services.documents.layout import (
    TEXT_WIDTH,
    PageSetup,
    Styles,
    build_pdf,
    paragraphs,
    spacer,
    styles,
    text,
    with_ending,
)
from borapp.services.documents.letter_values import LetterValues
from borapp.services.documents.template_texts import SUBJECTS
from borapp.services.documents.templates import fill_template, template_fields, template_text
from borapp.services.errors import UsageError, ValidationError
from borapp.services.organisations.addresses import address_lines
from borapp.services.vault.workspace import Workspace

PARENT_ROLES = ("resident", "other")
USAGE_NOTE = N_("About this report: it states facts (dates, attendance, visits held and cancelled, agreements made) "
                "and what the parents themselves said; it holds no judgement of the parents. It is meant for you as "
                "the referrer in this case. Do not pass it on or use it for another purpose without the parents' "
                "consent.")
# The same where no visit took place (stopped at intake, the parents did not respond): no visits to speak of.
USAGE_NOTE_NO_VISITS = N_("About this report: it states facts (dates and what became of the referral); it holds no "
                          "judgement of the parents. It is meant for you as the referrer in this case. Do not pass it "
                          "on or use it for another purpose without the parents' consent.")
NOT_A_REPORT = ("schedule", "intake")  # a parent's schedule, the referral acknowledged: no report, no note on one
STILL_TO_FILL = N_("The letter's text still has lines to fill in")


@dataclass(frozen=True)
class RenderedLetter:
    pdf: bytes
    missing: list[str] = field(default_factory=list)  # in the user's language, one line each
    subject: str = ""
    body: str = ""  # the filled template (or the text given), for the coordinator to edit
    recipient_name: str = ""
    recipient_email: str = ""
    title: str = ""
    addressee: str = ""  # `addressee.REFERRER` or `COMMISSIONER`: as the letter keeps it


@dataclass(frozen=True)
class Recipient:
    name: str
    lines: tuple[str, ...]  # organisation and address lines under the name
    email: str
    addressee: str = to.REFERRER  # the organisation's role (`addressee`); a schedule's parent: the referrer's ""


def render_letter(workspace: Workspace, case_id: int, kind: str, lang: str | None = None, parent_role: str = "",
                  body: str | None = None, *, subject: str | None = None, recipient_name: str | None = None,
                  address: str | None = None, today: dt.date | None = None,
                  facts: CaseFacts | None = None, addressee: str | None = None) -> RenderedLetter:
    """The letter of `kind` for the case, in `lang` (None: the vault's language).

    `body=None` fills the kind's template; a given body (the coordinator's edited text) and `subject` are used as
    they are, except that a confidential address in them is never printed. So are a letter's own `recipient_name`
    and `address` (its address block, one line each); empty or None, they come from the case (see
    `address_block`). `parent_role` (resident|other) is for the schedule letter only. `addressee`: the referrer or
    the commissioning party (`addressee`; None: the kind's default for the case). `facts` are the case's as
    `letter_facts` read them for this letter's language (its check read them already); None reads them here."""
    _check(kind, parent_role)
    to.check(kind, addressee)
    if facts is not None and (facts.id, facts.addressee) != (case_id, parent_role):
        raise ValueError("the facts given are another case's or another addressee's")
    today = today or dt.date.today()
    missing = Missing()
    with workspace.session() as session:
        doc_lang = document_language(session, lang)
        with in_language(doc_lang):
            facts = load_facts(session, case_id, keep_role=parent_role) if facts is None else facts
            template = template_text(session, kind, doc_lang)
            recipient = _recipient(facts, kind, parent_role, recipient_name, address, missing, today,
                                   to.resolve(kind, addressee, facts.own_commissioner))
            letter = _compose(facts, kind, parent_role, template, body, subject, missing, today, recipient)
            pdf = build_pdf(_story(facts, kind, letter, today), facts.organisation, PageSetup(
                title=letter.subject, author=facts.organisation.name or facts.coordinator or "BOR Desk",
                subject=letter.subject, lang=doc_lang,
                footer=_("{organisation} · case {ref}").format(organisation=facts.organisation.name or "BOR",
                                                              ref=facts.ref),
                footer_name=facts.organisation.name))
    return RenderedLetter(pdf=pdf, missing=missing.texts(), subject=letter.subject, body=letter.body,
                          recipient_name=letter.recipient.name if letter.recipient.name != FILL else "",
                          recipient_email=letter.recipient.email, title=letter.subject,
                          addressee=letter.recipient.addressee)


def letter_facts(session, case_id: int, lang: str | None = None, parent_role: str = "") -> CaseFacts:
    """The case's facts as a letter in `lang` (None or "": the vault's language) to `parent_role` ("": the
    referrer) shows them, a confidential address taken out with the marker in that language (but the addressee's
    own): read once, they serve the letter's check and its PDF alike."""
    with in_language(document_language(session, lang or None)):
        return load_facts(session, case_id, keep_role=parent_role)


def compose_letter(session, case_id: int, kind: str, lang: str | None = None, parent_role: str = "",
                   today: dt.date | None = None, addressee: str | None = None) -> RenderedLetter:
    """The letter of `kind` filled from the organisation's saved template, without its PDF (`pdf` is empty), in a
    session already open: the intake proposes its letter in the transaction that makes the case."""
    _check(kind, parent_role)
    to.check(kind, addressee)
    today = today or dt.date.today()
    missing = Missing()
    doc_lang = document_language(session, lang)
    with in_language(doc_lang):
        facts = load_facts(session, case_id, keep_role=parent_role)
        template = template_text(session, kind, doc_lang)
        recipient = _recipient(facts, kind, parent_role, None, None, missing, today,
                               to.resolve(kind, addressee, facts.own_commissioner))
        letter = _compose(facts, kind, parent_role, template, None, None, missing, today, recipient)
    return RenderedLetter(pdf=b"", missing=missing.texts(), subject=letter.subject, body=letter.body,
                          recipient_name=letter.recipient.name if letter.recipient.name != FILL else "",
                          recipient_email=letter.recipient.email, title=letter.subject,
                          addressee=letter.recipient.addressee)


@dataclass(frozen=True)
class _Letter:
    subject: str
    body: str
    recipient: Recipient
    sender: str  # the coordinator who signs


def _check(kind: str, parent_role: str) -> None:
    if kind not in LETTER_KINDS:
        raise UsageError(_("Unknown letter kind '{kind}'. Known: {kinds}.").format(
            kind=kind, kinds=", ".join(LETTER_KINDS)))
    if kind == "schedule" and parent_role not in PARENT_ROLES:
        raise UsageError(_("A schedule letter is for one parent: choose 'resident' or 'other'."))
    if kind != "schedule" and parent_role:
        raise UsageError(_("Only a schedule letter goes to a parent; the other letters go to the referrer."))


def _compose(facts: CaseFacts, kind: str, role: str, template: str, body: str | None, subject: str | None,
             missing: Missing, today: dt.date, recipient: Recipient) -> _Letter:
    values = LetterValues(facts, missing, today, role, kind, recipient.addressee)
    if body is None:
        body = fill_template(template, values.values(template_fields_safe(template)))
        for name in _unknown(template, values):
            missing.add(N_("The template names an unknown placeholder: {name}"), name="{" + name + "}")
    else:
        body = facts.redact(body)
        if FILL in body:
            missing.add(STILL_TO_FILL)
    subject = facts.redact(subject) if subject else _(SUBJECTS[kind]).format(ref=facts.ref)
    return _Letter(" ".join(subject.split()), body.strip(), recipient, values.v_coordinator())


def template_fields_safe(template: str) -> list[str]:
    try:
        return template_fields(template)
    except ValidationError:  # a stored template damaged outside the editor: fill what can be filled
        return []


def _unknown(template: str, values: LetterValues) -> list[str]:
    return [n for n in dict.fromkeys(template_fields_safe(template)) if not hasattr(values, "v_" + n)]


def _recipient(facts: CaseFacts, kind: str, role: str, name: str | None, address: str | None, missing: Missing,
               today: dt.date, addressee: str = to.REFERRER) -> Recipient:
    """To whom: the letter's own name and address block where it has them, else the case's (and only what is then
    still unknown is missing): the parent's, the referrer's, or the commissioning party's (`addressee`)."""
    name = " ".join(facts.redact(name or "").split())
    lines = own_lines(facts, address)
    if kind == "schedule":  # a confidential address is not in the facts at all: the block is then the name alone
        parent = facts.parent(role)
        return Recipient(name or _parent_name(parent, role, missing), lines or default_lines(facts, kind, role),
                         parent.email if parent else "")
    values = LetterValues(facts, missing, today, role)
    if addressee == to.COMMISSIONER:
        return Recipient(name or values.v_commissioner_contact(), lines or _commissioner_lines(facts, values),
                         facts.commissioner_email, addressee)
    return Recipient(name or values.v_referrer_contact(), lines or _referrer_lines(facts, values),
                     facts.referrer_email)


def _referrer_lines(facts: CaseFacts, values: LetterValues) -> tuple[str, ...]:
    """The referring organisation and its postal address, with a line to fill in for what is not known."""
    address = address_lines(facts.referrer_address)
    return (values.v_referrer_name(), *(address or [values.missing.add(N_("The referring organisation's address"))]))


def _commissioner_lines(facts: CaseFacts, values: LetterValues) -> tuple[str, ...]:
    """The commissioning organisation and its postal address, with a line to fill in for what is not known."""
    address = address_lines(facts.commissioner_address)
    return (values.v_commissioner(),
            *(address or [values.missing.add(N_("The commissioning organisation's address"))]))


def _parent_name(parent, role: str, missing: Missing) -> str:
    if parent is not None and parent.name.strip():
        return parent.name
    return missing.add(N_("The resident parent's name") if role == "resident" else N_("The non-resident parent's name"))


def _story(facts: CaseFacts, kind: str, letter: _Letter, today: dt.date) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [spacer(4)]
    story += [Paragraph(text(line), st.address if i else st.label)
              for i, line in enumerate((letter.recipient.name, *letter.recipient.lines))]
    story.append(spacer(10))
    story.append(_reference_table(st, facts, letter.subject, today))
    story.append(spacer(7))
    body, signs_off = closing.settle(letter.body, (letter.sender, facts.organisation.name))
    body, own_closing = closing.split_off(body) if signs_off else (body, "")
    return story + with_ending(paragraphs(body, st), _ending(st, facts, kind, letter, own_closing))


def _ending(st: Styles, facts: CaseFacts, kind: str, letter: _Letter, own_closing: str) -> list[Flowable]:
    """The closing (the text's own, else ours: it comes once), the signature, the note on a report's use: kept
    together on one page with the body's last lines. No "copy to" line: nothing sends a copy (a second letter goes
    to whom it names)."""
    words = paragraphs(own_closing, st) or [Paragraph(text(closing.closing_words()), st.body)]
    ending = [spacer(3), *words, spacer(9), *_signature(st, facts, letter.sender)]
    if kind not in NOT_A_REPORT:
        ending += [spacer(6), Paragraph(text(_(_usage_note(facts, letter.recipient.addressee))), st.note)]
    return ending


def _usage_note(facts: CaseFacts, addressee: str) -> str:
    """The note on a report's use, for the organisation it goes to; one that speaks of visits held and cancelled
    only where a visit was held or called off."""
    visits = any(v.state in ("held", "no_show") or (v.state == "cancelled" and not v.lapsed) for v in facts.visits)
    if addressee == to.COMMISSIONER:
        return to.COMMISSIONER_NOTE if visits else to.COMMISSIONER_NOTE_NO_VISITS
    return USAGE_NOTE if visits else USAGE_NOTE_NO_VISITS


def _reference_table(st: Styles, facts: CaseFacts, subject: str, today: dt.date) -> Table:
    rows = [(_("Date"), long_date(today)), (_("Our reference"), _("case {ref}").format(ref=facts.ref)),
            (_("Re"), subject)]
    table = Table([[Paragraph(text(k), st.label), Paragraph(text(v), st.body)] for k, v in rows],
                  colWidths=[32 * mm, TEXT_WIDTH - 32 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _signature(st: Styles, facts: CaseFacts, name: str) -> list[Flowable]:
    role = _("BOR coordinator")
    if facts.organisation.name:
        role = _("{role}, {organisation}").format(role=role, organisation=facts.organisation.name)
    return [Paragraph(text(name), st.body), Paragraph(text(role), st.small)]


__all__ = ["PARENT_ROLES", "RenderedLetter", "compose_letter", "letter_facts", "render_letter"]
