"""The intake's rules, one set per wizard step: `validate_step(step, data)` → {field: message}, empty when fine.

Every message is in the user's language and names the field as the wizard knows it ("resident.postcode",
"children.0.birth_date"), so the wizard can show it under that field and say why Next is refused. Nothing here
reads the vault: whether a chosen organisation or municipality still exists is checked when the case is made.
"""

from __future__ import annotations

import datetime as dt

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.models.cases import ROUTES
from borapp.models.organisations import FUNDING_TYPES, ORGANISATION_KINDS
from borapp.services.cases.editing import ParentInput
from borapp.services.cases.wishes import wish_problems
from borapp.services.intake.answers import IntakeInput, from_dict
from borapp.services.organisations.addresses import address_problem
from borapp.services.validation import email_problem, phone_problem, postcode_problem

STEPS = ("route", "referrer", "municipality", "resident", "other_parent", "children", "court", "safety", "wishes",
         "summary")
_LONG_TEXT = 4000


def validate_step(step: str, data: IntakeInput | dict, on: dt.date | None = None) -> dict[str, str]:
    """What is wrong on one wizard step ("summary": on every step), field by field, in the order of the form."""
    if step not in STEPS:
        raise ValueError(f"unknown intake step {step!r}")
    inp, on = from_dict(data), on or dt.date.today()
    problems: dict[str, str] = {}
    for name in (STEPS[:-1] if step == "summary" else (step,)):
        for field, message in _CHECKS[name](inp, on):
            if message and field not in problems:
                problems[field] = message
    return problems


def first_problem(data: IntakeInput | dict, on: dt.date | None = None) -> tuple[str, str] | None:
    """(field, message) of the first problem on any step, or None when the whole intake is fine."""
    problems = validate_step("summary", data, on)
    return next(iter(problems.items()), None)


# ---- the steps ------------------------------------------------------------------------------------------------------

def _route(inp: IntakeInput, on: dt.date):
    yield "registered_on", _date_problem(inp.registered_on, on, required=True)
    yield "intake_on", _date_problem(inp.intake_on, on, required=True) or _intake_problem(inp)
    yield "route", "" if inp.route in ROUTES else _("Choose a route.")


def _intake_problem(inp: IntakeInput) -> str:
    """The intake talk is on or after the registration: letters state the two in that order."""
    if inp.intake_on is None or inp.registered_on is None or inp.intake_on >= inp.registered_on:
        return ""
    return _("The intake talk cannot be before the registration ({date}).").format(
        date=long_date(inp.registered_on))


def _referrer(inp: IntakeInput, on: dt.date):
    if inp.referrer_id is None:
        yield "referrer_name", "" if inp.referrer_name.strip() else _("Choose an organisation or enter a new one.")
        yield "referrer_name", _length(inp.referrer_name, 200)
        yield "referrer_kind", "" if inp.referrer_kind in ORGANISATION_KINDS else _("Choose the kind of organisation.")
        yield "referrer_address", address_problem(inp.referrer_address)
    yield "referrer_contact", _required(inp.referrer_contact) or _length(inp.referrer_contact, 200)
    yield "referrer_email", email_problem(inp.referrer_email) or _length(inp.referrer_email, 200)
    if not inp.commissioner_same and inp.commissioner_id is None and inp.commissioner_name.strip():
        yield "commissioner_name", _length(inp.commissioner_name, 200)
        yield "commissioner_kind", ("" if inp.commissioner_kind in ORGANISATION_KINDS
                                    else _("Choose the kind of organisation."))
        yield "commissioner_contact", _length(inp.commissioner_contact, 200)
        yield "commissioner_address", address_problem(inp.commissioner_address)
        yield "commissioner_email", email_problem(inp.commissioner_email) or _length(inp.commissioner_email, 200)


def _municipality(inp: IntakeInput, on: dt.date):
    yield "municipality_id", "" if inp.municipality_id is not None else _("Choose a municipality from the list.")
    yield "funding", "" if inp.funding in FUNDING_TYPES else _("Choose a funding type.")


def _resident(inp: IntakeInput, on: dt.date):
    yield from _parent(inp.resident)


def _other_parent(inp: IntakeInput, on: dt.date):
    yield from _parent(inp.other)


def _parent(p: ParentInput):
    role = p.role
    yield f"{role}.name", _required(p.name) or _length(p.name, 200)
    yield f"{role}.address", _length(p.address, 300)
    yield f"{role}.postcode", postcode_problem(p.postcode or "")
    yield f"{role}.city", _length(p.city, 120)
    yield f"{role}.email", email_problem(p.email) or _length(p.email, 200)
    yield f"{role}.phone", phone_problem(p.phone)


def _children(inp: IntakeInput, on: dt.date):
    if not inp.filled_children():
        yield "children", _("Add at least one child.")
    for i, child in enumerate(inp.children):
        if not child.name.strip() and child.birth_date is None:
            continue
        yield f"children.{i}.name", _required(child.name) or _length(child.name, 200)
        yield f"children.{i}.birth_date", _birth_problem(child.birth_date, on) or _born_after(child.birth_date, inp)


def _court(inp: IntakeInput, on: dt.date):
    if inp.route == "self":
        return  # the step is skipped; what it may hold from an earlier route is not kept
    yield "court_decision_on", _date_problem(inp.court_decision_on, on, required=inp.route == "court")
    yield "court_frequency", _length(inp.court_frequency, 200)
    yield "court_duration", _length(inp.court_duration, 200)
    yield "court_buildup", _length(inp.court_buildup, _LONG_TEXT)


def _safety(inp: IntakeInput, on: dt.date):
    yield "motivation_resident", _length(inp.motivation_resident, _LONG_TEXT)
    yield "motivation_other", _length(inp.motivation_other, _LONG_TEXT)
    if inp.no_contact_order:
        yield "no_contact_details", (_length(inp.no_contact_details, _LONG_TEXT) if inp.no_contact_details.strip()
                                     else _("Describe the order: between whom, and until when."))
        yield "staggered_arrival", ("" if inp.staggered_arrival else
                                    _("With a no-contact order the parents must not meet: choose staggered arrival."))
    yield "must_not_meet", _length(inp.must_not_meet, 1000)


def _wishes(inp: IntakeInput, on: dt.date):
    problems = wish_problems(inp.preferred_slots, inp.wish_gender, inp.wish_languages)  # as the case file asks
    yield "preferred_slots", problems.get("preferred_slots", "")
    yield "visit_place", _length(inp.visit_place, 300)
    yield "wish_gender", problems.get("wish_gender", "")
    yield "wish_languages", problems.get("wish_languages", "")
    yield "wish_languages", _length(";".join(inp.wish_languages), 100)
    yield "other_wishes", _length(inp.other_wishes, _LONG_TEXT)


_CHECKS = {"route": _route, "referrer": _referrer, "municipality": _municipality, "resident": _resident,
           "other_parent": _other_parent, "children": _children, "court": _court, "safety": _safety,
           "wishes": _wishes}


# ---- small rules ----------------------------------------------------------------------------------------------------

def _required(text: str | None) -> str:
    return "" if (text or "").strip() else _("Required.")


def _length(text: str | None, limit: int) -> str:
    return _("At most {n} characters.").format(n=limit) if text and len(text) > limit else ""


def _date_problem(value: dt.date | None, on: dt.date, *, required: bool) -> str:
    if value is None:
        return _("Required.") if required else ""
    return _("This date is in the future.") if value > on else ""


MONTHS_BACK_WARNED = 2  # a registration this many months back or more is asked about (1-2-26 for 1-12-26)


def registration_warning(registered_on: dt.date | None, on: dt.date | None = None) -> str:
    """A warning, not a block: a registration more than a year back is more often a slip (2016 for 2026) than a
    family that waited, and its year gives the case number and the annual report it counts in; months back (a
    month typed wrong, 1-2 for 1-12) is asked about gently, as the waiting time and the contact term count from it."""
    on = on or dt.date.today()
    if registered_on is None or registered_on > on:
        return ""
    if registered_on >= on - dt.timedelta(days=365):
        months = _months_between(registered_on, on)
        if months < MONTHS_BACK_WARNED:
            return ""
        return _("Registered on {date}, {months} months ago: is that right?").format(  # two or more: plural
            date=long_date(registered_on), months=months)
    return _("That is more than a year ago ({date}): the case gets a case number of {year} and counts in the "
             "annual report of {year}. Is the date right?").format(date=long_date(registered_on),
                                                                   year=registered_on.year)


def _months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (1 February to 6 December: 10)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def _born_after(born: dt.date | None, inp: IntakeInput) -> str:
    """A child is born before the family is registered: one of the two dates is a slip (1-2-1926 for 1-2-2026)."""
    if born is None or inp.registered_on is None or born <= inp.registered_on:
        return ""
    return _("This child would be born after the registration date ({date}): check both dates.").format(
        date=long_date(inp.registered_on))


def _birth_problem(value: dt.date | None, on: dt.date) -> str:
    if value is None:
        return _("Enter the birth date; the age decides whether BOR fits.")
    return _("The birth date is after {date}.").format(date=long_date(on)) if value > on else ""
