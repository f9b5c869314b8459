"""Demo vaults: reproducible, realistic in shape (outcome mix, every status and referrer kind), valid histories,
searchable, sound; and `borapp demo` creating, refusing and replacing vaults."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest
from sqlalchemy import func, select

from borapp.cli import main
from borapp.models import (
    Case,
    Child,
    Contract,
    Evaluation,
    Letter,
    Meeting,
    Organisation,
    Parent,
    Setting,
    StatusChange,
    Visit,
    Volunteer,
)
from borapp.models.organisations import ORGANISATION_KINDS
from borapp.services.cases import search_index
from borapp.services.cases.status import REASONS, STATUSES
from borapp.services.demo.builder import fill_demo, is_demo_vault
from borapp.services.demo.people import FORBIDDEN_NAMES
from borapp.services.demo.texts import nl_date
from borapp.services.errors import UsageError
from borapp.services.vault.vault import Vault, vault_files

TODAY = dt.date(2025, 11, 19)  # a Wednesday
DEMO_PASSPHRASE = "demo-passphrase"


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    vault, _recovery = Vault.create(tmp_path_factory.mktemp("demo") / "vault.bordb", "correct horse battery")
    calls = []
    summary = fill_demo(vault, cases=200, seed=11, today=TODAY, progress=lambda *done_total: calls.append(done_total))
    yield vault, summary, calls
    vault.lock()


def digest(vault: Vault) -> str:
    """Names, dates and statuses in a fixed order: equal digests mean equal content (file bytes never are)."""
    with vault.session() as s:
        parts = [
            s.execute(select(Case.ref, Case.registered_on, Case.route, Case.status, Case.outcome, Case.outcome_reason,
                             Case.closed_on, Case.referrer_contact, Case.visit_place).order_by(Case.id)).all(),
            s.execute(select(Parent.case_id, Parent.role, Parent.name, Parent.address, Parent.address_confidential)
                      .order_by(Parent.case_id, Parent.role)).all(),
            s.execute(select(Child.case_id, Child.name, Child.birth_date).order_by(Child.case_id, Child.id)).all(),
            s.execute(select(StatusChange.case_id, StatusChange.on, StatusChange.from_status, StatusChange.to_status,
                             StatusChange.reason).order_by(StatusChange.case_id, StatusChange.id)).all(),
            s.execute(select(Visit.case_id, Visit.on, Visit.state, Visit.cancelled_by, Visit.what_happened)
                      .order_by(Visit.case_id, Visit.on, Visit.id)).all(),
            s.execute(select(Letter.case_id, Letter.kind, Letter.state, Letter.recipient_name)
                      .order_by(Letter.case_id, Letter.id)).all(),
            s.execute(select(Volunteer.name, Volunteer.vog_date, Volunteer.active).order_by(Volunteer.id)).all(),
            s.execute(select(Meeting.held_on, Meeting.cancelled).order_by(Meeting.id)).all(),
        ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    vaults = [Vault.create(tmp_path / name / "vault.bordb", "correct horse battery")[0] for name in "abc"]
    try:
        for vault, seed in zip(vaults, (5, 5, 6)):
            fill_demo(vault, cases=60, seed=seed, today=TODAY)
        first, second, other = (digest(v) for v in vaults)
    finally:
        for vault in vaults:
            vault.lock()
    assert first == second
    assert first != other


def test_outcome_mix_follows_the_annual_report(demo_vault):
    _vault, summary, _calls = demo_vault
    closed = sum(summary.by_outcome.values())
    assert closed == summary.by_status["closed"]
    for outcome, share in {"successful": 24 / 51, "stagnated": 11 / 51, "stopped_at_intake": 16 / 51}.items():
        assert summary.by_outcome[outcome] / closed == pytest.approx(share, abs=0.03)


def test_every_status_and_referrer_kind_occurs(demo_vault):
    vault, summary, _calls = demo_vault
    assert set(summary.by_status) == set(STATUSES)
    assert all(summary.by_status[s] >= 2 for s in STATUSES)
    with vault.session() as s:
        kinds = set(s.scalars(select(Organisation.kind).join(Case, Case.referrer_id == Organisation.id)))
        routes = set(s.scalars(select(Case.route)))
    assert kinds == set(ORGANISATION_KINDS)
    assert routes == {"self", "court", "ots"}


def test_histories_are_valid_walks_of_the_state_machine(demo_vault):
    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        for case in s.scalars(select(Case)):
            steps = case.history
            assert steps[0].to_status == "registered" and steps[0].on == case.registered_on
            for before, after in zip(steps, steps[1:]):
                assert after.from_status == before.to_status
                assert before.on <= after.on <= TODAY
            assert steps[-1].to_status == case.status
            if case.status == "closed":
                assert case.outcome and case.closed_on == steps[-1].on
                assert case.outcome_reason in REASONS[case.outcome] or (case.outcome == "successful"
                                                                          and not case.outcome_reason)
            if case.status in ("visits", "evaluation", "closing"):
                assert case.volunteer_id is not None
            if case.route == "court":
                assert case.court_decision_on and case.court_decision_on < case.registered_on


def test_visits_and_outbox_fit_today(demo_vault):
    vault, _summary, _calls = demo_vault
    week_end = TODAY + dt.timedelta(days=6 - TODAY.weekday())
    with vault.session() as s:
        states = dict(s.execute(select(Visit.state, func.count()).group_by(Visit.state)).all())
        planned_past = s.scalar(select(func.count()).where(Visit.state == "planned", Visit.on < TODAY))
        done_future = s.scalar(select(func.count()).where(Visit.state != "planned", Visit.on >= TODAY))
        this_week = s.scalar(select(func.count()).where(Visit.state == "planned", Visit.on.between(TODAY, week_end)))
        held = s.scalars(select(Visit).where(Visit.state == "held").limit(20)).all()
        cancelled = s.scalars(select(Visit).where(Visit.state == "cancelled")).all()
        letters = dict(s.execute(select(Letter.state, func.count()).group_by(Letter.state)).all())
        demo_flag = s.get(Setting, "demo").value
    assert set(states) == {"planned", "held", "cancelled", "no_show"}
    assert planned_past == 0 and done_future == 0
    assert this_week >= 1
    assert all(v.what_happened and v.handover and v.child_wellbeing and v.child_voice for v in held)
    assert all(v.cancelled_by for v in cancelled)
    assert letters.get("draft", 0) >= 2 and letters.get("ready", 0) >= 2 and letters.get("sent", 0) > 0
    assert demo_flag == "1"


def test_closing_reports_went_to_the_commissioning_party(demo_vault):
    """The demo sent its closing reports to the commissioning party: they say so, or they would print the referrer's
    address under the commissioner's contact person."""
    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        rows = s.execute(select(Letter.addressee, Case.referrer_id, Case.commissioner_id, Organisation.contact_person,
                                Letter.recipient_name).join(Case, Case.id == Letter.case_id)
                         .join(Organisation, Organisation.id == Case.commissioner_id)
                         .where(Letter.kind == "closing")).all()
        others = set(s.scalars(select(Letter.addressee).where(Letter.kind != "closing")))
    assert {r.addressee for r in rows if r.referrer_id != r.commissioner_id} == {"commissioner"}
    assert {r.addressee for r in rows if r.referrer_id == r.commissioner_id} <= {""}
    assert all(r.recipient_name == r.contact_person for r in rows) and others == {""}


def test_people_are_synthetic(demo_vault):
    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        names = list(s.scalars(select(Parent.name))) + list(s.scalars(select(Volunteer.name)))
        names += list(s.scalars(select(Child.name))) + list(s.scalars(select(Case.referrer_contact)))
        emails = list(s.scalars(select(Parent.email))) + list(s.scalars(select(Case.referrer_email)))
        emails += list(s.scalars(select(Volunteer.email)))
        confidential = s.scalar(select(func.count()).where(Parent.address_confidential.is_(True)))
    words = {w.lower() for name in names for w in re.split(r"[\s-]+", name)}
    assert not words & FORBIDDEN_NAMES
    assert all(e.endswith((".example", "@voorbeeld.nl")) for e in emails)
    assert 8 <= confidential <= 35  # about one family in ten


def test_confidential_addresses_stay_out_of_letters_and_contracts(demo_vault):
    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        secret = list(s.scalars(select(Parent.address).where(Parent.address_confidential.is_(True))))
        texts = list(s.scalars(select(Letter.body))) + list(s.scalars(select(Contract.agreements)))
    assert secret
    assert not any(address in text for address in secret for text in texts)


def test_dutch_dates_are_written_as_babel_writes_them():
    from babel.dates import format_date

    for day in (dt.date(2026, 3, 5), dt.date(2019, 12, 31), dt.date(2017, 5, 1)):
        assert nl_date(day) == format_date(day, format="long", locale="nl_NL")


def test_search_finds_a_child_by_name(demo_vault):
    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        child = s.scalars(select(Child).order_by(Child.id).offset(37).limit(1)).one()
        assert child.case_id in search_index.search_case_ids(s, child.name)


def test_demo_vault_is_sound_and_progress_was_reported(demo_vault):
    vault, summary, calls = demo_vault
    result = vault.check()
    assert result.ok, result.problems
    assert result.counts["cases"] == 200 and result.counts["volunteers"] == summary.volunteers >= 40
    assert calls and calls[-1] == (200, 200)


def test_refuses_a_vault_with_cases_and_a_future_today(vault):
    with pytest.raises(UsageError):
        fill_demo(vault, cases=10, today=dt.date.today() + dt.timedelta(days=1))
    fill_demo(vault, cases=10, today=TODAY)
    with pytest.raises(UsageError):
        fill_demo(vault, cases=10, today=TODAY)


# ---- the command line ---------------------------------------------------------------------------------------------


def fingerprint(path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in vault_files(path) if p.exists()}


def test_cli_demo_then_check(vault_path, capsys, monkeypatch):
    assert main(["demo", "--vault", str(vault_path), "--cases", "60", "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["ok"] and made["synthetic"] and made["passphrase_source"] == "demo"
    assert made["passphrase"] == DEMO_PASSPHRASE and made["summary"]["cases"] == 60 and made["recovery_key"]
    monkeypatch.setenv("BORAPP_PASSPHRASE", DEMO_PASSPHRASE)
    assert main(["check", "--vault", str(vault_path), "--json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert checked["ok"] and checked["counts"]["cases"] == 60
    assert is_demo_vault(vault_path, DEMO_PASSPHRASE)


def test_cli_text_output_names_path_source_key_and_how_to_open(vault_path, passphrase_file, capsys):
    assert main(["demo", "--vault", str(vault_path), "--cases", "20", "--passphrase-file", str(passphrase_file)]) == 0
    out = capsys.readouterr().out
    assert str(vault_path) in out and f"borapp gui --vault {vault_path}" in out
    assert re.search(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){4}", out)
    assert DEMO_PASSPHRASE not in out and "correct horse" not in out
    Vault.open(vault_path, "correct horse battery").lock()


def test_cli_refuses_an_existing_vault_without_replace(vault_path, capsys):
    assert main(["demo", "--vault", str(vault_path), "--cases", "20"]) == 0
    before = fingerprint(vault_path)
    capsys.readouterr()
    assert main(["demo", "--vault", str(vault_path), "--cases", "20"]) == 2
    assert "--replace" in capsys.readouterr().err
    assert fingerprint(vault_path) == before


@pytest.mark.parametrize("passphrase", [DEMO_PASSPHRASE, "correct horse battery"])
def test_cli_replace_refuses_a_vault_that_is_not_a_demo(vault_path, capsys, passphrase):
    Vault.create(vault_path, passphrase)[0].lock()
    before = fingerprint(vault_path)
    assert main(["demo", "--vault", str(vault_path), "--cases", "20", "--replace", "--lang", "en"]) == 2
    assert "not a demo vault" in capsys.readouterr().err
    assert fingerprint(vault_path) == before


def test_cli_replace_replaces_a_demo_vault(vault_path, capsys):
    assert main(["demo", "--vault", str(vault_path), "--cases", "20", "--seed", "1", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    vault = Vault.open(vault_path, DEMO_PASSPHRASE)
    old = digest(vault)
    vault.lock()
    assert main(["demo", "--vault", str(vault_path), "--cases", "30", "--seed", "2", "--replace", "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["replaced"] and second["recovery_key"] != first["recovery_key"]
    vault = Vault.open(vault_path, DEMO_PASSPHRASE)
    try:
        assert digest(vault) != old and vault.count(Case) == 30
    finally:
        vault.lock()


def test_as_thick_as_real_work(demo_vault):
    """Realistic volume, or the benchmark's figures lie: a trajectory that ran its course has 6 to 12 visits (a
    cancelled one sometimes made up), every case that reached visits at least 3, the notes differ from family to
    family and from visit to visit, and the second half's dates go to both parents after the midway evaluation."""
    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        per_case = dict(s.execute(select(Visit.case_id, func.count()).group_by(Visit.case_id)).all())
        kept = dict(s.execute(select(Visit.case_id, func.count()).where(Visit.state != "cancelled")
                              .group_by(Visit.case_id)).all())
        successful = s.scalars(select(Case.id).where(Case.outcome == "successful")).all()
        notes = s.scalars(select(Case.notes)).all()
        held = s.scalars(select(Visit.what_happened).where(Visit.state == "held")).all()
        midway = s.scalar(select(func.count()).select_from(Evaluation).where(Evaluation.kind == "midway"))
        per_letters = select(Letter.case_id).where(Letter.kind == "schedule").group_by(Letter.case_id).having(
            func.count() > 2).subquery()
        rescheduled = s.scalar(select(func.count()).select_from(per_letters))
        evaluation_notes = set(s.scalars(select(Evaluation.notes)))
    assert successful and all(per_case[c] >= 6 and kept[c] <= 12 for c in successful), "6–12 visits a trajectory"
    assert min(per_case.values()) >= 3
    assert len(set(notes)) > len(notes) // 2, "case notes repeat: a handful of texts for every family"
    assert len(set(held)) > 0.8 * len(held), "visit notes repeat"
    assert len(evaluation_notes) > 20
    assert rescheduled > midway // 2, "a schedule letter per parent at the start and again after the midway evaluation"


def test_the_search_words_of_many_cases_at_once_are_those_of_each_case_alone(demo_vault):
    """search_index.reindex_many (after a pull) writes what reindex_case writes, case by case."""
    from sqlalchemy import text

    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        ids = list(s.scalars(select(Case.id).order_by(Case.id)))
        alone = dict(s.execute(text("SELECT case_id, body FROM case_search")).all())
        search_index.reindex_many(s, ids)
        together = dict(s.execute(text("SELECT case_id, body FROM case_search")).all())
        s.rollback()
    assert len(together) == len(ids) and together == alone


def test_costs_as_real_work_has_them(demo_vault):
    """The coordinator's hours at each step taken, the volunteers' claims for visits held, and the rates set: the
    Uren tab and the annual report's cost section show what a trajectory costs (until December 2026: € 0)."""
    from borapp.models import CaseHours, VisitExpense
    from borapp.models.costs import HOURS_KINDS
    from borapp.services.reports.costs import cost_figures

    vault, summary, _calls = demo_vault
    with vault.session() as s:
        cases_with_hours = s.scalar(select(func.count(func.distinct(CaseHours.case_id))))
        kinds = set(s.scalars(select(CaseHours.kind).distinct()))
        ahead = s.scalar(select(func.count()).select_from(CaseHours).where(CaseHours.on > TODAY))
        claimed = set(s.scalars(select(Visit.state).join(VisitExpense, VisitExpense.visit_id == Visit.id).distinct()))
        claims = s.scalar(select(func.count()).select_from(VisitExpense))
        held = s.scalar(select(func.count()).select_from(Visit).where(Visit.state == "held"))
        figures = cost_figures(s, TODAY.year - 1)
    assert cases_with_hours == summary.cases and kinds == set(HOURS_KINDS) and ahead == 0
    assert claimed == {"held", "no_show"} and 0.6 * held < claims < held  # the volunteer came to a no-show too
    closed = figures["closed"]
    assert closed["count"] and closed["min_cents"] > 0 and closed["hours_cents"] and closed["expenses_cents"]
    assert closed["on_call_cents"] and any(month["total_cents"] for month in figures["expenses_by_month"].values())


def test_parents_sometimes_do_not_show_up_and_the_closing_letter_counts_it_apart(demo_vault):
    """Real work has a few no-shows in a hundred visits, by either parent, recorded as the visit editor records them
    (which parent, no report of a visit that did not take place); the case's closing letter, the demo's own and one
    made now, says them apart from the cancellations."""
    from borapp.services.documents.letters import render_letter
    from borapp.services.vault.workspace import Workspace
    from tests.helpers.documents_support import all_text

    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        absent = s.scalars(select(Visit).where(Visit.state == "no_show")).all()
        done = s.scalar(select(func.count()).select_from(Visit).where(Visit.state != "planned"))
        case_id = s.scalar(select(Case.id).join(Visit, Visit.case_id == Case.id).where(
            Case.status == "closed", Case.outcome == "successful", Visit.state == "no_show").order_by(Case.id).limit(1))
        visits = s.scalars(select(Visit).where(Visit.case_id == case_id)).all()
        by_parent = {role: sum(1 for v in visits if v.state == "no_show" and v.no_show_by == role)
                     for role in ("resident", "other")}
        cancelled = sum(1 for v in visits if v.state == "cancelled")
        sent = s.scalar(select(Letter.body).where(Letter.case_id == case_id, Letter.kind == "closing"))
    assert 0.01 < len(absent) / done < 0.06, "a few no-shows in a hundred visits"
    assert {v.no_show_by for v in absent} == {"resident", "other"} and all(v.on < TODAY for v in absent)
    assert not any(v.cancelled_by or v.what_happened or v.child_voice for v in absent)
    words = ", ".join(f"{n} keer niet verschenen ({who})" for role, who in (
        ("resident", "verzorgende ouder"), ("other", "uitwonende ouder")) if (n := by_parent[role]))
    assert f"afgezegd: {cancelled}; {words}." in sent
    text = all_text(render_letter(Workspace(vault, actor="test"), case_id, "closing", "nl", today=TODAY).pdf)
    said = text.split("afgezegd: ", 1)[1].split(".", 1)[0]  # "2 (door de uitwonende ouder); 1 keer niet …"
    assert said.startswith(str(cancelled)) and all(
        f"{n} keer niet verschenen ({who})" in said.split("; ", 1)[1]
        for who, n in (("verzorgende ouder", by_parent["resident"]), ("uitwonende ouder", by_parent["other"])) if n)


def test_volunteers_have_their_vogs_and_pauses_and_the_past_years_count_them_as_they_were(demo_vault):
    """Each demo volunteer's VOGs as renewed over the years (the latest is her VOG date) and the day a paused one
    paused: a past year's report finds most of its pool deployable, as a BOR's pool is, not a handful."""
    from borapp.models import VogIssue, VolunteerPause
    from borapp.services.reports.annual import annual_report
    from borapp.services.vault.workspace import Workspace, add_coordinator

    vault, _summary, _calls = demo_vault
    with vault.session() as s:
        latest = dict(s.execute(select(VogIssue.volunteer_id, func.max(VogIssue.issued_on))
                                .group_by(VogIssue.volunteer_id)).all())
        renewed = s.scalar(select(func.count()).select_from(
            select(VogIssue.volunteer_id).group_by(VogIssue.volunteer_id).having(func.count() > 1).subquery()))
        assert {v.id: v.vog_date for v in s.scalars(select(Volunteer)) if v.vog_date} == latest
        assert renewed > 5
        paused = s.scalars(select(Volunteer.id).where(~Volunteer.active, Volunteer.left_on.is_(None))).all()
        assert sorted(s.scalars(select(VolunteerPause.volunteer_id))) == sorted(paused)
        assert None not in s.scalars(select(VolunteerPause.started_on)).all()
    workspace = Workspace(vault, add_coordinator(vault, "Demo Coördinator"))
    for year in range(2019, TODAY.year):
        v = annual_report(workspace, year, today=TODAY).volunteers
        assert v.deployable_end_of_year >= v.end_of_year.value * 0.6, (year, v.deployable_end_of_year)
