"""The BOR-overeenkomst as a PDF: parties, basis, where and how often, build-up, handover, cancelling, house rules,
midway evaluation, what the referrer is told, privacy, and a signature block per party kept whole on one page.

A stored version shows its own agreements and parties; a signed one is the PDF kept when it was first signed, so
what was signed never changes (see `contract_signing`).

A confidential address is never printed: the party shows "(geheim adres)" (see `facts` for the privacy rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle
from sqlalchemy import select

from borapp.formatting import long_date
from borapp.i18n import N_, _, in_language
from borapp.models import Contract
from borapp.services.cases.contract_terms import in_line, latest_contract, parse_parties, parse_snapshot, signer_roles
from borapp.services.cases.flow import get_case
from borapp.services.cases.labels import role_label
from borapp.services.documents.common import FILL, Missing, document_language
from borapp.services.documents.contract_sections import ARTICLES, PARENT_MISSING
from borapp.services.documents.facts import CaseFacts, load_facts
from borapp.services.documents.fonts import REGULAR
from borapp.services.documents.layout import TEXT_WIDTH, PageSetup, Styles, build_pdf, spacer, styles, text
from borapp.services.documents.wrapping import wrap_lines
from borapp.services.errors import NotFound
from borapp.services.vault.workspace import Workspace

SIGNATURE_LABELS = (N_("Name"), N_("Place"), N_("Date"), N_("Signature"))
BLOCK_GAP = 8 * mm
BLOCK_WIDTH = (TEXT_WIDTH - BLOCK_GAP) / 2
LINE = colors.HexColor("#444444")


@dataclass(frozen=True)
class RenderedDocument:
    pdf: bytes
    missing: list[str] = field(default_factory=list)  # in the user's language, one line each
    title: str = ""


@dataclass(frozen=True)
class _Version:
    number: int
    drawn_up_on: dt.date | None  # None: not stored yet (a draft of this version)
    agreements: dict | None  # None: the case's own
    parties: dict | None = None  # None: the case's own
    pdf: bytes | None = None  # the document as it was signed


def render_contract(workspace: Workspace, case_id: int, lang: str | None = None, *, version: int | None = None,
                    today: dt.date | None = None) -> RenderedDocument:
    """The contract in `lang` (None: the vault's language): the case's agreements as they stand now, or those of
    stored `version`. A signed version is the document kept when it was signed, in the language it was printed in.
    Nothing is written to the vault."""
    with workspace.session() as session:
        return _render(session, case_id, _version(session, case_id, version), lang, today or dt.date.today())


def contract_missing(workspace: Workspace, case_id: int, today: dt.date | None = None) -> list[str]:
    """What the contract as it stands now would leave to fill in by hand, in the user's language: the same articles
    as the PDF, without laying out a page (opening a case lists these; making the PDF took most of that time)."""
    with workspace.session() as session:
        chosen = _version(session, case_id, None)
        if chosen.pdf is not None:  # signed: the document as signed, nothing to add
            return []
        missing = Missing()
        with in_language(document_language(session, None)):
            _story(load_facts(session, case_id, chosen.agreements, chosen.parties), chosen, missing,
                   today or dt.date.today())
    return missing.texts()


def signed_pdf(session, contract: Contract) -> bytes:
    """The version as it is signed: the PDF kept for it, else made now from its own snapshot (in the vault's
    language), to be kept."""
    return _render(session, contract.case_id, _stored(contract), None, dt.date.today()).pdf


def _render(session, case_id: int, chosen: _Version, lang: str | None, today: dt.date) -> RenderedDocument:
    missing = Missing()
    doc_lang = document_language(session, lang)
    with in_language(doc_lang):
        facts = load_facts(session, case_id, chosen.agreements, chosen.parties)
        title = _("BOR contract, case {ref}").format(ref=facts.ref)
        if chosen.pdf is not None:
            return RenderedDocument(pdf=chosen.pdf, title=title)
        story = _story(facts, chosen, missing, today)
        pdf = build_pdf(story, facts.organisation, PageSetup(
            title=title, author=facts.organisation.name or facts.coordinator or "BOR Desk",
            subject=_("Agreements on supervised visitation"), lang=doc_lang,
            footer=_("BOR contract · case {ref} · version {version}").format(ref=facts.ref,
                                                                            version=chosen.number)))
    return RenderedDocument(pdf=pdf, missing=missing.texts(), title=title)


def _version(session, case_id: int, wanted: int | None) -> _Version:
    case = get_case(session, case_id)
    if wanted is not None:
        contract = session.scalar(select(Contract).where(Contract.case_id == case_id, Contract.version == wanted))
        if contract is None:
            raise NotFound(_("This case has no contract version {n}.").format(n=wanted))
        return _stored(contract)
    latest = latest_contract(session, case_id)
    if latest is None:
        return _Version(1, None, None)
    if in_line(latest, case):
        return _stored(latest)
    return _Version(latest.version + (1 if latest.signatures else 0), None, None)


def _stored(contract: Contract) -> _Version:
    return _Version(contract.version, contract.drawn_up_on, parse_snapshot(contract.agreements),
                    parse_parties(contract.agreements), contract.pdf)


def _story(facts: CaseFacts, version: _Version, missing: Missing, today: dt.date) -> list[Flowable]:
    st = styles()
    if version.drawn_up_on is not None:
        line = _("Case {ref} · version {version} · drawn up on {date}").format(
            ref=facts.ref, version=version.number, date=long_date(version.drawn_up_on))
    else:
        line = _("Case {ref} · version {version} (draft) · {date}").format(
            ref=facts.ref, version=version.number, date=long_date(today))
    story: list[Flowable] = [Paragraph(text(_("BOR contract")), st.title),
                             Paragraph(text(_("Agreements on supervised visitation")), st.body),
                             Paragraph(text(line), st.small), spacer(3)]
    # the visits still to come from the day it was drawn up (a planned visit long past is no plan: "Geplande
    # omgangsmomenten" listed one of seven months ago, and the oldest eight pushed the coming ones out)
    since = version.drawn_up_on or today
    facts = replace(facts, visits=tuple(v for v in facts.visits if v.state != "planned" or v.on >= since))
    for number, (heading, build) in enumerate(ARTICLES, 1):
        story.append(Paragraph(text(f"{number}. {_(heading)}"), st.heading))
        story += build(facts, st, missing)
    story += _signatures(facts, st, missing, len(ARTICLES) + 1)
    return story


def _signatures(facts: CaseFacts, st: Styles, missing: Missing, number: int) -> list[Flowable]:
    roles = signer_roles({"volunteer": facts.volunteer})
    blocks = [_block(role, _signer_name(facts, role, missing), st) for role in roles]
    rows = [blocks[i:i + 2] for i in range(0, len(blocks), 2)]
    title = _("Signatures")
    if "volunteer" in roles:
        intro = _("By signing, the parents, the coordinator and the volunteer agree to the arrangements in this "
                  "contract.")
    else:
        intro = _("By signing, the parents and the coordinator agree to the arrangements in this contract. No "
                  "volunteer is matched yet: the volunteer signs the version of this contract that names them.")
    heading = [Paragraph(text(f"{number}. {title}"), st.heading), Paragraph(text(intro), st.body), spacer(2)]
    tables = []
    for row in rows:
        table = Table([row + [""] * (2 - len(row))], colWidths=[BLOCK_WIDTH + BLOCK_GAP, BLOCK_WIDTH],
                      hAlign="LEFT")
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * mm)]))
        tables.append(table)
    # All signers on one page when they fit (they do on any A4): the section moves whole to the next page.
    return [KeepTogether(heading + tables)]


def _signer_name(facts: CaseFacts, role: str, missing: Missing) -> str:
    if role in PARENT_MISSING:
        parent = facts.parent(role)
        return parent.name if parent and parent.name.strip() else missing.add(PARENT_MISSING[role])
    if role == "coordinator":
        return facts.coordinator or missing.add(N_("The coordinator (none assigned yet)"))
    return facts.volunteer


def _block(role: str, name: str, st: Styles) -> Table:
    """One signer: the role, then Naam, Plaats, Datum and room for the Handtekening (a table row of blocks sits
    in a KeepTogether, and a table row never splits, so a block is never split over pages)."""
    label_width = 30 * mm
    cell = BLOCK_WIDTH - label_width - 6  # less the cell's right padding
    # a long name breaks at spaces and hyphens: reportlab cut "…Oldenbarnevelt-Hoogstrat" / "en"
    values = ["\n".join(wrap_lines(name, st.body.fontName, st.body.fontSize, cell)), FILL, FILL, ""]
    rows = [[Paragraph(text(role_label(role)), st.label), ""]]
    rows += [[Paragraph(text(_(label)), st.body), Paragraph(text(value), st.body)]
             for label, value in zip(SIGNATURE_LABELS, values)]
    table = Table(rows, colWidths=[label_width, BLOCK_WIDTH - label_width],
                  rowHeights=[None, None, None, None, 18 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LINEBELOW", (1, 4), (1, 4), 0.6, LINE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, LINE),
    ]))
    return table
