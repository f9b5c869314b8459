"""Two documents from the organisation's settings: the record of processing (verwerkingsregister, AVG art. 30) and
the privacy statement for parents. Both say what the settings say (retention, the letters a referrer gets, the
auto-lock), so they never promise what the app does not do."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from borapp.i18n import N_, _, in_language
from borapp.services import settings
from borapp.services.documents.facts import organisation
from borapp.services.documents.layout import PageSetup, build_pdf, styles, text
from borapp.services.outbox.listing import kind_label
from borapp.services.privacy.letter_policy import allowed_kinds
from borapp.services.vault.workspace import Workspace

RECORD_TITLE = N_("Record of processing activities")
STATEMENT_TITLE = N_("Privacy statement for parents")


def _facts(workspace: Workspace) -> dict:
    with workspace.session() as session:
        return {"org": organisation(session), "years": settings.get_int(session, "privacy.retention_years"),
                "lock": settings.get(session, "auto_lock_minutes"), "kinds": allowed_kinds(session)}


def _build(workspace: Workspace, lang: str, title: str, sections) -> bytes:
    facts = _facts(workspace)
    with in_language(lang):
        st = styles()
        story = [Paragraph(text(_(title)), st.title)]
        for heading, body in sections(facts):
            story.append(Paragraph(text(heading), st.heading))
            story += [Paragraph(text(line), st.body) for line in body]
        setup = PageSetup(title=_(title), author=facts["org"].name, subject=_(title), lang=lang, footer=_(title))
        return build_pdf(story, facts["org"], setup)


def processing_record_pdf(workspace: Workspace, lang: str = "nl") -> bytes:
    return _build(workspace, lang, RECORD_TITLE, _record_sections)


def privacy_statement_pdf(workspace: Workspace, lang: str = "nl") -> bytes:
    return _build(workspace, lang, STATEMENT_TITLE, _statement_sections)


def _letters(facts: dict) -> str:
    return ", ".join(kind_label(k).lower() for k in facts["kinds"])


def _record_sections(facts: dict):
    org = facts["org"]
    return [
        (_("Controller"), [org.name or _("(organisation name not set)"), org.address, org.email or org.phone]),
        (_("Purpose"), [_("Supervised visitation (Begeleide Omgangsregeling): intake with both parents, a contract, "
                          "matching a volunteer, supervised visits, evaluation and closing, feedback to the referrer, "
                          "and the yearly figures for the municipalities (which identify no family).")]),
        (_("People concerned"), [_("Parents, their children (up to 12), volunteers, and the contact persons of "
                                   "referrers and commissioning parties.")]),
        (_("Personal data"), [_("Names, addresses (some confidential from the other parent), contact details, "
                                "children's dates of birth, court decisions, the course of the case, notes on "
                                "visits and evaluations (what happened, how the child was and what it said), "
                                "letters, signed contracts. Notes can touch on health and family conflict: special "
                                "care applies.")]),
        (_("Recipients"), [_("The referrer or commissioning party receives these letters only: {kinds}. Nothing "
                             "else leaves the organisation; no data goes outside the European Union.")
                           .format(kinds=_letters(facts))]),
        (_("Retention"), [_("A case is kept {years} years after it was closed, then destroyed; a parent may ask for "
                            "erasure earlier.").format(years=facts["years"])]),
        (_("Security"), [_("All data is kept in an encrypted vault (SQLCipher, AES-256) on the coordinator's laptop, "
                           "opened with a passphrase; it locks itself after {minutes} minutes without use. Backups "
                           "are encrypted too. Every opening, export, print, send and erasure of a file is written "
                           "to an access log that cannot be changed unnoticed.").format(minutes=facts["lock"])]),
    ]


def _statement_sections(facts: dict):
    org = facts["org"]
    contact = ", ".join(p for p in (org.name, org.address, org.email, org.phone) if p)
    return [
        (_("Who we are"), [_("{name} runs the supervised visitation (BOR) for your family.")
                           .format(name=org.name or _("Our organisation"))]),
        (_("What we record and why"), [_("Your names and contact details, your children's names and dates of birth, "
                                         "the agreements in the contract, and short notes on each visit. We need "
                                         "them to arrange and supervise the visits and to close the trajectory "
                                         "well.")]),
        (_("Who sees it"), [_("The coordinator and the volunteer of your family. The referrer receives only these "
                              "letters, which keep to facts: {kinds}.").format(kinds=_letters(facts)),
                            _("If your address is confidential, it never appears on anything the other parent "
                              "sees.")]),
        (_("How long"), [_("{years} years after your trajectory ends; then the file is destroyed.")
                         .format(years=facts["years"])]),
        (_("Your rights"), [_("You may see everything we hold about you, have it corrected, or ask us to erase it. "
                              "We answer within a month. If you are not satisfied, you may complain to the "
                              "Autoriteit Persoonsgegevens."), _("Contact: {contact}").format(contact=contact)]),
    ]
