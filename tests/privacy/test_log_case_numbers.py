"""`borapp privacy log` says which case a line is about by its number (BOR-2026-019), never by the vault's internal
id ("geëxporteerd dossier 118"); an erased case by its number too, found through its tombstone."""

from __future__ import annotations

import json

from borapp.services.cases.case_file import load_case
from borapp.services.privacy import erasure
from tests.cases.test_case_services import add_case
from tests.privacy.test_log_after_restore import run


def test_the_log_names_cases_by_number_also_an_erased_one(workspace, vault_path, passphrase_file, capsys):
    gone = add_case(workspace, "BOR-2026-007")
    load_case(workspace, gone)
    erasure.erase_case(workspace, "BOR-2026-007", "bewaartermijn voorbij", confirm="BOR-2026-007")
    kept = add_case(workspace, "BOR-2026-019")  # may take the erased case's id again
    load_case(workspace, kept)
    workspace.vault.lock()
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)

    code, out, _err = run(capsys, "privacy", "log", *access)
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    opened = [row[3:5] for row in rows if row[2] == "geopend"]
    assert opened == [["dossier", "BOR-2026-019"], ["dossier", "BOR-2026-007 (gewist)"]]
    assert not any(row[3] == f"dossier {kept}" for row in rows)

    _code, out, _err = run(capsys, "privacy", "log", "--json", "--lang", "en", *access)
    lines = json.loads(out)
    opened = [(line["case_id"], line["case_ref"], line["case_erased"]) for line in lines if line["action"] == "open"]
    assert opened == [(kept, "BOR-2026-019", False), (gone, "BOR-2026-007", True)]

    _code, out, _err = run(capsys, "privacy", "log", "--case", "BOR-2026-007", "--lang", "en", *access)
    assert out and all(line.split("\t")[4] == "BOR-2026-007 (erased)" for line in out.splitlines())
