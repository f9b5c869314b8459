"""A parent who did not come, without calling the visit off ("niet verschenen"), is recorded as that: not as a
cancellation by that parent "0 hours before", which a referrer reads as called off. The visits list, the timeline, the
count line, the letters, the midway rule, team sync and the access export all tell it apart."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from borapp.i18n import set_language
from borapp.models import Case, SyncOp, Visit
from borapp.services.cases.case_file import load_case
from borapp.services.cases.timeline import timeline
from borapp.services.dashboard.case_rules import evaluations_due
from borapp.services.documents.letters import render_letter
from borapp.services.errors import ValidationError
from borapp.services.privacy import access_request
from borapp.services.sync.apply import apply_changes
from borapp.services.sync.field_words import field_label
from borapp.services.visits import records
from borapp.services.visits.records import VisitInput
from tests.helpers.documents_support import all_text, full_case, set_organisation
from tests.sync.test_capture import joined, uuid
from tests.visits.test_visit_services import REGISTERED, T10, T12, TODAY, cancelled, held, make_case

FIRST = REGISTERED + dt.timedelta(days=7)


def no_show(case_id: int, visit_id: int | None, on: dt.date | None = None, who: str = "other",
            **changes) -> VisitInput:
    values = dict(case_id=case_id, visit_id=visit_id, on=on, state="no_show", start_time=T10, end_time=T12,
                  place="Speelkamer", no_show_by=who)
    values.update(changes)
    return VisitInput(**values)


def series(workspace, count: int = 6) -> tuple[int, list[int]]:
    case_id, _ = make_case(workspace)
    return case_id, records.plan_series(workspace, case_id, FIRST, count, 7, T10, T12)


def day(n: int) -> dt.date:
    return FIRST + dt.timedelta(days=7 * n)


def test_a_parent_who_did_not_come_is_recorded_as_not_shown_up_not_as_cancelled(workspace):
    case_id, ids = series(workspace)
    records.record_visit(workspace, held(case_id, ids[0], day(0)))
    records.record_visit(workspace, no_show(case_id, ids[1], day(1)))
    records.record_visit(workspace, cancelled(case_id, ids[2], day(2), cancelled_by="resident"))
    saved = records.get_visit(workspace, ids[1])
    assert (saved.state, saved.no_show_by, saved.cancelled_by, saved.notice_hours, saved.cancelled_on) == (
        "no_show", "other", "", None, None)
    rows = records.list_visits(workspace, case_id)
    assert rows[1].state_text == "Niet verschenen (uitwonende ouder)"
    counts = records.visit_counts(workspace, case_id)
    assert (counts.cancelled, counts.no_show, counts.total) == (1, 1, 6)
    assert counts.summary() == "3 gepland · 1 gehouden · 1 afgezegd (verzorgende ouder) · 1 niet verschenen " \
                               "(uitwonende ouder)"
    set_language("en")
    assert records.list_visits(workspace, case_id)[1].state_text == "Did not show up (non-resident parent)"
    records.record_visit(workspace, no_show(case_id, ids[3], day(3), "resident"))
    assert records.visit_counts(workspace, case_id).summary() == (
        "2 planned · 1 held · 1 cancelled (resident parent) · 2 did not show up (1 resident parent, "
        "1 non-resident parent)")


@pytest.mark.parametrize(("changes", "field"), [
    ({"no_show_by": ""}, "no_show_by"),
    ({"no_show_by": "volunteer"}, "no_show_by"),  # a no-show is a parent's
    ({"on": TODAY + dt.timedelta(days=3)}, "on"),  # nobody can have stayed away from a visit still to come
])
def test_a_wrong_no_show_says_which_field_and_saves_nothing(workspace, changes, field):
    case_id, _ = make_case(workspace)
    with pytest.raises(ValidationError) as refused:
        records.record_visit(workspace, no_show(case_id, None, **({"on": TODAY - dt.timedelta(days=1)} | changes)))
    assert refused.value.field == field
    assert records.list_visits(workspace, case_id) == []


def test_held_again_it_forgets_who_did_not_come(workspace):
    case_id, ids = series(workspace, 1)
    records.record_visit(workspace, no_show(case_id, ids[0], day(0)))
    records.record_visit(workspace, held(case_id, ids[0], day(0)))
    assert records.get_visit(workspace, ids[0]).no_show_by == ""


def test_the_timeline_says_who_did_not_show_up(workspace):
    case_id, ids = series(workspace, 2)
    records.record_visit(workspace, no_show(case_id, ids[0], day(0)))
    with workspace.session() as session:
        titles = [e.title for e in timeline(session, session.get(Case, case_id)) if e.kind == "visit"]
    assert titles == ["Niet verschenen (uitwonende ouder)"]


def test_a_no_show_brings_no_one_nearer_the_midway_evaluation(workspace):
    """No number agreed: halfway is half of those held and planned; a visit nobody came to is neither."""
    case_id, ids = series(workspace, 5)
    records.record_visit(workspace, held(case_id, ids[0], day(0)))
    records.record_visit(workspace, held(case_id, ids[1], day(1)))
    records.record_visit(workspace, no_show(case_id, ids[2], day(2)))
    assert load_case(workspace, case_id, record_open=False).midway_rule == (
        "De tussenevaluatie wordt gehouden als 2 van de 4 omgangsmomenten zijn gehouden. Tot nu toe 2 gehouden.")
    with workspace.session() as session:
        due = evaluations_due(session, None, None)
    assert [item.case_id for item in due.items] == [case_id]


def test_the_sync_carries_who_did_not_show_up_both_ways(workspace):
    joined(workspace)
    case_id, ids = series(workspace, 2)
    records.record_visit(workspace, no_show(case_id, ids[0], day(0)))
    with workspace.session() as session:
        last = session.scalars(select(SyncOp).where(SyncOp.type == "visit").order_by(SyncOp.seq)).all()[-1]
    sent = json.loads(last.fields)
    assert (sent["state"]["new"], sent["no_show_by"]["new"]) == ("no_show", "other")
    assert field_label("no_show_by") == "Niet verschenen"
    change = {"type": "visit", "uuid": uuid(workspace, "visit", ids[1]), "kind": "upsert", "op_id": "colleague-1",
              "fields": {"state": "no_show", "no_show_by": "resident"}}
    with workspace.session() as session:
        apply_changes(session, [change])
    assert (records.get_visit(workspace, ids[1]).state, records.get_visit(workspace, ids[1]).no_show_by) == (
        "no_show", "resident")


# ---- letters and the access export ----------------------------------------------------------------------------


@pytest.fixture
def letter_case(workspace):
    """The walker's family (3 held, 1 cancelled by the father, 2 planned; midway on 5 May) with the father not
    turning up on 2 May."""
    set_organisation(workspace)
    case_id = full_case(workspace)
    with workspace.session() as session:
        visit = session.scalar(select(Visit).where(Visit.case_id == case_id, Visit.on == dt.date(2026, 5, 2)))
        visit.state, visit.no_show_by = "no_show", "other"
    return case_id


def test_the_midway_letter_counts_the_no_show_apart_from_the_cancellations(workspace, letter_case):
    text = all_text(render_letter(workspace, letter_case, "evaluation", "nl", today=dt.date(2026, 7, 10)).pdf)
    assert ("Omgangsmomenten tot de tussenevaluatie: 2 gehouden; afgezegd: 0; 1 keer niet verschenen (uitwonende "
            "ouder); nog gepland: 3.") in " ".join(text.split()), text
    english = all_text(render_letter(workspace, letter_case, "evaluation", "en", today=dt.date(2026, 7, 10)).pdf)
    assert ("Visits by the evaluation: 2 held; cancelled: 0; 1 no-show (non-resident parent); still planned: 3."
            in " ".join(english.split())), english


def test_the_closing_report_says_it_in_its_visits_line(workspace, letter_case):
    text = " ".join(all_text(render_letter(workspace, letter_case, "closing", "nl",
                                           today=dt.date(2026, 7, 10)).pdf).split())
    assert ("Omgangsmomenten: 6 in totaal, 2 gehouden; afgezegd: 1 (door de uitwonende ouder); 1 keer niet "
            "verschenen (uitwonende ouder).") in text, text


def test_the_access_export_says_who_did_not_show_up(workspace, letter_case):
    subjects = access_request.find_subjects(workspace, "BOR-2026-001:other")
    export = access_request.gather(workspace, subjects, access_request.default_choices(subjects[0]), "nl")
    visit = next(v for v in export.data["cases"][0]["visits"] if v["on"] == "2026-05-02")
    assert (visit["state"], visit["no_show_by"], visit["cancelled_by"]) == ("Niet verschenen", "Uitwonende ouder", "")


def test_an_own_template_says_the_no_shows_once_with_their_own_placeholder(workspace, letter_case):
    """`{visits_no_show}` counts them per parent as the letter's moment stands; `{visits_cancelled}` beside it then
    leaves them out, or the letter would say them twice."""
    from borapp.services.documents import templates

    templates.save_template(workspace, "evaluation", "en", "Cancelled: {visits_cancelled}. No-shows: {visits_no_show}.")
    templates.save_template(workspace, "closing", "en", "No-shows: {visits_no_show}. Cancelled: {visits_cancelled}.")
    with workspace.session() as session:
        visit = session.scalar(select(Visit).where(Visit.case_id == letter_case, Visit.on == dt.date(2026, 6, 6)))
        visit.state, visit.no_show_by = "no_show", "resident"
    later = dt.date(2026, 7, 10)
    midway = " ".join(all_text(render_letter(workspace, letter_case, "evaluation", "en", today=later).pdf).split())
    assert "Cancelled: 0. No-shows: 1 (non-resident parent)." in midway, midway  # by the evaluation of 5 May
    closing = " ".join(all_text(render_letter(workspace, letter_case, "closing", "en", today=later).pdf).split())
    assert ("No-shows: 2 (1 non-resident parent, 1 resident parent). Cancelled: 1 (by the non-resident parent)."
            in closing), closing
