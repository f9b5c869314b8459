"""`borapp match CASE_REF [--json]`: the volunteers for a case, ranked, each with the reasons for its place."""

from __future__ import annotations

import json
import shutil
import textwrap
from typing import TYPE_CHECKING

from borapp.cli.opening import open_vault
from borapp.cli.command import CASE_REF_HELP, add_command, case_number
from borapp.formatting import number
from borapp.i18n import _
from borapp.services.errors import EXIT_OK, ValidationError

if TYPE_CHECKING:
    from borapp.services.matching.flow import MatchingCase
    from borapp.services.matching.ranking import Candidate


def register(sub, common) -> None:
    cmd = add_command(sub, common, "match", _("rank the volunteers for a case, with the reasons"), run_match)
    cmd.add_argument("case_ref", type=case_number, metavar=_("CASE_REF"), help=_(CASE_REF_HELP))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))


def run_match(args) -> int:
    from borapp.services.matching.flow import find_case, matching_case
    from borapp.services.matching.ranking import rank_candidates
    from borapp.cli.opening import cli_workspace

    vault = open_vault(args)
    try:
        workspace = cli_workspace(vault)
        case_id = find_case(workspace, args.case_ref)
        case = matching_case(workspace, case_id)
        _refuse_unless_matchable(case)
        ref = case.ref
        ranking = rank_candidates(workspace, case_id)
    finally:
        vault.lock()
    if args.json:
        print(json.dumps(to_json(ranking), ensure_ascii=False))
    else:
        print_table(ref, ranking)
    return EXIT_OK


def _refuse_unless_matchable(case: MatchingCase) -> None:
    """As the case file offers the matching wizard: only while the case waits for a volunteer."""
    from borapp.services.cases.status import status_label

    if not case.can_match:
        raise ValidationError(_("Case {ref} is in '{status}': volunteers are matched only while a case waits for one, "
                                "in '{contract}' or '{matching}'.").format(
            ref=case.ref, status=case.status_label, contract=status_label("contract"),
            matching=status_label("matching")))


def to_json(ranking: list[Candidate]) -> list[dict]:
    return [{"volunteer": c.name, "score": c.score, "eligible": c.eligible, "reasons": list(c.reasons)}
            for c in ranking]


def print_table(ref: str, ranking: list[Candidate]) -> None:
    if not ranking:
        print(_("There are no volunteers yet."))
        return
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    names = max(len(c.name) for c in ranking)
    eligible = [c for c in ranking if c.eligible]
    print(_("Volunteers for case {ref}, best match first").format(ref=ref))
    _section(_("Can be matched"), eligible, names, width, _("Nobody can be matched at the moment."))
    _section(_("Cannot be matched"), [c for c in ranking if not c.eligible], names, width, "")


def _section(title: str, rows: list[Candidate], names: int, width: int, empty: str) -> None:
    if not rows and not empty:
        return
    print()
    print(f"{title} ({len(rows)})")
    if not rows:
        print(f"  {empty}")
    indent = " " * (names + 15)
    for place, c in enumerate(rows, 1):
        mark = "✗ " if not c.eligible else "⚠ " if c.warnings else ""  # a VOG due for renewal comes first
        lead = f"{place:>3}. {c.name:<{names}}  {number(c.score):>6}  "
        text = " · ".join(c.reasons)
        lines = textwrap.wrap(mark + text, max(30, width - len(indent))) or [""]
        print(lead + lines[0])
        for line in lines[1:]:
            print(indent + line)
