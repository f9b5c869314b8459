"""A volunteer whose VOG is due for renewal within two months was ranked first among equals with only a grey note:
now it is a warning (on the candidate, in the detail panel and on the confirm page) and she ranks below others with
the same score."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWizard

from borapp.i18n import _
from borapp.services.matching.ranking import rank, score
from borapp.ui.wizards.matching.candidate_detail import TONE_STYLES
from borapp.ui.wizards.matching.candidate_model import NAME
from borapp.ui.wizards.matching.page_ids import CONFIRM
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.matching.test_matching import KOP, ON, add_volunteer, english, facts  # noqa: F401 - fixture
from tests.matching.test_matching import scene as scene  # noqa: F401 - the shared fixture

TODAY = dt.date.today()
DUE_SOON = dt.date(2023, 3, 20)  # renewed by 20-3-2026, three weeks after ON


def test_a_vog_due_soon_is_a_warning_that_leads_the_reasons(english):
    soon = score(KOP, facts(vog_date=DUE_SOON), on=ON)
    assert soon.eligible and soon.warnings == ["VOG of 20-3-2023 is due for renewal on 20-3-2026"]
    assert soon.reasons[0] == soon.warnings[0]
    assert [f.tone for f in soon.factors if f.kind == "vog"] == ["warning"]
    assert score(KOP, facts(), on=ON).warnings == []


def test_among_equal_scores_the_vog_due_soon_ranks_last():
    pool = [facts(id=1, name="Anna", vog_date=DUE_SOON), facts(id=2, name="Bram"), facts(id=3, name="Carl")]
    assert [c.name for c in rank(KOP, pool, on=ON)] == ["Bram", "Carl", "Anna"]
    better = [facts(id=1, name="Anna", vog_date=DUE_SOON, finished=2), facts(id=2, name="Bram")]
    assert [c.name for c in rank(KOP, better, on=ON)] == ["Anna", "Bram"]  # a higher score still goes first


def _click_row(table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, NAME))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_wizard_warns_on_the_candidate_and_on_the_confirm_page(qtbot, page, workspace, scene):
    case_id, ids = scene
    renew = TODAY + dt.timedelta(days=20)
    soon = add_volunteer(workspace, "Aafke Bijna", vog=renew.replace(year=renew.year - 3))
    page.open_case_file(case_id)
    page.case_file.header.next_button.click()
    wizard = page.case_file.dialog
    model, table = wizard.candidates.eligible_model, wizard.candidates.eligible_table
    names = [model.row_at(r).volunteer_id for r in range(model.rowCount())]
    assert names.index(ids["best"]) < names.index(soon), "same score: the VOG due soon goes below"
    row = names.index(soon)
    assert model.index(row, NAME).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(names.index(ids["best"]), NAME).data(Qt.ItemDataRole.DecorationRole) is None
    _click_row(table, row)
    detail = wizard.candidates.detail
    assert detail.verdict.text() == _("Can be matched, but see the warning first.")
    warned = [w for i in range(detail.reasons.count()) if isinstance(w := detail.reasons.itemAt(i).widget(), QLabel)
              and w.styleSheet() == TONE_STYLES["warning"]]
    assert [w.text() for w in warned] == [model.row_at(row).warnings[0]] and "vernieuwd" in warned[0].text()
    qtbot.wait(50)
    wizard.grab().save("/tmp/shots_fixP/matching_candidates_vog_warning.png")
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == CONFIRM
    confirm = wizard.confirm
    assert confirm.warning_box.isVisible() and confirm.warning.text() == model.row_at(row).warnings[0]
    assert confirm.warning.text() not in confirm.reasons.text()
    wizard.grab().save("/tmp/shots_fixP/matching_confirm_vog_warning.png")
    wizard.button(QWizard.WizardButton.BackButton).click()
    _click_row(table, names.index(ids["best"]))
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert not confirm.warning_box.isVisible()
    wizard.reject()
