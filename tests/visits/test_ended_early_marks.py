"""A visit held but ended early, or with an incident, looked like any held visit in the case's visits list, and the
closing report said only "2 gehouden": the list now says it in words (with a tooltip), and the letters count the
visits ended early ({visits_ended_early}; in the visits line only when there are any)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import Visit
from borapp.services.documents import templates
from borapp.services.documents.letters import render_letter
from borapp.services.visits import records
from borapp.ui.pages.cases.tabs.visits_tab import VisitsTab
from tests.helpers.documents_support import all_text, full_case, set_organisation
from tests.visits.test_visit_services import REGISTERED, held, make_case

FIRST = REGISTERED + dt.timedelta(days=7)
STATUS = 2
LATER = dt.date(2026, 7, 10)


def _status_cells(tab: VisitsTab) -> list[tuple[str, str]]:
    from PySide6.QtCore import Qt

    model = tab.model
    return [(model.index(r, STATUS).data(), model.index(r, STATUS).data(Qt.ItemDataRole.ToolTipRole))
            for r in range(model.rowCount())]


def test_the_visits_list_marks_an_early_end_and_an_incident_in_words(qtbot, workspace):
    case_id, _ = make_case(workspace)
    records.record_visit(workspace, held(case_id, None, FIRST))
    records.record_visit(workspace, held(case_id, None, FIRST + dt.timedelta(days=7), ended_early=True,
                                         ended_early_reason="Kind werd misselijk."))
    records.record_visit(workspace, held(case_id, None, FIRST + dt.timedelta(days=14),
                                         incidents="Vader verhief zijn stem bij de overdracht."))
    tab = VisitsTab(workspace)
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.show()
    tab.load(case_id)
    qtbot.wait(20)
    tab.grab().save("/tmp/shots_fixP/visits_marks_nl.png")
    (plain, plain_tip), (early, early_tip), (incident, incident_tip) = _status_cells(tab)
    assert plain == "Gehouden" and plain_tip == "Gehouden"
    assert early == "Gehouden · eerder beëindigd" and "het verslag zegt waarom" in early_tip
    assert incident == "Gehouden · bijzonder voorval" and "Bijzondere voorvallen" in incident_tip
    assert "misselijk" not in early_tip and "stem" not in incident_tip  # the report's words stay in the report


def _early_case(workspace) -> int:
    set_organisation(workspace)
    case_id = full_case(workspace)
    with workspace.session() as session:
        visit = session.scalar(select(Visit).where(Visit.case_id == case_id, Visit.on == dt.date(2026, 4, 18)))
        visit.ended_early_reason = "Kind werd misselijk."
    return case_id


def _letter(workspace, case_id, kind, lang) -> str:
    return " ".join(all_text(render_letter(workspace, case_id, kind, lang, today=LATER).pdf).split())


def test_the_closing_report_counts_the_visit_ended_early(workspace):
    case_id = _early_case(workspace)
    dutch = _letter(workspace, case_id, "closing", "nl")
    assert ("Omgangsmomenten: 6 in totaal, 3 gehouden (1 eerder beëindigd); afgezegd: 1 (door de uitwonende "
            "ouder).") in dutch, dutch
    english = _letter(workspace, case_id, "closing", "en")
    assert "Visits: 6 in all, 3 held (1 ended early); cancelled: 1 (by the non-resident parent)." in english, english
    assert "misselijk" not in dutch


def test_its_own_placeholder_says_it_once(workspace):
    case_id = _early_case(workspace)
    templates.save_template(workspace, "closing", "en", "{visits_summary} Ended early: {visits_ended_early}.")
    templates.save_template(workspace, "evaluation", "en", "Held {visits_held}, ended early {visits_ended_early}.")
    closing = _letter(workspace, case_id, "closing", "en")
    assert "Visits: 6 in all, 3 held; cancelled: 1 (by the non-resident parent). Ended early: 1." in closing, closing
    assert "Held 3, ended early 1." in _letter(workspace, case_id, "evaluation", "en")
