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


def _button(tab, text):
    return next(b for b in tab.findChildren(QPushButton) if b.text() == text)


def _type_folder(qtbot, tab, text):
    qtbot.mouseClick(tab.folder, Qt.MouseButton.LeftButton)
    QTest.keyClick(tab.folder, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(tab.folder, text)


def test_back_up_now_stops_when_the_folder_typed_is_refused(qtbot, workspace, tmp_path):
    """It saved into the old folder and said "Backup written", over the message that refused the folder typed."""
    old = tmp_path / "oud"
    old.mkdir()
    settings.write_settings(workspace, {"backup.folder": str(old)})
    tab = backups_tab(qtbot, workspace)
    _type_folder(qtbot, tab, "relatief/map")
    qtbot.mouseClick(_button(tab, "Nu een reservekopie maken"), Qt.MouseButton.LeftButton)
    assert "relatief/map" in tab.status.text() and "Reservekopie geschreven" not in tab.status.text()
    assert list(old.iterdir()) == [], "nothing went into the old folder"
    assert tab.folder.text() == "relatief/map", "the typing stays"


def test_a_folder_typed_with_a_tilde_is_kept_whole_and_backed_up_into(qtbot, workspace, tmp_path, monkeypatch):
    """`~/bk` was accepted, and every backup then failed: "~/bk is niet beschikbaar"."""
    monkeypatch.setenv("HOME", str(tmp_path))
    tab = backups_tab(qtbot, workspace)
    _type_folder(qtbot, tab, "~/bk")
    qtbot.mouseClick(_button(tab, "Nu een reservekopie maken"), Qt.MouseButton.LeftButton)
    real = tmp_path / "bk"
    assert tab.folder.text() == str(real), "the field shows the real folder"
    assert settings.read_setting(workspace, "backup.folder") == str(real)
    assert tab.status.text().startswith("Reservekopie geschreven"), tab.status.text()
    assert [p.suffix for p in real.iterdir()] == [".borbackup"], "a folder not there yet is made"


def test_a_file_for_a_folder_is_named_as_a_file(qtbot, workspace, tmp_path):
    a_file = tmp_path / "notities.txt"
    a_file.write_text("x")
    tab = backups_tab(qtbot, workspace)
    _type_folder(qtbot, tab, str(a_file))
    qtbot.mouseClick(_button(tab, "Nu een reservekopie maken"), Qt.MouseButton.LeftButton)
    assert "is een bestand, geen map" in tab.status.text(), tab.status.text()
    assert "stick" not in tab.status.text()
