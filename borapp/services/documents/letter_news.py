"""What a letter to the referrer says comes next, as the case stands when the letter is made.

A letter can be made late: Today owes the start and midway letters for weeks, and a coordinator may make one after
the case moved on or closed. Each promise ("we will let you know how the midway evaluation went") is made only while
what it promises is still to come; otherwise the letter says what happened, with its date. The built-in templates
say it through a placeholder of their own (`{visits_news}`, `{evaluation_news}`, `{closing_news}`, `{next_steps}`).
So with what a letter says in the present tense: once the case closed, the start letter says the volunteer supervised
the visits (`{supervision}`), not that the volunteer supervises them. An organisation's own template or an edited
letter that still makes a promise the case has overtaken, or still says in the present tense what has ended, is held
back with the reason (`stale_promise`), for nothing here can rewrite a text someone typed.
"""

from __future__ import annotations

import datetime as dt
import re

from borapp.formatting import long_date
from borapp.i18n import LANGUAGES, N_, _, in_language
from borapp.services.documents.facts import CaseFacts

# The sentences that promise, word for word as the built-in texts had them (organisations' own texts began as copies).
PROMISES = {
    "intake": N_("We will let you know when the visits start, or if they cannot start."),
    "start": N_("We will let you know how it went."),
    "evaluation": N_("We will write to you again when the trajectory is closed."),
    "no_response": N_("Until we hear from you or from the parents, we take no further steps."),
}
PLACEHOLDERS = {"intake": "visits_news", "start": "evaluation_news", "evaluation": "closing_news",
                "no_response": "next_steps"}  # what words it as the case stands
# The sentences that speak of the visits in the present tense, word for word as the built-in texts had them: untrue
# once the case closed (said in the past tense then, by the placeholder named).
PRESENT = {"start": N_("A trained volunteer of our organisation supervises the visits.")}
PAST = {"start": N_("A trained volunteer of our organisation supervised the visits.")}
PRESENT_PLACEHOLDERS = {"start": "supervision"}
EVALUATION_PLANNED = N_("Midway through the trajectory we hold an evaluation with both parents, the volunteer and the "
                        "coordinator.")
ASK_THE_PARENTS = N_("Would you discuss with the parents whether they still want supervised visitation?")


def promise(kind: str) -> str:
    """The sentence by which the built-in text of `kind` promises what comes next, in the document's language."""
    return _(PROMISES[kind])


def is_closed(facts: CaseFacts) -> bool:
    return facts.status == "closed"


def held_visits(facts: CaseFacts) -> list[dt.date]:
    return [v.on for v in facts.visits if v.state == "held"]


def midway_on(facts: CaseFacts) -> dt.date | None:
    midway = facts.evaluation("midway")
    return midway.held_on if midway else None


def overtaken(facts: CaseFacts, kind: str) -> bool:
    """Whether what the letter of `kind` promises has happened (or can no longer happen: the case closed)."""
    if kind == "intake":
        return bool(held_visits(facts)) or is_closed(facts)
    if kind == "start":
        return midway_on(facts) is not None or is_closed(facts)
    return kind in PROMISES and is_closed(facts)


def supervision(facts: CaseFacts) -> str:
    """The start letter's sentence on who supervises the visits; in the past tense once the case closed (a start
    letter made after the closing said the volunteer "supervises" visits that had ended)."""
    msgid = (PAST if is_closed(facts) else PRESENT)["start"]
    return _(msgid)


def evaluation_news(facts: CaseFacts, closed_on: str) -> str:
    """The start letter's last paragraph: the midway evaluation to come, or when it was and when the case closed.
    `closed_on`: the closing date as the letter writes it (a line to fill in when the case has none)."""
    if not overtaken(facts, "start"):
        return f"{_(EVALUATION_PLANNED)} {promise('start')}"
    midway = midway_on(facts)
    if midway is None:
        return _("The case was closed on {date}.").format(date=closed_on)
    if not is_closed(facts):
        return _("The midway evaluation took place on {date}.").format(date=long_date(midway))
    return _("The midway evaluation took place on {date}; the case was closed on {closed}.").format(
        date=long_date(midway), closed=closed_on)


def closing_news(facts: CaseFacts, closed_on: str) -> str:
    """The midway letter's last line: that we write again at the closing, or when the case closed."""
    if not overtaken(facts, "evaluation"):
        return promise("evaluation")
    return _("The case was closed on {date}.").format(date=closed_on)


def next_steps(facts: CaseFacts, closed_on: str) -> str:
    """The no-response letter's request to the referrer and that we wait; once the case closed, when it did."""
    if not overtaken(facts, "no_response"):
        return f"{_(ASK_THE_PARENTS)} {promise('no_response')}"
    return _("The case was closed on {date}.").format(date=closed_on)


def stale_promise(facts: CaseFacts, kind: str, text: str) -> str:
    """Why a letter of `kind` whose text still makes the built-in promise, or still says in the present tense what
    the closing ended, cannot go out as it is, in the user's language ("" when it says neither, or what it promises
    is still to come)."""
    said = _found(PROMISES, kind, text) if overtaken(facts, kind) else ""
    token = PLACEHOLDERS.get(kind, "")
    if not said and is_closed(facts):
        said, token = _found(PRESENT, kind, text), PRESENT_PLACEHOLDERS.get(kind, "")
        what = _closed(facts)
    else:
        what = _what_happened(facts, kind)
    if not said:
        return ""
    return _("This letter says \u201c{promise}\u201d, but {what}. Take the sentence out of the letter's text or say "
             "what happened instead (Edit). For the letters still to make, put {token} in its place in the template "
             "(Settings, Letter templates): it says this as the case stands.").format(
        promise=said, what=what, token="{" + token + "}")


def _found(sentences: dict[str, str], kind: str, text: str) -> str:
    """The built-in sentence of `kind` (a promise, or what it says in the present tense) as the text has it, in
    whichever language it is written ("" when it has none)."""
    if kind not in sentences:
        return ""
    said = _plain(text)
    for lang in LANGUAGES:
        with in_language(lang):
            sentence = _(sentences[kind])
        if _plain(sentence) in said:
            return sentence
    return ""


def _what_happened(facts: CaseFacts, kind: str) -> str:
    held, midway = held_visits(facts), midway_on(facts)
    if kind == "intake" and held:
        return _("the visits started on {date}").format(date=long_date(held[0]))
    if kind == "start" and midway is not None:
        return _("the midway evaluation took place on {date}").format(date=long_date(midway))
    return _closed(facts)


def _closed(facts: CaseFacts) -> str:
    if facts.closed_on is not None:
        return _("the case was closed on {date}").format(date=long_date(facts.closed_on))
    return _("the case is closed")


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[\u2018\u2019]", "'", text or "").split()).lower()
