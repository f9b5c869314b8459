"""A coordinator who worked alone numbered her cases herself (BOR-2026-001, ...); the team she joins may hold those
numbers already. Joining claims her numbers at the office server: a number the team holds, or erased, or set aside
for a colleague's laptop, gives her case a free team number (the established case keeps its own), she is told which,
and everyone keeps syncing. Real vaults, the real service on a throw-away PostgreSQL."""

from __future__ import annotations

import json
from uuid import uuid4

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import select

from borapp.models import Case, Draft, Letter, Municipality, SyncOp
from borapp.server import devices
from borapp.services.sync.join import join
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace, add_coordinator
from tests.conftest import PASSPHRASE
from tests.server.conftest import app, db_url, migrated_url, office, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import URL, Laptop, team  # noqa: F401 - fixture


class Alone(Laptop):
    """A laptop that works alone first and joins the team later."""

    def __init__(self, tmp_path, name: str, app, db_url: str):  # noqa: F811 - the fixture's name
        self.path = tmp_path / name / "vault.bordb"
        self.path.parent.mkdir()
        vault = Vault.create(self.path, PASSPHRASE)[0]
        self.workspace = Workspace(vault, add_coordinator(vault, f"Coördinator {name}"))
        self.http = TestClient(app, raise_server_exceptions=False)
        self.name, self.db_url = name, db_url
        with self.workspace.session() as session:
            session.add(Municipality(name="Bergen (NH)"))

    def join(self) -> None:
        with psycopg.connect(self.db_url, autocommit=True) as conn:
            code = devices.add(conn, self.name)[0]
        join(self.workspace, URL, code, self.name, http=self.http)


def families(laptop) -> dict[str, str]:
    """Case number → the resident parent's name, as the coordinator sees them."""
    with laptop.workspace.session() as session:
        return {c.ref: c.parents[0].name for c in session.scalars(select(Case))}


def test_a_newcomers_case_gets_a_free_team_number_and_everyone_keeps_syncing(tmp_path, team, app, db_url):
    from borapp.services.dashboard import today

    anna, bram = team
    established = anna.register(parent="Fatima El Amrani")
    anna.sync(), bram.sync()
    chantal = Alone(tmp_path, "chantal", app, db_url)
    own = chantal.register(parent="Eva Mulder")
    assert own == established == "BOR-2026-001", "alone, her vault numbers from 1"
    with chantal.workspace.session() as session:  # a letter still to go names her number, so does her typing
        case = session.scalar(select(Case).where(Case.ref == own))
        session.add(Letter(case_id=case.id, kind="intake", subject=f"Aanmelding {own}", body=f"Dossier {own}."))
        session.add(Letter(case_id=case.id, kind="intake", subject=f"Verstuurd {own}", body="", state="sent"))
        session.add(Draft(key=f"ui/dialog/case/{own}/erase", payload='{"reason": "Verzoek van Eva Mulder"}'))
    chantal.join()
    result = chantal.sync()
    new = dict(result.renumbered)[own]
    assert new not in (own, "") and "P" not in new
    assert families(chantal) == {new: "Eva Mulder", established: "Fatima El Amrani"}
    with chantal.workspace.session() as session:
        assert session.scalars(select(Letter.subject).order_by(Letter.id)).all() == [
            f"Aanmelding {new}", f"Verstuurd {own}"], "her letter still to go follows; what was sent stays"
        assert session.scalars(select(Draft.key)).all() == [f"ui/dialog/case/{new}/erase"], "not on Fatima's case"
        sent = [json.loads(op.fields).get("ref", {}).get("new")
                for op in session.scalars(select(SyncOp).where(SyncOp.type == "case"))]
    assert new in sent and own not in sent, "her old number never travelled"
    news = today(chantal.workspace, limit=10).sync_news
    assert f"Uw dossier {own} heet nu {new}: het nummer {own} was in het team al uitgegeven." in news, news
    assert f"1 eerder verstuurde brief of getekende overeenkomst noemt nog {own}." in news, news
    chantal.sync()
    for laptop in (anna, bram):
        laptop.sync()
        assert families(laptop) == {established: "Fatima El Amrani", new: "Eva Mulder"}, laptop.path
        assert own not in today(laptop.workspace, limit=10).sync_news, "nobody else was renumbered"
    newbie = Laptop(tmp_path, "nieuw", app, db_url)
    newbie.sync()
    assert families(newbie) == {established: "Fatima El Amrani", new: "Eva Mulder"}
    assert anna.register(parent="Ria Smit") not in (established, new)
    newbie.workspace.lock(), chantal.workspace.lock()


def test_the_server_refuses_a_claimed_number_the_team_gave_out_and_sets_the_others_aside(office):
    anna, chantal, bram = office.device("anna"), office.device("chantal"), office.device("bram")
    assert anna.http.post("/v1/numbers", json={"year": 2026}).json()["first"] == 1  # anna's block: 1-50
    held = anna.create("case", ref="BOR-2026-001")
    gone = anna.create("case", ref="BOR-2026-002")
    anna.push()
    anna.erase("case", gone)
    anna.push()
    hers = {ref: str(uuid4()) for ref in ("BOR-2026-001", "BOR-2026-002", "BOR-2026-003", "BOR-2026-120",
                                          "BOR-2025-007", "Dossier 7")}
    hers["BOR-2026-130"] = anna.create("case", ref="BOR-2026-130")  # imported at anna's, the same case
    anna.push()
    claim = {"prefix": "BOR", "cases": hers}
    refused = ["BOR-2026-001", "BOR-2026-002", "BOR-2026-003"]  # anna's case, an erased one, anna's block
    assert chantal.http.post("/v1/numbers/claim", json=claim).json() == {"refused": refused}
    assert chantal.http.post("/v1/numbers/claim", json=claim).json() == {"refused": refused}, "asked again"
    assert bram.http.post("/v1/numbers/claim", json={"prefix": "BOR", "cases": {"BOR-2026-120": str(uuid4())}}
                          ).json() == {"refused": ["BOR-2026-120"]}, "set aside for chantal"
    block = bram.http.post("/v1/numbers", json={"year": 2026}).json()
    assert block["first"] == 131, "above every block, claimed number and number a case holds"
    assert bram.http.post("/v1/numbers", json={"year": 2025}).json()["first"] == 8
    for body in ({"prefix": "BOR"}, {"prefix": "BOR", "cases": {"BOR-2026-001": "not-a-uuid"}},
                 {"prefix": "bor", "cases": {}}, {"prefix": "BOR", "cases": {"x" * 41: str(uuid4())}},
                 {"prefix": "BOR", "cases": {}, "team": ["BOR-2026-001"]}, []):
        assert chantal.http.post("/v1/numbers/claim", json=body).status_code == 422, body


def test_an_erased_number_is_not_given_again_alone(workspace):
    from borapp.services.privacy.erasure import erase_case
    from tests.sync.test_numbers import register

    made = [register(workspace) for _ in range(3)]
    erase_case(workspace, made[-1], "Verzoek van de ouder", confirm=made[-1])
    assert register(workspace) == "BOR-2026-004"


def test_an_erased_number_is_not_given_again_in_the_team(team):
    from borapp.services.privacy.erasure import erase_case

    anna, bram = team
    mine = [anna.register(parent=f"Ria {n}") for n in range(3)]
    erase_case(anna.workspace, mine[-1], "Verzoek van de ouder", confirm=mine[-1])
    again = anna.register(parent="Lisa Hendriks")
    assert again not in mine, "erased here, before any sync"
    anna.sync()
    bram.sync()
    his = bram.register(parent="Rik Hendriks")
    bram.sync()
    anna.sync()
    erase_case(anna.workspace, his, "Verzoek van de ouder", confirm=his)  # bram's case, erased at anna's
    anna.sync()
    bram.sync()
    assert his not in bram.cases()
    assert bram.register(parent="Ilse Vos") != his, "the erasure told bram's laptop the number is used"


def test_a_number_a_team_gave_is_kept_when_its_laptop_joins_again(office):
    """Rejoining a server restored from a backup (deploy/README.md): the laptop's cases were numbered from its block
    under its former device name; no case on the server holds those numbers any more, and they stay."""
    anna = office.device("anna")
    anna.http.post("/v1/numbers", json={"year": 2026})
    again = office.device("anna-2")
    cases = {"BOR-2026-002": str(uuid4()), "BOR-2026-003": str(uuid4())}
    claim = {"prefix": "BOR", "cases": cases, "team": ["BOR-2026-002"]}
    assert again.http.post("/v1/numbers/claim", json=claim).json() == {"refused": ["BOR-2026-003"]}
