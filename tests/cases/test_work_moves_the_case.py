"""The status follows from the work: drawing up the contract (intake → contract), matching a volunteer (contract →
matching) and recording the midway evaluation (visits → midway evaluation), each dated; nothing moves before."""

from __future__ import annotations

import dataclasses
import datetime as dt

from borapp.services.cases import case_file
from borapp.services.cases.evaluations import EvaluationInput, save_evaluation
from borapp.services.documents.contract_versions import new_version_if_changed
from borapp.services.intake import flow as intake_flow
from borapp.services.matching.flow import assign_volunteer
from tests.cases.test_case_services import add_case
from tests.intake.test_intake import add_municipality, good_input
from tests.matching.test_matching import add_matching_case, add_volunteer

TODAY = dt.date.today()


def status(workspace, case_id) -> str:
    return case_file.load_case(workspace, case_id, record_open=False).status


def last_step(workspace, case_id):
    return next(e for e in case_file.load_case(workspace, case_id, record_open=False).timeline if e.kind == "status")


def test_drawing_up_the_contract_moves_a_case_in_intake_only(workspace):
    intake = add_case(workspace, "BOR-2026-500", status="intake")
    registered = add_case(workspace, "BOR-2026-501", status="registered")
    assert new_version_if_changed(workspace, intake) == 1
    assert status(workspace, intake) == "contract" and last_step(workspace, intake).on == TODAY
    assert new_version_if_changed(workspace, registered) == 1
    assert status(workspace, registered) == "registered"  # a step is never skipped


def test_matching_moves_a_case_in_contract_on_and_keeps_one_in_matching(workspace):
    best = add_volunteer(workspace, "Anke Best")
    contract = add_matching_case(workspace, "BOR-2026-502", status="contract")
    assign_volunteer(workspace, contract, best, on=TODAY - dt.timedelta(days=1))
    assert status(workspace, contract) == "matching"
    assert last_step(workspace, contract).on == TODAY - dt.timedelta(days=1)
    other = add_matching_case(workspace, "BOR-2026-503")
    assign_volunteer(workspace, other, add_volunteer(workspace, "Bea Best"))
    assert status(workspace, other) == "matching"


def test_a_new_midway_evaluation_moves_a_case_in_visits_on(workspace):
    case_id = add_case(workspace, "BOR-2026-504", status="visits", volunteer="Vera Vrijwilliger")
    held = TODAY - dt.timedelta(days=3)
    final = save_evaluation(workspace, EvaluationInput(case_id, held, "final", "beide ouders"))
    assert status(workspace, case_id) == "visits"  # a final evaluation is not the midway step
    evaluation = save_evaluation(workspace, EvaluationInput(case_id, held, "midway", "beide ouders"))
    assert status(workspace, case_id) == "evaluation" and last_step(workspace, case_id).on == held
    save_evaluation(workspace, EvaluationInput(case_id, held, "midway", "beide ouders, vrijwilliger",
                                               evaluation_id=evaluation))  # a correction moves nothing
    assert status(workspace, case_id) == "evaluation" and final


def test_a_second_midway_evaluation_back_in_visits_moves_nothing_back(workspace):
    """Back in visits after the midway evaluation, a second one (a longer trajectory) put the case back in
    "midway evaluation" without a word, and its next step became "back to visits"."""
    from borapp.services.cases import actions

    case_id = add_case(workspace, "BOR-2026-505", status="visits", volunteer="Vera Vrijwilliger")
    save_evaluation(workspace, EvaluationInput(case_id, TODAY - dt.timedelta(days=20), "midway", "beide ouders"))
    actions.change_status(workspace, case_id, "visits", TODAY - dt.timedelta(days=10))
    save_evaluation(workspace, EvaluationInput(case_id, TODAY - dt.timedelta(days=2), "midway", "beide ouders"))
    assert status(workspace, case_id) == "visits"
    assert last_step(workspace, case_id).on == TODAY - dt.timedelta(days=10)


def test_the_court_frequency_and_build_up_of_the_intake_are_in_the_agreements(workspace):
    municipality = add_municipality(workspace)
    case_id = intake_flow.create_case(workspace, good_input(municipality), TODAY)
    agreements = case_file.load_case(workspace, case_id, record_open=False).agreements
    assert agreements.visit_frequency == "Eens per twee weken, twee uur"
    assert agreements.buildup == "Na drie keer zonder begeleiding bij de overdracht"
    own = intake_flow.create_case(workspace, dataclasses.replace(good_input(municipality), route="self"), TODAY)
    assert case_file.load_case(workspace, own, record_open=False).agreements.visit_frequency == ""


def test_a_midway_evaluation_before_the_visits_started_is_refused_and_the_step_takes_its_own_date(workspace):
    """Held on 10 April for 10 December, before the case was even in visits: it was saved, and the step silently
    took the last step's date, so the timeline and the evaluation disagreed."""
    import pytest

    from borapp.services.cases import actions
    from borapp.services.errors import ValidationError

    case_id = add_case(workspace, "BOR-2026-505", status="matching", volunteer="Vera Vrijwilliger",
                       registered_on=TODAY - dt.timedelta(days=60))
    started = TODAY - dt.timedelta(days=20)
    actions.change_status(workspace, case_id, "visits", started)
    with pytest.raises(ValidationError) as refused:
        save_evaluation(workspace, EvaluationInput(case_id, started - dt.timedelta(days=1), "midway", "beide ouders"))
    assert refused.value.field == "held_on" and "begonnen" in str(refused.value)
    assert status(workspace, case_id) == "visits"
    save_evaluation(workspace, EvaluationInput(case_id, started, "midway", "beide ouders"))
    assert status(workspace, case_id) == "evaluation" and last_step(workspace, case_id).on == started


def test_a_closed_case_takes_no_new_evaluation_but_one_there_may_be_corrected(workspace):
    import pytest

    from borapp.services.cases import actions
    from borapp.services.errors import ValidationError

    case_id = add_case(workspace, "BOR-2026-506", status="closing", registered_on=TODAY - dt.timedelta(days=60))
    earlier = save_evaluation(workspace, EvaluationInput(case_id, TODAY - dt.timedelta(days=5), "final", "ouders"))
    actions.change_status(workspace, case_id, "closed", TODAY - dt.timedelta(days=1), outcome="successful")
    with pytest.raises(ValidationError, match="heropen"):
        save_evaluation(workspace, EvaluationInput(case_id, TODAY, "final", "beide ouders"))
    save_evaluation(workspace, EvaluationInput(case_id, TODAY - dt.timedelta(days=5), "final", "beide ouders",
                                               evaluation_id=earlier))
