"""The sync scenarios against a real PostgreSQL, the service in-process: every device and the server converge, and
no acknowledged change is lost without a conflict."""

from __future__ import annotations

import datetime as dt
import threading
import uuid as uuid_module

import psycopg
import pytest

from borapp.models.schema import head
from tests.server.support import converged


def test_two_devices_creating_different_records_both_get_both(office):
    anna, bram = office.device("anna"), office.device("bram")
    case_a = anna.create("case", reference="BOR-2026-001", status="intake")
    case_b = bram.create("case", reference="BOR-2026-051", status="intake")
    for laptop in (anna, bram, anna):
        laptop.sync()
    assert {r["outcome"] for r in anna.outcomes + bram.outcomes} == {"applied"}
    assert set(office.records()) == {("case", case_a), ("case", case_b)}
    converged(office, anna, bram)


def test_the_same_record_different_fields_are_merged(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    case = anna.create("case", status="intake", notes=None, municipality=None)
    anna.sync()
    bram.sync()
    anna.edit("case", case, status="contract")
    bram.edit("case", case, notes="Intake gesprek gepland")
    anna.sync()
    bram.sync()
    anna.sync()
    assert office.records()[("case", case)]["fields"] == {"status": "contract", "notes": "Intake gesprek gepland"}
    assert sql("SELECT count(*) FROM conflicts") == [(0,)]
    converged(office, anna, bram)


def test_the_same_field_makes_one_conflict_with_both_values_and_resolving_clears_it(office):
    anna, bram = office.device("anna"), office.device("bram")
    case = anna.create("case", notes="eerste versie")
    anna.sync()
    bram.sync()
    anna.edit("case", case, notes="versie van Anna")
    bram.edit("case", case, notes="versie van Bram")
    anna.sync()
    bram.sync()
    outcome = bram.outcomes[-1]
    assert outcome["outcome"] == "conflict" and len(outcome["conflicts"]) == 1
    (conflict,) = anna.conflicts()
    assert conflict == {**conflict, "id": outcome["conflicts"][0], "type": "case", "uuid": case, "field": "notes",
                        "base": "eerste versie", "server": "versie van Anna", "mine": "versie van Bram",
                        "device": "bram", "server_device": "anna"}
    assert bram.conflicts() == [conflict]
    server_at = dt.datetime.fromisoformat(conflict["server_at"])  # when Anna's value reached the server
    assert server_at <= dt.datetime.fromisoformat(conflict["created"])
    assert server_at > dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    # the server value stays until a person decides; both values are kept meanwhile
    anna.sync()
    converged(office, anna, bram)
    assert bram.records[("case", case)]["fields"]["notes"] == "versie van Anna"
    answer = anna.resolve(conflict["id"], "versie van Bram")
    assert answer["value"] == "versie van Bram"
    assert anna.conflicts() == [] and bram.conflicts() == []
    anna.sync()
    bram.sync()
    assert office.records()[("case", case)]["fields"]["notes"] == "versie van Bram"
    converged(office, anna, bram)
    # the same resolution again (its answer lost) changes nothing; another value is refused
    assert anna.resolve(conflict["id"], "versie van Bram")["value"] == "versie van Bram"
    refused = bram.http.post(f"/v1/conflicts/{conflict['id']}/resolve", json={"value": "iets anders"})
    assert (refused.status_code, refused.json()) == (409, {"error": "resolved", "value": "versie van Bram"})


def test_two_offline_edits_of_a_field_in_conflict_keep_one_conflict(office):
    anna, bram = office.device("anna"), office.device("bram")
    case = anna.create("case", notes="a")
    anna.sync()
    bram.sync()
    anna.edit("case", case, notes="b")
    anna.sync()
    bram.edit("case", case, notes="c")
    bram.edit("case", case, notes="d")
    bram.sync()
    (conflict,) = anna.conflicts()
    assert (conflict["base"], conflict["server"], conflict["mine"]) == ("a", "b", "d")


def test_delete_then_edit_is_a_conflict_and_keeping_the_edit_brings_the_record_back_everywhere(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    child = anna.create("child", first_name="Sam", school="De Regenboog")
    anna.sync()
    bram.sync()
    anna.delete("child", child)
    bram.edit("child", child, school="Het Kompas")
    anna.sync()
    bram.sync()
    assert bram.outcomes[-1]["outcome"] == "conflict"
    (conflict,) = anna.conflicts()
    assert (conflict["field"], conflict["base"], conflict["server"], conflict["mine"]) == \
        ("_deleted", {"school": "De Regenboog"}, True, {"school": "Het Kompas"}), "what the edit changed, as it was"
    assert conflict["record"] == {"first_name": "Sam", "school": "De Regenboog"}, "to name what was deleted"
    assert office.records()[("child", child)]["deleted"] is True
    assert bram.records[("child", child)]["deleted"] is True, "until a person chooses, the delete holds"
    anna.resolve(conflict["id"], conflict["mine"])  # keep the edit: back for everyone, with it
    anna.sync()
    bram.sync()
    assert office.records()[("child", child)] == {"fields": {"first_name": "Sam", "school": "Het Kompas"},
                                                  "deleted": False}
    assert sql("SELECT fields FROM change_log WHERE uuid = %s ORDER BY seq DESC LIMIT 1", child) == [
        ({"first_name": "Sam", "school": "Het Kompas", "_deleted": False},)], "every field: made anew where deleted"
    converged(office, anna, bram)


def test_delete_then_edit_kept_deleted_stays_deleted_everywhere(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    child = anna.create("child", first_name="Sam", school="De Regenboog")
    anna.sync(), bram.sync()
    anna.delete("child", child)
    bram.edit("child", child, school="Het Kompas")
    anna.sync(), bram.sync()
    (conflict,) = bram.conflicts()
    bram.resolve(conflict["id"], conflict["server"])
    anna.sync(), bram.sync()
    assert office.records()[("child", child)]["deleted"] is True
    assert sql("SELECT count(*) FROM change_log WHERE uuid = %s AND fields->>'school' = 'Het Kompas'", child) == [(0,)]
    converged(office, anna, bram)


def test_an_edit_the_deleting_device_had_not_seen_makes_its_delete_a_conflict(office):
    anna, bram = office.device("anna"), office.device("bram")
    visit = anna.create("visit", on="2026-12-03", notes=None)
    anna.sync()
    bram.sync()
    bram.edit("visit", visit, notes="Verliep rustig")
    bram.sync()
    anna.delete("visit", visit)  # offline, without Bram's note
    anna.sync()
    assert anna.outcomes[-1]["outcome"] == "conflict"
    (conflict,) = bram.conflicts()
    assert (conflict["field"], conflict["mine"], conflict["server_device"]) == ("_deleted", True, "bram")
    assert (conflict["base"], conflict["server"]) == ({"notes": None}, {"notes": "Verliep rustig"}), \
        "what the delete would take away, as it was and as it is"
    assert conflict["server_at"] is not None, "when Bram's note reached the server"
    assert office.records()[("visit", visit)] == {"fields": {"on": "2026-12-03", "notes": "Verliep rustig"},
                                                  "deleted": False}
    bram.resolve(conflict["id"], True)  # the coordinators agree: delete it
    anna.sync()
    bram.sync()
    assert office.records()[("visit", visit)]["deleted"] is True
    converged(office, anna, bram)


def test_a_delete_after_seeing_every_edit_just_deletes(office):
    anna, bram = office.device("anna"), office.device("bram")
    visit = anna.create("visit", notes="x")
    anna.sync()
    bram.sync()
    bram.edit("visit", visit, notes="y")
    bram.sync()
    anna.sync()
    anna.delete("visit", visit)
    anna.sync()
    bram.sync()
    assert anna.outcomes[-1]["outcome"] == "applied"
    assert office.records()[("visit", visit)]["deleted"] is True
    converged(office, anna, bram)


def test_the_same_push_sent_again_after_a_lost_answer_is_applied_once(office, sql):
    anna = office.device("anna")
    case = anna.create("case", status="intake")
    anna.edit("case", case, status="contract")
    body = {"schema": head(), "ops": list(anna.pending)}
    first = anna.http.post("/v1/push", json=body).json()
    seq = first["seq"]
    again = anna.http.post("/v1/push", json=body).json()  # the answer to the first was lost
    assert [r["outcome"] for r in first["results"]] == ["applied", "applied"]
    assert [(r["outcome"], r["first"]) for r in again["results"]] == [("duplicate", "applied")] * 2
    assert again["seq"] == seq
    assert sql("SELECT count(*) FROM change_log") == [(2,)]
    assert sql("SELECT count(*) FROM applied_ops") == [(2,)]


def test_a_duplicate_of_a_conflicting_operation_says_its_conflicts_again(office):
    anna, bram = office.device("anna"), office.device("bram")
    case = anna.create("case", status="intake")
    anna.sync()
    bram.sync()
    anna.edit("case", case, status="contract")
    anna.sync()
    bram.edit("case", case, status="closed")
    body = {"schema": head(), "ops": list(bram.pending)}
    first = bram.http.post("/v1/push", json=body).json()["results"][0]
    again = bram.http.post("/v1/push", json=body).json()["results"][0]
    assert first["outcome"] == "conflict"
    assert (again["outcome"], again["first"], again["conflicts"]) == ("duplicate", "conflict", first["conflicts"])
    assert len(anna.conflicts()) == 1


@pytest.mark.parametrize("record", ["existing", "new"])
def test_two_concurrent_pushes_of_the_same_operation_apply_it_once(office, db_url, sql, record):
    from borapp.server.changelog import _WRITER_LOCK

    anna = office.device("anna")
    case = anna.create("case", status="intake", notes="n")
    if record == "existing":
        anna.sync()
        anna.edit("case", case, status="contract")
    body = {"schema": head(), "ops": list(anna.pending)}
    clients = [office.client(anna.http.headers["Authorization"].split()[1]) for _ in range(2)]
    answers = []
    # Hold the record's row lock (or, for a new record, the change-log writer's lock) so both pushes are inside
    # PostgreSQL at once, then let go.
    with psycopg.connect(db_url) as blocker:
        if record == "existing":
            blocker.execute("SELECT 1 FROM records WHERE uuid = %s FOR UPDATE", (case,))
        else:
            blocker.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))
        threads = [threading.Thread(target=lambda c=c: answers.append(c.post("/v1/push", json=body).json()))
                   for c in clients]
        for thread in threads:
            thread.start()
        _wait_for_waiting_backends(sql, 2)
        blocker.rollback()
    for thread in threads:
        thread.join(10)
    assert sorted(a["results"][0]["outcome"] for a in answers) == ["applied", "duplicate"]
    assert sql("SELECT count(*) FROM change_log WHERE fields ? 'status'") == [(2 if record == "existing" else 1,)]
    assert sql("SELECT count(*) FROM applied_ops") == [(2 if record == "existing" else 1,)]


def _wait_for_waiting_backends(sql, n: int) -> None:
    import time

    for _ in range(200):
        waiting = sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")[0][0]
        if waiting >= n:
            return
        time.sleep(0.02)
    raise AssertionError("the pushes did not reach PostgreSQL")


def test_a_schema_mismatch_is_refused_and_nothing_is_applied(office, sql):
    anna = office.device("anna")
    anna.create("case", status="intake")
    answer = anna.http.post("/v1/push", json={"schema": "0001", "ops": anna.pending})
    assert (answer.status_code, answer.json()) == (409, {"error": "schema", "server": head()})
    assert sql("SELECT count(*) FROM change_log") == [(0,)]
    assert sql("SELECT count(*) FROM applied_ops") == [(0,)]
    assert sql("SELECT count(*) FROM records") == [(0,)]
    refused = anna.http.get("/v1/pull", params={"since": 0, "schema": "0001"})
    assert refused.status_code == 409 and refused.json()["error"] == "schema"


def test_a_revoked_device_is_refused_and_told_to_wipe(office, db_url, sql):
    from borapp.server import devices

    anna, bram = office.device("anna"), office.device("bram")
    anna.create("case", status="intake")
    with psycopg.connect(db_url, autocommit=True) as conn:
        devices.revoke(conn, "anna")
    for answer in (anna.http.post("/v1/push", json={"schema": head(), "ops": anna.pending}),
                   anna.http.get("/v1/pull"), anna.http.get("/v1/conflicts"),
                   anna.http.post("/v1/numbers", json={"year": 2026})):
        assert (answer.status_code, answer.json()) == (403, {"error": "revoked", "wipe": True})
    assert sql("SELECT count(*) FROM records") == [(0,)]
    assert bram.http.get("/v1/pull").status_code == 200


def test_requests_without_a_known_token_are_unauthorized(office):
    office.device("anna")
    for client in (office.client(), office.client("not-a-token")):
        answer = client.get("/v1/pull")
        assert (answer.status_code, answer.json()) == (401, {"error": "unauthorized"})


def test_an_enrolment_code_works_once_and_expires(office, sql):
    client = office.client()
    code = office.code_for("anna")
    assert client.post("/v1/enrol", json={"code": "AAAA-BBBB-CCCC-DDDD", "device": "anna"}).json() == \
        {"error": "code"}
    first = client.post("/v1/enrol", json={"code": code.lower().replace("-", " "), "device": "anna"})
    assert first.status_code == 200 and first.json()["device"] == "anna"
    again = client.post("/v1/enrol", json={"code": code, "device": "anna"})
    assert (again.status_code, again.json()) == (400, {"error": "code"})
    token = first.json()["token"]
    assert sql("SELECT count(*) FROM devices WHERE token_hash = %s", token) == [(0,)]  # only its hash is kept
    late = office.code_for("bram")
    sql("UPDATE enrolment_codes SET expires = now() - interval '1 minute' WHERE device = 'bram'")
    assert client.post("/v1/enrol", json={"code": late, "device": "bram"}).status_code == 400
    other = office.code_for("carla")  # the code says the name, whatever the laptop proposes
    assert client.post("/v1/enrol", json={"code": other, "device": "my-laptop"}).json()["device"] == "carla"


def test_number_blocks_are_distinct_across_devices(office):
    anna, bram = office.device("anna"), office.device("bram")
    blocks = []

    def take(laptop):
        for _ in range(5):
            answer = laptop.http.post("/v1/numbers", json={"year": 2026})
            assert answer.status_code == 200
            blocks.append((laptop.name, answer.json()))

    threads = [threading.Thread(target=take, args=(laptop,)) for laptop in (anna, bram)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    numbers = [n for _name, block in blocks for n in range(block["first"], block["last"] + 1)]
    assert len(blocks) == 10 and len(numbers) == len(set(numbers)) == 500
    assert all(block["last"] - block["first"] == 49 and block["year"] == 2026 for _name, block in blocks)
    after = anna.http.post("/v1/numbers", json={"year": 2026, "after": 900}).json()
    assert after["first"] == 901
    assert anna.http.post("/v1/numbers", json={"year": 2027}).json()["first"] == 1


def test_erasure_is_gone_from_records_change_log_and_conflicts(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    parent = anna.create("parent", name="Jolanda Verhoeven", phone="0612345678")
    anna.sync()
    bram.sync()
    anna.edit("parent", parent, phone="0687654321")
    anna.sync()
    bram.edit("parent", parent, phone="0600000000")  # a conflict that holds the data too
    bram.sync()
    assert len(anna.conflicts()) == 1
    anna.erase("parent", parent)
    anna.sync()
    bram.edit("parent", parent, name="Jolanda V.")  # offline on Bram, after the erasure on the server
    bram.sync()
    assert bram.outcomes[-1]["outcome"] == "erased"
    assert ("parent", parent) not in anna.records and ("parent", parent) not in bram.records
    for table in ("records", "change_log", "conflicts", "applied_ops"):
        text = sql(f"SELECT coalesce(string_agg(t::text, ' '), '') FROM {table} t")[0][0]
        for value in ("Jolanda", "0612345678", "0687654321", "0600000000"):
            assert value not in text, table
    assert sql("SELECT fields, deleted, erased FROM records WHERE uuid = %s", parent) == [({}, True, True)]
    assert sql("SELECT kind FROM change_log WHERE uuid = %s", parent) == [("erase",)]
    assert anna.conflicts() == []
    converged(office, anna, bram)


def test_pull_pages_by_seq(office):
    anna, bram = office.device("anna"), office.device("bram")
    made = {anna.create("volunteer", number=i) for i in range(25)}
    anna.sync()
    assert bram.pull(limit=10) == 3
    assert {uuid for (_t, uuid) in bram.records} == made
    first = bram.http.get("/v1/pull", params={"since": 0, "limit": 10}).json()
    assert [c["seq"] for c in first["changes"]] == list(range(1, 11)) and first["more"] is True
    assert first["seq"] == 10
    last = bram.http.get("/v1/pull", params={"since": 20, "limit": 10}).json()
    assert (last["seq"], last["more"], len(last["changes"])) == (25, False, 5)
    empty = bram.http.get("/v1/pull", params={"since": 25}).json()
    assert empty == {"changes": [], "seq": 25, "more": False}
    converged(office, anna, bram)


def test_a_reader_never_skips_a_change_while_devices_push_at_once(office):
    """The change log hands out numbers in commit order: a device that pulls while others push never stores a
    seq past a change it has not seen."""
    pushers = [office.device(f"laptop-{i}") for i in range(3)]
    reader = office.device("reader")
    stop = threading.Event()

    def work(laptop):
        for _ in range(8):
            for _ in range(5):
                laptop.create("visit", notes="x")
            laptop.push()

    def read():
        while not stop.is_set():
            reader.pull(limit=7)

    reading = threading.Thread(target=read)
    reading.start()
    threads = [threading.Thread(target=work, args=(laptop,)) for laptop in pushers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    stop.set()
    reading.join(30)
    reader.pull()
    assert len(reader.records) == 3 * 8 * 5
    converged(office, reader)


def test_malformed_requests_are_refused_whole_as_json(office, sql):
    anna = office.device("anna")
    anna.create("case", status="intake")
    good = anna.pending[0]
    other = {**good, "op_id": str(uuid_module.uuid4())}  # each case below differs from a good one in one way
    for ops in ([good, {**good, "op_id": "not-a-uuid"}], [good, {**other, "type": "diary"}],
                [good, {**other, "uuid": good["uuid"] + "\n"}],
                [good, {**other, "fields": {"status\n": {"old": None, "new": "x"}}}],
                [good, {**good, "fields": {"status": {"new": "x"}}}],
                [good, {**good, "fields": {"status": {"old": None, "new": {"nested": 1}}}}],
                [good, {**good, "fields": {"_deleted": {"old": None, "new": True}}}], [good, good]):
        answer = anna.http.post("/v1/push", json={"schema": head(), "ops": ops})
        assert answer.status_code == 422 and answer.json()["error"] == "invalid", ops
    assert anna.http.post("/v1/push", json={"schema": head(), "ops": [good] * 501}).status_code == 422
    assert anna.http.get("/v1/pull", params={"since": -1}).json()["error"] == "invalid"
    assert anna.http.get("/v1/nowhere").json() == {"error": "not_found"}
    assert anna.http.post("/v1/conflicts/99/resolve", json={"value": 1}).json() == {"error": "not_found"}
    assert sql("SELECT count(*) FROM applied_ops") == [(0,)]
