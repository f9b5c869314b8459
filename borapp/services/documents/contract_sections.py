"""The articles of the BOR-overeenkomst, each a short list of flowables built from the case's facts.

Everything not known yet becomes a line to fill in by hand and is noted in `Missing`. Labels avoid the words of the
signature blocks (Naam, Plaats, Datum, Handtekening), so a test can find each block by them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from borapp.formatting import long_date
from borapp.i18n import N_, _, ngettext
from borapp.services.cases.labels import role_label, route_label
from borapp.services.cases.midway import midway_after
from borapp.services.documents.common import FILL, Missing, or_fill
from borapp.services.documents.facts import CaseFacts
from borapp.services.documents.fonts import REGULAR
from borapp.services.documents.layout import TEXT_WIDTH, Styles, paragraphs, text
from borapp.services.documents.letter_values import staggered_sentence, visit_line

LABEL_WIDTH = 52 * mm
MAX_LISTED_VISITS = 8
PARENT_MISSING = {"resident": N_("The resident parent's name"), "other": N_("The non-resident parent's name")}
ADDRESS_MISSING = {"resident": N_("The resident parent's address"), "other": N_("The non-resident parent's address")}
REPEATED_CANCELLING = N_("If visits are cancelled repeatedly (twice or more without good reason), the coordinator "
                         "discusses with both parents, and if needed the referrer, whether the supervised visits "
                         "go on.")
EVALUATION = N_("Halfway through the trajectory the parents, the volunteer and the coordinator hold a midway "
                "evaluation: how the visits are going, and what comes next.")
PRIVACY = N_("The organisation treats what is in this contract and what is recorded about the visits as "
             "confidential and uses it only for the supervised visitation. A parent's confidential address is "
             "never given to the other parent and is not in this contract. The parents may see what is recorded "
             "about them and ask for it to be corrected or deleted. The records are kept no longer than needed.")
VOLUNTEER_LATER = N_("Not matched yet. Once a volunteer is matched, a new version of this contract names them and "
                     "is signed again.")
COURT_FOLLOWED = N_("This contract follows the court decision; it deviates from it as little as possible.")


def rows_table(rows: list[tuple[str, str]], st: Styles) -> Table:
    """A label column and a text column; the text keeps its line breaks."""
    table = Table([[Paragraph(text(k), st.label), Paragraph(text(v), st.body)] for k, v in rows],
                  colWidths=[LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH], hAlign="LEFT", spaceAfter=5)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def agreed(facts: CaseFacts, key: str, missing: Missing, msgid: str) -> str:
    return or_fill(facts.agreements.get(key, ""), missing, msgid)


def article_text(facts: CaseFacts, key: str, st: Styles, missing: Missing, msgid: str) -> list[Flowable]:
    """An agreement as paragraphs; not agreed yet: room to write it in by hand (lines across the page)."""
    value = agreed(facts, key, missing, msgid)
    if value != FILL:
        return paragraphs(value, st)
    line = "_" * int(TEXT_WIDTH / stringWidth("_", REGULAR, st.body.fontSize))
    return [Paragraph("<br/>".join([line] * 3), st.fill)]


def parties(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    rows = [(role_label(role), _parent(facts, role, missing)) for role in ("resident", "other")]
    rows.append((_("Children"), _children(facts, missing)))
    coordinator = or_fill(facts.coordinator, missing, N_("The coordinator (none assigned yet)"))
    if facts.organisation.name:
        coordinator = _("{name}, {organisation}").format(name=coordinator, organisation=facts.organisation.name)
    rows.append((role_label("coordinator"), coordinator))
    rows.append((_("Volunteer (BOR supervisor)"), facts.volunteer or _(VOLUNTEER_LATER)))
    intro = _("This contract lays down the agreements on the supervised visits between the children and the "
              "non-resident parent. The coordinator draws it up; both parents, the coordinator and the volunteer "
              "sign it.")
    return [Paragraph(text(intro), st.body), rows_table(rows, st)]


def _parent(facts: CaseFacts, role: str, missing: Missing) -> str:
    parent = facts.parent(role)
    name = or_fill(parent.name if parent else "", missing, PARENT_MISSING[role])
    if parent is not None and parent.confidential:
        return name + "\n" + _("(confidential address)")  # never the address itself, not even hidden
    if parent is not None and parent.address_lines:
        return "\n".join((name, *parent.address_lines))
    return name + "\n" + missing.add(ADDRESS_MISSING[role])


def _children(facts: CaseFacts, missing: Missing) -> str:
    if not facts.children:
        return missing.add(N_("The children"))
    lines = []
    for child in facts.children:
        born = long_date(child.birth_date) if child.birth_date else missing.add(
            N_("The birth date of {name}"), name=child.name)
        lines.append(_("{name}, born {date}").format(name=child.name, date=born))
    return "\n".join(lines)


def basis(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    rows = [(_("Route"), route_label(facts.route) or facts.route)]
    if facts.referrer_name:
        rows.append((_("Referred by"), facts.referrer_name))
    court = facts.route == "court" or facts.court_decision_on or facts.court_frequency or facts.court_buildup
    if not court:
        return [rows_table(rows, st)]
    on = long_date(facts.court_decision_on) if facts.court_decision_on else missing.add(
        N_("The date of the court decision"))
    rows.append((_("Court decision dated"), on))
    for label, value in ((_("Frequency set by the court"), facts.court_frequency),
                         (_("Duration set by the court"), facts.court_duration),
                         (_("Build-up set by the court"), facts.court_buildup)):
        if value.strip():
            rows.append((label, value))
    return [rows_table(rows, st), Paragraph(text(_(COURT_FOLLOWED)), st.body)]


def where_and_when(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    rows = [(_("Location"), agreed(facts, "visit_place", missing, N_("The place of the visits"))),
            (_("How often"), agreed(facts, "visit_frequency", missing, N_("How often the visits take place")))]
    if number := agreed_number(facts):
        rows.append((_("Number of visits"), ngettext("{n} supervised visit", "{n} supervised visits",
                                                     number).format(n=number)))
    planned = [v for v in facts.visits if v.state == "planned"][:MAX_LISTED_VISITS]
    if planned:
        place = facts.agreements.get("visit_place", "")
        rows.append((_("Planned visits"), "\n".join(visit_line(v, place)[2:] for v in planned)))
    return [rows_table(rows, st)]


def buildup(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    return article_text(facts, "buildup", st, missing, N_("The build-up of contact"))


def handover(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    out = article_text(facts, "handover", st, missing, N_("The handover"))
    if sentence := staggered_sentence(facts.agreements):
        out.append(Paragraph(text(sentence), st.body))
    return out


def cancelling(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    out = article_text(facts, "cancellation_rules", st, missing, N_("The agreement on cancelling"))
    return out + [Paragraph(text(_(REPEATED_CANCELLING)), st.body)]


def house_rules(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    return article_text(facts, "house_rules", st, missing, N_("The house rules"))


def agreed_number(facts: CaseFacts) -> int:
    """The number of visits the contract agrees (0 when it names none)."""
    typed = str(facts.agreements.get("agreed_visits") or "")
    return int(typed) if typed.isdigit() else 0


def evaluation(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    number = agreed_number(facts)
    words = _(EVALUATION) if not number else _(
        "Once {half} of the {n} visits have been held, the parents, the volunteer and the coordinator hold a midway "
        "evaluation: how the visits are going, and what comes next.").format(half=midway_after(number), n=number)
    out = [Paragraph(text(words), st.body)]
    held = facts.evaluation("midway")
    if held is not None:
        out.append(Paragraph(text(_("The midway evaluation was held on {date}.").format(
            date=long_date(held.held_on))), st.body))
    return out


def referrer(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    return article_text(facts, "referrer_information", st, missing, N_("What the referrer is told"))


def privacy(facts: CaseFacts, st: Styles, missing: Missing) -> list[Flowable]:
    return [Paragraph(text(_(PRIVACY)), st.body)]


ARTICLES = (
    (N_("Parties"), parties),
    (N_("Basis of the supervised visits"), basis),
    (N_("Where and how often"), where_and_when),
    (N_("Build-up of contact"), buildup),
    (N_("Handover"), handover),
    (N_("Cancelling"), cancelling),
    (N_("House rules"), house_rules),
    (N_("Midway evaluation"), evaluation),
    (N_("What the referrer is told"), referrer),
    (N_("Privacy"), privacy),
)
