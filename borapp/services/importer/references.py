"""Organisations, municipalities, coordinators and volunteers named in case rows: found by name (case and accents
ignored) or, except volunteers, created and listed in the report. A differing kind, e-mail or funding is noted (kinds
and funding in words, as the case file shows them)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Coordinator, Municipality, MunicipalityFunding, Organisation, Volunteer
from borapp.services import audit
from borapp.services.cases.labels import funding_label
from borapp.services.importer.report import ImportReport
from borapp.services.importer.text import name_key
from borapp.services.organisations.referrers import kind_label


class References:
    def __init__(self, session: Session, report: ImportReport, actor: str = ""):
        self.session, self.report, self.actor = session, report, actor
        self._organisations = _by_name(session, Organisation)
        self._municipalities = _by_name(session, Municipality)
        self._coordinators = _by_name(session, Coordinator)
        self._volunteers = _by_name(session, Volunteer)

    def volunteer(self, name: str) -> Volunteer | None:
        return self._volunteers.get(name_key(name)) if name else None

    def organisation_kind(self, name: str) -> str | None:
        """The kind the vault records for an organisation of this name, if it knows one."""
        org = self._organisations.get(name_key(name)) if name else None
        return org.kind if org is not None else None

    def organisation(self, row: int, name: str, kind: str | None, email: str) -> Organisation | None:
        if not name:
            return None
        org = self._organisations.get(name_key(name))
        if org is None:
            org = self._create(Organisation(name=name, kind=kind or "other"), "organisation")
            self._organisations[name_key(name)] = org
            self.report.new_organisations.append(name)
            return org
        if kind and kind != org.kind:
            self.report.note(_("Organisation {name} is recorded as '{recorded}'; row {row} says '{given}'. "
                               "The record was kept.").format(name=org.name, recorded=kind_label(org.kind), row=row,
                                                           given=kind_label(kind)))
        if email and org.email and email.casefold() != org.email.casefold():
            self.report.note(_("Organisation {name} has e-mail {recorded}; row {row} gives {given} as the case's "
                               "referrer contact.").format(name=org.name, recorded=org.email, row=row, given=email))
        return org

    def municipality(self, row: int, name: str, year: int, funding: str | None) -> Municipality:
        municipality = self._municipalities.get(name_key(name))
        if municipality is None:
            municipality = self._create(Municipality(name=name), "municipality")
            self._municipalities[name_key(name)] = municipality
            self.report.new_municipalities.append(name)
        recorded = funding_in(municipality, year)
        if funding and recorded is None:
            municipality.fundings.append(MunicipalityFunding(year=year, funding=funding))
        elif funding and recorded != funding:
            self.report.note(_("Municipality {name} is recorded as '{recorded}' in {year}; row {row} says '{given}'. "
                               "The record was kept; the case has the row's funding.")
                             .format(name=municipality.name, recorded=funding_label(recorded), year=year, row=row,
                                     given=funding_label(funding)))
        return municipality

    def coordinator(self, name: str) -> Coordinator | None:
        if not name:
            return None
        coordinator = self._coordinators.get(name_key(name))
        if coordinator is None:
            coordinator = self._create(Coordinator(name=name), "coordinator")
            self._coordinators[name_key(name)] = coordinator
            self.report.new_coordinators.append(name)
        return coordinator

    def _create(self, record, record_type: str):
        self.session.add(record)
        self.session.flush()
        audit.record(self.session, "import", record_type, record.id, self.actor)
        return record


def funding_in(municipality: Municipality, year: int) -> str | None:
    return next((f.funding for f in municipality.fundings if f.year == year), None)


def _by_name(session: Session, model) -> dict:
    """Records by their name's key; of two whose names differ only in capitals or spaces (saved before the
    settings refused that), the first one made, which the cases before it name."""
    found: dict = {}
    for record in session.scalars(select(model).order_by(model.id)):
        found.setdefault(name_key(record.name), record)
    return found
