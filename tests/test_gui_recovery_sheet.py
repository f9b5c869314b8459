"""The recovery key sheet names what it opens (vault, organisation, date) in the user's language, can be saved as a
PDF, and printing without a printer says so instead of failing silently."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QLabel

from borapp.formatting import date_time
from borapp.i18n import _, in_language
from tests.conftest import PASSPHRASE
from tests.helpers.documents_support import all_text
from tests.test_gui_app import window  # noqa: F401 - fixture


def reach_recovery_page(qtbot, window):
    screen = window.unlock_screen
    screen.create_page.first.setText(PASSPHRASE)
    screen.create_page.second.setText(PASSPHRASE)
    screen.create_page.create_button.click()
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.recovery_page)
    return screen.recovery_page


def test_the_sheet_names_the_vault_and_the_day_and_saves_as_a_dutch_pdf(qtbot, window, tmp_path, monkeypatch):
    page = reach_recovery_page(qtbot, window)
    labels = [w.text() for w in page.sheet.findChildren(QLabel)]
    assert "Kluis:" in labels and "vault.bordb" in labels
    assert "Organisatie:" not in labels and "—" not in labels, "no organisation line without its name"
    made = page.sheet._facts[2]
    with in_language("nl"):
        assert date_time(made) in labels, "the time beside the day: two sheets of one day told apart"
    key = page.key_label.text()
    target = tmp_path / "herstelsleutel.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert str(target) in page.sheet.result.text()
    text = all_text(target.read_bytes())
    assert key in text
    for word in ("Herstelsleutel", "Kluis", "vault.bordb", "Gemaakt op", made.strftime("%H:%M")):
        assert word in text
    assert "Organisatie" not in text
    assert "recovery key" not in text.lower()


def test_printing_without_a_printer_says_what_to_do(qtbot, window, monkeypatch):
    page = reach_recovery_page(qtbot, window)
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    with in_language("nl"):
        assert page.sheet.result.text() == _(
            "No printer is set up on this computer. Save the sheet as a PDF and print it elsewhere, or write the key "
            "down.")


def test_a_sheet_saved_without_pdf_suffix_is_refused_and_nothing_written(qtbot, window, tmp_path, monkeypatch):
    page = reach_recovery_page(qtbot, window)
    target = tmp_path / "sleutel.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not target.exists()
    assert ".pdf" in page.sheet.result.text()


def test_a_new_recovery_key_from_settings_comes_with_the_same_sheet(qtbot, workspace, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from borapp.services import settings
    from borapp.ui.pages.settings.security_tab import SecurityTab
    from borapp.ui.unlock.recovery_sheet_box import RecoveryKeyDialog

    settings.write_settings(workspace, {"organisation.name": "Stichting Omgang Noord"})
    tab = SecurityTab()
    qtbot.addWidget(tab)
    tab.load(workspace)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSPHRASE, True))
    shown = []
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda self: shown.append(
        ([w.text() for w in self.sheet.findChildren(QLabel)], self.sheet.sheet())) or 0)
    tab._new_recovery_key()
    labels, pdf = shown[0]
    assert "Stichting Omgang Noord" in labels and "Organisatie:" in labels
    key = tab.recovery_dialog.sheet.key_label.text() or next(t for t in labels if t.count("-") == 4)
    assert key in all_text(pdf)
