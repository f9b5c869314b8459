"""An erasure made on a colleague's laptop leaves this vault as completely as one made here: the case, its queued
operations (waiting or long sent), its drafts, its search entries, and every page of the file and the WAL that held
them. The coordinator hears that the team erased it (by which laptop, when) and that the changes typed here that
had not reached the team went with it; no name of the family is said."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import Case, Child, Draft, Erasure, SyncIdentity, SyncOp, Visit
from borapp.services import drafts
from borapp.services.cases.search_index import search_case_ids
from borapp.services.dashboard import today
from borapp.services.privacy.erasure import erase_case
from borapp.services.sync import news
from borapp.services.vault.vault import unlock_key
from tests.conftest import PASSPHRASE
from tests.helpers.decrypt import decrypted_everything
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

NAMES = ("Wobbelgrauw", "Zeldzaam", "Fiepje")
HANDOVER = "Moeder brengt Fiepje om 10:00, vader komt om 10:15 (Wobbelgrauw)"


def _family_case(anna) -> str:
    ref = anna.register(parent="Wobbelgrauw Zeldzaam")
    with anna.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        session.add(Child(case_id=case.id, name="Fiepje Zeldzaam", birth_date=dt.date(2020, 1, 3)))
    return ref


def _offline_work(bram, ref: str) -> int:
    """Bram's unsent work in the case: the agreed handover, a visit, a draft of the family form."""
    with bram.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        case.handover = HANDOVER
        session.add(Visit(case_id=case.id, on=dt.date(2026, 12, 19), state="held",
                          what_happened="Fiepje tekende een huis voor Wobbelgrauw"))
        case_id = case.id
    drafts.save_draft(bram.workspace, f"ui/case/{case_id}/family/form", {"name": "Wobbelgrauw Zeldzaam"})
    return case_id


def test_an_erasure_from_the_team_leaves_nothing_of_the_case_in_this_vault(team):
    anna, bram = team
    ref = _family_case(anna)
    anna.sync(), bram.sync()
    with bram.workspace.session() as session:  # Bram's own earlier, long-sent work in the case
        session.scalar(select(Case).where(Case.ref == ref)).notes = "Wobbelgrauw belt na 17 uur"
    bram.sync()
    _offline_work(bram, ref)
    erase_case(anna.workspace, ref, "verzoek van de ouder", confirm=ref)
    anna.sync()
    bram.sync()

    assert ref not in bram.cases()
    with bram.workspace.session() as session:
        left = [op.fields for op in session.scalars(select(SyncOp))
                if any(name in op.fields for name in NAMES) or "10:15" in op.fields]
        assert left == [], "the queue still holds the family's names"
        assert session.scalars(select(Draft.key).where(Draft.key.like("%case/%"))).all() == []
        assert search_case_ids(session, "Wobbelgrauw") == [] and search_case_ids(session, "Fiepje") == []
        tombstone = session.scalar(select(Erasure).where(Erasure.case_ref == ref))
        assert tombstone is not None and tombstone.actor == "anna", "restoring an older backup erases it again"
        assert "verzoek" not in tombstone.reason, "the reason stays where the erasure was made"
    raw = decrypted_everything(bram.path, unlock_key(bram.path, PASSPHRASE, None)).lower()
    for word in NAMES + ("moeder brengt",):
        assert word.lower().encode() not in raw and word.lower().encode("utf-16-le") not in raw, word


def test_the_coordinator_hears_which_case_the_team_erased_and_that_the_unsent_work_went_with_it(team):
    anna, bram = team
    ref = _family_case(anna)
    anna.sync(), bram.sync()
    _offline_work(bram, ref)  # the handover and a visit: two changes that never reach the team
    erase_case(anna.workspace, ref, "verzoek van de ouder", confirm=ref)
    anna.sync()
    result = bram.sync()

    said = " ".join(news.lines(result))
    assert ref in said and "anna" in said, said
    assert "2 wijzigingen die hier waren gemaakt en het team nog niet hadden bereikt, zijn mee gewist" in said, said
    assert not any(word in said for word in NAMES + ("verzoek",)), "no name of the family, no reason"
    board = today(bram.workspace, on=dt.date.today(), limit=10)
    assert ref in board.sync_news and "gewist door anna op" in board.sync_news, board.sync_news
    assert bram.sync().erased_by_team == [], "said once"


def test_an_erasure_of_a_case_this_laptop_never_changed_says_so_without_a_count(team):
    anna, bram = team
    ref = _family_case(anna)
    anna.sync(), bram.sync()
    erase_case(anna.workspace, ref, "verzoek van de ouder", confirm=ref)
    anna.sync()
    said = news.lines(bram.sync())
    assert len(said) == 1 and ref in said[0] and "wijziging" not in said[0], said
