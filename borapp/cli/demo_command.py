"""`borapp demo --vault PATH [--cases N] [--seed S] [--replace]`: a vault full of synthetic, realistic data.

The passphrase comes from --passphrase-file or BORAPP_PASSPHRASE, else it is the fixed, public demo passphrase: the
data is made up, so there is nothing to protect. An existing vault is replaced only with --replace, and only when it
is itself a demo vault that opens with that passphrase; anything else is refused and left untouched.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from typing import TYPE_CHECKING

from borapp.cli import secrets_input
from borapp.cli.command import add_command, whole_number
from borapp.i18n import _
from borapp.services.errors import UsageError

if TYPE_CHECKING:
    from borapp.services.demo.builder import DemoSummary

DEMO_PASSPHRASE = "demo-passphrase"


def register(sub, common) -> None:
    cmd = add_command(sub, common, "demo", _("make a vault full of synthetic, realistic data"), run_demo)
    cmd.add_argument("--cases", type=whole_number, default=120, metavar=_("NUMBER"), help=_("how many cases (default: 120)"))
    cmd.add_argument("--seed", type=whole_number, default=2019, metavar=_("NUMBER"),
                     help=_("random seed; the same seed gives the same data on the same day (default: 2019)"))
    cmd.add_argument("--replace", action="store_true",
                     help=_("replace an existing demo vault at that path (never a vault that is not a demo)"))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))


def run_demo(args) -> int:
    from borapp.services.demo.builder import fill_demo, remove_demo_vault  # faker and the models: slow to import
    from borapp.services.vault.vault import Vault, vault_files

    if args.cases < 1:
        raise UsageError(_("The number of cases must be at least 1."))
    passphrase, source = _passphrase(args)
    path = args.vault
    replaced = any(p.exists() for p in vault_files(path))
    if replaced and not args.replace:
        raise UsageError(_("There is already a vault at {path}; it was left as it is. Use --replace to replace a "
                           "demo vault.").format(path=path))
    if replaced:
        remove_demo_vault(path, passphrase)
    vault, recovery = Vault.create(path, passphrase)
    try:
        summary = fill_demo(vault, cases=args.cases, seed=args.seed, progress=_progress_reporter())
    except BaseException:
        vault.lock()
        for p in vault_files(path):  # a vault we just made and could not fill is of no use to anyone
            if p.exists():
                p.unlink()
        raise
    vault.lock()
    _report(args, summary, source, passphrase, recovery, replaced)
    return 0


def _passphrase(args) -> tuple[str, str]:
    """(passphrase, where it came from): the file, the environment, or the fixed demo passphrase."""
    if getattr(args, "passphrase_file", None):
        return secrets_input.passphrase(args), "file"
    if os.environ.get("BORAPP_PASSPHRASE"):
        return secrets_input.passphrase(args), "environment"
    return DEMO_PASSPHRASE, "demo"


def _progress_reporter():
    if not (sys.stderr and sys.stderr.isatty()):
        return None

    def report(done: int, total: int) -> None:
        print("\r" + _("{done} of {total} cases").format(done=done, total=total), end="", file=sys.stderr, flush=True)
        if done == total:
            print(file=sys.stderr)

    return report


def _report(args, summary: DemoSummary, source: str, passphrase: str, recovery: str, replaced: bool) -> None:
    open_with = f"borapp gui --vault {shlex.quote(str(args.vault))}"
    if args.json:
        doc = {"ok": True, "vault": str(args.vault), "synthetic": True, "replaced": replaced,
               "passphrase_source": source, "recovery_key": recovery, "open_with": open_with,
               "summary": {"cases": summary.cases, "by_status": summary.by_status, "by_outcome": summary.by_outcome,
                           "volunteers": summary.volunteers, "meetings": summary.meetings, "visits": summary.visits,
                           "contracts": summary.contracts, "letters": summary.letters, "seconds": summary.seconds}}
        if source == "demo":
            doc["passphrase"] = passphrase
        print(json.dumps(doc, ensure_ascii=False))
        return
    print(_("Demo vault created: {path}").format(path=args.vault))
    print(_("All data in it is synthetic: made-up people, addresses and events. Never put real cases in it."))
    print(_("Passphrase: {source}").format(source=_source_text(source, passphrase)))
    print(_("Recovery key: {key}").format(key=recovery))
    print(_("Open it with: {command}").format(command=open_with))
    print(_("{cases} cases ({closed} closed, {open} open), {volunteers} volunteers, {visits} visits, {contracts} "
            "contracts, {letters} letters, {meetings} volunteer meetings; made in {seconds} s.").format(
        cases=summary.cases, closed=summary.by_status.get("closed", 0),
        open=summary.cases - summary.by_status.get("closed", 0), volunteers=summary.volunteers,
        visits=summary.visits, contracts=summary.contracts, letters=summary.letters, meetings=summary.meetings,
        seconds=summary.seconds))


def _source_text(source: str, passphrase: str) -> str:
    if source == "file":
        return _("the one in the passphrase file")
    if source == "environment":
        return _("the one in BORAPP_PASSPHRASE")
    return _("{passphrase} (the fixed demo passphrase)").format(passphrase=passphrase)
