"""A logo is checked when it is chosen: a damaged image was accepted by its first bytes and the letters then went out
without a logo, unsaid; a very wide one pushed the organisation form off the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QPushButton

from borapp.services.documents.letterhead import logo_from_file
from borapp.services.errors import ValidationError
from borapp.ui.pages.settings.organisation_tab import OrganisationTab


def png(path, width: int, height: int):
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2A6F97"))
    assert image.save(str(path), "PNG")
    return path


def test_a_damaged_image_is_refused_when_chosen(tmp_path):
    good = png(tmp_path / "logo.png", 120, 40)
    assert logo_from_file(good)
    damaged = tmp_path / "kapot.png"
    damaged.write_bytes(good.read_bytes()[:60])  # the PNG's header, then nothing
    with pytest.raises(ValidationError) as refused:
        logo_from_file(damaged)
    assert str(refused.value) == "Deze afbeelding is beschadigd en kan niet worden gelezen. Kies een ander bestand."


def test_a_very_wide_logo_fits_its_box_on_screen(qtbot, workspace, tmp_path, monkeypatch):
    wide = png(tmp_path / "breed.png", 3000, 60)
    tab = OrganisationTab()
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    tab.load(workspace)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(wide), ""))
    choose = next(b for b in tab.findChildren(QPushButton) if b.text() == "Logo kiezen…")
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    assert "Logo gekozen" in tab.status.text(), tab.status.text()
    assert tab.logo_preview.pixmap().width() <= 240
    assert tab.sizeHint().width() < 1000, "the form stays on a laptop's screen"
