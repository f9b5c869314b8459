"""What a sync changed that the coordinator must hear of: a case's number made final (or given anew after a restore,
or because the team had given out the number the case had before this laptop joined), typing kept as an addendum or
a new draft letter because a colleague finished the record meanwhile, a case a colleague erased (and the work typed
here that went with it). A sync in the background tells nobody, so the lines are kept a week in the vault
(`sync.news`) and shown on Today; the CLI and Settings → Team print them at once."""

from __future__ import annotations

import datetime as dt
import json

from borapp.i18n import _, ngettext
from borapp.services import settings

KEEP_DAYS = 7
MAX_LINES = 20


def summary(result) -> str:
    """"Synced: 1 change sent, 12 changes received." for a SyncResult, in the user's language."""
    sent = ngettext("{n} change sent", "{n} changes sent", result.pushed).format(n=result.pushed)
    received = ngettext("{n} change received", "{n} changes received", result.pulled).format(n=result.pulled)
    return _("Synced: {sent}, {received}.").format(sent=sent, received=received)


def lines(result) -> list[str]:
    """The news of one sync (a SyncResult), in the user's language."""
    found = []
    for old, new in _chains(result.renumbered):
        if old not in result.team_had:
            found.append(_("Case {old} is now {new}.").format(old=old, new=new))
            continue
        found.append(_("Your case {old} is now {new}: the team had given out the number {old} already.").format(
            old=old, new=new))
        if result.team_had[old]:
            found.append(ngettext("{n} letter sent or contract signed before still names {old}.",
                                  "{n} letters sent or contracts signed before still name {old}.",
                                  result.team_had[old]).format(n=result.team_had[old], old=old))
    if result.kept_as_addenda:
        found.append(ngettext(
            "{n} edit of a visit report a colleague finished meanwhile was kept as an addendum to it.",
            "{n} edits of visit reports a colleague finished meanwhile were kept as addenda to them.",
            result.kept_as_addenda).format(n=result.kept_as_addenda))
    if result.kept_as_drafts:
        found.append(ngettext(
            "{n} edit of a letter a colleague sent meanwhile was kept as a new draft letter in the outbox.",
            "{n} edits of letters a colleague sent meanwhile were kept as new draft letters in the outbox.",
            result.kept_as_drafts).format(n=result.kept_as_drafts))
    found += [_erased_words(erasure) for erasure in getattr(result, "erased_by_team", ())]
    return found


def _erased_words(erasure) -> str:
    """A case a colleague erased (a TeamErasure): by which laptop, when, and the work typed here that went with it."""
    from borapp.formatting import date_time
    from borapp.services.sync.erasure_ops import erased_at

    moment = erased_at(erasure)
    when = date_time(moment.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)) if moment else ""
    said = (_("Case {ref} was erased by {device} on {when} and is gone from this laptop too.") if when else
            _("Case {ref} was erased by {device} and is gone from this laptop too.")).format(
        ref=erasure.ref, device=erasure.device or _("a colleague"), when=when)
    if erasure.unsent:
        said += " " + ngettext(
            "{n} change made here that had not reached the team yet was erased with it.",
            "{n} changes made here that had not reached the team yet were erased with it.",
            erasure.unsent).format(n=erasure.unsent)
    return said


def _chains(renumbered: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A case renumbered twice in one sync (after a restore whose block is used up: its number, then a provisional
    one, then the final one) as one step from where it started to where it ended."""
    ends: dict[str, str] = {}  # the first number → the last, in the order they came
    for old, new in renumbered:
        start = next((first for first, last in ends.items() if last == old), old)
        ends[start] = new
    return [(first, last) for first, last in ends.items() if first != last]


def keep(workspace, news: list[str], today: dt.date | None = None) -> None:
    """Add a sync's lines to those of the last week (older ones go)."""
    if not news:
        return
    today = today or dt.date.today()
    kept = [item for item in _read(workspace) if dt.date.fromisoformat(item[0]) > today - dt.timedelta(KEEP_DAYS)]
    kept += [[today.isoformat(), line] for line in news]
    settings.write_settings(workspace, {"sync.news": json.dumps(kept[-MAX_LINES:], ensure_ascii=False)})


def recent(workspace, today: dt.date | None = None) -> list[str]:
    """The lines of the last week, oldest first."""
    today = today or dt.date.today()
    return [line for day, line in _read(workspace) if dt.date.fromisoformat(day) > today - dt.timedelta(KEEP_DAYS)]


def _read(workspace) -> list[list[str]]:
    try:
        found = json.loads(settings.read_setting(workspace, "sync.news") or "[]")
    except ValueError:
        return []
    good = []
    for item in found if isinstance(found, list) else []:
        try:
            if isinstance(item, list) and len(item) == 2 and isinstance(item[1], str):
                dt.date.fromisoformat(item[0])
                good.append(item)
        except (TypeError, ValueError):
            continue
    return good
