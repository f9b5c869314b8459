"""The service's blobs (docs/sync-protocol.md, Blobs): stored once under the SHA-256 of their bytes, refused when the
bytes do not match the name, too large or misnamed, asked for by hash, and only for enrolled laptops."""

from __future__ import annotations

import hashlib

import psycopg

from borapp.server import blobs

CONTENT = b"%PDF-1.4 getekende overeenkomst " * 100
NAME = hashlib.sha256(CONTENT).hexdigest()


def test_a_blob_is_stored_once_and_fetched_by_its_hash(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    assert anna.http.post("/v1/blobs/missing", json={"blobs": [NAME]}).json() == {"missing": [NAME]}
    for _ in range(2):
        answer = anna.http.put(f"/v1/blobs/{NAME}", content=CONTENT,
                               headers={"Content-Type": "application/octet-stream"})
        assert answer.status_code == 200 and answer.json() == {"sha256": NAME, "size": len(CONTENT)}
    assert sql("SELECT count(*) FROM blobs") == [(1,)]
    assert bram.http.post("/v1/blobs/missing", json={"blobs": [NAME]}).json() == {"missing": []}
    fetched = bram.http.get(f"/v1/blobs/{NAME}")
    assert fetched.status_code == 200 and fetched.content == CONTENT


def test_bytes_that_do_not_match_their_name_or_a_bad_name_are_refused(office, sql):
    anna = office.device("anna")
    wrong = anna.http.put(f"/v1/blobs/{NAME}", content=CONTENT + b"!")
    assert (wrong.status_code, wrong.json()["error"]) == (422, "invalid")
    for bad in ("ABC", NAME.upper(), NAME[:-1] + "g"):
        assert anna.http.put(f"/v1/blobs/{bad}", content=CONTENT).status_code == 422
        assert anna.http.get(f"/v1/blobs/{bad}").status_code == 422
    assert anna.http.post("/v1/blobs/missing", json={"blobs": ["../etc"]}).status_code == 422
    assert sql("SELECT count(*) FROM blobs") == [(0,)]


def test_an_unknown_blob_is_not_found_and_a_stranger_gets_nothing(office, monkeypatch):
    anna = office.device("anna")
    assert anna.http.get(f"/v1/blobs/{NAME}").json() == {"error": "not_found"}
    anna.http.put(f"/v1/blobs/{NAME}", content=CONTENT)
    stranger = office.client("not-a-token")
    assert stranger.get(f"/v1/blobs/{NAME}").status_code == 401
    assert stranger.put(f"/v1/blobs/{NAME}", content=CONTENT).status_code == 401


def test_a_blob_over_the_limit_is_refused(office, monkeypatch, sql):
    monkeypatch.setattr(blobs, "MAX_BYTES", 100)
    anna = office.device("anna")
    answer = anna.http.put(f"/v1/blobs/{NAME}", content=CONTENT)
    assert (answer.status_code, answer.json()["error"]) == (413, "too_large")
    assert sql("SELECT count(*) FROM blobs") == [(0,)]


def test_a_file_no_record_names_is_collected_once_old_and_a_named_one_stays(office, sql):
    """A laptop that crashed between sending a file and the operation naming it, and then erased the case, never
    sends the operation: the file would stay on the server."""
    anna = office.device("anna")
    named, orphan, fresh = b"%PDF-1.4 genoemd", b"%PDF-1.4 wees", b"%PDF-1.4 net verstuurd"
    for content in (named, orphan, fresh):
        anna.http.put(f"/v1/blobs/{hashlib.sha256(content).hexdigest()}", content=content)
    anna.create("attachment", filename="beschikking.pdf", content="sha256:" + hashlib.sha256(named).hexdigest())
    anna.sync()
    sql("UPDATE blobs SET created = now() - interval '2 days' WHERE sha256 <> %s", hashlib.sha256(fresh).hexdigest())
    with psycopg.connect(office.url) as conn:
        assert blobs.collect_unnamed(conn) == 1
    left = {row[0] for row in sql("SELECT sha256 FROM blobs")}
    assert left == {hashlib.sha256(named).hexdigest(), hashlib.sha256(fresh).hexdigest()}
