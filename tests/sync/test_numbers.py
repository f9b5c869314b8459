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

