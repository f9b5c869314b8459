"""Finished visit reports and sent letters are facts (issue 14: append-only): what a colleague typed into one before
hearing it was finished is neither written over it nor a conflict: a visit's is kept as an addendum, and every
laptop ends with the report as it was finished."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import Letter, Visit, VisitAddendum
from borapp.services.sync import conflicts
from borapp.services.visits.addenda import add_addendum, finish_report
from borapp.services.visits.records import get_visit
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_documents_travel import _case_on
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


def _held_visit(laptop, ref: str) -> int:
    case_id = _case_on(laptop, ref)
    with laptop.workspace.session() as session:
        visit = Visit(case_id=case_id, on=dt.date(2026, 5, 9), state="held", start_time=dt.time(10),
                      end_time=dt.time(12), what_happened="Samen getekend.")
        session.add(visit)
        session.flush()
        return visit.id


def _visit_id(laptop) -> int:
    with laptop.workspace.session() as session:
        return session.scalar(select(Visit.id))


def test_an_edit_of_a_report_finished_meanwhile_becomes_an_addendum_and_the_report_stays(team):
    anna, bram = team
    ref = anna.register()
    visit = _held_visit(anna, ref)
    anna.sync(), bram.sync()
    finish_report(anna.workspace, visit, dt.date(2026, 5, 10))
    add_addendum(anna.workspace, visit, "Vader was iets te laat.")
    here = _visit_id(bram)
    with bram.workspace.session() as session:  # offline, still unfinished here
        session.get(Visit, here).what_happened = "Samen getekend; het kind lachte veel."
    anna.sync()
    result = bram.sync()
    assert result.kept_as_addenda == 1 and result.conflicts == []
    anna.sync()
    for laptop in (anna, bram):
        detail = get_visit(laptop.workspace, _visit_id(laptop))
        assert (detail.what_happened, detail.report_final_on) == ("Samen getekend.", dt.date(2026, 5, 10))
        anna_s, bram_s = sorted((a.text for a in detail.addenda), key=lambda t: "bram" in t)
        assert anna_s == "Vader was iets te laat."
        assert "bram" in bram_s and "Samen getekend; het kind lachte veel." in bram_s
        with laptop.workspace.session() as session:
            assert len(session.scalars(select(VisitAddendum)).all()) == 2
    assert conflicts.open_conflicts(anna.workspace, http=anna.http) == []


def test_an_emptied_field_of_a_report_finished_meanwhile_is_not_said_to_be_kept_as_an_addendum(team):
    """Nothing typed, nothing kept: the sync's news counted every refused visit change as an addendum kept."""
    anna, bram = team
    ref = anna.register()
    visit = _held_visit(anna, ref)
    anna.sync(), bram.sync()
    finish_report(anna.workspace, visit, dt.date(2026, 5, 10))
    here = _visit_id(bram)
    with bram.workspace.session() as session:  # offline: the text emptied, nothing typed
        session.get(Visit, here).what_happened = ""
    anna.sync()
    result = bram.sync()
    assert result.kept_as_addenda == 0 and result.conflicts == []
    with bram.workspace.session() as session:
        assert session.scalars(select(VisitAddendum)).all() == []
    assert get_visit(bram.workspace, here).what_happened == "Samen getekend."


def test_an_edit_of_a_letter_sent_meanwhile_becomes_a_new_draft_and_the_letter_stays_as_sent(team):
    anna, bram = team
    ref = anna.register()
    case_id = _case_on(anna, ref)
    with anna.workspace.session() as session:
        session.add(Letter(case_id=case_id, kind="intake", state="ready", subject="Aanmelding", body="Tekst"))
    anna.sync(), bram.sync()
    with bram.workspace.session() as session:
        session.scalar(select(Letter)).subject = "Aanmelding (gewijzigd)"
    with anna.workspace.session() as session:  # as the outbox records a letter sent (sending.py, _record)
        letter = session.scalar(select(Letter))
        letter.state, letter.pdf = "sent", b"%PDF-1.4 zoals verzonden"
    anna.sync()
    assert bram.sync().kept_as_drafts == 1
    anna.sync()
    for laptop in (anna, bram):
        with laptop.workspace.session() as session:
            sent, draft = session.scalars(select(Letter).order_by(Letter.id)).all()
            assert (sent.state, sent.subject, sent.pdf) == ("sent", "Aanmelding", b"%PDF-1.4 zoals verzonden")
            assert (draft.state, draft.kind, draft.subject, draft.body, draft.pdf) == (
                "draft", "intake", "Aanmelding (gewijzigd)", "Tekst", None), "what bram typed is kept"
            assert draft.received_from == ("bram" if laptop is anna else ""), "bram's laptop sends it"
    assert conflicts.open_conflicts(anna.workspace, http=anna.http) == []


def test_a_closing_report_to_the_commissioning_party_travels_and_its_kept_draft_still_goes_there(team):
    """The addressee travels with the letter; the draft kept from an edit made while it was sent keeps it, so it
    does not turn into a letter with the commissioner's name over the referrer's address."""
    anna, bram = team
    ref = anna.register()
    case_id = _case_on(anna, ref)
    with anna.workspace.session() as session:
        session.add(Letter(case_id=case_id, kind="closing", addressee="commissioner", state="ready",
                           recipient_name="Bert Opdracht", subject="Eindverslag", body="Tekst"))
    anna.sync(), bram.sync()
    with bram.workspace.session() as session:
        assert session.scalar(select(Letter)).addressee == "commissioner"
        session.scalar(select(Letter)).body = "Tekst (gewijzigd)"
    with anna.workspace.session() as session:
        letter = session.scalar(select(Letter))
        letter.state, letter.pdf = "sent", b"%PDF-1.4 zoals verzonden"
    anna.sync()
    assert bram.sync().kept_as_drafts == 1
    anna.sync()
    for laptop in (anna, bram):
        with laptop.workspace.session() as session:
            _sent, draft = session.scalars(select(Letter).order_by(Letter.id)).all()
            assert (draft.state, draft.body, draft.addressee, draft.recipient_name) == (
                "draft", "Tekst (gewijzigd)", "commissioner", "Bert Opdracht")
