"""`borapp sync join|now|status|conflicts|resolve|leave`: this laptop in a team that shares one case load through
the office server (docs/sync-protocol.md)."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from borapp.cli.command import EXIT_CODES_HELP, KEEP_WORDS, add_command, whole_number, word_choice, words_metavar
from borapp.cli.opening import open_vault
from borapp.i18n import _, language, ngettext
from borapp.services.errors import EXIT_OK

if TYPE_CHECKING:
    from borapp.services.vault.workspace import Workspace


def register(sub, common) -> None:
    help_text = _("team sync: share one case load with the other coordinators through the office server")
    parser = sub.add_parser("sync", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    actions = parser.add_subparsers(dest="sync_action", metavar=_("ACTION"), required=True)
    cmd = add_command(actions, common, "join", _("join a team with the server's address and an enrolment code"),
                      run_join)
    cmd.add_argument("url", metavar=_("ADDRESS"), help=_("the office server's address, e.g. https://bor.example.org"))
    cmd.add_argument("--code", required=True, metavar=_("CODE"), help=_("the one-time enrolment code from whoever runs the server"))
    for name, text, handler in (
            ("now", _("send this laptop's changes and fetch the others'"), run_now),
            ("status", _("show the server, this laptop's name, changes waiting and the last sync"), run_status),
            ("conflicts", _("list the changes that clashed and wait for a person to choose"), run_conflicts),
            ("leave", _("leave the team: the records stay on this laptop, nothing more is sent"), run_leave)):
        cmd = add_command(actions, common, name, text, handler)
        if name != "leave":
            cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "resolve", _("settle a conflict for everyone by keeping one value"),
                      run_resolve)
    cmd.add_argument("conflict", type=whole_number, metavar="ID", help=_("the conflict's number (see: sync conflicts)"))
    cmd.add_argument("--keep", required=True, type=word_choice(KEEP_WORDS), metavar=words_metavar(KEEP_WORDS),
                     help=_("{later}: the value sent later, by the laptop the conflict names (see: sync conflicts); "
                            "{server}: the value the server kept").format(**dict(zip(("later", "server"), _keep_words()))))


def _keep_words() -> tuple[str, str]:
    """The words --keep takes in the user's language: "later"/"server" in Dutch, "mine"/"theirs" in English."""
    return tuple(KEEP_WORDS.values()) if language() == "nl" else tuple(KEEP_WORDS)


def _workspace(args) -> Workspace:
    from borapp.cli.opening import cli_workspace

    return cli_workspace(open_vault(args))


def run_join(args) -> int:
    from borapp.services.sync.join import join

    workspace = _workspace(args)
    try:
        device = join(workspace, args.url, args.code)
    finally:
        workspace.lock()
    print(_("This laptop joined the team as '{device}'. Run 'borapp sync now' to send its records and fetch the "
            "team's.").format(device=device))
    return EXIT_OK


def run_now(args) -> int:
    from borapp.services.sync import news
    from borapp.services.sync.run import sync_now
    from borapp.services.sync.transport import SyncError
    from borapp.services.sync.wipe import wipe_vault

    workspace = _workspace(args)
    try:
        result = sync_now(workspace)
    except SyncError as exc:
        if exc.wipe:  # taken out of the team: the vault goes, as the organisation asked
            wipe_vault(workspace)
            raise SyncError(str(exc) + " " + _("This laptop's vault has been removed."), exc.code) from exc
        raise
    finally:
        if not workspace.is_locked:
            workspace.lock()
    if args.json:
        print(json.dumps({"ok": True, "pushed": result.pushed, "pulled": result.pulled, "conflicts": result.conflicts,
                          "seq": result.seq, "renumbered": [list(pair) for pair in result.renumbered],
                          "kept_as_addenda": result.kept_as_addenda, "kept_as_drafts": result.kept_as_drafts,
                          "erased_by_team": [e.__dict__ for e in result.erased_by_team]}))
    else:
        print(news.summary(result))
        for line in news.lines(result):
            print(line)
        if result.conflicts:
            print(ngettext("{n} change clashed with the server's: see 'borapp sync conflicts'.",
                           "{n} changes clashed with the server's: see 'borapp sync conflicts'.",
                           len(result.conflicts)).format(n=len(result.conflicts)))
    return EXIT_OK


def run_status(args) -> int:
    from borapp.services.sync.run import status

    workspace = _workspace(args)
    try:
        found = status(workspace)
    finally:
        workspace.lock()
    if args.json:
        print(json.dumps(_status_json(found)))
    elif not found.joined:
        print(_("This laptop is not in a team."))
    else:
        print(_("Server: {url}\nThis laptop: {device}\nChanges waiting: {waiting}\nLast sync: {when}\n"
                "Open conflicts: {conflicts}").format(url=found.url, device=found.device, waiting=found.waiting,
                                                      when=_when(found.last_synced),
                                                      conflicts=found.open_conflicts))
    return EXIT_OK


def _status_json(found) -> dict:
    """`sync status --json`: its moments with their offset (kept as local time without one), so a script elsewhere
    reads them right."""
    doc = {"ok": True, **found.__dict__}
    for key in ("last_synced", "failed_at"):
        doc[key] = _with_offset(doc[key])
    return doc


def _with_offset(iso: str) -> str:
    if not iso:
        return iso
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return (moment if moment.tzinfo else moment.astimezone()).isoformat(timespec="seconds")


def _when(iso: str) -> str:
    """The last sync as the app writes a moment ("5 december 2026 20:08"); stored as ISO time."""
    from borapp.formatting import date_time

    if not iso:
        return _("never")
    try:
        return date_time(dt.datetime.fromisoformat(iso))
    except ValueError:
        return iso


def run_conflicts(args) -> int:
    """Each conflict as the Conflicts window words it: the case and the field by name, each value with whose it is
    ("this laptop" for this one's); --json gives the server's own records. A confidential address is masked in
    both (the window shows it on request, in the access log)."""
    from borapp.services.sync.conflicts import describe_conflicts, masked_conflicts, open_conflicts

    workspace = _workspace(args)
    try:
        found = open_conflicts(workspace)
        rows = [] if args.json else describe_conflicts(workspace, found)
        found = masked_conflicts(workspace, found) if args.json else found
    finally:
        workspace.lock()
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
    elif not found:
        print(_("No open conflicts."))
    else:
        for row in rows:
            who = ", ".join(part for part in (row.server_device, row.server_at) if part)
            print(_("#{id} {record}, {field}: originally \u201c{base}\u201d; on the server \u201c{server}\u201d "
                    "({who}); sent later \u201c{mine}\u201d ({device})").format(
                id=row.id, record=row.record, field=row.field, base=_one_line(row.base),
                server=_one_line(row.server), who=who, mine=_one_line(row.mine), device=row.device))
            if row.choices is not None:  # a delete against an edit: what each --keep does
                later, server = _keep_words()
                print("   " + _("--keep {later}: {keep_mine}; --keep {server}: {keep_theirs}").format(
                    later=later, server=server, keep_mine=row.choices.keep_mine,
                    keep_theirs=row.choices.keep_theirs))
    return EXIT_OK


def run_resolve(args) -> int:
    from borapp.services.sync.conflicts import choices_of, resolve

    workspace = _workspace(args)
    try:
        settled = resolve(workspace, args.conflict, args.keep)
    finally:
        workspace.lock()
    chosen = choices_of(settled)
    if chosen is None:
        print(_("Conflict {id} settled for everyone; the value arrives with each laptop's next sync.").format(
            id=args.conflict))
    else:
        print(_("Conflict {id} settled for everyone: {outcome}").format(
            id=args.conflict, outcome=chosen.settled_mine if args.keep == "mine" else chosen.settled_theirs))
    return EXIT_OK


def _one_line(text: str) -> str:
    """Each change of a side on a line of its own in the window, joined by "; " on the command line."""
    return "; ".join(text.splitlines())


def run_leave(args) -> int:
    from borapp.services.sync.join import leave

    workspace = _workspace(args)
    try:
        left = leave(workspace)
    finally:
        workspace.lock()
    print(_("This laptop left the team. Its records stay here.") if left else
          _("This laptop was in no team; nothing changed."))
    return EXIT_OK
