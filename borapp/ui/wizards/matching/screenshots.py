"""Screenshots of the matching wizard, one per page, for `borapp.tools.screenshots`: `shoot(window, save)`.

Nothing is saved to the vault: the wizard is walked through and cancelled.
"""

from __future__ import annotations

from borapp.services.cases.listing import CaseFilter, list_cases

SIZE = (1366, 768)


def _case_in_matching(window) -> int | None:
    """The case file on screen when it is in matching; else a case in matching, one without a volunteer first."""
    page = window.shell.pages["cases"]
    facts = page.case_file.facts if page.showing_case_file() else None
    if facts is not None and facts.status == "matching":
        return facts.id
    rows = list_cases(window.workspace, CaseFilter(status="matching", sort="ref", descending=False), limit=50)
    rows.sort(key=lambda r: bool(r.volunteer))
    return rows[0].id if rows else None


def shoot(window, save) -> None:
    """`window`: a MainWindow with an open workspace. `save(widget, name)` is called for the case file and for
    each page: matching-0-case-file, matching-1-candidates, matching-2-confirm, matching-3-no-match."""
    case_id = _case_in_matching(window)
    if case_id is None:
        return
    window.resize(*SIZE)
    window.shell.open_case(case_id)
    case_file = window.shell.pages["cases"].case_file
    save(window, "matching-0-case-file")
    wizard = case_file.ask_match()
    try:
        page = wizard.candidates
        top = page.eligible_model.row_at(0) if page.eligible_model.rowCount() else None
        if top is not None:
            page.select(top.volunteer_id)
        save(wizard, wizard.currentPage().objectName())
        if page.isComplete():
            wizard.next()
            save(wizard, wizard.currentPage().objectName())
            wizard.back()
        page.no_match.setChecked(True)
        wizard.next()
        save(wizard, wizard.currentPage().objectName())
    finally:
        wizard.reject()
