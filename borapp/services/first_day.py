"""The first-day checklist: what a new vault needs before the work starts, each step with where to do it.

A step counts as done when the records show it (not when it was clicked), so the list keeps itself up to date; it
is shown on Today until every step is done or the coordinator puts it away.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from borapp.i18n import N_, _
from borapp.models import Coordinator, Municipality, Organisation, Volunteer
from borapp.services import settings

DONE_SETTING = "first_day.done"


@dataclass(frozen=True)
class Step:
    key: str
    title: str   # in the user's language
    hint: str    # what to do, in the user's language
    place: str   # where: a page key, or "settings/<tab key>"
    done: bool
    also: tuple[tuple[str, str], ...] = ()  # another way to do it: (button text in the user's language, place)


# key, title, hint, place
STEPS = (
    ("organisation", N_("Your organisation"), N_("Name, address and logo for the letterhead of letters and "
                                                   "contracts."), "settings/organisation"),
    ("coordinators", N_("Coordinators"), N_("Everyone who coordinates cases, with an e-mail address for letters."),
     "settings/coordinators"),
    ("municipalities", N_("Municipalities"), N_("The municipalities you work for, and how each one pays."),
     "settings/municipalities"),
    ("referrers", N_("Referrers"), N_("Courts, youth protection and teams that refer families, with their postal "
                                      "address for letters."), "settings/referrers"),
    ("volunteers", N_("Volunteers"), N_("The volunteers who supervise visits, with their VOG and training."),
     "volunteers"),
    ("backups", N_("Backup folder"), N_("A folder on a USB stick or network drive for the daily encrypted backup."),
     "settings/backups"),
    ("mail", N_("Mail server"), N_("The server that sends letters to referrers (optional: letters can also be "
                                   "exported)."), "settings/mail"),
)

# a step's other way: the volunteers a programme already keeps in a spreadsheet are imported, not typed again
ALSO = {"volunteers": ((N_("Import…"), "volunteers/import"),)}


def checklist(workspace) -> list[Step]:
    """Every step with whether the records show it done; empty once put away."""
    with workspace.session() as session:
        if settings.get(session, DONE_SETTING) == "1":
            return []
        done = {
            "organisation": bool(settings.get(session, "organisation.name")),
            "coordinators": bool(session.scalar(select(func.count()).select_from(Coordinator).where(
                Coordinator.active.is_(True), Coordinator.email != ""))),
            "municipalities": bool(session.scalar(select(func.count()).select_from(Municipality))),
            "referrers": bool(session.scalar(select(func.count()).select_from(Organisation))),
            "volunteers": bool(session.scalar(select(func.count()).select_from(Volunteer))),
            "backups": bool(settings.get(session, "backup.folder")),
            "mail": bool(settings.get(session, "smtp.host")),
        }
    steps = [Step(key, _(title), _(hint), place, done[key], _also(key)) for key, title, hint, place in STEPS]
    return [] if all(step.done for step in steps) else steps


def _also(key: str) -> tuple[tuple[str, str], ...]:
    return tuple((_(text), place) for text, place in ALSO.get(key, ()))


def put_away(workspace) -> None:
    """The coordinator does not want the list any more (it does not come back)."""
    settings.write_settings(workspace, {DONE_SETTING: "1"})
