"""What hangs from a record (a visit's expense, a municipality's funding years) goes with it on the server as it
does in each laptop's vault, and comes back with it when a person keeps a record deleted in a conflict."""

from __future__ import annotations

from borapp.server.owned import OWNED_BY
from tests.server.support import converged


def test_the_server_knows_what_hangs_from_what_as_the_vault_does():
    """The vault removes these with their owner (ON DELETE CASCADE), without an operation of their own."""
    from borapp.services.sync.records import TYPES, fields_of

    cascading = {}
    for name in TYPES:
        owners = tuple(f.name for f in fields_of(name)
                       if f.refers_to and next(iter(f.column.foreign_keys)).ondelete == "CASCADE")
        assert all(owner == next(f.refers_to for f in fields_of(name) if f.name == owner) for owner in owners), \
            "a field naming an owner is named as the owner's type"
        if owners:
            cascading[name] = owners
    assert OWNED_BY == cascading


def a_visit_with_an_expense(office):
    anna, bram = office.device("anna"), office.device("bram")
    visit = anna.create("visit", on="2026-12-12", place="Buurthuis De Kolk")
    expense = anna.create("visit_expense", visit=visit, kilometres=12)
    anna.sync(), bram.sync()
    return anna, bram, visit, expense


def test_a_deleted_visit_takes_its_expense_along_on_the_server_too(office):
    anna, bram, visit, expense = a_visit_with_an_expense(office)
    anna.delete("visit", visit)  # her vault removed the expense with it, without an operation
    anna.sync(), bram.sync()
    assert office.records()[("visit_expense", expense)]["deleted"] is True
    converged(office, anna, bram)


def test_a_visit_kept_after_its_delete_clashed_comes_back_with_its_expense(office):
    anna, bram, visit, expense = a_visit_with_an_expense(office)
    anna.delete("visit", visit)
    bram.edit("visit", visit, place="Speeltuin Julianadorp")
    anna.sync(), bram.sync()
    (conflict,) = bram.conflicts()
    bram.resolve(conflict["id"], conflict["mine"])
    anna.sync(), bram.sync()
    assert office.records()[("visit", visit)] == {
        "fields": {"on": "2026-12-12", "place": "Speeltuin Julianadorp"}, "deleted": False}
    assert office.records()[("visit_expense", expense)] == {"fields": {"visit": visit, "kilometres": 12},
                                                            "deleted": False}
    converged(office, anna, bram)


def test_a_delete_that_waited_for_a_person_and_lost_brings_back_what_went_with_it(office):
    """Bram deleted a visit Anna had changed meanwhile: the expense his vault had deleted with it comes back too."""
    anna, bram, visit, expense = a_visit_with_an_expense(office)
    anna.edit("visit", visit, place="Bibliotheek Den Helder")
    anna.sync()
    bram.delete("visit_expense", expense)  # as a cascade that sends its operations does: the parts first
    bram.delete("visit", visit)
    bram.sync()
    assert bram.outcomes[-1]["outcome"] == "conflict"
    assert office.records()[("visit_expense", expense)]["deleted"] is True
    (conflict,) = anna.conflicts()
    assert (conflict["base"], conflict["server"], conflict["mine"]) == (
        {"place": "Buurthuis De Kolk"}, {"place": "Bibliotheek Den Helder"}, True)
    anna.resolve(conflict["id"], conflict["server"])
    anna.sync(), bram.sync()
    assert office.records()[("visit", visit)]["deleted"] is False
    assert office.records()[("visit_expense", expense)]["deleted"] is False
    converged(office, anna, bram)


def test_an_expense_deleted_on_its_own_before_stays_deleted_when_the_visit_comes_back(office):
    anna, bram, visit, expense = a_visit_with_an_expense(office)
    anna.delete("visit_expense", expense)
    anna.sync(), bram.sync()
    anna.delete("visit", visit)
    bram.edit("visit", visit, place="Speeltuin Julianadorp")
    anna.sync(), bram.sync()
    (conflict,) = bram.conflicts()
    bram.resolve(conflict["id"], conflict["mine"])
    anna.sync(), bram.sync()
    assert office.records()[("visit", visit)]["deleted"] is False
    assert office.records()[("visit_expense", expense)]["deleted"] is True
    converged(office, anna, bram)


def test_an_edit_of_what_hangs_from_a_record_makes_its_delete_a_conflict(office):
    anna, bram, visit, expense = a_visit_with_an_expense(office)
    bram.edit("visit_expense", expense, kilometres=30)
    bram.sync()
    anna.delete("visit", visit)  # offline, without Bram's kilometres
    anna.sync()
    assert anna.outcomes[-1]["outcome"] == "conflict"
    assert office.records()[("visit_expense", expense)]["deleted"] is False
    (conflict,) = bram.conflicts()
    bram.resolve(conflict["id"], True)
    anna.sync(), bram.sync()
    assert office.records()[("visit_expense", expense)]["deleted"] is True, "gone with the visit"
    converged(office, anna, bram)


def test_an_edit_later_in_the_same_push_finds_what_a_delete_took_along(office):
    """The records of a push are read at its start: one deleted with its owner earlier in the push is read again,
    or the edit would be written to a deleted record as if it had gone through."""
    anna, bram, visit, expense = a_visit_with_an_expense(office)
    anna.delete("visit", visit)
    anna.edit("visit_expense", expense, kilometres=30)
    anna.sync()
    assert [r["outcome"] for r in anna.outcomes[-2:]] == ["applied", "conflict"]
