"""The canonical columns of each import, the Dutch headings a coordinator would use, and matching a header row."""

from __future__ import annotations

from dataclasses import dataclass, field

from borapp.i18n import language
from borapp.services.importer.text import fold

_PARENT = {
    "name": ("naam {who}", "{who}", "naam {who} ouder"),
    "address": ("adres {who}",),
    "postcode": ("postcode {who}",),
    "city": ("plaats {who}", "woonplaats {who}"),
    "address_confidential": ("adres {who} geheim", "geheim adres {who}", "adres geheim {who}",
                             "adres {who} vertrouwelijk", "vertrouwelijk adres {who}"),
    "email": ("e-mail {who}", "email {who}", "e-mailadres {who}", "emailadres {who}"),
    "phone": ("telefoon {who}", "telefoonnummer {who}", "tel {who}", "mobiel {who}"),
}
_WHO = {
    "resident": ("verzorgende ouder", "resident parent"),
    "other": ("uitwonende ouder", "niet-verzorgende ouder", "niet verzorgende ouder", "andere ouder",
              "non-resident parent", "other parent"),
}
_NOTES = ("opmerkingen", "opmerking", "aantekeningen", "notities", "toelichting")


def _parent_columns() -> dict[str, tuple[str, ...]]:
    columns: dict[str, tuple[str, ...]] = {}
    for role, whos in _WHO.items():
        for item, patterns in _PARENT.items():
            columns[f"{role}_parent_{item}"] = tuple(p.format(who=w) for w in whos for p in patterns)
    return columns


CASE_COLUMNS: dict[str, tuple[str, ...]] = {
    "case_ref": ("dossiernummer", "dossiernr", "dossier", "zaaknummer", "casusnummer", "kenmerk", "case number"),
    "registered_on": ("aanmelddatum", "datum aanmelding", "aangemeld op", "registratiedatum", "registered"),
    "route": ("aanmeldroute", "route aanmelding", "kader"),
    "municipality": ("gemeente",),
    "funding": ("financiering", "financieringsvorm", "bekostiging"),
    "referrer_name": ("verwijzer", "naam verwijzer", "verwijzende organisatie", "referrer"),
    "referrer_kind": ("soort verwijzer", "type verwijzer", "verwijzer soort", "referrer type"),
    "referrer_email": ("e-mail verwijzer", "email verwijzer", "e-mailadres verwijzer", "emailadres verwijzer"),
    **_parent_columns(),
    "children": ("kinderen", "kind", "kind(eren)"),
    "coordinator": ("coördinator",),
    "status": ("fase",),
    "outcome": ("uitkomst", "resultaat"),
    "outcome_reason": ("reden", "reden uitkomst", "reden afsluiting", "reden stoppen"),
    "closed_on": ("afgesloten op", "datum afsluiting", "afsluitdatum", "einddatum"),
    "volunteer": ("vrijwilliger", "bor-medewerker", "bor-begeleider", "begeleider"),
    "notes": _NOTES,
}
CASE_REQUIRED = ("case_ref", "registered_on", "municipality", "status", "resident_parent_name", "other_parent_name",
                 "children")

VOLUNTEER_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("naam", "naam vrijwilliger", "vrijwilliger"),
    "email": ("e-mail", "e-mailadres", "emailadres"),
    "phone": ("telefoon", "telefoonnummer", "tel", "mobiel"),
    "region": ("regio",),
    "vog_date": ("vog-datum", "datum vog", "vog", "vog afgegeven op"),
    "trained_on": ("getraind op", "trainingsdatum", "datum training", "basistraining"),
    "max_cases": ("max trajecten", "maximaal aantal trajecten", "max aantal trajecten", "max gezinnen",
                  "max dossiers"),
    "active": ("actief",),
    "joined_on": ("gestart op", "startdatum", "begonnen op", "datum start", "in dienst"),
    "left_on": ("gestopt op", "vertrokken op", "einddatum", "uit dienst", "datum vertrek"),
    "gender": ("geslacht",),
    "languages": ("talen", "taal"),
    "availability": ("beschikbaarheid", "beschikbaar"),
    "address": ("adres", "woonadres"),
    "notes": _NOTES,
}
VOLUNTEER_REQUIRED = ("name",)
COLUMNS = {"cases": CASE_COLUMNS, "volunteers": VOLUNTEER_COLUMNS}
REQUIRED = {"cases": CASE_REQUIRED, "volunteers": VOLUNTEER_REQUIRED}


def heading(kind: str, column: str) -> str:
    """A column as a Dutch coordinator writes it (its first Dutch heading) in Dutch, else its canonical name."""
    aliases = COLUMNS[kind][column]
    return aliases[0] if language() == "nl" and aliases else column


def _lookup(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for column, aliases in COLUMNS[kind].items():
        for heading in (column, *aliases):
            table.setdefault(fold(heading), column)
    return table


def canonical(kind: str, heading: object) -> str | None:
    """The canonical column a heading stands for: case, accents, surrounding spaces, '_' and '-' ignored."""
    key = fold(heading).rstrip(" *")
    return _lookup(kind).get(key)


@dataclass
class HeaderMap:
    """Which file column holds which canonical column, and what did not fit."""

    index: dict[str, int] = field(default_factory=dict)  # canonical column → position in the row
    headings: dict[str, str] = field(default_factory=dict)  # canonical column → heading as in the file
    unknown: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)  # canonical columns given by two headings
    missing: list[str] = field(default_factory=list)  # required columns absent


def map_header(kind: str, header: list[str]) -> HeaderMap:
    result = HeaderMap()
    for position, heading in enumerate(header):
        text = str(heading or "").strip()
        if not text:
            continue
        column = canonical(kind, text)
        if column is None:
            result.unknown.append(text)
        elif column in result.index:
            result.doubled.append(column)
        else:
            result.index[column], result.headings[column] = position, text
    result.missing = [c for c in REQUIRED[kind] if c not in result.index]
    return result
