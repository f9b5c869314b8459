"""A volunteer's VOGs and pauses as they happened, kept wherever the VOG date or "Active" is set (profile, import,
demo), so that a past year's report reads who was deployable then, not now.

The VOG date in a form edits the latest VOG: a later date is a renewal (a VOG of its own, the earlier ones kept), an
earlier date or an empty field corrects a slip (the latest goes). Unticking "Active" starts a pause today, ticking it
again ends it today; a volunteer entered as not active has paused as far back as the records go (no start).
"""

from __future__ import annotations

import datetime as dt

from borapp.models import VogIssue, Volunteer, VolunteerPause


def set_vog(volunteer: Volunteer, issued_on: dt.date | None) -> None:
    """`issued_on` as the volunteer's latest VOG date, and in her VOG history."""
    latest = volunteer.vog_date
    if latest is not None and issued_on != latest and (issued_on is None or issued_on < latest):
        volunteer.vogs[:] = [v for v in volunteer.vogs if v.issued_on != latest]  # the latest was a slip
    if issued_on is not None and all(v.issued_on != issued_on for v in volunteer.vogs):
        volunteer.vogs.append(VogIssue(issued_on=issued_on))
    volunteer.vog_date = issued_on


def set_active(volunteer: Volunteer, active: bool, today: dt.date, *, new: bool = False) -> None:
    """"Active" as ticked, a pause started or ended today when it changes (a new volunteer not active: since ever)."""
    if new:
        if not active:
            volunteer.pauses.append(VolunteerPause(started_on=None))
    elif active and not volunteer.active:
        for pause in [p for p in volunteer.pauses if p.ended_on is None]:
            if pause.started_on == today:
                volunteer.pauses.remove(pause)  # paused and back the same day: no pause at all
            else:
                pause.ended_on = today
    elif not active and volunteer.active:
        volunteer.pauses.append(VolunteerPause(started_on=today))
    volunteer.active = active


def vog_history(volunteer: Volunteer) -> tuple[dt.date, ...]:
    """Every VOG date, newest first."""
    return tuple(sorted((v.issued_on for v in volunteer.vogs), reverse=True))


def vog_on(vogs: tuple[dt.date, ...], day: dt.date) -> dt.date | None:
    """The VOG valid on `day`: the latest issued on or before it (None when none was), from `vog_history`'s dates."""
    return max((issued for issued in vogs if issued <= day), default=None)
