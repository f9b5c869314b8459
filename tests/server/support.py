"""A laptop as the protocol sees it, small enough to read: a dict of records, a queue of operations, the last seq
applied. It pushes before it pulls, as docs/sync-protocol.md says, so the scenarios can check that every device and
the server converge."""

from __future__ import annotations

import uuid as uuid_module

import psycopg
from fastapi.testclient import TestClient

from borapp.models.schema import head
from borapp.server import devices


class Office:
    def __init__(self, app, url: str) -> None:
        self.app = app
        self.url = url

    def code_for(self, name: str) -> str:
        with psycopg.connect(self.url, autocommit=True) as conn:
            return devices.add(conn, name)[0]

    def client(self, token: str | None = None) -> TestClient:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return TestClient(self.app, headers=headers, raise_server_exceptions=False)

    def device(self, name: str) -> Laptop:
        answer = self.client().post("/v1/enrol", json={"code": self.code_for(name), "device": name})
        assert answer.status_code == 200, answer.text
        return Laptop(name, self.client(answer.json()["token"]))

    def records(self) -> dict:
        """The server's records as a laptop should hold them (erased ones are gone)."""
        with psycopg.connect(self.url) as conn:
            rows = conn.execute("SELECT type, uuid, fields, deleted FROM records WHERE NOT erased").fetchall()
        return {(t, u): {"fields": f, "deleted": d} for t, u, f, d in rows}


class Laptop:
    def __init__(self, name: str, http: TestClient) -> None:
        self.name = name
        self.http = http
        self.records: dict[tuple[str, str], dict] = {}
        self.pending: list[dict] = []
        self.last_seq = 0
        self.outcomes: list[dict] = []
        self.own: list[list[int]] = []  # the spans of change numbers this sync's pushes wrote

    # local changes, each with its operation
    def create(self, type_: str, **fields) -> str:
        uuid = str(uuid_module.uuid4())
        self.records[(type_, uuid)] = {"fields": dict(fields), "deleted": False}
        self._queue(type_, uuid, "upsert", {k: {"old": None, "new": v} for k, v in fields.items()})
        return uuid

    def edit(self, type_: str, uuid: str, **fields) -> None:
        record = self.records[(type_, uuid)]
        changes = {k: {"old": record["fields"].get(k), "new": v} for k, v in fields.items()}
        record["fields"].update(fields)
        self._queue(type_, uuid, "upsert", changes)

    def delete(self, type_: str, uuid: str) -> None:
        self.records[(type_, uuid)]["deleted"] = True
        self._queue(type_, uuid, "delete", {}, base=self.last_seq)

    def erase(self, type_: str, uuid: str) -> None:
        self.records.pop((type_, uuid), None)
        self._queue(type_, uuid, "erase", {})

    def _queue(self, type_: str, uuid: str, kind: str, fields: dict, **extra) -> None:
        self.pending.append({"op_id": str(uuid_module.uuid4()), "type": type_, "uuid": uuid, "kind": kind,
                             "fields": fields, "device": self.name, **extra})

    # talking to the server
    def push(self) -> dict:
        answer = self.http.post("/v1/push", json={"schema": head(), "ops": self.pending})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert [r["op_id"] for r in body["results"]] == [op["op_id"] for op in self.pending]
        self.outcomes.extend(body["results"])
        self.own += body["own"]
        self.pending = []
        return body

    def pull(self, limit: int = 500, own: list[list[int]] = ()) -> int:
        """`own`: leave out the changes of this laptop's operations in these spans (it holds them)."""
        pages = 0
        params = {"own": ",".join(f"{a}-{b}" for a, b in own)} if own else {}
        while True:
            answer = self.http.get("/v1/pull", params={"since": self.last_seq, "limit": limit, **params})
            assert answer.status_code == 200, answer.text
            body = answer.json()
            for change in body["changes"]:
                assert change["seq"] > self.last_seq
                self._apply(change)
                self.last_seq = change["seq"]
            assert body["seq"] >= self.last_seq
            self.last_seq = body["seq"]
            pages += 1
            if not body["more"]:
                return pages

    def sync(self) -> None:
        if self.pending:
            self.push()
        self.pull(own=self.own)
        self.own = []

    def _apply(self, change: dict) -> None:
        key = (change["type"], change["uuid"])
        if change["kind"] == "erase":
            self.records.pop(key, None)
            return
        record = self.records.setdefault(key, {"fields": {}, "deleted": False})
        if change["kind"] == "delete":
            record["deleted"] = True
        else:
            fields = dict(change["fields"])
            if fields.pop("_deleted", None) is False:  # brought back: a person kept it
                record["deleted"] = False
            record["fields"].update(fields)

    def conflicts(self) -> list[dict]:
        answer = self.http.get("/v1/conflicts")
        assert answer.status_code == 200, answer.text
        return answer.json()["conflicts"]

    def resolve(self, conflict_id: int, value) -> dict:
        answer = self.http.post(f"/v1/conflicts/{conflict_id}/resolve", json={"value": value})
        assert answer.status_code == 200, answer.text
        return answer.json()


def _without_nulls(records: dict) -> dict:
    """A field that is null and a field that is not there are the same (the protocol's rule); a tombstone is
    compared as one (its fields are nowhere shown)."""
    return {key: {"fields": {} if r["deleted"] else {k: v for k, v in r["fields"].items() if v is not None},
                  "deleted": r["deleted"]} for key, r in records.items()}


def converged(office: Office, *laptops: Laptop) -> None:
    server = _without_nulls(office.records())
    for laptop in laptops:
        assert not laptop.pending
        assert _without_nulls(laptop.records) == server, laptop.name
