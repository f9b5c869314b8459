"""What each `{placeholder}` of a letter template stands for in one case: facts only, in the document's language.

A value that is not known yet comes back as the line to fill in by hand and is noted in `Missing`; only the
placeholders a template uses are looked up, so only what the letter needs is reported missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from babel.dates import format_date

from borapp.formatting import long_date
from borapp.i18n import LANGUAGES, N_, _, babel_locale, in_language
from borapp.services.cases.status import outcome_label, reason_label
from borapp.services.documents import letter_news as news
from borapp.services.documents.addressee import COMMISSIONER, REFERRER
from borapp.services.documents.common import Missing, or_fill
from borapp.services.documents.facts import CaseFacts
from borapp.services.documents.letter_visit_counts import VisitCounts

NONE = "—"  # in a closed case's closing report, something that did not happen: not a gap to fill in
STAGGERED = N_("Staggered arrival and departure: the parent who brings the child arrives first and has left "
               "before the other parent arrives; on collecting it is the other way round.")


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def said_as_list(typed: str) -> str:
    """Names typed one per line or between commas, joined as a sentence joins them; a text that already says "and"
    (or anything but a plain list) stays as it was typed."""
    parts = [p.strip() for p in re.split(r"[,;\n]", typed or "") if p.strip()]
    if len(parts) < 2 or re.search(r"(?<![^\W_])(?:en|and|&)(?![^\W_])", typed, re.IGNORECASE):
        return " ".join((typed or "").split())
    return join_names(parts)


def staggered_sentence(agreements: dict) -> str:
    """The rule on staggered arrival when it was agreed and the handover text does not already say it."""
    if not agreements.get("staggered_arrival"):
        return ""
    said = agreements.get("handover", "").lower()
    return "" if any(name in said for name in _staggered_names()) else _(STAGGERED)


def _staggered_names() -> set[str]:
    """How the rule is called in either language (the handover may be typed in Dutch, the letter English)."""
    names = {"staggered arrival"}
    for lang in LANGUAGES:
        with in_language(lang):
            names.add(_("Staggered arrival and departure").lower())
    return names


def handover_text(agreements: dict) -> str:
    parts = [agreements.get("handover", "").strip(), staggered_sentence(agreements)]
    return "\n".join(p for p in parts if p)


def visit_day(on) -> str:
    """"zaterdag 7 maart 2026": how a schedule names a visit's day."""
    return format_date(on, format="EEEE d MMMM y", locale=babel_locale())


def visit_line(visit, agreed_place: str) -> str:
    """"- zaterdag 7 maart 2026, 10:00–12:00" (and the place when it is not the agreed one)."""
    parts = [visit_day(visit.on)]
    if visit.start and visit.end:
        parts.append(f"{visit.start:%H:%M}–{visit.end:%H:%M}")
    elif visit.start:
        parts.append(f"{visit.start:%H:%M}")
    if visit.place and visit.place.strip() != (agreed_place or "").strip():
        parts.append(visit.place.strip())
    return "- " + ", ".join(parts)


class LetterValues(VisitCounts):
    """Looks up placeholders for one letter; `missing` collects what could not be filled in."""

    def __init__(self, facts: CaseFacts, missing: Missing, today: dt.date, parent_role: str = "", kind: str = "",
                 addressee: str = REFERRER):
        self.f, self.missing, self.today, self.role, self.kind = facts, missing, today, parent_role, kind
        self.addressee = addressee  # the organisation the letter goes to (`addressee`): whose contact it greets
        self.names: frozenset[str] = frozenset()  # the placeholders the template uses (`values`)

    def values(self, names: list[str]) -> dict[str, str]:
        self.names = frozenset(names)
        return {name: self.value(name) for name in dict.fromkeys(names)}

    def value(self, name: str) -> str:
        lookup: Callable[[], str] | None = getattr(self, "v_" + name, None)
        return lookup() if lookup is not None else "{" + name + "}"

    # ---- people ----------------------------------------------------------------------------------------------

    def v_referrer_contact(self) -> str:
        return or_fill(self.f.referrer_contact, self.missing, N_("The referrer's contact person"))

    def v_referrer_name(self) -> str:
        return or_fill(self.f.referrer_name, self.missing, N_("The referring organisation"))

    def v_commissioner(self) -> str:
        return or_fill(self.f.commissioner_name, self.missing, N_("The commissioning party"))

    def v_commissioner_contact(self) -> str:
        return or_fill(self.f.commissioner_contact, self.missing, N_("The commissioning party's contact person"))

    def v_recipient_contact(self) -> str:
        """The contact person of the organisation the letter goes to."""
        return self.v_commissioner_contact() if self.addressee == COMMISSIONER else self.v_referrer_contact()

    def v_case_ref(self) -> str:
        return self.f.ref

    def v_children(self) -> str:
        names = [c.name for c in self.f.children if c.name.strip()]
        return join_names(names) if names else self.missing.add(N_("The children"))

    def v_children_born(self) -> str:
        if not self.f.children:
            return self.missing.add(N_("The children"))
        parts = []
        for child in self.f.children:
            if child.birth_date:
                parts.append(_("{name} (born {date})").format(name=child.name, date=long_date(child.birth_date)))
            else:
                self.missing.add(N_("The birth date of {name}"), name=child.name)
                parts.append(child.name)
        return join_names(parts)

    def _parent_name(self, role: str, msgid: str) -> str:
        parent = self.f.parent(role)
        return or_fill(parent.name if parent else "", self.missing, msgid)

    def v_resident_parent(self) -> str:
        return self._parent_name("resident", N_("The resident parent's name"))

    def v_other_parent(self) -> str:
        return self._parent_name("other", N_("The non-resident parent's name"))

    def v_parent_name(self) -> str:
        msgid = N_("The resident parent's name") if self.role == "resident" else N_("The non-resident parent's name")
        return self._parent_name(self.role, msgid)

    def v_coordinator(self) -> str:
        return or_fill(self.f.coordinator, self.missing, N_("The coordinator (none assigned yet)"))

    def v_volunteer(self) -> str:
        return or_fill(self.f.volunteer, self.missing, N_("The volunteer (not matched yet)"))

    def v_organisation(self) -> str:
        return or_fill(self.f.organisation.name, self.missing, N_("Your organisation's name (Settings)"))

    def v_organisation_phone(self) -> str:
        return or_fill(self.f.organisation.phone, self.missing, N_("Your organisation's phone number (Settings)"))

    def v_organisation_email(self) -> str:
        return or_fill(self.f.organisation.email, self.missing, N_("Your organisation's e-mail address (Settings)"))

    # ---- dates -----------------------------------------------------------------------------------------------

    def _date(self, value: dt.date | None, msgid: str, *, never: bool = False) -> str:
        """The date; "—" in a closed case's closing report when it never happened; else the line to fill in (in
        running text, "the intake started on —." went out: a letter about an intake that never was is not sent)."""
        if value is not None:
            return long_date(value)
        if never and self._closing_report():
            return NONE
        return self.missing.add(msgid)

    def _closing_report(self) -> bool:
        return self.kind == "closing" and self.f.status == "closed"

    def v_today(self) -> str:
        return long_date(self.today)

    def v_registered_on(self) -> str:
        return long_date(self.f.registered_on)

    def v_intake_on(self) -> str:
        return self._date(self.f.intake_talk_on, N_("The date of the intake talk (not recorded)"), never=True)

    def v_contract_on(self) -> str:
        on = self.f.contract_on or self.f.entered.get("contract")  # no stored version: when drafting began
        return self._date(on, N_("The contract (not drawn up yet)"), never=True)

    def _held(self) -> list:
        return [v for v in self.f.visits if v.state == "held"]

    def v_first_visit_on(self) -> str:
        held = self._held()
        planned = [v for v in self.f.visits if v.state == "planned"]
        if not held and planned:  # not held yet: say that it is a planned date
            return _("{date} (planned)").format(date=long_date(planned[0].on))
        return self._date(held[0].on if held else None, N_("The date of the first visit"), never=True)

    def v_visits_news(self) -> str:
        """The intake letter's last line: what the referrer will hear next. An intake letter made late (Today owes it
        for eight weeks, and the visits may start within them) must not promise news of a start that happened."""
        held = self._held()
        if held:
            return _("The visits started on {date}; we report on them in a separate letter.").format(
                date=long_date(held[0].on))
        if self.f.status == "closed" and self.f.closed_on:
            return _("The trajectory was closed on {date}, before the visits started; we report on that in a "
                     "separate letter.").format(date=long_date(self.f.closed_on))
        return news.promise("intake")

    def v_evaluation_news(self) -> str:
        """The start letter's last paragraph: the midway evaluation to come, or what happened since (`letter_news`)."""
        return news.evaluation_news(self.f, self._closed_on_if_closed())

    def v_closing_news(self) -> str:
        """The midway letter's last line: that we write again at the closing, or when the case closed."""
        return news.closing_news(self.f, self._closed_on_if_closed())

    def v_next_steps(self) -> str:
        """The no-response letter's request and that we wait; once the case closed, when it did."""
        return news.next_steps(self.f, self._closed_on_if_closed())

    def v_supervision(self) -> str:
        """Who supervises the visits; in the past tense in a letter made after the closing."""
        return news.supervision(self.f)

    def _closed_on_if_closed(self) -> str:
        return self.v_closed_on() if news.is_closed(self.f) else ""

    def v_last_visit_on(self) -> str:
        held = self._held()
        return self._date(held[-1].on if held else None, N_("The date of the last visit"), never=True)

    def v_closed_on(self) -> str:
        return self._date(self.f.closed_on, N_("The closing date (the case is not closed yet)"))

    def v_evaluation_on(self) -> str:
        ev = self.f.evaluation("midway")
        return self._date(ev.held_on if ev else None, N_("The midway evaluation (not recorded yet)"))

    def v_evaluation_participants(self) -> str:
        """Typed as a list ("Maartje de Man, Sil Sarneel, Emma van Nus"), said as one ("… en Emma van Nus")."""
        ev = self.f.evaluation("midway")
        return or_fill(said_as_list(ev.participants) if ev else "", self.missing,
                       N_("Who took part in the midway evaluation"))

    def v_evaluation_agreements(self) -> str:
        ev = self.f.evaluation("midway")
        return or_fill(ev.agreements if ev else "", self.missing, N_("What was agreed at the midway evaluation"))

    def v_final_agreements(self) -> str:
        ev = self.f.evaluation("final")
        if ev is None and self.f.outcome == "stopped_at_intake" and self._closing_report():
            return NONE
        return or_fill(ev.agreements if ev else "", self.missing, N_("The agreements made at the end"))

    def v_schedule(self) -> str:
        planned = [v for v in self.f.visits if v.state == "planned" and v.on >= self.today]
        if not planned:
            return self.missing.add(N_("Planned visits (none planned yet)"))
        agreed = self.f.agreements.get("visit_place", "")
        return "\n".join(visit_line(v, agreed) for v in planned)

    # ---- agreements ------------------------------------------------------------------------------------------

    def _agreed(self, key: str, msgid: str) -> str:
        """The agreement as it stands; in the start letter as the contract the visits started under had it."""
        started = self.f.start_agreements.get(key, "") if self.kind == "start" else ""
        return or_fill(started or self.f.agreements.get(key, ""), self.missing, msgid)

    def v_visit_place(self) -> str:
        return self._agreed("visit_place", N_("The place of the visits"))

    def v_visit_frequency(self) -> str:
        return self._agreed("visit_frequency", N_("How often the visits take place"))

    def v_handover(self) -> str:
        return or_fill(handover_text(self.f.agreements), self.missing, N_("The handover"))

    def v_cancellation_rules(self) -> str:
        return self._agreed("cancellation_rules", N_("The agreement on cancelling"))

    def v_house_rules(self) -> str:
        return self._agreed("house_rules", N_("The house rules"))

    # ---- outcome ---------------------------------------------------------------------------------------------

    def v_outcome(self) -> str:
        return or_fill(outcome_label(self.f.outcome), self.missing, N_("The outcome (the case is not closed yet)"))

    def v_outcome_reason(self) -> str:
        reason = reason_label(self.f.outcome, self.f.outcome_reason) if self.f.outcome_reason else ""
        return f"{reason}." if reason and not reason.endswith(".") else reason

    def v_outcome_note(self) -> str:
        return self.f.outcome_note.strip()
