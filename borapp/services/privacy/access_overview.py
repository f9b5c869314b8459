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
from borapp.services.field_words import FIELD_LABELS
from borapp.services.privacy.access_request import AccessExport, names

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The fields in the words of the screens (`services.field_words`), but these: the parent reads the export, and a
# plain "Place" or "Frequency" says less to her than the coordinator's form, "Street and number" less than "Address".
ACCESS_WORDS = {
    "address": N_("Address"), "visit_place": N_("Where the visits take place"), "visit_frequency": N_("How often"),
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
    return _(ACCESS_WORDS[key]) if key in ACCESS_WORDS else _(FIELD_LABELS.get(key, key))


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
