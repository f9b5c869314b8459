"""Today with a limit: each section's total counts every item the full list has, and its items are the full list's
first ones, in the same order, for every rule, with "mine only" or not (the data: about 25 items per rule, varied
so each rule's edges and orders are met)."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case, Contract, ContractSignature, Evaluation, Letter, StatusChange, Visit, Volunteer
from borapp.services import drafts
from borapp.services.cases.contract_terms import ALWAYS_SIGN, parse_parties, signer_roles
from borapp.services.dashboard import add_months, today
from borapp.services.dashboard.contracts import SIGNER_LABELS
from borapp.services.vault.workspace import add_coordinator
from tests.test_dashboard import DAY, ON

CASE_SECTIONS = ("waiting", "long_trajectories", "evaluations_due", "visits_this_week", "contracts_unsigned",
                 "outbox")
SNAPSHOTS = (  # what a contract version's JSON may hold: names, nobody, a damaged text, odd values
    json.dumps({"parties": {"resident": "Ria", "other": "Olaf", "coordinator": "Cora", "volunteer": "Vera"}}),
    json.dumps({"parties": {"resident": "Ria", "other": "Olaf", "coordinator": "Cora", "volunteer": ""}}),
    json.dumps({"parties": {}}), "{}", "", "{not json", "[1, 2]", json.dumps({"parties": "Ria"}),
    json.dumps({"parties": {"resident": 0, "volunteer": []}}), json.dumps({"parties": {"volunteer": {"a": 1}}}),
    json.dumps({"parties": {"volunteer": "[]"}}), json.dumps({"parties": {"other": False, "volunteer": True}}),
)


def build(session, rng: random.Random, coordinators: list[int], volunteers: list[int], n: int) -> None:
    """One case of each kind of situation Today looks at, its details drawn from `rng`."""
    status = rng.choice(("registered", "waiting", "intake", "matching", "contract", "visits", "visits",
                         "evaluation", "closing", "closed"))
    case = Case(ref=f"T-{rng.randint(0, 9999):04d}-{n:03d}", status=status,
                registered_on=ON - dt.timedelta(days=rng.randint(0, 400)), coordinator_id=rng.choice(coordinators),
                volunteer_id=rng.choice([None, *volunteers]))
    session.add(case)
    session.flush()
    if rng.random() < 0.7:
        session.add(StatusChange(case_id=case.id, on=ON - dt.timedelta(days=rng.randint(150, 260)),
                                 from_status="matching", to_status=rng.choice(("visits", "visits", "contract"))))
    for _ in range(rng.randint(0, 8)):
        day = ON + dt.timedelta(days=rng.choice((rng.randint(-250, 10), rng.randint(-2, 4))))  # some this week
        session.add(Visit(case_id=case.id, on=day, state=rng.choice(("held", "held", "planned", "cancelled")),
                          start_time=rng.choice((None, dt.time(9, 30), dt.time(14, 0))),
                          volunteer_id=rng.choice([None, None, *volunteers])))
    if rng.random() < 0.3:
        session.add(Evaluation(case_id=case.id, held_on=ON - DAY, kind=rng.choice(("midway", "closing"))))
    for version in range(1, rng.randint(0, 3) + 1):
        roles = [r for r in ("resident", "other", "coordinator", "volunteer") if rng.random() < 0.8]
        session.add(Contract(case_id=case.id, version=version, agreements=rng.choice(SNAPSHOTS),
                             signatures=[ContractSignature(role=r, name="x", signed_on=ON) for r in roles]))
    for _ in range(rng.randint(0, 2)):
        session.add(Letter(case_id=case.id, kind=rng.choice(("intake", "start", "closing")),
                           state=rng.choice(("draft", "ready", "sent")),
                           state_changed_at=dt.datetime(2025, 1, 1) + dt.timedelta(hours=rng.randint(0, 2000))))


@pytest.fixture
def varied(workspace):
    rng = random.Random(16)
    other = add_coordinator(workspace.vault, "Andere Coördinator").id
    with workspace.session() as session:
        volunteers = []
        for n in range(25):
            vog = rng.choice((None, ON - dt.timedelta(days=rng.randint(900, 1300)), dt.date(2022, 2, 28)))
            volunteer = Volunteer(name=f"Vrijwilliger {n:02d}", vog_date=vog, active=rng.random() < 0.9)
            session.add(volunteer)
            session.flush()
            volunteers.append(volunteer.id)
        for n in range(120):
            build(session, rng, [workspace.coordinator_id, other], volunteers, n)
    for n in range(4):
        drafts.save_draft(workspace, f"ui/volunteer/{volunteers[n]}", {"name": "x"})
    return workspace


@pytest.mark.parametrize("mine_only", [False, True])
def test_a_limit_keeps_the_totals_and_the_first_items(varied, mine_only):
    full = today(varied, ON, mine_only=mine_only)
    assert all(section.count == len(section.items) for section in full.sections)
    assert all(full.section(key).count >= 4 for key in (*CASE_SECTIONS, "vog", "drafts")), \
        {s.key: s.count for s in full.sections}
    for limit in (1, 3, 10):
        board = today(varied, ON, mine_only=mine_only, limit=limit)
        for section in board.sections:
            every = full.section(section.key)
            assert section.count == every.count, section.key
            assert section.items == every.items[:limit], section.key


def test_without_mine_only_there_are_about_25_of_each(varied):
    counts = {s.key: s.count for s in today(varied, ON).sections}
    assert all(counts[key] >= 15 for key in (*CASE_SECTIONS, "vog")), counts


def test_mine_only_keeps_my_cases_in_every_case_section(varied):
    with varied.session() as session:
        mine = {case.id for case in session.query(Case).filter(Case.coordinator_id == varied.coordinator_id)}
    everyone, only_mine = today(varied, ON), today(varied, ON, mine_only=True, limit=3)
    for key in CASE_SECTIONS:
        expected = [item for item in everyone.section(key).items if item.case_id in mine]
        assert 0 < only_mine.section(key).count == len(expected) < everyone.section(key).count, key
        assert list(only_mine.section(key).items) == expected[:3], key
    assert only_mine.section("vog") == today(varied, ON, limit=3).section("vog")  # volunteers are everybody's


def test_unsigned_contracts_are_those_parse_terms_reads_as_unsigned(varied):
    """The SQL that reads the parties from the JSON snapshots agrees with `contract_terms.parse_parties` on every
    snapshot in the data (names, nobody, damaged, odd values) and with the newest version of each open case."""
    expected = []
    with varied.session() as session:
        for case in session.scalars(select(Case).where(Case.status != "closed").order_by(Case.ref)):
            newest = session.scalars(select(Contract).where(Contract.case_id == case.id)
                                     .order_by(Contract.version.desc(), Contract.id)).first()
            if newest is None:
                continue
            parties = parse_parties(newest.agreements)
            needed = (signer_roles(parties) if any(parties.values())
                      else ALWAYS_SIGN + (("volunteer",) if case.volunteer_id else ()))
            signed = {signature.role for signature in newest.signatures}
            missing = [role for role in needed if role not in signed]
            who = ", ".join(_(SIGNER_LABELS[role]) for role in missing)
            if missing:
                expected.append((case.id, _("Version {version}: not yet signed by {who}").format(
                    version=newest.version, who=who)))
    found = today(varied, ON).section("contracts_unsigned").items
    assert [(item.case_id, item.text) for item in found] == expected


def test_a_limit_of_nothing_still_counts(varied):
    board = today(varied, ON, limit=0)
    assert all(not section.items for section in board.sections)
    assert board.section("waiting").count == today(varied, ON).section("waiting").count > 0


def test_the_day_moves_the_six_month_line(varied):
    """The same data on other days: whatever a day's cutoff is, the limited board agrees with the full one."""
    for on in (add_months(ON, 1), dt.date(2025, 2, 28), dt.date(2025, 3, 1), dt.date(2024, 2, 29)):
        full, first = today(varied, on), today(varied, on, limit=2)
        for section in first.sections:
            assert (section.count, section.items) == (full.section(section.key).count,
                                                      full.section(section.key).items[:2]), (on, section.key)
