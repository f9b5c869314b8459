"""Joining a team: enrol this laptop with a one-time code, keep the token in the vault, and hand every record this
vault already holds to the next push (a snapshot), so the team gets what was typed before joining."""

from __future__ import annotations

import re

from borapp.i18n import _
from borapp.models import Setting
from borapp.models.schema import head
from borapp.services import settings
from borapp.services.errors import UsageError
from borapp.services.sync import numbers
from borapp.services.sync.capture import DEVICE_SETTING
from borapp.services.sync.snapshot import CAUGHT_UP, snapshot
from borapp.services.sync.transport import Offline, SyncClient, SyncError

DEVICE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$")


LOOPBACK = r"^http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/|$)"  # the server on this machine itself


def join(workspace, url: str, code: str, device: str = "", http=None) -> str:
    """Enrol with a one-time code; returns this laptop's name in the team, which the code carries (whoever runs
    the server named it with `borapp server device add NAME`). `device` is only a hint the server may ignore."""
    url = url.strip()
    if not re.match(r"^https://[^\s/]+", url) and not re.match(LOOPBACK, url):
        # over plain http the enrolment code, the token and every record would cross the network readable
        raise UsageError(_("The server address starts with https:// (for example https://bor.example.org)."))
    if device.strip() and not DEVICE_NAME.match(device.strip()):
        raise UsageError(_("A device name has letters, digits, spaces, dots, dashes or underscores (at most 40)."))
    if settings.read_setting(workspace, DEVICE_SETTING):
        raise UsageError(_("This laptop is already in a team. Leave it first to join another."))
    from borapp.services.sync.failure import SyncFault, said_as
    from borapp.services.sync.run import client_for, settle_case_numbers

    try:
        answer = SyncClient(url, http=http).enrol(code, device.strip())
    except Offline as exc:  # its own words say changes wait for the next sync: untrue for a laptop not yet joined
        raise Offline(_("The office server {url} cannot be reached, so this laptop has not joined the team. Check the "
                        "address and the network, and try again.").format(url=url)) from exc
    with said_as(lambda: SyncError(_not_joined(), "unexpected")), workspace.session() as session:
        for key, value in (("sync.url", url), ("sync.token", answer["token"]), ("sync.last_seq", "0"),
                           (numbers.BLOCKS, ""), (numbers.TAKEN, "")):
            settings.put(session, key, value)  # blocks of an earlier team are not this one's
        numbers.mark_claim(session)
        settings.put(session, DEVICE_SETTING, answer.get("device", device.strip()))
        session.flush()
        session.info["sync_device"] = answer.get("device", device.strip())
        snapshot(session)
        settings.put(session, CAUGHT_UP, head())
    try:
        # a block of case numbers to start with; the numbers of the cases made before are claimed by the first sync,
        # which tells the coordinator of those the team gave out already
        with said_as(SyncFault):
            settle_case_numbers(workspace, client_for(workspace, http), claim=False)
    except SyncError:
        pass  # joined all the same: the next sync asks again
    return answer.get("device", device.strip())


def _not_joined() -> str:
    return _("Joining the team stopped on a problem this laptop did not expect, so it has not joined. Try again with a "
             "new enrolment code; if it happens again, tell whoever runs the office server.")


def leave(workspace) -> bool:
    """This laptop leaves the team: its records stay, nothing more is captured or sent. False when it was in no
    team (then "left the team" would be untrue)."""
    if not settings.read_setting(workspace, DEVICE_SETTING):
        return False
    with workspace.session() as session:
        for key in ("sync.url", "sync.token", DEVICE_SETTING, "sync.last_seq", "sync.last_synced",
                    "sync.open_conflicts", "sync.failed_at", "sync.failure", CAUGHT_UP):
            row = session.get(Setting, key)
            if row is not None:
                session.delete(row)
    return True
