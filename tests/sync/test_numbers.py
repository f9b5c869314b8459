"""In a team each laptop numbers new cases from its own block, so two laptops never make the same number offline;
with the block used up a case gets a provisional number that the next sync makes final."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import Case
from borapp.services import settings
from borapp.services.intake.flow import next_case_ref
from borapp.services.sync import numbers
from borapp.services.sync.run import settle_case_numbers


class Server:  # hands out blocks of 3 numbers, as the office server does (of 50)
    def __init__(self, first: int):
        self.next = first

    def numbers(self, year: int) -> dict:
        block = {"year": year, "first": self.next, "last": self.next + 2}
        self.next += 3
        return block

    def taken_numbers(self, year: int, prefix: str) -> dict:
        return {}  # nothing numbered by a lost copy of this vault


def register(workspace, year: int = 2026) -> str:
    with workspace.session() as session:
        ref = next_case_ref(session, year)
        session.add(Case(ref=ref, registered_on=dt.date(year, 5, 1), status="registered"))
    return ref


def test_alone_the_vault_numbers_on_its_own(workspace):
    assert [register(workspace) for _ in range(2)] == ["BOR-2026-001", "BOR-2026-002"]


def test_in_a_team_numbers_come_from_the_block_then_provisional_then_final(workspace, monkeypatch):
    settings.write_settings(workspace, {"sync.device": "laptop-anna"})
    monkeypatch.setattr(numbers, "LOW", 1)
    settle_case_numbers(workspace, Server(first=101), year=2026)
    made = [register(workspace) for _ in range(4)]
    assert made == ["BOR-2026-101", "BOR-2026-102", "BOR-2026-103", "BOR-2026-P001"]
    renumbered = settle_case_numbers(workspace, Server(first=201), year=2026)
    assert renumbered == [("BOR-2026-P001", "BOR-2026-201")]
    with workspace.session() as session:
        assert sorted(session.scalars(select(Case.ref))) == [
            "BOR-2026-101", "BOR-2026-102", "BOR-2026-103", "BOR-2026-201"]



def test_letters_still_to_go_follow_the_final_number(workspace, monkeypatch):
    """A letter written while the case had its provisional number names the final one once the sync gave it; the
    PDF then says one number throughout. What has left, or is on its way out, or is a colleague's, stays as it
    was; a longer number that starts with the old one is not touched."""
    from borapp.models import Letter
    from borapp.services.outbox import letters
    from borapp.services.outbox.listing import EXPORT_MARK
    from tests.helpers.documents_support import all_text as pdf_text

    settings.write_settings(workspace, {"sync.device": "laptop-anna"})
    monkeypatch.setattr(numbers, "LOW", 1)
    settle_case_numbers(workspace, Server(first=101), year=2026)
    for _ in range(3):
        register(workspace)
    provisional = register(workspace)
    assert provisional == "BOR-2026-P001"
    with workspace.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == provisional))
    made = letters.new_letter(workspace, case_id, "intake", state="draft")
    text = f"Dossier {provisional}, niet {provisional}0 of X{provisional}."
    with workspace.session() as session:
        assert provisional in session.get(Letter, made).subject, "the template names the case's number"
        session.get(Letter, made).body = text
        others = {name: Letter(case_id=case_id, kind="intake", subject=f"Dossier {provisional}", body=text, **fields)
                  for name, fields in {"sent": {"state": "sent"}, "exporting": {"state": "ready", "error":
                                       EXPORT_MARK + "/tmp/x.eml"}, "colleague's": {"state": "ready",
                                       "received_from": "laptop-bram"}}.items()}
        session.add_all(others.values())
        session.flush()
        others = {name: letter.id for name, letter in others.items()}
    assert settle_case_numbers(workspace, Server(first=201), year=2026) == [(provisional, "BOR-2026-201")]
    with workspace.session() as session:
        letter = session.get(Letter, made)
        assert "BOR-2026-201" in letter.subject and provisional not in letter.subject
        assert letter.body == f"Dossier BOR-2026-201, niet {provisional}0 of X{provisional}."
        for name, letter_id in others.items():
            assert session.get(Letter, letter_id).subject == f"Dossier {provisional}", name
    pdf = pdf_text(letters.letter_pdf(workspace, made))
    assert "BOR-2026-201" in pdf and f"{provisional} " not in pdf and f"{provisional}," not in pdf
