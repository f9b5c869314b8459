"""A case's timeline: its status steps and hand-overs together with the dated events of its life (visits,
evaluations, contract versions and their signatures, letters, attachments), newest first."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from babel.lists import format_list
from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import LANGUAGES, N_, _, babel_locale, in_language, ngettext
from borapp.formatting import long_date
from borapp.models import AuditEvent, Attachment, Case, Contract, Coordinator, Evaluation, Letter, Visit, VisitAddendum
from borapp.services.cases.contract_terms import parse_parties, signer_roles
from borapp.services.cases.flow import lapsed_at_closing
from borapp.services.cases.labels import (
    CANCELLED_BY_LABELS,
    LETTER_KIND_LABELS,
    LETTER_STATE_LABELS,
    label,
    no_show_text,
    role_label,
)
from borapp.services.cases.status import outcome_label, reason_label, status_label
from borapp.services.cases.step_dates import is_step
from borapp.services.cases.timeline_clashes import CLASHED, own_clashes, typed_into_removed

HANDOVER = "handover"  # the reason code of a hand-over entry in the status history (status unchanged)
MATCHED = "volunteer_matched"  # a volunteer matched (services.matching.flow), status unchanged
MATCHED_NOTE = N_("Volunteer: {name}")  # the first line of a match's note, written in the language of who matched
AT_CLOSING = N_("Agreements recorded when the case was closed")
EVALUATION_LABELS = {"midway": N_("Midway evaluation held"), "final": N_("Final evaluation held")}
KINDS = ("status", "handover", "contract", "visit", "evaluation", "letter", "attachment", "colleague", "clash")
RECEIVED = {"received_update": N_("{what} changed on {laptop}"), "received_delete": N_("{what} deleted on {laptop}"),
            "received_restore": N_("{what} brought back by {laptop}")}  # a delete-versus-edit conflict kept it
RECORD_LABELS = {"case": N_("Case details"), "parent": N_("A parent's details"), "child": N_("A child's details"),
                 "visit": N_("A visit"), "evaluation": N_("An evaluation")}


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    kind: str  # one of KINDS
    title: str
    detail: str = ""
    step_id: int | None = None  # a step taken (its history row), whose date can be corrected


def timeline(session: Session, case: Case) -> list[TimelineEntry]:
    entries = _history(session, case) + _visits(session, case.id, case.closed_on) + _evaluations(session, case.id)
    entries += _contracts(session, case.id) + _letters(session, case.id) + _attachments(session, case.id)
    entries += _colleagues(session, case.id) + _clashes(session, case.id)
    order = {k: i for i, k in enumerate(KINDS)}  # within a day: the step first, then what followed from it, so
    # newest first puts the letter about a closing above the closing (it stood below, as if written before)
    ranked = sorted(enumerate(entries), key=lambda ie: (ie[1].on, order[ie[1].kind], ie[0]), reverse=True)
    return [entry for _i, entry in ranked]


def match_note(note: str) -> str:
    """A match's note in the reader's language: its first line ("Vrijwilliger: Vera Visser") was stored in the
    words of whoever matched, Dutch or English, and an English timeline showed it in Dutch."""
    first, _newline, rest = note.partition("\n")
    for prefix in _match_prefixes():
        if prefix and first.startswith(prefix):
            name = first[len(prefix):]
            return "\n".join(t for t in (_(MATCHED_NOTE).format(name=name), rest) if t)
    return note


@functools.cache
def _match_prefixes() -> tuple[str, ...]:
    prefixes = []
    for lang in LANGUAGES:
        with in_language(lang):
            prefixes.append(_(MATCHED_NOTE).split("{name}")[0])
    return tuple(prefixes)


def _history(session: Session, case: Case) -> list[TimelineEntry]:
    names = dict(session.execute(select(Coordinator.id, Coordinator.name)).all())
    found = []
    for change in case.history:
        if change.reason == HANDOVER and change.from_status == change.to_status:
            title = _("Handed over to {name}").format(name=names.get(change.coordinator_id, "?"))
            found.append(TimelineEntry(change.on, "handover", title, change.note))
            continue
        if change.reason == MATCHED and change.from_status == change.to_status:
            found.append(TimelineEntry(change.on, "status", _("Volunteer matched"), match_note(change.note)))
            continue
        title = status_label(change.to_status)
        if change.to_status == "closed" and change.outcome:
            title = _("Closed: {outcome}").format(outcome=outcome_label(change.outcome))
        elif change.from_status == "closed":
            title = _("Reopened: {status}").format(status=status_label(change.to_status))
        detail = "\n".join(t for t in (reason_label(change.outcome, change.reason) if change.reason else "",
                                       change.note) if t)
        found.append(TimelineEntry(change.on, "status", title, detail, change.id if is_step(change) else None))
    return found


def _visits(session: Session, case_id: int, closed_on: dt.date | None) -> list[TimelineEntry]:
    found = []
    lapsed: dict[dt.date, list[dt.date]] = {}
    query = select(Visit.on, Visit.state, Visit.place, Visit.cancelled_by, Visit.cancel_reason, Visit.no_show_by).where(
        Visit.case_id == case_id, Visit.state.in_(("held", "cancelled", "no_show"))).order_by(Visit.on)
    for on, state, place, by, reason, absent in session.execute(query):
        if state == "held":
            found.append(TimelineEntry(on, "visit", _("Visit held"), place))
        elif state == "no_show":  # not called off: no cancellation
            found.append(TimelineEntry(on, "visit", no_show_text(absent), place))
        elif lapsed_at_closing(by, reason):  # on the day of the closing, not at the top under days still to come
            lapsed.setdefault(closed_on or on, []).append(on)
        else:
            title = (_("Visit cancelled by {who}").format(who=label(CANCELLED_BY_LABELS, by)) if by
                     else _("Visit cancelled"))
            found.append(TimelineEntry(on, "visit", title, reason))
    for on, days in lapsed.items():
        found.append(TimelineEntry(on, "visit", ngettext(
            "{n} planned visit lapsed: the case was closed", "{n} planned visits lapsed: the case was closed",
            len(days)).format(n=len(days)), _("Planned on {dates}").format(
            dates=format_list([long_date(day) for day in days], locale=babel_locale()))))
    addenda = select(VisitAddendum.written_on, Visit.on, VisitAddendum.author, VisitAddendum.text).join(Visit).where(
        Visit.case_id == case_id)
    for written_on, visit_on, author, text in session.execute(addenda):
        title = _("Addendum to the report of the visit of {date}").format(date=long_date(visit_on))
        found.append(TimelineEntry(written_on, "visit", title, f"{author}: {text}" if author else text))
    return found


def _evaluations(session: Session, case_id: int) -> list[TimelineEntry]:
    """Each evaluation held, with who took part; the agreements typed when closing, with nobody named, are no
    meeting and say what they are."""
    query = select(Evaluation.held_on, Evaluation.kind, Evaluation.participants).where(Evaluation.case_id == case_id)
    return [TimelineEntry(on, "evaluation", _(AT_CLOSING) if kind == "final" and not who.strip() else
                          _(EVALUATION_LABELS.get(kind, N_("Evaluation held"))), who)
            for on, kind, who in session.execute(query)]


def _contracts(session: Session, case_id: int) -> list[TimelineEntry]:
    """Each version drawn up (with who it names to sign), and each signature on it."""
    found = []
    for contract in session.scalars(select(Contract).where(Contract.case_id == case_id)):
        n = contract.version
        roles = signer_roles(parse_parties(contract.agreements))
        signers = _("To be signed by: {roles}").format(roles=", ".join(role_label(r) for r in roles))
        found.append(TimelineEntry(contract.drawn_up_on, "contract",
                                   _("Contract version {n} drawn up").format(n=n), signers))
        signed = sorted(contract.signatures, key=lambda s: (s.signed_on, s.id))
        for signature in signed:
            who = _("{role}: {name}").format(role=role_label(signature.role), name=signature.name)
            found.append(TimelineEntry(signature.signed_on, "contract", _("Contract version {n} signed").format(n=n),
                                       who))
        if signed and {s.role for s in signed} >= set(roles):
            found.append(TimelineEntry(max(s.signed_on for s in signed), "contract",
                                       _("Contract version {n} signed by everyone").format(n=n)))
    return found


def _letters(session: Session, case_id: int) -> list[TimelineEntry]:
    query = select(Letter.made_at, Letter.state_changed_at, Letter.kind, Letter.state, Letter.recipient_name).where(
        Letter.case_id == case_id)
    found = []
    for made, changed, kind, state, recipient in session.execute(query):
        when = (changed if state == "sent" and changed else made).date()
        title = _("Letter: {kind} ({state})").format(kind=label(LETTER_KIND_LABELS, kind),
                                                    state=label(LETTER_STATE_LABELS, state))
        found.append(TimelineEntry(when, "letter", title, recipient))
    return found


def _attachments(session: Session, case_id: int) -> list[TimelineEntry]:
    query = select(Attachment.added_at, Attachment.filename).where(Attachment.case_id == case_id)  # never the bytes
    return [TimelineEntry(added.date(), "attachment", _("Attachment added: {name}").format(name=name))
            for added, name in session.execute(query)]


def _colleagues(session: Session, case_id: int) -> list[TimelineEntry]:
    """What a colleague changed in this case on her laptop, as team sync brought it (the audit trail's received_*
    lines): which record, and whose laptop; one entry per record, laptop and day."""
    query = (select(AuditEvent.at, AuditEvent.action, AuditEvent.record_type, AuditEvent.record_id, AuditEvent.actor)
             .where(AuditEvent.case_id == case_id, AuditEvent.action.in_(tuple(RECEIVED)))
             .order_by(AuditEvent.id))
    found, seen = [], set()
    for at, action, record_type, record_id, laptop in session.execute(query):
        key = (at.date(), action, record_type, record_id, laptop)
        if key in seen:
            continue
        seen.add(key)
        title = _(RECEIVED[action]).format(what=_(RECORD_LABELS.get(record_type, record_type)),
                                           laptop=laptop or _("another laptop"))
        detail = _record_detail(session, record_type, record_id)
        if action == "received_delete":
            detail = "\n".join(part for part in [detail, *typed_into_removed(session, record_type, record_id)] if part)
        found.append(TimelineEntry(at.date(), "colleague", title, detail))
    return found


def _clashes(session: Session, case_id: int) -> list[TimelineEntry]:
    """What was typed here and clashed with a colleague's change: what it said, beside what the record says now."""
    entries = []
    for on, record_type, record_id, detail in own_clashes(session, case_id, tuple(RECORD_LABELS)):
        which = _record_detail(session, record_type, record_id)
        entries.append(TimelineEntry(on, "clash", _(CLASHED).format(what=_(RECORD_LABELS[record_type])),
                                     "\n".join(part for part in (which, detail) if part)))
    return entries


def _record_detail(session: Session, record_type: str, record_id: int | None) -> str:
    """Which visit or evaluation (by its date), when it is still here."""
    model = {"visit": Visit, "evaluation": Evaluation}.get(record_type)
    record = session.get(model, record_id) if model is not None and record_id is not None else None
    if record is None:
        return ""
    day = record.on if record_type == "visit" else record.held_on
    return _("of {date}").format(date=long_date(day)) if day else ""
