"""The dates that began to travel with vault revision 0042 (a contract version's `drawn_up_on`, a letter's
`made_at`) are sent once, from nothing, by the laptop that made each record (services/sync/dates.py). The service
takes them even on a letter sent or exported meanwhile, and still refuses every other change to one; filling in is
never a conflict with a delete, and never makes a record of a date alone."""

from __future__ import annotations

from tests.server.support import converged

CASE = "0b7c3a52-6d7e-4f6f-9d55-5a1e0e5c8c11"


def test_a_letter_sent_before_the_upgrade_takes_the_day_it_was_made_and_nothing_else(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    letter = anna.create("letter", case=CASE, kind="intake", state="sent", subject="Aanmelding")
    exported = anna.create("letter", case=CASE, kind="closing", state="exported", subject="Afsluiting")
    anna.sync(), bram.sync()

    anna.edit("letter", exported, subject="Afsluiting (herzien)", made_at="2025-01-10T14:30:00")
    anna.sync()  # a change riding along with the date: refused whole
    assert anna.outcomes[-1]["outcome"] == "final"
    anna.records[("letter", exported)]["fields"].update(subject="Afsluiting", made_at=None)
    anna.edit("letter", letter, made_at="2018-03-05T09:00:00")
    anna.edit("letter", exported, made_at="2025-01-10T14:30:00")
    anna.sync()
    assert [r["outcome"] for r in anna.outcomes[-2:]] == ["applied", "applied"]
    bram.sync()
    assert bram.records[("letter", letter)]["fields"]["made_at"] == "2018-03-05T09:00:00"
    assert bram.records[("letter", exported)]["fields"]["made_at"] == "2025-01-10T14:30:00"

    bram.edit("letter", letter, subject="Aanmelding (herzien)")  # any other change of a sent letter: refused
    bram.edit("letter", letter, made_at="2019-01-01T00:00:00")  # a date once filled in is not changed either
    bram.sync()
    assert [r["outcome"] for r in bram.outcomes[-2:]] == ["final", "final"]
    for uuid, subject, made in ((letter, "Aanmelding", "2018-03-05T09:00:00"),
                                (exported, "Afsluiting", "2025-01-10T14:30:00")):
        fields = office.records()[("letter", uuid)]["fields"]
        assert (fields["subject"], fields["made_at"]) == (subject, made)
    assert sql("SELECT count(*) FROM conflicts") == [(0,)]


def test_a_contract_version_takes_the_day_it_was_drawn_up(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    contract = anna.create("contract", case=CASE, version=1, agreements="{}")
    anna.sync(), bram.sync()
    anna.edit("contract", contract, drawn_up_on="2026-10-02")
    anna.sync(), bram.sync()
    assert bram.records[("contract", contract)]["fields"]["drawn_up_on"] == "2026-10-02"
    assert sql("SELECT count(*) FROM conflicts") == [(0,)]
    converged(office, anna, bram)


def test_a_date_for_a_record_deleted_meanwhile_is_no_conflict_and_one_the_server_lacks_makes_none(office, sql):
    anna, bram = office.device("anna"), office.device("bram")
    letter = anna.create("letter", case=CASE, kind="intake", state="draft")
    anna.sync(), bram.sync()
    bram.delete("letter", letter)
    bram.sync()
    anna.edit("letter", letter, made_at="2018-03-05T09:00:00")  # sent before anna heard of the delete
    unknown = "5f0e8f0e-1c1b-4f57-8d8e-3a3b7a0c9a01"
    anna.records[("contract", unknown)] = {"fields": {}, "deleted": False}
    anna.edit("contract", unknown, drawn_up_on="2026-10-02")
    anna.sync()
    assert [r["outcome"] for r in anna.outcomes[-2:]] == ["applied", "applied"]
    assert sql("SELECT count(*) FROM conflicts") == [(0,)]
    assert office.records()[("letter", letter)]["deleted"] is True
    assert sql("SELECT count(*) FROM change_log WHERE uuid = %s", unknown) == [(0,)]
