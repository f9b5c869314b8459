"""The recovery key sheet: the key with what it opens (vault, organisation) and the day and time it was made (two
sheets of one day told apart), to print or keep as a PDF. Made in memory; it reaches the disk only where the
coordinator saves it."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from borapp.formatting import date_time
from borapp.i18n import _, in_language
from borapp.services.documents.facts import Organisation
from borapp.services.documents.fonts import BOLD, REGULAR
from borapp.services.documents.layout import PageSetup, build_pdf, paragraphs, spacer, styles, text


def sheet_lines(vault_name: str, organisation: str, made_on: dt.datetime) -> list[tuple[str, str]]:
    """The labelled facts above the key, in the current language (the screen shows them too); no organisation line
    without its name."""
    lines = [(_("Vault"), vault_name)]
    if organisation.strip():
        lines.append((_("Organisation"), organisation))
    return lines + [(_("Made on"), date_time(made_on))]


def recovery_sheet_pdf(key: str, vault_name: str, organisation: str, made_on: dt.datetime, lang: str) -> bytes:
    with in_language(lang):
        st = styles()
        title = _("BOR Desk recovery key")
        rows = [[Paragraph(text(label), st.label), Paragraph(text(value), st.body)]
                for label, value in sheet_lines(vault_name, organisation, made_on)]
        table = Table(rows, colWidths=[45 * mm, None])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                                   ("FONT", (0, 0), (-1, -1), REGULAR)]))
        big = ParagraphStyle("key", parent=st.body, fontName=BOLD, fontSize=17, leading=24, spaceBefore=2,
                             spaceAfter=10)
        story = [Paragraph(text(title), st.title), spacer(4), table, spacer(4),
                 Paragraph(text(_("Recovery key")), st.label), Paragraph(text(key), big)]
        story += paragraphs(advice(), st)
        org = Organisation(organisation or "BOR Desk", "", "", "", "", b"")
        setup = PageSetup(title=title, author=organisation or "BOR Desk", subject=title, lang=lang,
                          footer=_("Confidential: keep apart from the laptop"))
        return build_pdf(story, org, setup)


def advice() -> str:
    return _("With this key and the vault file anyone can read every case in the vault. Keep this paper locked "
             "away, apart from the laptop, and never send it by e-mail.\n\n"
             "When the passphrase is forgotten: start BOR Desk, tick \"{choice}\", type this key and choose a new "
             "passphrase.").format(choice=_("Forgot the passphrase? Use the recovery key"))
