"""A laptop that has just pushed names the spans of change numbers its pushes wrote, and its pull leaves out the
changes of its own operations there (it holds them): a first sync no longer fetches back all it sent. Another
device's changes, and those the service made for it without an operation, still come; and nothing is skipped for a
laptop that does not name spans (a vault restored from an older backup)."""

from __future__ import annotations

from tests.server.conftest import app, db_url, migrated_url, office, postgres  # noqa: F401 - fixtures
from tests.server.test_scenarios import converged


def pull(laptop, since: int, own: list[list[int]] | None = None, limit: int = 500) -> dict:
    params = {"since": since, "limit": limit}
    if own:
        params["own"] = ",".join(f"{a}-{b}" for a, b in own)
    answer = laptop.http.get("/v1/pull", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_push_answers_with_the_span_of_numbers_it_wrote(office):
    anna = office.device("anna")
    for i in range(3):
        anna.create("volunteer", number=i)
    body = anna.push()
    assert body["own"] == [[0, 3]] and body["seq"] == 3
    anna.create("volunteer", number=9)
    assert anna.push()["own"] == [[3, 4]]
    assert anna.push()["own"] == [], "nothing written, no span"


def test_the_pull_leaves_out_only_this_laptops_own_operations_in_its_spans(office):
    anna, bram = office.device("anna"), office.device("bram")
    anna.create("volunteer", number=1)
    first = anna.push()["own"]
    bram.create("volunteer", number=2)
    bram.push()  # between anna's two pushes: her spans do not touch
    anna.create("volunteer", number=3)
    second = anna.push()["own"]
    assert (first, second) == ([[0, 1]], [[2, 3]])
    page = pull(anna, 0, first + second)
    assert [(c["device"], c["fields"]) for c in page["changes"]] == [("bram", {"number": 2})]
    assert (page["seq"], page["more"]) == (3, False), "the end of her spans is seen: the next pull starts there"
    everything = pull(anna, 0)
    assert len(everything["changes"]) == 3, "without spans everything comes, as for a vault restored from a backup"


def test_a_pull_of_only_own_changes_moves_on_past_them(office):
    anna = office.device("anna")
    for i in range(12):
        anna.create("volunteer", number=i)
    own = anna.push()["own"]
    page = pull(anna, 0, own, limit=5)
    assert page == {"changes": [], "seq": 12, "more": False}
    assert pull(anna, 12, own) == {"changes": [], "seq": 12, "more": False}


def test_pages_skip_own_changes_and_never_step_past_another_devices(office):
    anna, bram = office.device("anna"), office.device("bram")
    own = []
    for round_ in range(4):
        for i in range(3):
            anna.create("visit", notes=f"anna {round_}.{i}")
        own += anna.push()["own"]
        bram.create("visit", notes=f"bram {round_}")
        bram.push()
    seen, since, more = [], 0, True
    while more:
        page = pull(anna, since, own, limit=2)
        assert all(c["seq"] > since for c in page["changes"])
        seen += [c["fields"]["notes"] for c in page["changes"]]
        since, more = page["seq"], page["more"]
    assert seen == [f"bram {r}" for r in range(4)]
    assert since == 16


def test_what_the_service_erased_for_her_still_reaches_her(office):
    """A case's erasure erases a visit typed meanwhile on another laptop (push._erase_hanging): that change is
    logged in her name within her push's span, without an operation of hers, and she must still get it."""
    anna, bram = office.device("anna"), office.device("bram")
    case = anna.create("case", ref="BOR-2026-001")
    anna.sync()
    bram.sync()
    visit = bram.create("visit", case=case, notes="typed offline")
    bram.push()
    anna.erase("case", case)
    own = anna.push()["own"]
    page = pull(anna, anna.last_seq, own)
    assert [(c["uuid"], c["kind"], c["op_id"]) for c in page["changes"]] == [(visit, "erase", None)]
    anna.last_seq = page["seq"]
    bram.sync()
    converged(office, anna, bram)


def test_malformed_spans_are_refused(office):
    anna = office.device("anna")
    for own in ("5", "5-3", "a-b", "1-2,", "-3", ",".join(f"{i}-{i + 1}" for i in range(65))):
        answer = anna.http.get("/v1/pull", params={"since": 0, "own": own})
        assert answer.status_code == 422, own
        assert answer.json()["error"] == "invalid"
