"""The readable half of a subject access export: a PDF that says, in plain words, what the vault holds about the
person, what was withheld and why (never its content), and which files come with it."""

from __future__ import annotations

import datetime as dt
import re

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

from borapp.formatting import date_time, local_time, long_date
from borapp.i18n import N_, _, in_language
from borapp.services.documents.facts import Organisation
from borapp.services.documents.layout import PageSetup, build_pdf, spacer, styles, text
from borapp.services.privacy.access_request import AccessExport, names

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FIELD_LABELS = {
    "sent_on": N_("Sent on"), "file": N_("File"), "text": N_("Text"), "version": N_("Version"),
    "made_on": N_("Drawn up on"),
    "signed_copy": N_("Signed copy"), "added_on": N_("Added on"), "signed": N_("Signed"),
    "ref": N_("Case number"), "registered_on": N_("Registered on"), "status": N_("Status"), "route": N_("Route"),
    "municipality": N_("Municipality"), "referrer": N_("Referrer"), "coordinator": N_("Coordinator"),
    "volunteer": N_("Volunteer"), "closed_on": N_("Closed on"), "outcome": N_("Outcome"),
    "outcome_note": N_("About the outcome"), "notes": N_("Notes"), "role": N_("Role"), "name": N_("Name"),
    "address": N_("Address"), "postcode": N_("Postcode"), "city": N_("City"), "email": N_("E-mail"),
    "phone": N_("Phone"), "birth_date": N_("Date of birth"), "on": N_("Date"), "start": N_("From"),
    "end": N_("Until"), "place": N_("Place"), "state": N_("State"), "cancelled_by": N_("Cancelled by"),
    "cancel_reason": N_("Reason for cancelling"), "handover": N_("Handover"), "what_happened": N_("What happened"),
    "child_wellbeing": N_("How the child was"), "child_voice": N_("The child's voice"), "incidents": N_("Incidents"),
    "ended_early_reason": N_("Why it ended early"), "held_on": N_("Held on"), "kind": N_("Kind"),
    "participants": N_("Participants"), "agreements": N_("Agreements"),
    "visit_place": N_("Where the visits take place"), "visit_frequency": N_("How often"),
    "agreed_visits": N_("Number of visits"), "buildup": N_("Build-up"),
    "cancellation_rules": N_("Cancelling"), "house_rules": N_("House rules"),
    "referrer_information": N_("What the referrer is told"), "court_frequency": N_("Court decision: frequency"),
    "court_duration": N_("Court decision: duration"), "court_buildup": N_("Court decision: build-up"),
    "motivation": N_("Motivation"), "safety": N_("Safety"), "volunteer_wishes": N_("Wishes for the volunteer"),
    "supervised_by": N_("Supervised by"), "brought_by": N_("Brought by"), "collected_by": N_("Collected by"),
    "others_present": N_("Also present"), "cancelled_on": N_("Cancelled on"),
    "notice_hours": N_("Cancelled how many hours before"), "no_show_by": N_("Did not show up"),
    "written_on": N_("Written on"),
    "written_by": N_("Written by"), "minutes": N_("Minutes"), "note": N_("Note"), "reason": N_("Reason"),
}


def overview_pdf(export: AccessExport, organisation: Organisation) -> bytes:
    with in_language(export.language):
        st = styles()
        story = [Paragraph(text(_("Your data in our files")), st.title),
                 Paragraph(text(_("Overview for {names}, made on {date} in answer to a request for access "
                                  "(AVG, article 15).").format(names=_names(export),
                                                               date=long_date(export.made_on))), st.body),
                 Paragraph(text(_("It lists everything our files hold about you, what we did not give and why, "
                                  "and the files that come with it. The same data is in {data}, for a computer to "
                                  "read.").format(data=names(export.language)[1])), st.small)]
        for case in export.data["cases"]:
            story += _case(case, st)
        story += _withheld(export, st) + _files(export, st)
        setup = PageSetup(title=_("Your data in our files"), author=organisation.name,
                          subject=_("Request for access"), lang=export.language, footer=_("Request for access"))
        return build_pdf(story, organisation, setup)


def _names(export: AccessExport) -> str:
    names = sorted({s.name for s in export.subjects if s.name}) or sorted({s.case_ref for s in export.subjects})
    return ", ".join(names)


def _label(key: str) -> str:
    return _(FIELD_LABELS.get(key, key))


def _shown(value) -> str:
    """Dates as the Dutch read them (the JSON keeps ISO dates)."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return long_date(dt.date.fromisoformat(value))
    return str(value)


def _rows(st, values: dict, skip: tuple[str, ...] = ()) -> list:
    rows = [[Paragraph(text(_label(k)), st.label), Paragraph(text(_shown(v)), st.body)]
            for k, v in values.items()
            if k not in skip and v not in ("", None, [], {}) and not isinstance(v, (list, dict))]
    if not rows:
        return []
    table = Table(rows, colWidths=[48 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [table, spacer(2)]


def _case(case: dict, st) -> list:
    story = [Paragraph(text(_("Case {ref}").format(ref=case["case"]["ref"])), st.heading)]
    story += _rows(st, case["case"])
    sections = ((_("Parents"), case["parents"]), (_("Children"), case["children"]),
                (_("Course of the case"), case["status_history"]), (_("Visits"), case["visits"]),
                (_("Evaluations"), case["evaluations"]), (_("Letters"), case["letters"]),
                (_("Contract versions"), case["contracts"]), (_("Attachments"), case["attachments"]),
                (_("Hours"), case.get("hours", [])),
                (_("Why volunteers are not matched to the family"), case.get("exclusions", [])))
    agreements = {k: v for k, v in case["agreements"].items() if v}
    if agreements:
        story += [Paragraph(text(_("Agreements")), st.heading)] + _rows(st, agreements)
    for title, items in sections:
        if items:
            story.append(Paragraph(text(title), st.heading))
            for item in items:
                story += _item(st, item)
    if case["access_log"]:
        story.append(Paragraph(text(_("Who looked at or handled this file")), st.heading))
        story += [Paragraph(text(f"{_moment(line['at'])} · {line['who'] or '-'} · {line['action']}"
                                 f" · {line['record']}"), st.small) for line in case["access_log"]]
    return story


def _item(st, item: dict) -> list:
    """A visit or evaluation under one line that says when (and how it went); other items as rows."""
    if "start" in item:  # a visit
        times = "–".join(t for t in (item["start"], item["end"]) if t)
        head = " · ".join(p for p in (_shown(item["on"]), times, item["state"]) if p)
        return ([Paragraph(text(head), st.label)] + _rows(st, item, skip=("on", "start", "end", "state"))
                + _addenda(st, item.get("addenda", [])))
    if "status" in item and "on" in item:  # a step in the course of the case
        line = " · ".join(p for p in (_shown(item["on"]), item["status"], item.get("note", "")) if p)
        return [Paragraph(text(line), st.body)]
    if "signatures" in item:  # a contract version
        signed = "; ".join(f"{s['name'] or s['role']} ({s['role'].lower()}), {_shown(s['on'])}"
                           for s in item["signatures"])
        return _rows(st, dict(item, signed=signed))
    if "held_on" in item:
        head = f"{item['kind']} · {_shown(item['held_on'])}"
        return [Paragraph(text(head), st.label)] + _rows(st, item, skip=("held_on", "kind"))
    return _rows(st, item)


def _addenda(st, addenda: list[dict]) -> list:
    """A finished report's addenda, under its visit, each under the day it was written and by whom."""
    story = []
    for addendum in addenda:
        head = " · ".join(p for p in (_("Addendum"), _shown(addendum["written_on"]), addendum["written_by"]) if p)
        story += [Paragraph(text(head), st.small)] + _rows(st, {"text": addendum["text"]})
    return story


def _withheld(export: AccessExport, st) -> list:
    story = [Paragraph(text(_("What we did not give, and why")), st.heading)]
    if not export.withheld:
        return story + [Paragraph(text(_("Nothing was withheld.")), st.body)]
    # each reason whole on one page: a long one split, and the next page opened with its last word alone
    return story + [KeepTogether([Paragraph(text(f"{item['what']}: {item['why']}"), st.bullet, bulletText="•")])
                    for item in export.withheld]


def _files(export: AccessExport, st) -> list:
    if not export.files:
        return []
    return [Paragraph(text(_("Files with this overview")), st.heading)] + [
        KeepTogether([Paragraph(text(f"{f.name}: {f.about}"), st.bullet, bulletText="•")]) for f in export.files]


def _moment(iso: str) -> str:
    """A log line's moment (stored in UTC, "…Z") in this computer's time, in words ("5 december 2026 23:20")."""
    try:
        return date_time(local_time(dt.datetime.fromisoformat(iso.rstrip("Z"))))
    except ValueError:
        return iso
