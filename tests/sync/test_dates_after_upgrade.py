"""A contract version's "drawn up on" and a letter's "made on" travel since vault revision 0042; migration 0042 took
each from `created_at`, right only on the laptop that made the record (on a colleague's the day it arrived there, on
a laptop that joined later the day it joined). After the upgrade the laptop that made each record sends its date
once, a sent letter's too, and every laptop ends with the dates as they were made, without a conflict.

Records made "before the upgrade" are made as 0041 sent them: their operations without the dates, the vault caught
up at 0041 until the upgrade, which does what 0042 does (the date from `created_at`)."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
from sqlalchemy import select, text

from borapp.models import Case, Contract, Letter, SyncOp
from borapp.models.schema import head
from borapp.services import settings
from borapp.services.cases import letters as case_letters
from borapp.services.cases.contract_terms import case_terms, snapshot
from borapp.services.cases.editing import AgreementsInput, save_agreements
from borapp.services.documents.contract_versions import signature_status
from borapp.services.sync import conflicts
from borapp.services.sync.snapshot import CAUGHT_UP, catch_up
from tests.cases.test_case_services import add_case
from tests.helpers.documents_support import AGREEMENTS
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import Laptop, team  # noqa: F401 - fixture

DRAWN = dt.date(2026, 10, 2)
MADE = dt.datetime(2018, 3, 5, 9)
SENT_MADE = dt.datetime(2025, 1, 10, 14, 30)
DATES = {"contract": "drawn_up_on", "letter": "made_at"}


def _as_0041_made_them(laptop) -> None:
    """The operations as 0041 wrote them (no dates), and the vault caught up: this version's catch-up is not run."""
    with laptop.workspace.session() as session:
        for op in session.scalars(select(SyncOp).where(SyncOp.type.in_(DATES))):
            fields = json.loads(op.fields)
            fields.pop(DATES[op.type], None)
            op.fields = json.dumps(fields, sort_keys=True)
        settings.put(session, CAUGHT_UP, head())


def _sync_before_the_upgrade(*laptops) -> None:
    for laptop in (*laptops, *laptops):
        _as_0041_made_them(laptop)
        laptop.sync()


def _upgrade(laptop) -> None:
    """What migration 0042 does to a vault last caught up at 0041."""
    with laptop.workspace.session() as session:
        session.execute(text("UPDATE contract SET drawn_up_on = date(created_at)"))
        session.execute(text("UPDATE letter SET made_at = created_at"))
        settings.put(session, CAUGHT_UP, "0041")


def _make(laptop, ref: str, made: dt.datetime, drawn: dt.date | None = None, state: str = "draft") -> None:
    """A case with a letter made at `made` (and a contract version drawn up on `drawn`), stored here then."""
    case_id = add_case(laptop.workspace, ref, status="intake", coordinator_id=laptop.workspace.coordinator_id)
    save_agreements(laptop.workspace, case_id, AgreementsInput(**AGREEMENTS))
    with laptop.workspace.session() as session:
        if drawn is not None:
            terms = snapshot(case_terms(session.get(Case, case_id)))
            session.add(Contract(case_id=case_id, version=1, agreements=terms, drawn_up_on=drawn,
                                 created_at=dt.datetime.combine(drawn, dt.time(9))))
        session.add(Letter(case_id=case_id, kind="intake", state=state, subject="Aanmelding", made_at=made,
                           created_at=made))


def _dates(laptop, ref: str) -> tuple:
    with laptop.workspace.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == ref))
    contracts = signature_status(laptop.workspace, case_id)
    return (contracts[0].contract.drawn_up_on if contracts else None,
            [letter.made_at for letter in case_letters.list_letters(laptop.workspace, case_id)])


def _dates_sent(laptop) -> int:
    with laptop.workspace.session() as session:
        return sum(1 for fields in session.scalars(select(SyncOp.fields))
                   if set(json.loads(fields)) in ({"made_at"}, {"drawn_up_on"}))


def test_the_dates_made_before_the_upgrade_reach_the_colleague_and_a_laptop_joining_later(team, app, db_url,
                                                                                          tmp_path):
    anna, bram = team
    _make(anna, "BOR-2026-401", MADE, DRAWN)
    _make(anna, "BOR-2026-402", SENT_MADE, state="sent")
    _sync_before_the_upgrade(anna, bram)
    arrived = dt.date.today()
    assert _dates(bram, "BOR-2026-401")[0] == arrived, "as before the upgrade: the day it arrived"

    for laptop in (bram, anna):
        _upgrade(laptop)
    for laptop in (anna, bram, anna, bram):
        laptop.sync()
    for laptop in (anna, bram):
        assert _dates(laptop, "BOR-2026-401") == (DRAWN, [MADE])
        assert _dates(laptop, "BOR-2026-402") == (None, [SENT_MADE])
    assert (_dates_sent(anna), _dates_sent(bram)) == (3, 0), "once, and only by the laptop that made them"
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT fields->>'state', fields->>'made_at' FROM records WHERE type = 'letter' AND "
                            "fields->>'state' = 'sent'").fetchall() == [("sent", SENT_MADE.isoformat())]
        assert conn.execute("SELECT count(*) FROM conflicts").fetchone()[0] == 0

    cas = Laptop(tmp_path, "cas", app, db_url)  # joins after the upgrade
    cas.sync()
    assert _dates(cas, "BOR-2026-401") == (DRAWN, [MADE])
    assert _dates(cas, "BOR-2026-402") == (None, [SENT_MADE])
    cas.workspace.lock()


def test_three_laptops_each_send_their_own_and_one_upgraded_late_breaks_nothing(team, app, db_url, tmp_path):
    anna, bram = team
    cas = Laptop(tmp_path, "cas", app, db_url)
    _make(anna, "BOR-2026-411", MADE, DRAWN)
    _make(bram, "BOR-2026-412", SENT_MADE, dt.date(2025, 1, 8), state="sent")
    _make(cas, "BOR-2026-413", dt.datetime(2024, 6, 1, 11))
    _sync_before_the_upgrade(anna, bram, cas)
    arrived = dt.date.today()

    for laptop in (anna, bram):  # cas stays at 0041 for now: it cannot sync with the upgraded office
        _upgrade(laptop)
    for laptop in (bram, anna, bram, anna):
        laptop.sync()
    for laptop in (anna, bram):
        assert _dates(laptop, "BOR-2026-411") == (DRAWN, [MADE])
        assert _dates(laptop, "BOR-2026-412") == (dt.date(2025, 1, 8), [SENT_MADE])
    assert _dates(anna, "BOR-2026-413")[1][0].date() == arrived, "not sent yet: as the migration had it"
    assert conflicts.open_conflicts(anna.workspace, http=anna.http) == []

    _upgrade(cas)  # upgraded late
    for laptop in (cas, anna, bram, cas):
        laptop.sync()
    for laptop in (anna, bram, cas):
        assert _dates(laptop, "BOR-2026-411") == (DRAWN, [MADE])
        assert _dates(laptop, "BOR-2026-412") == (dt.date(2025, 1, 8), [SENT_MADE])
        assert _dates(laptop, "BOR-2026-413") == (None, [dt.datetime(2024, 6, 1, 11)])
    assert [_dates_sent(laptop) for laptop in (anna, bram, cas)] == [2, 2, 1]
    assert conflicts.open_conflicts(cas.workspace, http=cas.http) == []
    cas.workspace.lock()


def test_the_dates_go_once_not_again_at_a_later_revision(team, monkeypatch):
    anna, bram = team
    _make(anna, "BOR-2026-421", MADE, DRAWN)
    _sync_before_the_upgrade(anna, bram)
    _upgrade(anna)
    anna.sync()
    assert _dates_sent(anna) == 2
    monkeypatch.setattr("borapp.services.sync.snapshot.head", lambda: "0043")  # a later upgrade: caught up anew
    assert catch_up(anna.workspace) == 0
    assert _dates_sent(anna) == 2


def test_a_date_the_office_refuses_on_a_sent_letter_stays_on_the_laptop_that_made_it(team, monkeypatch):
    """An office that answers `final` to the date (as one that refused every change to a sent letter did): the
    laptop puts back what it typed, and the date is not typing: it stays, and no draft is made of it."""
    anna, bram = team
    _make(anna, "BOR-2026-431", SENT_MADE, state="sent")
    _sync_before_the_upgrade(anna, bram)
    _upgrade(anna)
    monkeypatch.setattr("borapp.server.facts.fills_in", lambda _type, _changes: False)
    result = anna.sync()
    assert result.kept_as_drafts == 0
    assert _dates(anna, "BOR-2026-431") == (None, [SENT_MADE])
