"""Closing a case settles its planned visits (cancelled with "case closed" by default, or deleted), so the closed
case shows no next visit; and a closed case takes no new visits until it is reopened."""

from __future__ import annotations

import datetime as dt

import pytest

from borapp.models import Visit
from borapp.services.cases import actions
from borapp.services.cases.case_file import load_case
from borapp.services.errors import ValidationError
from borapp.services.visits import records
from tests.visits.test_visit_services import T10, T12, held, make_case

TODAY = dt.date.today()


def planned_series(workspace, case_id):
    return records.plan_series(workspace, case_id, TODAY + dt.timedelta(days=3), 3, 7, T10, T12)


def states(workspace, case_id):
    with workspace.session() as session:
        return sorted((v.state, v.cancel_reason) for v in session.query(Visit).filter_by(case_id=case_id))


def close(workspace, case_id, **kwargs):
    actions.change_status(workspace, case_id, "closing", TODAY)
    actions.change_status(workspace, case_id, "closed", TODAY, outcome="successful", **kwargs)


def test_closing_cancels_the_planned_visits_by_default(workspace):
    case_id = make_case(workspace)[0]
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=7)))
    planned_series(workspace, case_id)
    assert load_case(workspace, case_id, record_open=False).next_visit is not None
    close(workspace, case_id)
    assert states(workspace, case_id) == [("cancelled", "Dossier afgesloten")] * 3 + [("held", "")]
    assert load_case(workspace, case_id, record_open=False).next_visit is None


def test_closing_may_delete_them_instead(workspace):
    case_id = make_case(workspace)[0]
    planned_series(workspace, case_id)
    close(workspace, case_id, planned_visits="delete")
    assert states(workspace, case_id) == []


def test_a_closed_case_takes_no_new_visits_until_reopened(workspace):
    case_id = make_case(workspace)[0]
    close(workspace, case_id)
    with pytest.raises(ValidationError, match="heropen|afgesloten"):
        records.record_visit(workspace, held(case_id, None, TODAY))
    with pytest.raises(ValidationError):
        planned_series(workspace, case_id)
    actions.change_status(workspace, case_id, "reopen", TODAY, note="toch verder")
    assert planned_series(workspace, case_id)


def test_the_step_dialog_asks_what_to_do_with_planned_visits(qtbot, workspace):
    from borapp.ui.pages.cases.case_file.case_file_widget import CaseFileWidget

    case_id = make_case(workspace)[0]
    planned_series(workspace, case_id)
    actions.change_status(workspace, case_id, "closing", TODAY)
    case_file = CaseFileWidget(workspace)
    qtbot.addWidget(case_file)
    case_file.load(case_id)
    dialog = case_file.ask_step()
    closing = next(i for i in range(dialog.step.count()) if dialog.step.itemData(i).to == "closed")
    dialog.step.setCurrentIndex(closing)
    assert dialog.form.isRowVisible(dialog.planned) and dialog.planned.currentData() == "cancel"
    dialog.planned.setCurrentIndex(dialog.planned.findData("delete"))
    dialog.accept()
    assert states(workspace, case_id) == []


def test_a_case_is_not_closed_before_a_visit_that_was_held(workspace):
    """Closed on 2 November with visits held on 5 and 12 November: the closing report and the annual report then
    counted visits held after the case had closed."""
    case_id = make_case(workspace)[0]
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=2)))
    with pytest.raises(ValidationError, match="niet worden afgesloten vóór"):  # "Close the case" refuses it too
        actions.change_status(workspace, case_id, "closing", TODAY - dt.timedelta(days=10))
    case_id = make_case(workspace, "2026-0043")[0]  # a last visit held while the case was being closed
    actions.change_status(workspace, case_id, "closing", TODAY - dt.timedelta(days=10))
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=2)))
    with pytest.raises(ValidationError, match="niet worden afgesloten vóór"):
        actions.change_status(workspace, case_id, "closed", TODAY - dt.timedelta(days=5), outcome="successful")
    actions.change_status(workspace, case_id, "closed", TODAY - dt.timedelta(days=2), outcome="successful")
    assert load_case(workspace, case_id, record_open=False).closed_on == TODAY - dt.timedelta(days=2)


def test_the_reason_stored_for_the_cancelled_visits_is_in_the_vaults_language(workspace):
    """Closed in the English screens of a Dutch vault, the Dutch timeline read "Case closed" on every visit."""
    from borapp.i18n import set_language

    case_id = make_case(workspace)[0]
    planned_series(workspace, case_id)
    set_language("en")
    close(workspace, case_id)
    assert states(workspace, case_id) == [("cancelled", "Dossier afgesloten")] * 3


def test_the_visits_that_lapsed_at_closing_stand_under_the_closing_in_the_timeline(workspace):
    """They stood one by one at the top of the timeline, under days still to come."""
    from borapp.formatting import long_date

    case_id = make_case(workspace)[0]
    days = [TODAY + dt.timedelta(days=3 + 7 * i) for i in range(3)]
    planned_series(workspace, case_id)
    close(workspace, case_id)
    timeline = load_case(workspace, case_id, record_open=False).timeline
    lapsed = [e for e in timeline if "vervallen" in e.title]
    assert [(e.on, e.title) for e in lapsed] == [(TODAY, "3 geplande omgangsmomenten vervallen: dossier afgesloten")]
    assert lapsed[0].detail == "Gepland op {}, {} en {}".format(*(long_date(d) for d in days))
    assert all(e.on <= TODAY for e in timeline), "nothing under a day still to come"
