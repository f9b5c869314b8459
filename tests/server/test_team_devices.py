"""Revoking a lost laptop from a colleague's (Settings → Team): the team's laptops listed to any of them, one
revoked by another, never by itself, and the revoked one refused from then on."""

from __future__ import annotations

from borapp.models.schema import head


def test_any_laptop_lists_the_team_and_marks_itself(office):
    anna, _bram = office.device("anna"), office.device("bram")
    office.code_for("chris")  # added on the server, code not used yet
    answer = anna.http.get("/v1/devices")
    assert answer.status_code == 200
    listed = {d["name"]: d for d in answer.json()["devices"]}
    assert set(listed) == {"anna", "bram", "chris"}
    assert [name for name, d in listed.items() if d["me"]] == ["anna"]
    assert listed["chris"]["enrolled"] is None and listed["bram"]["enrolled"] is not None
    assert not any(d["revoked"] for d in listed.values())


def test_a_colleague_revokes_a_lost_laptop_which_is_refused_and_told_to_wipe(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    answer = anna.http.post("/v1/devices/bram/revoke")
    assert (answer.status_code, answer.json()) == (200, {"revoked": "bram"})
    assert sql("SELECT revoked FROM devices WHERE name = 'bram'") == [(True,)]
    refused = bram.http.post("/v1/push", json={"schema": head(), "ops": []})
    assert (refused.status_code, refused.json()) == (403, {"error": "revoked", "wipe": True})
    assert bram.http.post("/v1/devices/anna/revoke").status_code == 403, "a revoked laptop revokes nobody"
    assert sql("SELECT revoked FROM devices WHERE name = 'anna'") == [(False,)]
    again = anna.http.post("/v1/devices/bram/revoke")
    assert (again.status_code, again.json()) == (200, {"revoked": "bram"}), "an answer lost, the retry is the same"


def test_a_laptop_cannot_revoke_itself_nor_an_unknown_one(office, sql):
    anna = office.device("anna")
    answer = anna.http.post("/v1/devices/anna/revoke")
    assert (answer.status_code, answer.json()) == (409, {"error": "self"})
    assert sql("SELECT revoked FROM devices WHERE name = 'anna'") == [(False,)]
    unknown = anna.http.post("/v1/devices/nobody/revoke")
    assert (unknown.status_code, unknown.json()) == (404, {"error": "unknown_device"})


def test_only_a_laptop_of_the_team_sees_or_revokes(office, sql):
    office.device("anna")
    stranger = office.client("not-a-token")
    assert stranger.get("/v1/devices").status_code == 401
    assert stranger.post("/v1/devices/anna/revoke").status_code == 401
    assert sql("SELECT revoked FROM devices WHERE name = 'anna'") == [(False,)]


def test_an_operation_is_applied_once_however_often_it_is_sent(office, sql):
    """The duplicate check is made for a whole group of operations at once: an operation sent again, alone or
    among new ones, is a duplicate; twice in one push is refused."""
    anna = office.device("anna")
    anna.create("case", status="intake", notes="eerste")
    anna.create("case", status="intake", notes="tweede")
    first, second = anna.pending
    assert anna.http.post("/v1/push", json={"schema": head(), "ops": [first, first]}).status_code == 422
    answer = anna.http.post("/v1/push", json={"schema": head(), "ops": [first]})
    assert [r["outcome"] for r in answer.json()["results"]] == ["applied"]
    again = anna.http.post("/v1/push", json={"schema": head(), "ops": [first, second]})
    assert [r["outcome"] for r in again.json()["results"]] == ["duplicate", "applied"]
    assert sql("SELECT count(*) FROM change_log") == [(2,)]
    assert sql("SELECT count(*) FROM applied_ops") == [(2,)]
