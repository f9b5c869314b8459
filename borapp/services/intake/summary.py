"""The intake read back before the case is made: sections of (label, value) rows in the user's language.

Warnings that do not block (a child older than 12) come along, so the coordinator sees them once more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale
from babel.dates import get_day_names

from borapp.formatting import long_date
from borapp.i18n import N_, _, babel_locale
from borapp.models import Municipality, Organisation
from borapp.models.volunteers import DAY_PARTS, WEEKDAYS
from borapp.services.cases.editing import AddressParts, ParentInput
from borapp.services.cases.labels import funding_label, label, route_label
from borapp.services.intake.answers import ORGANISATION_KIND_LABELS, IntakeInput, from_dict
from borapp.services.intake.checks import registration_warning
from borapp.services.organisations.addresses import one_line
from borapp.services.validation import age_label, child_age_warning
from borapp.services.volunteers.profiles import GENDER_LABELS, parse_availability
from borapp.services.vault.workspace import Workspace

PART_LABELS = {"morning": N_("Morning"), "afternoon": N_("Afternoon"), "evening": N_("Evening")}


@dataclass(frozen=True)
class SummarySection:
    step: str
    title: str
    rows: tuple[tuple[str, str], ...]
    masked: tuple[str, ...] = ()  # labels of rows a screen shows masked until asked (a confidential address)


@dataclass(frozen=True)
class Summary:
    sections: tuple[SummarySection, ...]
    warnings: tuple[str, ...]


def summarise(workspace: Workspace, data: IntakeInput | dict, on: dt.date | None = None) -> Summary:
    inp, on = from_dict(data), on or dt.date.today()
    with workspace.session() as session:
        referrer, address = _organisation(session, inp.referrer_id, inp.referrer_name, inp.referrer_kind,
                                          inp.referrer_address)
        commissioner = (_("Same as the referrer") if inp.commissioner_same else
                        _organisation(session, inp.commissioner_id, inp.commissioner_name, inp.commissioner_kind,
                                      inp.commissioner_address)[0] or _("Not known yet"))
        municipality = session.get(Municipality, inp.municipality_id) if inp.municipality_id is not None else None
        municipality_name = municipality.name if municipality else ""
    sections = [
        SummarySection("route", _("Registration"), (
            (_("Registration date"), long_date(inp.registered_on)),
            (_("Date of the intake talk"), long_date(inp.intake_on)), (_("Route"), route_label(inp.route)))),
        SummarySection("referrer", _("Referrer and commissioning party"), (
            (_("Referrer"), referrer), (_("Postal address"), address), (_("Contact person"), inp.referrer_contact),
            (_("E-mail"), inp.referrer_email), (_("Commissioning party"), commissioner))),
        SummarySection("municipality", _("Municipality and funding"), (
            (_("Municipality"), municipality_name), (_("Funding"), funding_label(inp.funding)))),
        _parent_section("resident", _("Resident parent"), inp.resident),
        _parent_section("other_parent", _("Non-resident parent"), inp.other),
        SummarySection("children", _("Children"), tuple(
            (c.name, _("born {date} (age {age})").format(date=long_date(c.birth_date), age=age_label(c.birth_date, on))
             if c.birth_date else "") for c in inp.filled_children())),
    ]
    if inp.route != "self":
        sections.append(SummarySection("court", _("Court decision"), (
            (_("Date of the decision"), long_date(inp.court_decision_on)), (_("Frequency"), inp.court_frequency),
            (_("Duration"), inp.court_duration), (_("Build-up"), inp.court_buildup))))
    sections += [
        SummarySection("safety", _("Motivation and safety"), (
            (_("Motivation of the resident parent"), inp.motivation_resident),
            (_("Motivation of the non-resident parent"), inp.motivation_other),
            (_("No-contact order"), inp.no_contact_details if inp.no_contact_order else _("No")),
            (_("Must not meet"), inp.must_not_meet),
            (_("Staggered arrival and departure"), _("Yes") if inp.staggered_arrival else _("No")))),
        SummarySection("wishes", _("Practical wishes"), (
            (_("Preferred days"), _slots(inp.preferred_slots)),
            (_("Place"), inp.visit_place),
            (_("Volunteer's gender (demand)"), _(GENDER_LABELS[inp.wish_gender]) if inp.wish_gender in ("f", "m")
             else _("No demand")),
            (_("Volunteer speaks (wish)"), _languages(inp.wish_languages)), (_("Other wishes"), inp.other_wishes))),
    ]
    warnings = tuple(f"{c.name}: {w}" for c in inp.filled_children() if (w := child_age_warning(c.birth_date, on)))
    if late := registration_warning(inp.registered_on, on):
        warnings = (_("Registration date") + f": {late}", *warnings)
    return Summary(tuple(_without_empty(s) for s in sections), warnings)


def _organisation(session, org_id: int | None, name: str, kind: str, address: str) -> tuple[str, str]:
    """(name, postal address on one line) of the chosen or the new organisation."""
    if org_id is not None:
        found = session.get(Organisation, org_id)
        return (found.name, one_line(found.address)) if found else ("", "")
    if not name.strip():
        return "", ""
    return _("{name} (new: {kind})").format(name=" ".join(name.split()),
                                           kind=label(ORGANISATION_KIND_LABELS, kind).lower()), one_line(address)


def _parent_section(step: str, title: str, p: ParentInput) -> SummarySection:
    address = AddressParts(p.address or "", p.postcode or "", p.city or "").one_line()
    rows = ((_("Name"), p.name), (_("Address"), address), (_("E-mail"), p.email), (_("Phone"), p.phone))
    return SummarySection(step, title, rows, (_("Address"),) if address and p.address_confidential else ())


def _slots(codes) -> str:
    """"Monday afternoon, Saturday morning" in the user's language."""
    slots = parse_availability(";".join(codes))
    names = get_day_names("wide", locale=babel_locale())
    days = {code: names[i][:1].upper() + names[i][1:] for i, code in enumerate(WEEKDAYS)}
    return ", ".join(f"{days[d]} {_(PART_LABELS[p]).lower()}" for d in WEEKDAYS for p in DAY_PARTS if (d, p) in slots)


def _languages(codes) -> str:
    """"Nederlands, Turks": language codes named in the user's language."""
    names = Locale.parse(babel_locale()).languages
    return ", ".join(names.get(code, code.upper()) for code in codes)


def _without_empty(section: SummarySection) -> SummarySection:
    """Rows that say nothing are left out; a section left empty says so once."""
    rows = tuple((k, v) for k, v in section.rows if v)
    return SummarySection(section.step, section.title, rows or ((_("Nothing entered"), ""),), section.masked)
