"""The import dialog: check first (a dry run), then import off the UI thread; bad files say why and change nothing."""

from __future__ import annotations

from borapp.i18n import _
from borapp.services.cases import listing
from borapp.services.importer import write_template
from borapp.ui.dialogs.import_dialog import ImportDialog


def _dialog(qtbot, workspace):
    dialog = ImportDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_check_then_import_the_template_row(qtbot, workspace, tmp_path):
    path = tmp_path / "dossiers.csv"
    path.write_text(write_template("cases"), encoding="utf-8")
    dialog = _dialog(qtbot, workspace)
    dialog.path.setText(str(path))
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert _("Dry run: nothing was changed. An import would do this:") in dialog.result.toPlainText()
    assert listing.count_cases(workspace, listing.CaseFilter()) == 0
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert listing.count_cases(workspace, listing.CaseFilter()) == 1
    assert dialog.status.text() == _("Imported.")


def test_a_bad_file_cannot_be_imported_and_says_why(qtbot, workspace, tmp_path):
    path = tmp_path / "kapot.csv"
    path.write_text("case_ref;registered_on\nX-1;31-02-2025\n", encoding="utf-8")
    dialog = _dialog(qtbot, workspace)
    dialog.path.setText(str(path))
    dialog.check_button.click()
    qtbot.waitUntil(lambda: bool(dialog.result.toPlainText()))
    assert not dialog.import_button.isEnabled()
    assert listing.count_cases(workspace, listing.CaseFilter()) == 0


def test_a_missing_file_is_a_message_not_a_crash(qtbot, workspace, tmp_path):
    dialog = _dialog(qtbot, workspace)
    dialog.path.setText(str(tmp_path / "weg.csv"))
    dialog.check_button.click()
    qtbot.waitUntil(lambda: bool(dialog.status.text()) and dialog.check_button.isEnabled())
    assert "weg.csv" in dialog.status.text()
    assert not dialog.import_button.isEnabled()


def test_the_cases_page_opens_the_import_dialog(qtbot, workspace):
    from borapp.ui.dialogs.import_dialog import ImportDialog
    from borapp.ui.pages.cases.cases_page import CasesPage

    page = CasesPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.list_panel.empty_import.isVisible()
    page.list_panel.import_button.click()
    dialogs = [d for d in page.findChildren(ImportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()
