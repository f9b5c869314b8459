"""What keeps a letter from going out: lines still to fill in (gaps) and dates stated in an impossible order.

A gap is a line to fill in by hand (`common.FILL`, "______") left in the letter's text, subject or address block, or
a fact the address block or the signature takes from the case that the case does not have yet (the referrer's
postal address, the coordinator who signs). Each gap is named with where to fill it in: a gap in the text by what
its placeholder stands for (when the template still tells) and by the words around it; the text is the letter's
own, so it is filled in there.

The dates: a letter states facts of the case (registered, intake, contract, first and last visit, midway
evaluation, closed). When two of the dates the text states are in an order that cannot be (the intake after the
first visit), the letter is held back with both named. Only dates the text still states are checked, so a date
corrected by hand in the letter counts as corrected.

A letter that says what the case contradicts is held back too: "the parents did not respond" after visits were held;
a promise the case has overtaken ("we will let you know how the evaluation went" after it was held: `letter_news`);
a count of the visits ("Visits: 0 in all, 0 held; cancelled: 0.", an own template's `{visits_total}`) in a letter of
a case closed before any visit took place;
a closing report ("the BOR is finished") of a case that is not closed;
a schedule whose visits changed since it was made (it says the schedule as it stands); a schedule that shows the
other parent's confidential address as "(confidential address)" where the parent needs a place.

And a text that still holds a placeholder as written (`{ouder_naam}`, from an own template stored before Save checked
it): it would print as it stands (`template_problems.unfilled_placeholders`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _, in_language, language, ngettext
from borapp.services.documents.common import Missing, document_language
from borapp.services.documents.facts import CaseFacts, load_facts
from borapp.services.documents.letter_news import stale_promise
from borapp.services.documents.letter_values import LetterValues, visit_day
from borapp.services.documents.letters import (  # the block as the PDF prints it
    _recipient,
    template_fields_safe,
)
from borapp.services.documents.template_problems import unfilled_placeholders
from borapp.services.documents.template_texts import KIND_PLACEHOLDERS
from borapp.services.documents.templates import fill_template, template_text

GAP = re.compile(r"_{3,}")  # a line to fill in, also when part of it was typed away
SHOWN_GAP = "______"
CONTEXT = 32  # characters of text shown on either side of a gap

# What a gap the address block or the signature takes from the case is called in a message, and where it is filled.
BLOCK_GAPS = {
    N_("The coordinator (none assigned yet)"): (
        N_("The coordinator who signs"),
        N_("give the case a coordinator in the case file (More…, Hand over to another coordinator)")),
    N_("The referring organisation's address"): (
        N_("The referrer's postal address"),
        N_("add it in the case file, tab Referral (Edit organisation…), or type it into the letter's address block "
           "(Edit)")),
    N_("The referrer's contact person"): (
        N_("The referrer's contact person"),
        N_("fill it in at the case file, tab Referral (Contact person), or type it as the letter's recipient "
           "(Edit)")),
    N_("The referring organisation"): (
        N_("The referring organisation"),
        N_("choose it at the case file, tab Referral, or type it into the letter's address block (Edit)")),
    N_("The commissioning organisation's address"): (
        N_("The commissioning party's postal address"),
        N_("add it in the case file, tab Referral (Edit organisation… under the commissioning party), or type it "
           "into the letter's address block (Edit)")),
    N_("The commissioning party's contact person"): (
        N_("The commissioning party's contact person"),
        N_("add it in the case file, tab Referral (Edit organisation… under the commissioning party), or type it as "
           "the letter's recipient (Edit)")),
    N_("The commissioning party"): (
        N_("The commissioning party"),
        N_("choose it at the case file, tab Referral, or type it into the letter's address block (Edit)")),
    N_("The resident parent's name"): (
        N_("The resident parent's name"),
        N_("fill it in at the case file, tab Family, or type it as the letter's recipient (Edit)")),
    N_("The non-resident parent's name"): (
        N_("The non-resident parent's name"),
        N_("fill it in at the case file, tab Family, or type it as the letter's recipient (Edit)")),
}
HIDDEN_PLACE = N_("This schedule letter shows \u201c(confidential address)\u201d where the other parent's "
                  "confidential address stands (the place of the visits, the handover): this parent may not read it, "
                  "and cannot go by it. Agree a place this parent may know (case file, tab Agreements), or write in "
                  "the letter how the parent hears where to go (Edit).")
IN_THE_TEXT = N_("type it over the line in the letter's text (Edit)")
IN_THE_SUBJECT = N_("type it over the line in the letter's subject (Edit)")
IN_THE_BLOCK = N_("type it over the line in the letter's address block (Edit)")


@dataclass(frozen=True)
class Gap:
    what: str  # in the user's language
    where: str

    def line(self) -> str:
        return _("{what}: {where}.").format(what=self.what, where=self.where)


@dataclass(frozen=True)
class LetterCheck:
    gaps: tuple[Gap, ...] = ()
    order: tuple[str, ...] = ()  # one sentence per date stated out of order
    unfit: str = ""  # why this kind of letter says what the case contradicts ("" when it fits)
    refused: str = ""  # why the organisation does not send it (`privacy.letter_policy`), in the app's words
    refused_command_line: str = ""  # the same, naming the setting as `borapp config set` takes it
    placeholders: tuple[str, ...] = ()  # one line per placeholder the text still holds as written (`{ouder_naam}`)

    @property
    def ok(self) -> bool:
        return not self.gaps and not self.order and not self.unfit and not self.refused and not self.placeholders

    def message(self) -> str:
        """Everything that keeps the letter back, in the user's language ("" when nothing does)."""
        parts = [self.refused] if self.refused else []
        if self.placeholders:
            parts.append(placeholders_message(self.placeholders) + "\n" + _(
                "Type what each stands for over it in the letter's text (Edit). For the letters still to make, "
                "correct the template (Settings, Letter templates)."))
        if self.gaps:
            parts.append(_("This letter still has lines to fill in ({line}); fill them in first:").format(
                line=SHOWN_GAP) + "\n" + "\n".join("• " + gap.line() for gap in self.gaps))
        if self.order:
            parts.append(_("This letter states dates in an impossible order:") + "\n"
                         + "\n".join("• " + sentence for sentence in self.order) + "\n"
                         + _("Correct the wrong date in the letter's text (Edit); a visit or an evaluation recorded "
                             "with the wrong date is corrected in the case file (tab Visits or Evaluations)."))
        if self.unfit:
            parts.append(self.unfit)
        return "\n\n".join(parts)

    def command_line_message(self) -> str:
        """`message` for the command line, which changes neither a letter nor a case: each gap named once, without
        the app's buttons, then where it is done ("" when nothing keeps the letter back)."""
        if self.ok:
            return ""
        parts = [self.refused_command_line or self.refused] if self.refused else []
        if self.placeholders:
            parts.append(placeholders_message(self.placeholders))
        named = list(dict.fromkeys(gap.what for gap in self.gaps))
        if named:
            parts.append(_("This letter still has lines to fill in ({line}):").format(line=SHOWN_GAP) + "\n"
                         + "\n".join("• " + what for what in named))
        if self.order:
            parts.append(_("This letter states dates in an impossible order:") + "\n"
                         + "\n".join("• " + sentence for sentence in self.order))
        if self.unfit:
            parts.append(self.unfit)
        if self.placeholders:
            parts.append(_("For the letters still to make, correct the template in the app (Settings, Letter "
                           "templates) or with 'borapp config set template.KIND.LANG FILE'."))
        if named or self.order or self.unfit or self.placeholders:
            parts.append(_("The command line does not change a letter's text or a case's facts: do it in the app "
                           "(the letter in the Outbox, Edit; the case in its case file), then try again."))
        return "\n\n".join(parts)


@dataclass(frozen=True)
class LetterParts:
    """What a stored letter holds, as the check reads it."""

    case_id: int
    kind: str
    language: str = ""
    parent_role: str = ""
    subject: str = ""
    body: str = ""
    recipient_name: str = ""
    address: str = ""  # the letter's own address block; "" follows the case
    addressee: str = ""  # the referrer, or the commissioning party (`addressee`)


def check_letter(session: Session, parts: LetterParts, today: dt.date | None = None,
                 facts: CaseFacts | None = None) -> LetterCheck:
    """The gaps and the dates out of order of one letter, named in the user's language. `facts` are the case's as
    `letters.letter_facts` reads them for the letter's language (None reads them here)."""
    if facts is not None and (facts.id, facts.addressee) != (parts.case_id, parts.parent_role):
        raise ValueError("the facts given are another case's or another addressee's")
    today = today or dt.date.today()
    block = Missing()
    doc_lang = document_language(session, parts.language or None)
    with in_language(doc_lang):
        facts = load_facts(session, parts.case_id, keep_role=parts.parent_role) if facts is None else facts
        _recipient(facts, parts.kind, parts.parent_role, parts.recipient_name, parts.address, block, today,
                   parts.addressee)
        LetterValues(facts, block, today, parts.parent_role).v_coordinator()  # who signs, under the text
        template = template_text(session, parts.kind, doc_lang)
        spots = _placeholder_gaps(facts, parts.parent_role, template, today, parts.kind, parts.addressee)
        in_subject = _text_gaps(parts.subject, [])
        in_body = _text_gaps(parts.body, spots)
        in_block = _text_gaps(f"{parts.recipient_name}\n{parts.address}", [])
        stated = _stated_events(facts, f"{parts.subject}\n{parts.body}")
        schedule = _schedule_now(facts, parts, today)
        hidden_place = parts.kind == "schedule" and _("(confidential address)") in parts.body
        counted = _counted_no_visits(facts, parts, template, today)
    gaps = [_block_gap(msgid, values) for msgid, values in block.items]
    gaps += [Gap(_("A line in the address block: \u201c{context}\u201d").format(context=context), _(IN_THE_BLOCK))
             for context, _name in in_block]
    gaps += [Gap(_text_gap_name(name, context), _(IN_THE_SUBJECT)) for context, name in in_subject]
    gaps += [Gap(_text_gap_name(name, context), _(IN_THE_TEXT)) for context, name in in_body]
    unfit = (_unfit(facts, parts.kind) or stale_promise(facts, parts.kind, parts.body)
             or _no_visits_to_count(facts, counted)
             or _stale_schedule(parts, schedule, doc_lang) or (_(HIDDEN_PLACE) if hidden_place else ""))
    raw = unfilled_placeholders(parts.body or "", set(KIND_PLACEHOLDERS[parts.kind]), template)
    return LetterCheck(tuple(gaps), tuple(_out_of_order(stated)), unfit, placeholders=tuple(raw))


def placeholders_left(session: Session, kind: str, body: str, lang: str | None = None) -> list[str]:
    """`unfilled_placeholders` of a letter's text made from the template of `kind` in `lang` (None: the vault's),
    for a letter printed without one in the outbox (`borapp documents letter`), as `check_letter` finds them."""
    template = template_text(session, kind, document_language(session, lang))
    return unfilled_placeholders(body, set(KIND_PLACEHOLDERS[kind]), template)


def placeholders_message(lines: tuple[str, ...] | list[str]) -> str:
    """The placeholders a letter's text still holds as written (`unfilled_placeholders`), one line each."""
    return (_("This letter's text has placeholders that were not filled in; they would print as they stand:") + "\n"
            + "\n".join("• " + line for line in lines))


def _schedule_now(facts: CaseFacts, parts: LetterParts, today: dt.date) -> tuple[str, bool]:
    """The visits planned ahead as a schedule letter lists them today, in the letter's language (called inside it),
    "" when none are; and whether the letter lists any of the case's visits (a letter made while none were planned
    has a line to fill in, or what she typed: nothing to compare). ("", False) for another kind of letter."""
    if parts.kind != "schedule":
        return "", False
    none_ahead = Missing()
    listed = LetterValues(facts, none_ahead, today, parts.parent_role, parts.kind).v_schedule()
    items = [line for line in parts.body.replace("\r\n", "\n").split("\n") if line.startswith("- ")]
    days = {f"- {visit_day(v.on)}" for v in facts.visits}  # by its day: calling a visit off drops its times
    names_visits = any(line.split(",")[0] in days for line in items)
    return ("" if none_ahead.items else listed), names_visits


def _stale_schedule(parts: LetterParts, schedule: tuple[str, bool], doc_lang: str) -> str:
    """A schedule letter lists the visits planned when it was made; one moved, added or called off since, or gone
    by, and the parent would be told a wrong schedule. Its text must hold the visits planned ahead now, and name
    none when none are."""
    now, names_visits = schedule
    if not now:
        if not names_visits:
            return ""
        return _("No visits are planned ahead any more, but this schedule letter lists visits (called off or gone "
                 "by since it was made). Plan the visits first (tab Visits), then make the letter again or correct "
                 "the list in it (Edit).")
    if _lists_exactly(parts.body.replace("\r\n", "\n").split("\n"), now.split("\n")):
        return ""
    if doc_lang != language():  # the list goes into the letter: its days are named in the letter's language
        return _("The planned visits changed since this letter was made (moved, added, called off or gone by). The "
                 "visits planned now, in the letter's language, are:\n{schedule}\nPut this list in the letter's "
                 "text (Edit), so the parent gets the schedule as it stands.").format(schedule=now)
    return _("The planned visits changed since this letter was made (moved, added, called off or gone by). The "
             "visits planned now are:\n{schedule}\nPut this list in the letter's text (Edit), so the parent gets "
             "the schedule as it stands.").format(schedule=now)


def _lists_exactly(lines: list[str], visits: list[str]) -> bool:
    """The letter's lines hold the visit lines as one list with no other item ("- …") just before or after it: a
    visit gone by stays above the list as it stands now, and is no longer upcoming."""
    for at in range(len(lines) - len(visits) + 1):
        if lines[at:at + len(visits)] != visits:
            continue
        before = lines[at - 1] if at else ""
        after = lines[at + len(visits)] if at + len(visits) < len(lines) else ""
        if not before.startswith("- ") and not after.startswith("- "):
            return True
    return False


def unfit_kind(session: Session, case_id: int, kind: str, lang: str | None = None) -> str:
    """Why a letter of `kind` says what the case contradicts, whatever its text ("" when it fits): the closing
    report of a case still open, "the parents did not respond" after visits were held. For a document printed
    without a letter in the outbox (`borapp documents letter`), which would otherwise say it all the same."""
    with in_language(document_language(session, lang)):
        facts = load_facts(session, case_id)
    return _unfit(facts, kind)


def _unfit(facts: CaseFacts, kind: str) -> str:
    """"The parents did not respond" says the visits could not start: not for a case where visits were held. The
    closing report says the BOR is finished: not for a case that is not closed."""
    if kind == "closing" and facts.status != "closed":
        return _("This closing report says the BOR is finished, but the case is not closed. Close the case first; "
                 "then the report gives its closing date and outcome.")
    held = [v.on for v in facts.visits if v.state == "held"]
    if kind != "no_response" or not held:
        return ""
    return ngettext(
        "This letter says the parents did not respond and the visits could not start, but {n} visit was held "
        "(on {date}). When parents stop taking part after visits, the case is closed: send the closing letter.",
        "This letter says the parents did not respond and the visits could not start, but {n} visits were held "
        "(the last on {date}). When parents stop taking part after visits, the case is closed: send the closing "
        "letter.", len(held)).format(n=len(held), date=long_date(max(held)))


def _counted_no_visits(facts: CaseFacts, parts: LetterParts, template: str, today: dt.date) -> tuple[str, str]:
    """The line by which a letter of a case closed before any visit took place still counts the visits with
    `{visits_total}`, as an organisation's own template has it ("Visits: 0 in all, 0 held; cancelled: 0."), and
    what `{visits_summary}` says instead ("No visits took place."); ("", "") when it does not. Only a line the letter
    still has as the template fills it counts: one corrected by hand is the coordinator's. Called inside the
    letter's language."""
    token = "{visits_total}"
    values = LetterValues(facts, Missing(), today, parts.parent_role, parts.kind, parts.addressee)
    if facts.status != "closed" or token not in template or values.v_visits_total() != "0":
        return "", ""
    body = _plain(parts.body)
    lines = [fill_template(line, values.values(template_fields_safe(line))) for line in template.split("\n")
             if token in line]
    said = next((line.strip() for line in lines if _plain(line) and _plain(line) in body), "")
    return (said, values.v_visits_summary()) if said else ("", "")


def _no_visits_to_count(facts: CaseFacts, counted: tuple[str, str]) -> str:
    """Why the letter cannot go out as it is (`_counted_no_visits`), in the user's language ("" when it can)."""
    said, summary = counted
    if not said:
        return ""
    what = (_("no visit took place before the case was closed on {date}").format(date=long_date(facts.closed_on))
            if facts.closed_on else _("no visit took place before the case was closed"))
    return _("This letter says \u201c{line}\u201d, but {what}. Take the line out of the letter's text or say that no "
             "visits took place (Edit). For the letters still to make, put {token} in place of the count in the "
             "template (Settings, Letter templates): it says \u201c{summary}\u201d when no visit took "
             "place.").format(line=said, what=what, token="{visits_summary}", summary=summary)


def _block_gap(msgid: str, values: dict) -> Gap:
    what, where = BLOCK_GAPS.get(msgid, (msgid, IN_THE_BLOCK))
    return Gap(_(what).format(**values), _(where))


def _text_gap_name(name: tuple[str, dict] | None, context: str) -> str:
    if name is None:
        return _("A line to fill in: \u201c{context}\u201d").format(context=context)
    msgid, values = name
    return _("{what}, in \u201c{context}\u201d").format(what=_(msgid).format(**values), context=context)


# ---- gaps in a text -------------------------------------------------------------------------------------------------

class _Tagging(Missing):
    """A Missing that prints a mark of its own for each gap, to tell afterwards which placeholder left which line."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def add(self, msgid: str, **values: str) -> str:
        self.tags.append((msgid, values))
        return f"\x00{len(self.tags) - 1}\x00"


_TAG = re.compile(r"\x00(\d+)\x00")


@dataclass(frozen=True)
class _Spot:
    before: str  # the line's words up to the gap, gaps in them written "___"
    after: str   # and from the gap to the line's end
    name: tuple[str, dict] | None = field(default=None, compare=False)


def _placeholder_gaps(facts: CaseFacts, role: str, template: str, today: dt.date, kind: str,
                      addressee: str = "") -> list[_Spot]:
    """Where the saved template, filled now, leaves a line to fill in, and what each line stands for."""
    missing = _Tagging()
    values = LetterValues(facts, missing, today, role, kind, addressee)
    filled = fill_template(template, values.values(template_fields_safe(template)))
    spots = []
    for line in filled.split("\n"):
        for match in _TAG.finditer(line):
            spots.append(_Spot(_plain(line[:match.start()]), _plain(line[match.end():]),
                               missing.tags[int(match.group(1))]))
    return spots


def _text_gaps(text: str, known: list[_Spot]) -> list[tuple[str, tuple[str, dict] | None]]:
    """Each line to fill in in `text`: the words around it, and what it stands for when a known spot matches."""
    found = []
    for line in (text or "").split("\n"):
        for match in GAP.finditer(line):
            spot = _Spot(_plain(line[:match.start()]), _plain(line[match.end():]))
            found.append((_context(line, match), _best(spot, known)))
    return found


def _best(spot: _Spot, known: list[_Spot]) -> tuple[str, dict] | None:
    scored = [(_common_end(spot.before, k.before) + _common_start(spot.after, k.after), k) for k in known]
    score, best = max(scored, key=lambda sk: sk[0], default=(0, None))
    return best.name if best is not None and score >= 6 else None


def _context(line: str, match: re.Match) -> str:
    """The gap with the words around it as the letter has them, cut at a word on either side."""
    before = re.sub(r"\s+", " ", line[:match.start()]).lstrip()
    after = re.sub(r"\s+", " ", line[match.end():]).rstrip()
    if len(before) > CONTEXT:
        cut = before[-CONTEXT:]
        before = "…" + (cut[cut.index(" ") + 1:] if " " in cut[:-1] else cut)
    if len(after) > CONTEXT:
        cut = after[:CONTEXT]
        after = (cut[:cut.rindex(" ")] if " " in cut[1:] else cut) + "…"
    return before + SHOWN_GAP + after


def _plain(text: str) -> str:
    return " ".join(GAP.sub("___", _TAG.sub("___", text)).split())


def _common_end(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


# ---- the order of the dates -----------------------------------------------------------------------------------------

EVENTS = {
    "registered": N_("the registration on {date}"),
    "intake": N_("the intake talk on {date}"),
    "contract": N_("the contract of {date}"),
    "first_visit": N_("the first visit on {date}"),
    "evaluation": N_("the midway evaluation on {date}"),
    "last_visit": N_("the last visit on {date}"),
    "closed": N_("the closing on {date}"),
}
# (earlier, later): what cannot happen the other way round
ORDER = (
    ("registered", "intake"), ("registered", "contract"), ("registered", "first_visit"),
    ("registered", "evaluation"), ("registered", "last_visit"), ("registered", "closed"),
    ("intake", "contract"), ("intake", "first_visit"), ("intake", "evaluation"), ("intake", "last_visit"),
    ("intake", "closed"), ("contract", "closed"), ("first_visit", "evaluation"), ("first_visit", "last_visit"),
    ("first_visit", "closed"), ("evaluation", "closed"), ("last_visit", "closed"),
)


def event_dates(facts: CaseFacts) -> dict[str, dt.date]:
    """The dated facts a letter may state, as its placeholders take them."""
    held = [v.on for v in facts.visits if v.state == "held"]
    planned = [v.on for v in facts.visits if v.state == "planned"]
    midway = facts.evaluation("midway")
    found = {"registered": facts.registered_on, "intake": facts.intake_talk_on,
             "contract": facts.contract_on or facts.entered.get("contract"),
             "first_visit": held[0] if held else (planned[0] if planned else None),
             "evaluation": midway.held_on if midway else None, "last_visit": held[-1] if held else None,
             "closed": facts.closed_on}
    return {name: on for name, on in found.items() if on is not None}


def _stated_events(facts: CaseFacts, text: str) -> dict[str, dt.date]:
    """The events whose date the text states (written as the letter's language writes a date)."""
    return {name: on for name, on in event_dates(facts).items() if long_date(on) in text}


def _out_of_order(stated: dict[str, dt.date]) -> list[str]:
    """One sentence per event dated after one that must come later (the earliest such one)."""
    sentences = []
    for earlier, words in EVENTS.items():
        later = [(stated[b], b) for a, b in ORDER if a == earlier and b in stated and earlier in stated
                 and stated[b] < stated[earlier]]
        if later:
            on, name = min(later)
            sentences.append(_("The letter puts {earlier} after {later}: that cannot be.").format(
                earlier=_(words).format(date=long_date(stated[earlier])),
                later=_(EVENTS[name]).format(date=long_date(on))))
    return sentences
