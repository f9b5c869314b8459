"""Settings, Backups: a folder that is not there is saved with a word about it (a typing slip was taken with a bare
"Saved." and only the next backup said so), and the warning without a folder points to the field above it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from borapp.services import settings


def backups_tab(qtbot, workspace):
    from borapp.ui.pages.settings.backups_tab import BackupsTab

    tab = BackupsTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.load(workspace)
    return tab


def test_a_folder_not_there_is_saved_with_a_word_and_one_there_plainly(qtbot, workspace, tmp_path):
    tab = backups_tab(qtbot, workspace)
    assert tab.last.text().endswith("Kies er hierboven een.")
    save = next(b for b in tab.findChildren(QPushButton) if b.text() == "Opslaan")
    missing = tmp_path / "usb-stick" / "bor"
    qtbot.mouseClick(tab.folder, Qt.MouseButton.LeftButton)
    QTest.keyClicks(tab.folder, str(missing))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert settings.read_setting(workspace, "backup.folder") == str(missing)
    assert tab.status.text().startswith("Opgeslagen. De map voor reservekopieën") and "niet beschikbaar" in \
        tab.status.text()
    QTest.keyClick(tab.folder, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(tab.folder, str(tmp_path))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert tab.status.text() == "Opgeslagen."
