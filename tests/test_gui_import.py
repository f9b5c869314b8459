"""The import dialog: check first (a dry run), then import off the UI thread; bad files say why and change nothing."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case
from borapp.services.cases import listing
from borapp.services.importer import import_file, write_template
from borapp.ui.dialogs.import_dialog import ImportDialog


def _dialog(qtbot, workspace):
    dialog = ImportDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cases_file(path, *rows: dict):
    """The Dutch template with one row per dict, each over the template's example with case number T-0 (the example
    itself is skipped) (keys are Dutch headings)."""
    header, example = csv.reader(io.StringIO(write_template("cases")), delimiter=";")
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        for cells in rows:
            writer.writerow([{**dict(zip(header, example)), "dossiernummer": "T-0", **cells}[h] for h in header])
    return path


def type_path(qtbot, dialog, path) -> None:
    """Select what the field holds and type the path over it, as a person does."""
    dialog.path.setFocus()
    QTest.keyClick(dialog.path, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.path, str(path))


def tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))


def press(qtbot, dialog, button) -> None:
    """Click a button and wait until the dialog's work is done."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and dialog.busy.isHidden())


def test_check_then_import(qtbot, workspace, tmp_path):
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, cases_file(tmp_path / "dossiers.csv", {}))
    press(qtbot, dialog, dialog.check_button)
    assert _("Dry run: nothing was changed. An import would do this:") in dialog.result.toPlainText()
    assert listing.count_cases(workspace, listing.CaseFilter()) == 0
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert listing.count_cases(workspace, listing.CaseFilter()) == 1
    assert dialog.status.text() == "0 dossiers bijgewerkt, 1 nieuw."


def test_the_templates_example_row_is_skipped_with_a_note(qtbot, workspace, tmp_path):
    """Left in, it went in as a case with a fake organisation, municipality and coordinator, without a word."""
    path = tmp_path / "dossiers.csv"
    path.write_text(write_template("cases"), encoding="utf-8")
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, path)
    press(qtbot, dialog, dialog.check_button)
    assert "De voorbeeldrij uit het sjabloon (rij 2) is overgeslagen." in dialog.result.toPlainText()
    assert not dialog.import_button.isEnabled()
    assert dialog.status.text() == ("Er is niets te importeren: zet uw eigen rijen in het bestand, of kies een ander "
                                    "bestand.")
    cases_file(path, {"dossiernummer": "T-1"})
    with path.open("a", encoding="utf-8") as fh:  # the example under the coordinator's own row
        fh.write(write_template("cases").splitlines()[1] + "\n")
    press(qtbot, dialog, dialog.check_button)
    assert "Dossiers die zouden worden aangemaakt: 1" in dialog.result.toPlainText()
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled())
    assert "De voorbeeldrij uit het sjabloon (rij 3) is overgeslagen." in dialog.result.toPlainText()
    assert [row.ref for row in listing.list_cases(workspace, listing.CaseFilter())] == ["T-1"]


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


def _two_cases_in_the_vault(workspace, tmp_path):
    first = cases_file(tmp_path / "eerst.csv", {"dossiernummer": "T-1"}, {"dossiernummer": "T-2"})
    assert import_file(workspace.vault, "cases", first).created == 2
    return cases_file(tmp_path / "later.csv", {"dossiernummer": "T-1", "fase": "wachtlijst"},
                      {"dossiernummer": "T-2", "telefoon verzorgende ouder": "06-99887700"})


def _statuses(workspace) -> dict[str, str]:
    with workspace.vault.session() as session:
        return {c.ref: c.status for c in session.scalars(select(Case))}


def test_the_update_tick_lets_the_import_change_cases_already_in_the_vault(qtbot, workspace, tmp_path):
    """The tick was never passed on: the check refused the changed rows, told to 'import with --update' inside the
    app, and with 'skip bad rows' ticked the import ended 'Geïmporteerd.' with nothing changed."""
    later = _two_cases_in_the_vault(workspace, tmp_path)
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, later)
    tick(qtbot, dialog.update_existing)
    assert dialog.update_existing.isChecked()
    press(qtbot, dialog, dialog.check_button)
    report = dialog.result.toPlainText()
    assert "--update" not in report and "T-1 bestaat al; de import verandert: fase" in report, report
    assert dialog.import_button.isEnabled() and dialog.status.text() == _("Ready to import.")
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled())
    assert dialog.status.text() == "2 dossiers bijgewerkt, 0 nieuw."
    assert _statuses(workspace) == {"T-1": "waiting", "T-2": "intake"}


def test_without_the_update_tick_the_dialog_names_the_tick_and_says_nothing_was_imported(qtbot, workspace, tmp_path):
    later = _two_cases_in_the_vault(workspace, tmp_path)
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, later)
    press(qtbot, dialog, dialog.check_button)
    report = dialog.result.toPlainText()
    assert "--update" not in report and "Vink 'Dossiers die al in de kluis staan wijzigen' aan" in report, report
    assert not dialog.import_button.isEnabled()
    assert dialog.status.text().startswith("Vink 'Dossiers die al in de kluis staan wijzigen' aan")
    tick(qtbot, dialog.skip_invalid)
    press(qtbot, dialog, dialog.check_button)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and dialog.busy.isHidden())
    assert dialog.status.text().startswith("Niets geïmporteerd: "), dialog.status.text()
    assert "kluis" in dialog.status.text()
    assert _statuses(workspace) == {"T-1": "intake", "T-2": "intake"}


def test_a_row_that_fails_shows_its_error_and_no_warnings(qtbot, workspace, tmp_path):
    """The route guessed from the referrer and a child over 12 were listed for a row that is not imported."""
    path = cases_file(tmp_path / "d.csv", {"dossiernummer": "T-1", "vrijwilliger": "Niemand Bekend",
                                           "kinderen": "Daan Proef (2009-01-01)", **NO_ROUTE},
                      {"dossiernummer": "T-2", "kinderen": "Eva Proef (2009-01-01)"})
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, path)
    press(qtbot, dialog, dialog.check_button)
    shown = dialog.result.toPlainText()
    assert "Rij 2, kolom vrijwilliger: Vrijwilliger 'Niemand Bekend' staat niet in de kluis." in shown
    assert "Rij 3, kolom kinderen: Eva Proef was 15 bij aanmelding" in shown  # a good row's warning stays
    assert "Rij 2, kolom kinderen" not in shown and "Rij 2, kolom aanmeldroute" not in shown, shown
    tick(qtbot, dialog.skip_invalid)
    press(qtbot, dialog, dialog.check_button)
    press(qtbot, dialog, dialog.import_button)
    assert dialog.status.text() == "0 dossiers bijgewerkt, 1 nieuw. 1 rij is overgeslagen."
    assert "Rij 2, kolom kinderen" not in dialog.result.toPlainText()


NO_ROUTE = {"aanmeldroute": "", "soort verwijzer": "", "verwijzer": "Onbekend Bureau"}  # the route is guessed


def _warnings(dialog) -> list[str]:
    lines = dialog.result.toPlainText().splitlines()
    start = lines.index("Waarschuwingen (elk zegt wat is overgenomen of weggelaten):") + 1
    end = next((n for n in range(start, len(lines)) if not lines[n].startswith("  - ")), len(lines))
    return lines[start:end]


def test_a_check_lists_the_warnings_by_row_then_column(qtbot, workspace, tmp_path):
    """They came in the order found: every row's own, then the route of each, guessed against the vault."""
    path = cases_file(tmp_path / "d.csv", {"dossiernummer": "T-1", "kinderen": "Daan Proef (2009-01-01)",
                                           **NO_ROUTE},
                      {"dossiernummer": "T-2", "kinderen": "Eva Proef (2009-01-01)"},
                      {"dossiernummer": "T-3", "coördinator": "", **NO_ROUTE})
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, path)
    press(qtbot, dialog, dialog.check_button)
    places = [line.split(":")[0] for line in _warnings(dialog)]
    assert places == ["  - Rij 2, kolom aanmeldroute", "  - Rij 2, kolom kinderen", "  - Rij 3, kolom kinderen",
                      "  - Rij 4, kolom aanmeldroute", "  - Rij 4, kolom coördinator"], places


def test_a_check_beside_bad_rows_says_what_the_good_rows_would_create(qtbot, workspace, tmp_path):
    """"Dossiers aangemaakt: 0" stood beside the bad rows, under "an import would do this"."""
    path = cases_file(tmp_path / "d.csv", {"dossiernummer": "T-1"}, {"dossiernummer": "T-2"},
                      {"dossiernummer": "T-3", "aanmelddatum": "31-2-2024"})
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, path)
    press(qtbot, dialog, dialog.check_button)
    lines = dialog.result.toPlainText().splitlines()
    assert lines[:3] == ["Rij 4, kolom aanmelddatum: '31-2-2024' is geen datum: februari 2024 heeft geen dag 31.",
                         "Proefrun: er is niets veranderd. Zolang er rijen met problemen zijn, wordt er niets "
                         "geïmporteerd; de rijen zonder problemen zouden dit doen:",
                         "Dossiers die zouden worden aangemaakt: 2"], lines
    assert not dialog.import_button.isEnabled() and listing.count_cases(workspace, listing.CaseFilter()) == 0
    type_path(qtbot, dialog, cases_file(tmp_path / "fout.csv", {"dossiernummer": "T-3", "aanmelddatum": "31-2-2024"}))
    press(qtbot, dialog, dialog.check_button)
    assert dialog.result.toPlainText().splitlines()[1] == ("Proefrun: er is niets veranderd. Geen enkele rij kan "
                                                           "worden geïmporteerd zoals hij is.")


def test_checking_a_file_without_rows_does_not_say_nothing_was_imported(qtbot, workspace, tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_text(write_template("cases").splitlines()[0] + "\n", encoding="utf-8")
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, path)
    press(qtbot, dialog, dialog.check_button)
    assert dialog.result.toPlainText() == "Het bestand bevat geen rijen: er is niets te controleren of te importeren."
    assert not dialog.import_button.isEnabled()


def test_checking_a_missing_file_clears_the_previous_files_report(qtbot, workspace, tmp_path):
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, cases_file(tmp_path / "goed.csv", {}))
    press(qtbot, dialog, dialog.check_button)
    assert "Dossiers die zouden worden aangemaakt: 1" in dialog.result.toPlainText()
    type_path(qtbot, dialog, tmp_path / "weg.csv")
    press(qtbot, dialog, dialog.check_button)
    assert "weg.csv" in dialog.status.text()
    assert dialog.result.toPlainText() == "" and not dialog.import_button.isEnabled()


def test_a_path_pasted_in_quotes_as_copy_as_path_gives_it_is_read(qtbot, workspace, tmp_path):
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, f'"{cases_file(tmp_path / "goed.csv", {})}" ')
    press(qtbot, dialog, dialog.check_button)
    assert "Dossiers die zouden worden aangemaakt: 1" in dialog.result.toPlainText(), dialog.status.text()
    assert dialog.import_button.isEnabled()


def test_enter_after_typing_the_path_checks_the_file(qtbot, workspace, tmp_path):
    """Enter did nothing: the dialog's default button was Import, not yet enabled."""
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, cases_file(tmp_path / "goed.csv", {}))
    QTest.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert "Dossiers die zouden worden aangemaakt: 1" in dialog.result.toPlainText()
    QTest.keyClick(dialog.path, Qt.Key.Key_Return)  # again: checks again, never imports nor closes
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert dialog.isVisible() and listing.count_cases(workspace, listing.CaseFilter()) == 0


def test_the_rows_skipped_are_listed_as_the_command_line_lists_them(qtbot, workspace, tmp_path):
    path = cases_file(tmp_path / "d.csv", {"dossiernummer": "T-1"}, {"dossiernummer": "T-2", "fase": "klaar"},
                      {"dossiernummer": "T-3", "aanmelddatum": "31-2-2024"})
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, path)
    tick(qtbot, dialog.skip_invalid)
    press(qtbot, dialog, dialog.check_button)
    assert "Rijen die de import zou overslaan: 3, 4" in dialog.result.toPlainText().splitlines()
    press(qtbot, dialog, dialog.import_button)
    assert "Overgeslagen rijen: 3, 4" in dialog.result.toPlainText().splitlines()
    assert dialog.status.text() == "0 dossiers bijgewerkt, 1 nieuw. 2 rijen zijn overgeslagen."


def volunteers_file(path, name: str = "Wies Vrijwilliger"):
    """The Dutch volunteers template with its example renamed (the example row itself is skipped)."""
    path.write_text(write_template("volunteers").replace("Vera Voorbeeld", name), encoding="utf-8")
    return path


def test_clicking_check_leaves_the_focus_where_enter_does_not_close_the_dialog(qtbot, workspace, tmp_path):
    """Check, disabled while it works, passed the focus on to Close: Enter then closed the dialog."""
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, tmp_path / "weg.csv")
    press(qtbot, dialog, dialog.check_button)
    assert dialog.focusWidget() is dialog.path  # nothing to import: Enter there checks again
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and dialog.busy.isHidden())
    assert dialog.isVisible()
    type_path(qtbot, dialog, cases_file(tmp_path / "goed.csv", {"dossiernummer": "T-1"}))
    press(qtbot, dialog, dialog.check_button)
    assert dialog.focusWidget() is dialog.import_button
    with qtbot.waitSignal(dialog.imported):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and dialog.busy.isHidden())
    assert dialog.isVisible() and dialog.focusWidget() is dialog.path
    assert listing.count_cases(workspace, listing.CaseFilter()) == 1


def test_the_volunteers_page_imports_volunteers_and_shows_them(qtbot, workspace, tmp_path):
    """The import sat only under Dossiers: a new programme looked for it on the Volunteers page."""
    from borapp.ui.pages.volunteers.volunteers_page import VolunteersPage

    page = VolunteersPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.list_stack.currentWidget() is page.empty
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in page.findChildren(ImportDialog) if d.isVisible())
    assert dialog.kind.currentData() == "volunteers" and not dialog.update_existing.isVisible()
    type_path(qtbot, dialog, volunteers_file(tmp_path / "vrijwilligers.csv"))
    press(qtbot, dialog, dialog.check_button)
    assert "Vrijwilligers die zouden worden aangemaakt: 1" in dialog.result.toPlainText()
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled())
    assert page.list_stack.currentWidget() is page.table
    assert [page.model.row_at(r).name for r in range(page.model.rowCount())] == ["Wies Vrijwilliger"]
    dialog.close()


def _save_template_as(qtbot, monkeypatch, dialog, target) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]), (str(target), ""))[1])
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    return asked[0]


def test_the_dialog_saves_the_template_as_a_workbook_in_the_apps_language(qtbot, monkeypatch, workspace, tmp_path):
    """Only `borapp import template` gave a template; the dialog offered none."""
    from openpyxl import load_workbook

    from borapp.i18n import set_language

    dialog = _dialog(qtbot, workspace)
    assert _save_template_as(qtbot, monkeypatch, dialog, tmp_path / "mijn dossiers") == "Sjabloon dossiers.xlsx"
    target = tmp_path / "mijn dossiers.xlsx"
    assert dialog.status.text().startswith(f"Sjabloon opgeslagen als {target}.")
    rows = [list(r) for r in load_workbook(target).active.iter_rows(values_only=True)]
    assert rows[0][:4] == ["dossiernummer", "aanmelddatum", "aanmeldroute", "gemeente"] and len(rows) == 2
    assert rows[1][0] == "VOORBEELD-001" and "+31 6 87654321" in rows[1]
    type_path(qtbot, dialog, target)  # the workbook as saved: its example row is recognised, nothing to import
    press(qtbot, dialog, dialog.check_button)
    assert "De voorbeeldrij uit het sjabloon (rij 2) is overgeslagen." in dialog.result.toPlainText()
    assert not dialog.import_button.isEnabled()
    dialog.close()

    set_language("en")
    dialog = _dialog(qtbot, workspace)
    qtbot.keyClicks(dialog.kind, "Volunteers")
    assert dialog.kind.currentData() == "volunteers"
    assert _save_template_as(qtbot, monkeypatch, dialog, tmp_path / "v.xlsx") == "Template volunteers.xlsx"
    rows = [list(r) for r in load_workbook(tmp_path / "v.xlsx").active.iter_rows(values_only=True)]
    assert rows[0][:3] == ["name", "email", "phone"] and rows[1][0] == "Vera Voorbeeld"
    assert dialog.status.text().startswith(f"Template saved as {tmp_path / 'v.xlsx'}.")


def test_a_template_is_never_saved_over_the_vault_and_a_failure_is_said(qtbot, monkeypatch, workspace, vault_path,
                                                                        tmp_path):
    dialog = _dialog(qtbot, workspace)
    before = vault_path.read_bytes()
    _save_template_as(qtbot, monkeypatch, dialog, vault_path)
    assert vault_path.read_bytes() == before and vault_path.with_name(vault_path.name + ".xlsx").is_file()
    _save_template_as(qtbot, monkeypatch, dialog, tmp_path / "weg" / "sjabloon.xlsx")
    assert dialog.status.text() == f"De map {tmp_path / 'weg'} bestaat niet."


def test_a_template_named_without_xlsx_asks_before_replacing_the_workbook_of_that_name(qtbot, monkeypatch, workspace,
                                                                                      tmp_path):
    """The file dialog asked about "mijn dossiers"; the .xlsx added after it replaced "mijn dossiers.xlsx" unasked."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QMessageBox

    from tests.helpers.questions import answer_soon

    mine = tmp_path / "mijn dossiers.xlsx"
    mine.write_bytes(b"the coordinator's own workbook")
    dialog = _dialog(qtbot, workspace)
    asked = []
    answer_soon(QMessageBox.StandardButton.No, asked)
    _save_template_as(qtbot, monkeypatch, dialog, tmp_path / "mijn dossiers")
    assert asked == [f"mijn dossiers.xlsx bestaat al in {tmp_path}. Wilt u het vervangen?"]
    assert mine.read_bytes() == b"the coordinator's own workbook"
    assert not dialog.status.text().startswith("Sjabloon opgeslagen")
    answer_soon(QMessageBox.StandardButton.Yes)
    _save_template_as(qtbot, monkeypatch, dialog, tmp_path / "mijn dossiers")
    assert dialog.status.text().startswith(f"Sjabloon opgeslagen als {mine}.")
    assert next(load_workbook(mine).active.iter_rows(values_only=True))[0] == "dossiernummer"


def test_a_file_that_is_no_list_is_not_told_to_skip_bad_rows(qtbot, workspace, tmp_path):
    """A file no column of which is known was told "correct the file, or tick to skip bad rows": there is no row to
    skip. So was a file missing a column."""
    path = tmp_path / "wachtwoord.txt"
    path.write_text("geheim wachtwoord 1\n", encoding="utf-8")
    dialog = _dialog(qtbot, workspace)
    type_path(qtbot, dialog, path)
    press(qtbot, dialog, dialog.check_button)
    assert "Dit bestand lijkt geen lijst van dossiers" in dialog.result.toPlainText()
    assert not dialog.import_button.isEnabled()
    assert dialog.status.text() == ("Kies het bestand met de lijst, of begin met het sjabloon (Sjabloon "
                                    "opslaan…).")
    path.write_text("dossiernummer;fase\nT-1;intake\n", encoding="utf-8")
    press(qtbot, dialog, dialog.check_button)
    assert "De verplichte kolom 'aanmelddatum' ontbreekt." in dialog.result.toPlainText()
    assert dialog.status.text() == "Verbeter de kolomkoppen in de eerste rij van het bestand (zie hierboven)."
