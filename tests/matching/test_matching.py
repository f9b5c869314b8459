"""Matching a volunteer to a case: each rule and its reason, the ranking from a vault, assigning, closing for lack
of a match, exclusions, and `borapp match` on the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from borapp.i18n import _, set_language
from borapp.models import AuditEvent, Case, CaseExclusion, Training, Volunteer
from borapp.services import settings
from borapp.services.cases import editing
from borapp.services.errors import NotFound, ValidationError
from borapp.services.matching.flow import (
    MATCHED,
    add_exclusion,
    assign_volunteer,
    find_case,
    list_exclusions,
    matching_case,
    record_no_match,
    remove_exclusion,
)
from borapp.services.matching.ranking import (
    AVAILABILITY_FULL,
    AVAILABILITY_NONE,
    CAPACITY_FULL,
    LANGUAGE_NONE,
    LANGUAGE_SPOKEN,
    REGION_OTHER,
    REGION_SAME,
    FamilyNeeds,
    VolunteerFacts,
    rank,
    rank_candidates,
    score,
    volunteer_facts,
)
from tests.cases.test_case_services import add_case
from tests.helpers.cli_run import run_cli as run

TODAY = dt.date.today()
ON = dt.date(2026, 3, 1)
KOP = FamilyNeeds(region="Kop", slots=frozenset({("sat", "morning")}))


def facts(**changes) -> VolunteerFacts:
    """A volunteer every rule allows, changed where a test says."""
    base = dict(id=1, name="Vera", region="Kop", gender="f", languages=("nl",),
                availability=frozenset({("sat", "morning")}), vog_date=dt.date(2025, 1, 1), trained=True,
                active=True, left_on=None, load=0, max_cases=2, finished=0, excluded=None)
    return VolunteerFacts(**{**base, **changes})


def points(candidate, kind: str) -> float:
    return sum(f.points for f in candidate.factors if f.kind == kind)


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("nl")


# ---- the rules, on plain facts -------------------------------------------------------------------------------------

def test_a_volunteer_who_fits_is_eligible_with_a_reason_per_factor(english):
    c = score(KOP, facts(), on=ON)
    assert c.eligible and c.blocks == []
    assert c.reasons == ["Same region (Kop)", "1 of 1 preferred part of the day available", "0 of 2 cases in use",
                         "No trajectories completed yet"]
    assert c.score == REGION_SAME + AVAILABILITY_FULL + CAPACITY_FULL


def test_region_same_other_and_unknown(english):
    assert points(score(KOP, facts(region="kop "), on=ON), "region") == REGION_SAME  # case and spaces don't matter
    other = score(KOP, facts(region="West-Friesland"), on=ON)
    assert other.eligible and points(other, "region") == REGION_OTHER
    assert "Other region (West-Friesland); the family lives in Kop" in other.reasons
    assert "Region not recorded" in score(KOP, facts(region=""), on=ON).reasons
    assert "The family's region is not known" in score(FamilyNeeds(), facts(), on=ON).reasons


def test_availability_counts_the_preferred_parts_of_the_day(english):
    family = FamilyNeeds("Kop", frozenset({("mon", "afternoon"), ("wed", "afternoon"), ("sat", "morning"),
                                           ("sat", "afternoon")}))
    three = score(family, facts(availability=frozenset({("mon", "afternoon"), ("sat", "morning"),
                                                        ("sat", "afternoon"), ("sun", "evening")})), on=ON)
    assert "3 of 4 preferred parts of the day available" in three.reasons
    assert points(three, "availability") == AVAILABILITY_FULL * 3 / 4
    none = score(family, facts(availability=frozenset({("sun", "evening")})), on=ON)
    assert none.eligible and points(none, "availability") == AVAILABILITY_NONE
    assert "Not available on any of the 4 preferred parts of the day" in none.reasons
    assert "The family stated no preferred parts of the day" in score(FamilyNeeds("Kop"), facts(), on=ON).reasons


def test_free_capacity_scores_and_a_full_volunteer_is_blocked(english):
    half = score(KOP, facts(load=1, max_cases=2), on=ON)
    assert "1 of 2 cases in use" in half.reasons and points(half, "capacity") == CAPACITY_FULL / 2
    full = score(KOP, facts(load=2, max_cases=2), on=ON)
    assert not full.eligible and full.blocks == ["2 of 2 cases in use: no room for another"]
    assert full.reasons[0] == "2 of 2 cases in use: no room for another"  # why not comes first


def test_experience_counts_completed_trajectories_up_to_a_cap(english):
    assert "No trajectories completed yet" in score(KOP, facts(finished=0), on=ON).reasons
    one = score(KOP, facts(finished=1), on=ON)
    assert "1 trajectory completed" in one.reasons and points(one, "experience") == 3
    many = score(KOP, facts(finished=40), on=ON)
    assert "40 trajectories completed" in many.reasons and points(many, "experience") == 15


def test_a_wished_language_spoken_scores_and_none_spoken_is_a_strong_minus(english):
    family = FamilyNeeds("Kop", wish_languages=("tr", "ar"))
    both = score(family, facts(languages=("nl", "ar", "tr")), on=ON)
    assert "Speaks Turkish, Arabic, as wished" in both.reasons and points(both, "language") == LANGUAGE_SPOKEN
    spoken = score(family, facts(languages=("nl", "ar")), on=ON)  # one of the two: half the bonus, Turkish named
    assert "Speaks Arabic, but not Turkish" in spoken.reasons and points(spoken, "language") == LANGUAGE_SPOKEN / 2
    assert both.score > spoken.score
    none = score(family, facts(languages=("nl",)), on=ON)
    assert none.eligible and points(none, "language") == LANGUAGE_NONE
    assert "Speaks none of the wished languages (Turkish, Arabic)" in none.reasons
    assert not any(f.kind == "language" for f in score(KOP, facts(), on=ON).factors)


def test_the_parents_gender_demand_blocks_another_gender(english):
    family = FamilyNeeds("Kop", wish_gender="f")
    assert "A woman, as the parents demand" in score(family, facts(gender="f"), on=ON).reasons
    man = score(family, facts(gender="m"), on=ON)
    assert not man.eligible and man.blocks == ["Parents' demand: a female volunteer"]
    unknown = score(family, facts(gender=""), on=ON)
    assert not unknown.eligible and unknown.blocks == ["Parents' demand: a female volunteer; gender not recorded"]
    assert score(FamilyNeeds("Kop", wish_gender="m"), facts(gender="m"), on=ON).eligible


def test_vog_missing_overdue_and_due_soon(english):
    missing = score(KOP, facts(vog_date=None), on=ON)
    assert not missing.eligible and missing.blocks == ["No VOG on record"]
    old = score(KOP, facts(vog_date=dt.date(2021, 2, 3)), on=ON, vog_years=3)
    assert not old.eligible and old.blocks == ["VOG of 3-2-2021 is older than 3 years"]
    assert score(KOP, facts(vog_date=dt.date(2021, 2, 3)), on=ON, vog_years=6).eligible  # the setting decides
    soon = score(KOP, facts(vog_date=dt.date(2023, 3, 20)), on=ON, vog_years=3)
    assert soon.eligible and "VOG of 20-3-2023 is due for renewal on 20-3-2026" in soon.reasons


def test_untrained_inactive_and_left_are_blocked(english):
    assert score(KOP, facts(trained=False), on=ON).blocks == ["Has not followed the training day yet"]
    assert score(KOP, facts(active=False), on=ON).blocks == ["Not active at the moment"]
    assert score(KOP, facts(active=False, left_on=dt.date(2025, 6, 1)), on=ON).blocks == ["Left on 1-6-2025"]
    later = score(KOP, facts(left_on=dt.date(2026, 12, 1)), on=ON)
    assert later.eligible and "Leaves on 1-12-2026" in later.reasons
    leaving = score(KOP, facts(left_on=dt.date(2026, 6, 1)), on=ON)  # a new case would outlast her: a minus, named
    assert leaving.eligible and leaving.score == later.score - 10
    assert ("Leaves on 1-6-2026: a new case (3 to 6 months) would need another volunteer before its end"
            in leaving.reasons)


def test_an_exclusion_blocks_whatever_the_score(english):
    known = score(KOP, facts(excluded=""), on=ON)
    assert not known.eligible and known.blocks == ["Excluded for this case: no reason recorded"], "none made up"
    assert known.score == score(KOP, facts(), on=ON).score  # the points stay, only the block is added
    assert score(KOP, facts(excluded="neighbour of the father"), on=ON).blocks == [
        "Excluded for this case: neighbour of the father"]


def test_several_blocks_are_all_named(english):
    c = score(FamilyNeeds("Kop", wish_gender="m"), facts(vog_date=None, trained=False, load=2), on=ON)
    assert c.blocks == ["No VOG on record", "Has not followed the training day yet",
                        "Parents' demand: a male volunteer", "2 of 2 cases in use: no room for another"]


def test_ranking_order_ties_by_name_then_number():
    vols = [facts(id=5, name="Bram"), facts(id=2, name="anna"), facts(id=1, name="Anna"), facts(id=9, name="Zoë"),
            facts(id=3, name="Carl", trained=False, finished=10), facts(id=4, name="Dirk", finished=2)]
    order = [(c.name, c.volunteer_id) for c in rank(KOP, vols, on=ON)]
    assert order == [("Dirk", 4), ("Anna", 1), ("anna", 2), ("Bram", 5), ("Zoë", 9), ("Carl", 3)]


def test_reasons_are_in_the_users_language():
    c = score(KOP, facts(load=1), on=ON)
    assert c.reasons[0] == _("Same region ({region})").format(region="Kop")  # Dutch by default
    set_language("en")
    assert score(KOP, facts(load=1), on=ON).reasons[0] == "Same region (Kop)"


# ---- from a vault --------------------------------------------------------------------------------------------------

def add_volunteer(workspace, name, *, region="Kop", gender="f", languages="nl", availability="sat-morning;wed-afternoon",
                  vog=TODAY - dt.timedelta(days=300), trained=True, active=True, left_on=None, max_cases=2) -> int:
    with workspace.session() as session:
        v = Volunteer(name=name, region=region, gender=gender, languages=languages, availability=availability,
                      vog_date=vog, active=active, left_on=left_on, max_cases=max_cases)
        if trained:
            v.trainings.append(Training(kind="initial", on=TODAY - dt.timedelta(days=400)))
        session.add(v)
        session.flush()
        return v.id


def add_matching_case(workspace, ref="BOR-2026-001", *, region="Kop", slots="sat-morning", wish_gender="",
                      wish_languages="", status="matching", volunteer=None) -> int:
    case_id = add_case(workspace, ref, status=status, municipality=f"Gemeente {region}", volunteer=volunteer,
                       coordinator_id=workspace.coordinator_id)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.municipality.region = region
        case.preferred_slots, case.wish_gender, case.wish_languages = slots, wish_gender, wish_languages
    return case_id


@pytest.fixture
def scene(workspace):
    """A case in Kop wanting Saturday morning, and volunteers that each show one rule."""
    ids = {
        "best": add_volunteer(workspace, "Anke Best"),
        "far": add_volunteer(workspace, "Femke Ver", region="West-Friesland"),
        "busy": add_volunteer(workspace, "Bea Bezet", max_cases=1),
        "old_vog": add_volunteer(workspace, "Olga Oud", vog=dt.date(2019, 1, 1)),
        "new": add_volunteer(workspace, "Nina Nieuw", trained=False),
        "gone": add_volunteer(workspace, "Greet Weg", active=False, left_on=TODAY - dt.timedelta(days=30)),
    }
    case_id = add_matching_case(workspace)
    add_case(workspace, "BOR-2025-090", status="visits", volunteer="Bea Bezet")  # Bea's only place is taken
    for ref in ("BOR-2024-001", "BOR-2024-002"):  # Femke finished two trajectories
        add_case(workspace, ref, status="closed", volunteer="Femke Ver")
    return case_id, ids


def test_rank_candidates_reads_every_rule_from_the_vault(workspace, scene, english):
    case_id, ids = scene
    ranking = rank_candidates(workspace, case_id)
    by_id = {c.volunteer_id: c for c in ranking}
    assert [c.volunteer_id for c in ranking if c.eligible] == [ids["best"], ids["far"]]
    assert "2 trajectories completed" in by_id[ids["far"]].reasons
    assert by_id[ids["busy"]].blocks == ["1 of 1 case in use: no room for another"]
    assert by_id[ids["old_vog"]].blocks == ["VOG of 1-1-2019 is older than 3 years"]
    assert by_id[ids["new"]].blocks == ["Has not followed the training day yet"]
    assert ids["gone"] not in by_id  # left a month ago: history, not a candidate
    assert all(c.reasons for c in ranking)


def test_who_has_left_is_no_candidate_unless_matched_to_the_case(workspace, scene, english):
    """Over the years those who left outnumber the pool many times: the ranking leaves them out, except the case's
    own volunteer (re-matching after she left) and someone whose leaving date is still ahead."""
    case_id, ids = scene
    leaving = add_volunteer(workspace, "Lotte Later", left_on=TODAY + dt.timedelta(days=20))
    by_id = {c.volunteer_id: c for c in rank_candidates(workspace, case_id)}
    assert ids["gone"] not in by_id
    assert any(r.startswith("Leaves on ") for r in by_id[leaving].reasons)
    with workspace.session() as session:
        session.get(Case, case_id).volunteer_id = ids["gone"]
    by_id = {c.volunteer_id: c for c in rank_candidates(workspace, case_id)}
    assert by_id[ids["gone"]].blocks[0].startswith("Left on ")


@pytest.mark.parametrize("status", ["visits", "closed"])
def test_load_and_completed_trajectories_leave_out_the_case_itself(workspace, status):
    """Counted in SQL: the load is the other open cases, completed the other closed ones, whether the case being
    matched is open or closed and whoever it is matched to."""
    vera = add_volunteer(workspace, "Vera Vol", max_cases=5)
    add_case(workspace, "BOR-2025-001", status="visits", volunteer="Vera Vol")
    add_case(workspace, "BOR-2025-002", status="contract", volunteer="Vera Vol")
    for n in range(3):
        add_case(workspace, f"BOR-2024-00{n}", status="closed", volunteer="Vera Vol")
    case_id = add_matching_case(workspace, status=status, volunteer="Vera Vol")
    with workspace.session() as session:
        facts = {v.id: v for v in volunteer_facts(session, session.get(Case, case_id))}
    assert (facts[vera].load, facts[vera].finished) == (2, 3)


def test_the_renewal_setting_and_exclusions_change_the_ranking(workspace, scene):
    case_id, ids = scene
    settings.write_settings(workspace, {"vog_renewal_years": "10"})
    add_exclusion(workspace, case_id, ids["best"], "buurvrouw van de moeder")
    by_id = {c.volunteer_id: c for c in rank_candidates(workspace, case_id)}
    assert by_id[ids["old_vog"]].eligible
    assert not by_id[ids["best"]].eligible
    assert by_id[ids["best"]].blocks == [_("Excluded for this case: {reason}").format(
        reason="buurvrouw van de moeder")]


def test_the_case_being_matched_does_not_count_in_its_volunteers_load(workspace, english):
    vid = add_volunteer(workspace, "Ina Enkel", max_cases=1)
    case_id = add_matching_case(workspace, volunteer="Ina Enkel")
    (only,) = rank_candidates(workspace, case_id)
    assert only.eligible and "0 of 1 case in use" in only.reasons and only.volunteer_id == vid


def test_matching_case_summarises_what_the_family_asks(workspace, english):
    case_id = add_matching_case(workspace, slots="sat-morning;wed-afternoon", wish_gender="f", wish_languages="tr")
    info = matching_case(workspace, case_id)
    assert (info.ref, info.region, info.wish_gender, info.wish_languages) == ("BOR-2026-001", "Kop", "f", "Turkish")
    assert info.preferred_slots == ("Wednesday afternoon", "Saturday morning") and info.can_match


# ---- assigning and closing -----------------------------------------------------------------------------------------

def test_assign_sets_the_volunteer_keeps_matching_and_writes_history_and_audit(workspace, scene):
    case_id, ids = scene
    chosen = assign_volunteer(workspace, case_id, ids["best"], note="Anke belt de moeder.")
    assert chosen.volunteer_id == ids["best"] and chosen.eligible
    with workspace.session() as session:
        case = session.get(Case, case_id)
        assert (case.status, case.volunteer_id) == ("matching", ids["best"])
        entry = case.history[-1]
        assert (entry.from_status, entry.to_status, entry.reason, entry.on) == ("matching", "matching", MATCHED, TODAY)
        assert "Anke Best" in entry.note and "Anke belt de moeder." in entry.note
        events = session.scalars(select(AuditEvent).where(
            AuditEvent.record_type == "case", AuditEvent.record_id == case_id).order_by(AuditEvent.id)).all()
        assert events[-1].action == "update" and events[-1].actor == "Test Coördinator"
    editing.change_status(workspace, case_id, "visits")  # the header's next step may now go on
    assert matching_case(workspace, case_id).status == "visits"


def test_assign_refuses_an_ineligible_volunteer_and_says_why(workspace, scene):
    case_id, ids = scene
    with pytest.raises(ValidationError) as refused:
        assign_volunteer(workspace, case_id, ids["old_vog"])
    assert "Olga Oud" in str(refused.value) and "1-1-2019" in str(refused.value)
    assert matching_case(workspace, case_id).volunteer_id is None


def test_assign_refuses_wrong_status_date_repeat_and_unknown(workspace, scene):
    case_id, ids = scene
    with pytest.raises(NotFound):
        assign_volunteer(workspace, case_id, 9999)
    with pytest.raises(ValidationError):
        assign_volunteer(workspace, case_id, ids["best"], on=TODAY + dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        assign_volunteer(workspace, case_id, ids["best"], on=dt.date(2000, 1, 1))
    assign_volunteer(workspace, case_id, ids["best"])
    with pytest.raises(ValidationError, match="Anke Best"):
        assign_volunteer(workspace, case_id, ids["best"])
    assign_volunteer(workspace, case_id, ids["far"])  # another volunteer while still matching: allowed
    intake = add_matching_case(workspace, "BOR-2026-002", status="intake")
    with pytest.raises(ValidationError) as refused:
        assign_volunteer(workspace, intake, ids["best"])
    assert refused.value.field == "step"


def test_no_match_closes_the_case_with_the_early_stop_reason(workspace, scene):
    case_id, ids = scene
    with pytest.raises(ValidationError) as refused:
        record_no_match(workspace, case_id, TODAY, "  ")
    assert refused.value.field == "note"
    assign_volunteer(workspace, case_id, ids["best"])
    record_no_match(workspace, case_id, TODAY, "Moeder wil alleen een Turkssprekende man.")
    with workspace.session() as session:
        case = session.get(Case, case_id)
        assert (case.status, case.outcome, case.outcome_reason) == ("closed", "stopped_at_intake",
                                                                    "no_volunteer_match")
        assert case.outcome_note == "Moeder wil alleen een Turkssprekende man." and case.closed_on == TODAY
        assert case.volunteer_id is None  # nobody supervised this family
    with pytest.raises(ValidationError):
        record_no_match(workspace, case_id, TODAY, "nog eens")


def test_no_match_refuses_a_date_in_the_future_and_saves_nothing(workspace, scene):
    case_id, _ids = scene
    with pytest.raises(ValidationError):
        record_no_match(workspace, case_id, TODAY + dt.timedelta(days=3), "Geen match.")
    assert matching_case(workspace, case_id).status == "matching"


# ---- exclusions ----------------------------------------------------------------------------------------------------

def test_exclusions_add_update_list_and_remove(workspace, scene):
    case_id, ids = scene
    add_exclusion(workspace, case_id, ids["far"], "  kent   de vader ")
    with pytest.raises(ValidationError, match="Zeg waarom"):
        add_exclusion(workspace, case_id, ids["best"], "   ")
    add_exclusion(workspace, case_id, ids["best"], "buurvrouw")
    add_exclusion(workspace, case_id, ids["far"], "collega van de vader")  # a second time updates the reason
    assert [(e.name, e.reason) for e in list_exclusions(workspace, case_id)] == [
        ("Anke Best", "buurvrouw"), ("Femke Ver", "collega van de vader")]
    assert remove_exclusion(workspace, case_id, ids["best"]) is True
    assert remove_exclusion(workspace, case_id, ids["best"]) is False
    with workspace.session() as session:
        assert session.scalar(select(CaseExclusion.reason).where(CaseExclusion.case_id == case_id)) == \
            "collega van de vader"
    with pytest.raises(ValidationError):
        add_exclusion(workspace, case_id, ids["far"], "x" * 301)
    with pytest.raises(NotFound):
        add_exclusion(workspace, case_id, 9999, "onbekend")


def test_the_matched_volunteer_cannot_be_excluded(workspace, scene):
    case_id, ids = scene
    assign_volunteer(workspace, case_id, ids["best"])
    with pytest.raises(ValidationError, match="Anke Best"):
        add_exclusion(workspace, case_id, ids["best"], "toch bekend")


def test_find_case_by_number(workspace, scene):
    case_id, _ids = scene
    assert find_case(workspace, " bor-2026-001 ") == case_id
    with pytest.raises(NotFound):
        find_case(workspace, "BOR-1900-001")


# ---- the command line ----------------------------------------------------------------------------------------------

def test_cli_json_is_one_document_with_the_same_ranking(capsys, workspace, scene, vault_path, passphrase_file):
    case_id, _ids = scene
    code, out, err = run(capsys, "match", "BOR-2026-001", "--json", "--vault", vault_path,
                         "--passphrase-file", passphrase_file)
    assert code == 0 and err == ""
    doc = json.loads(out)  # exactly one JSON document
    set_language("nl")
    expected = rank_candidates(workspace, case_id)
    assert [d["volunteer"] for d in doc] == [c.name for c in expected]
    assert doc[0] == {"volunteer": "Anke Best", "score": expected[0].score, "eligible": True,
                      "reasons": expected[0].reasons}  # Dutch: the vault's language
    assert [d["eligible"] for d in doc] == [True, True, False, False, False]
    assert all(isinstance(d["score"], (int, float)) and d["reasons"] for d in doc)


def test_cli_reasons_in_english_with_lang(capsys, workspace, scene, vault_path, passphrase_file):
    code, out, _err = run(capsys, "match", "BOR-2026-001", "--json", "--lang", "en", "--vault", vault_path,
                          "--passphrase-file", passphrase_file)
    doc = json.loads(out)
    assert code == 0 and doc[0]["reasons"][0] == "Same region (Kop)"


def test_cli_table(capsys, workspace, scene, vault_path, passphrase_file):
    code, out, _err = run(capsys, "match", "BOR-2026-001", "--lang", "en", "--vault", vault_path,
                          "--passphrase-file", passphrase_file)
    assert code == 0
    assert "Can be matched (2)" in out and "Cannot be matched (3)" in out
    assert out.index("Anke Best") < out.index("Femke Ver") < out.index("Olga Oud")
    assert "VOG of 1-1-2019 is older than 3 years" in out


def test_cli_unknown_case_is_exit_6(capsys, workspace, scene, vault_path, passphrase_file):
    code, out, err = run(capsys, "match", "BOR-1900-001", "--lang", "en", "--vault", vault_path,
                         "--passphrase-file", passphrase_file)
    assert code == 6 and out == ""
    assert err.strip() == "borapp: No case with number BOR-1900-001."
    code, out, err = run(capsys, "match", "BOR-1900-001", "--json", "--lang", "en", "--vault", vault_path,
                         "--passphrase-file", passphrase_file)
    assert code == 6 and json.loads(out)["exit_code"] == 6


@pytest.mark.parametrize("ref, status", [("BOR-2024-001", "Closed"), ("BOR-2025-090", "Visits")])
def test_cli_refuses_a_case_not_waiting_for_a_volunteer(capsys, workspace, scene, vault_path, passphrase_file,
                                                        ref, status):
    """`borapp match` ranked 20 volunteers for a closed case; the case file offers the matching wizard only in
    'Contract' and 'Matching', and so does the command line now."""
    code, out, err = run(capsys, "match", ref, "--lang", "en", "--vault", vault_path,
                         "--passphrase-file", passphrase_file)
    assert code == 1 and out == ""
    assert err == (f"borapp: Case {ref} is in '{status}': volunteers are matched only while a case waits for one, "
                   "in 'Contract' or 'Matching'.\n"), err
    code, out, err = run(capsys, "match", ref, "--json", "--vault", vault_path, "--passphrase-file", passphrase_file)
    assert code == 1 and json.loads(out)["ok"] is False and "Anke Best" not in out
    assert err.count("\n") == 1 and "vrijwilligers worden alleen gekoppeld" in err, err


def test_cli_without_a_case_ref_is_a_usage_error(capsys):
    code, _out, err = run(capsys, "match")
    assert code == 2 and ("CASE_REF" in err or "DOSSIERNUMMER" in err), err


def test_the_match_says_who_in_the_readers_language(workspace, scene):
    """Matched on a Dutch screen, the English timeline said "Vrijwilliger: Anke Best"."""
    from borapp.i18n import set_language
    from borapp.services.cases import case_file

    case_id, ids = scene
    set_language("nl")
    assign_volunteer(workspace, case_id, ids["best"], note="Anke belt de moeder.")
    set_language("en")
    matched = next(e for e in case_file.load_case(workspace, case_id, record_open=False).timeline
                   if e.title == "Volunteer matched")
    assert matched.detail == "Volunteer: Anke Best\nAnke belt de moeder."
    set_language("nl")
    matched = next(e for e in case_file.load_case(workspace, case_id, record_open=False).timeline
                   if e.title == "Vrijwilliger gekoppeld")
    assert matched.detail == "Vrijwilliger: Anke Best\nAnke belt de moeder."


def test_matching_gives_the_planned_visits_the_volunteer_and_keeps_one_chosen_by_hand(workspace, scene):
    """Visits planned before matching named nobody, so a held one was saved with nobody supervising: the match fills
    them in, a change of volunteer moves those the first one had, and a volunteer chosen for one visit stays."""
    case_id, ids = scene
    from borapp.services.visits import records
    first = TODAY + dt.timedelta(days=7)
    planned = records.plan_series(workspace, case_id, first, 3, 7, dt.time(10), dt.time(12))
    by_hand = records.record_visit(workspace, records.VisitInput(
        case_id, first + dt.timedelta(days=1), "planned", start_time=dt.time(10), end_time=dt.time(12),
        volunteer_id=ids["busy"]))
    assign_volunteer(workspace, case_id, ids["best"])
    by_visit = {v.id: v.volunteer_id for v in records.list_visits(workspace, case_id)}
    assert [by_visit[i] for i in planned] == [ids["best"]] * 3 and by_visit[by_hand] == ids["busy"]
    with workspace.session() as session:  # each one in the audit (and so in what team sync sends)
        changed = session.scalars(select(AuditEvent.record_id).where(
            AuditEvent.record_type == "visit", AuditEvent.action == "update")).all()
    assert sorted(changed) == sorted(planned)
    assign_volunteer(workspace, case_id, ids["far"])  # "Match another volunteer…"
    by_visit = {v.id: v.volunteer_id for v in records.list_visits(workspace, case_id)}
    assert [by_visit[i] for i in planned] == [ids["far"]] * 3 and by_visit[by_hand] == ids["busy"]
