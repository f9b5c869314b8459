"""Settings data that lives in records: coordinators and municipalities with their region and funding per year."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from borapp.i18n import _, ngettext
from borapp.models import Case, Coordinator, ErasedCount, Municipality, MunicipalityFunding
from borapp.models.organisations import FUNDING_TYPES
from borapp.services import audit
from borapp.services.errors import NotFound, ValidationError
from borapp.services.validation import email_problem, phone_problem


@dataclass(frozen=True)
class CoordinatorRow:
    id: int
    name: str
    email: str
    active: bool
    phone: str = ""


@dataclass(frozen=True)
class MunicipalityRow:
    id: int
    name: str
    region: str
    funding: dict[int, str]  # year → "purchased" | "per_case"


def coordinators(workspace) -> list[CoordinatorRow]:
    with workspace.session() as session:
        return [CoordinatorRow(c.id, c.name, c.email, c.active, c.phone)
                for c in session.scalars(select(Coordinator).order_by(Coordinator.name))]


def save_coordinator_contact(workspace, coordinator_id: int, email: str, phone: str) -> None:
    """The e-mail address and phone number that letters give for the coordinator of a case."""
    email, phone = email.strip(), " ".join(phone.split())
    if problem := email_problem(email):
        raise ValidationError(problem, "email")
    if problem := phone_problem(phone):
        raise ValidationError(problem, "phone")
    with workspace.session() as session:
        coordinator = session.get(Coordinator, coordinator_id)
        if coordinator is None:
            raise NotFound(_("This coordinator no longer exists."))
        coordinator.email, coordinator.phone = email, phone
        audit.record(session, "update", "coordinator", coordinator_id, workspace.actor)


def set_coordinator_active(workspace, coordinator_id: int, active: bool) -> None:
    """Not the one at work now, nor the last active one: after a lock "who is working?" offered nobody, and her
    own name was taken, so only a made-up coordinator got back in."""
    with workspace.session() as session:
        coordinator = session.get(Coordinator, coordinator_id)
        if coordinator is None:
            raise NotFound(_("This coordinator no longer exists."))
        if not active and coordinator.id == getattr(workspace, "coordinator_id", None):
            raise ValidationError(_("You are working as {name}: another coordinator makes you inactive.").format(
                name=coordinator.name))
        others = session.scalar(select(func.count()).select_from(Coordinator).where(
            Coordinator.active.is_(True), Coordinator.id != coordinator.id))
        if not active and coordinator.active and not others:
            raise ValidationError(_("{name} is the only active coordinator; someone must stay to open the "
                                    "vault.").format(name=coordinator.name))
        coordinator.active = active
        audit.record(session, "update", "coordinator", coordinator_id, workspace.actor)


def municipalities(workspace) -> list[MunicipalityRow]:
    with workspace.session() as session:
        return [MunicipalityRow(m.id, m.name, m.region, {f.year: f.funding for f in m.fundings})
                for m in session.scalars(select(Municipality).order_by(Municipality.name))]


def save_municipality(workspace, name: str, region: str, municipality_id: int | None = None) -> int:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Enter the municipality's name."), "name")
    with workspace.session() as session:
        # "alkmaar" beside "Alkmaar" was a second municipality, which imports then chose between
        clash = session.scalar(select(Municipality).where(func.casefold(Municipality.name) == name.casefold(),
                                                          Municipality.id != (municipality_id or 0)))
        if clash is not None:
            raise ValidationError(_("There is already a municipality called {name}.").format(name=clash.name), "name")
        municipality = session.get(Municipality, municipality_id) if municipality_id else Municipality(name=name)
        if municipality is None:
            raise NotFound(_("This municipality no longer exists."))
        municipality.name, municipality.region = name, region.strip()
        session.add(municipality)
        session.flush()
        audit.record(session, "update" if municipality_id else "create", "municipality", municipality.id, workspace.actor)
        return municipality.id


def delete_municipality(workspace, municipality_id: int) -> None:
    """A municipality no case names (one saved by mistake) is removed with its funding per year; one a case names
    stays, and the refusal says how many name it."""
    with workspace.session() as session:
        municipality = session.get(Municipality, municipality_id)
        if municipality is None:
            raise NotFound(_("This municipality no longer exists."))
        used = session.scalar(select(func.count()).select_from(Case).where(Case.municipality_id == municipality_id))
        if used:
            raise ValidationError(ngettext(
                "{name} is the municipality of {n} case; it stays. Change that case's municipality first.",
                "{name} is the municipality of {n} cases; it stays. Change those cases' municipality first.",
                used).format(name=municipality.name, n=used), "name")
        erased = session.scalar(select(func.count()).select_from(ErasedCount)
                                .where(ErasedCount.municipality_id == municipality_id))
        if erased:  # its annual figures count them under this municipality
            raise ValidationError(ngettext(
                "{name} stays: the annual figures count {n} erased case of it.",
                "{name} stays: the annual figures count {n} erased cases of it.",
                erased).format(name=municipality.name, n=erased), "name")
        audit.record(session, "delete", "municipality", municipality.id, workspace.actor)
        session.delete(municipality)


def set_funding(workspace, municipality_id: int, year: int, funding: str) -> None:
    """Record how the municipality pays in `year`; an empty funding removes that year's entry."""
    if funding and funding not in FUNDING_TYPES:
        raise ValidationError(_("Unknown funding type."), "funding")
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Not a year."), "year")
    with workspace.session() as session:
        municipality = session.get(Municipality, municipality_id)
        if municipality is None:
            raise NotFound(_("This municipality no longer exists."))
        existing = next((f for f in municipality.fundings if f.year == year), None)
        if not funding:
            if existing is not None:
                municipality.fundings.remove(existing)
        elif existing is None:
            municipality.fundings.append(MunicipalityFunding(year=year, funding=funding))
        else:
            existing.funding = funding
        audit.record(session, "update", "municipality", municipality_id, workspace.actor)
