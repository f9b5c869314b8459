"""The supervising volunteer's VOG on each visit being planned: a VOG has no legal expiry, but the organisation
renews it after a set age (the "vog_renewal_years" setting), so planning visits past that age is said, not refused.
Each day is judged by the VOG valid then (the volunteer's VOG history), not by today's latest one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from borapp.formatting import short_date
from borapp.i18n import ngettext
from borapp.services import settings
from borapp.services.cases.flow import get_case
from borapp.services.volunteers.history import vog_history, vog_on
from borapp.services.volunteers.profiles import vog_renew_on, vog_state


@dataclass(frozen=True)
class VolunteerVogs:
    name: str
    vogs: tuple[dt.date, ...]  # every VOG date, newest first
    years: int  # the organisation's renewal age


def case_volunteer_vogs(workspace, case_id: int) -> VolunteerVogs | None:
    """The VOGs of the volunteer matched to the case (None when nobody is matched yet)."""
    with workspace.reading() as session:
        volunteer = get_case(session, case_id).volunteer
        if volunteer is None:
            return None
        return VolunteerVogs(volunteer.name, vog_history(volunteer), settings.get_int(session, "vog_renewal_years"))


def lapsed_days(volunteer: VolunteerVogs, days: Iterable[dt.date]) -> list[dt.date]:
    """The days on which the VOG valid then is missing or past the renewal age."""
    return [day for day in days if vog_state(vog_on(volunteer.vogs, day), volunteer.years, day) in
            ("missing", "overdue")]


def vog_warning(volunteer: VolunteerVogs | None, days: Iterable[dt.date]) -> str:
    """What to tell the coordinator planning visits on `days` ("" when the VOG holds on every one)."""
    if volunteer is None:
        return ""
    lapsed = lapsed_days(volunteer, days)
    if not lapsed:
        return ""
    vog = vog_on(volunteer.vogs, lapsed[0])
    if vog is None:
        return ngettext("{name} has no VOG on record for {n} of these visits: ask for one before the first.",
                        "{name} has no VOG on record for {n} of these visits: ask for one before the first.",
                        len(lapsed)).format(name=volunteer.name, n=len(lapsed))
    return ngettext("{name}'s VOG of {vog} is due for renewal on {renew}: {n} of these visits falls after that "
                    "date. Ask for a new VOG in time.",
                    "{name}'s VOG of {vog} is due for renewal on {renew}: {n} of these visits fall after that "
                    "date. Ask for a new VOG in time.", len(lapsed)).format(
        name=volunteer.name, vog=short_date(vog), renew=short_date(vog_renew_on(vog, volunteer.years)), n=len(lapsed))
