"""A conflict names its record's kind and its coded values in the words of the screens, for every kind that
travels: it showed "meeting_attendance" and «"planned"; "no_show"; "cancelled"» to a coordinator."""

from __future__ import annotations

import json

from sqlalchemy import String

from borapp.i18n import _, set_language
from borapp.models.visits import VISIT_STATES
from borapp.services.sync import conflicts
from borapp.services.sync.conflicts import describe_conflicts
from borapp.services.sync.code_words import PLAIN_SHORT, coded, value_shown
from borapp.services.sync.field_words import FIELD_LABELS, TYPE_LABELS, field_label
from borapp.services.sync.records import TYPES, fields_of
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture
from tests.sync.test_visit_state_conflict import crossed_states

UUID = "00000000-0000-4000-8000-000000000001"


def test_every_kind_that_travels_has_its_words():
    assert sorted(set(TYPES) - set(TYPE_LABELS)) == []


def test_every_field_that_travels_has_its_words():
    missing = sorted({f"{t}.{f.name}" for t in TYPES for f in fields_of(t) if f.name not in FIELD_LABELS})
    assert missing == []


def test_every_short_code_that_travels_is_worded():
    """A short text field (a code: a state, a role, a kind) has words for its codes, unless typed as it is."""
    missing = sorted(f"{t}.{f.name}" for t in TYPES for f in fields_of(t)
                     if not f.refers_to and isinstance(f.column.type, String) and (f.column.type.length or 99) <= 40
                     and not coded(t, f.name) and (t, f.name) not in PLAIN_SHORT)
    assert missing == []


def test_a_visits_states_in_dutch_and_english():
    assert [value_shown("visit", "state", s) for s in VISIT_STATES] == \
        ["Gepland", "Gehouden", "Afgezegd", "Niet verschenen"]
    assert value_shown("visit", "no_show_by", "other") == "Uitwonende ouder"
    assert field_label("no_show_by") == "Niet verschenen"
    set_language("en")
    try:
        assert [value_shown("visit", "state", s) for s in VISIT_STATES] == \
            ["Planned", "Held", "Cancelled", "Did not show up"]
    finally:
        set_language("nl")


def test_a_sign_up_conflict_names_its_kind(workspace):
    item = {"id": 3, "type": "meeting_attendance", "uuid": UUID, "field": "signed_up", "base": False,
            "server": True, "mine": False, "device": "bram", "server_device": "anna"}
    [row] = describe_conflicts(workspace, [item])
    assert row.record.startswith(_("Sign-up for a meeting")) and row.record.startswith("Aanmelding voor een")
    assert (row.field, row.server, row.mine) == ("Aangemeld", "ja", "nee")


def test_the_command_line_names_the_states_as_the_screens_do(team, tmp_path, capsys, monkeypatch):
    """It said «oorspronkelijk "planned"; op de server "no_show"; later verstuurd "cancelled"»; --json keeps codes."""
    from borapp.services.sync.run import client_for
    from tests.sync.test_cli_conflicts import cli

    anna, bram = team
    conflict = crossed_states(team)
    monkeypatch.setattr(conflicts, "client_for", lambda workspace, http=None: client_for(workspace, bram.http))
    workspace = bram.workspace
    [row] = describe_conflicts(workspace, conflicts.open_conflicts(workspace, http=bram.http))
    assert row.typed is None  # a state is chosen, not typed: "Andere waarde typen…" typed "Afgezegd" into it
    assert cli(workspace, tmp_path, "conflicts") == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"#{conflict['id']} Omgangsmoment · ") and ", Stand: oorspronkelijk \u201cGepland\u201d; " \
        "op de server \u201cNiet verschenen\u201d (anna, " in line, line
    assert line.endswith("; later verstuurd \u201cAfgezegd\u201d (deze laptop)"), line
    assert cli(workspace, tmp_path, "conflicts", "--json") == 0
    assert [(c["base"], c["server"], c["mine"]) for c in json.loads(capsys.readouterr().out)] == \
        [("planned", "no_show", "cancelled")]
