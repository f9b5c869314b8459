"""The folder a request for access is written to is named in one language: "inzage-BOR-2026-001-uitwonend" in
Dutch, "access-BOR-2026-001-non-resident" in English. It was "inzage-BOR-2026-001-other" in both."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from borapp import i18n
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.helpers.documents_support import full_case, set_organisation


@pytest.mark.parametrize(("lang", "folder", "overview"), [
    ("nl", "inzage-BOR-2026-001-uitwonend", "overzicht.pdf"),
    ("en", "access-BOR-2026-001-non-resident", "overview.pdf"),
])
def test_the_export_folder_is_named_in_the_language_of_the_app(qtbot, page, workspace, tmp_path, monkeypatch, lang,
                                                               folder, overview):
    i18n.set_language(lang)
    set_organisation(workspace)
    case_id = full_case(workspace, confidential="other")
    page.refresh()
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    dialog.who.setFocus()
    qtbot.keyClick(dialog.who, Qt.Key.Key_Down)  # the other parent
    assert dialog.who.currentData() == "BOR-2026-001:other"
    chosen = tmp_path / "exports"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in chosen.iterdir()] == [folder]
    assert (chosen / folder / overview).is_file()
