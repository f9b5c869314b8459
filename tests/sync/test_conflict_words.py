"""A clash on a file field (an attachment replaced on two laptops) shows each side as a file with a short
fingerprint, not as the 71-character hash the file travels under."""

from __future__ import annotations

import hashlib

from borapp.services.sync.conflicts import describe_conflicts


def test_a_file_in_a_conflict_is_shown_as_a_file(workspace):
    theirs, mine = (hashlib.sha256(b).hexdigest() for b in (b"scan one", b"scan two"))
    found = [{"id": 7, "type": "attachment", "uuid": "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "field": "content",
              "base": None, "server": f"sha256:{theirs}", "mine": f"sha256:{mine}", "server_device": "anna",
              "device": "bram"}]
    row = describe_conflicts(workspace, found)[0]
    assert (row.server, row.mine) == (f"een bestand (vingerafdruk {theirs[:8]})",
                                      f"een bestand (vingerafdruk {mine[:8]})"), "in the user's language (nl)"
    assert row.base == "(leeg)" and row.typed is None


def test_the_agreed_number_of_visits_in_a_conflict_is_named_in_words():
    """A clash on the agreed number of visits names the field as the Afspraken tab does, not "agreed visits"."""
    from borapp.services.sync.conflicts import field_label

    assert field_label("agreed_visits") == "Aantal omgangsmomenten"


def test_an_empty_original_value_is_said_to_be_empty(workspace):
    """It showed as a blank cell: as if the value were missing from the window."""
    found = [{"id": 8, "type": "case", "uuid": "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e40", "field": "notes",
              "base": "", "server": "Belt na 17 uur", "mine": "Belt voor 9 uur", "server_device": "anna",
              "device": "bram"},
             {"id": 9, "type": "visit", "uuid": "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e41", "field": "_deleted",
              "base": {"place": ""}, "server": True, "mine": {"place": "Speeltuin Julianadorp"},
              "server_device": "anna", "device": "bram", "record": {"on": "2026-12-12", "place": ""}}]
    notes, visit = describe_conflicts(workspace, found)
    assert notes.base == "(leeg)"
    assert (visit.record, visit.base, visit.server, visit.mine) == (
        "Omgangsmoment · 12 december 2026", "Plaats: (leeg)", "verwijderd",
        "Plaats gewijzigd in Speeltuin Julianadorp")


def test_a_cancelled_visit_s_fields_and_values_are_named_in_words(workspace):
    """'state: Omgangsmoment afgezegd; cancelled by: resident' stood in a delete conflict's edit (a helper saw it)."""
    found = [{"id": 10, "type": "visit", "uuid": "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e42", "field": "_deleted",
              "base": {"state": "planned", "cancelled_by": "", "cancel_reason": ""}, "server": True,
              "mine": {"state": "cancelled", "cancelled_by": "resident", "cancel_reason": "Ziek"},
              "server_device": "anna", "device": "bram", "record": {"on": "2026-12-12", "place": ""}}]
    [visit] = describe_conflicts(workspace, found)
    words = visit.base + "\n" + visit.mine
    for said in ("Stand: Gepland", "Afgezegd door", "in Verzorgende ouder", "Reden van afzeggen"):  # as the visit says
        assert said in words, (said, words)
    for raw in ("state", "cancelled by", "cancel reason", "resident"):
        assert raw not in words, (raw, words)
