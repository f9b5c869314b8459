"""Icons drawn from the Phosphor font without importing qtawesome (borapp/ui/icons.py) look exactly as qtawesome drew
them: same glyph, size, colour, and the palette's disabled colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QIcon

from borapp.ui.icons import icon

USED = ["lock-simple", "warning", "plus", "calendar-blank", "handshake", "magnifying-glass", "check-circle"]


def _drawn(image) -> bool:
    return any(image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(image.height()))


def _ink(image) -> set[str]:
    """The colours of the fully covered pixels."""
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255}


@pytest.mark.parametrize("name", USED)
def test_an_icon_is_the_glyph_qtawesome_drew(qapp, name):
    import qtawesome

    for size in (16, 24, 32):
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
            ours = icon(name).pixmap(size, size, mode).toImage()
            theirs = qtawesome.icon(f"ph.{name}").pixmap(size, size, mode).toImage()
            assert _drawn(ours), (name, size, mode)
            assert ours == theirs, (name, size, mode)
    assert icon(name, "#8A5300").pixmap(24, 24).toImage() == qtawesome.icon(f"ph.{name}", color="#8A5300").pixmap(
        24, 24).toImage()


def test_colours_come_from_the_palette_unless_given(qapp):
    from PySide6.QtGui import QGuiApplication, QPalette

    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.Text).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
    assert _ink(icon("plus").pixmap(32, 32).toImage()) == {text}
    assert _ink(icon("plus").pixmap(32, 32, QIcon.Mode.Disabled).toImage()) == {disabled}
    assert _ink(icon("plus", "#8A5300").pixmap(32, 32).toImage()) == {QColor("#8A5300").name()}


def test_an_unknown_name_gives_an_empty_icon_not_an_error(qapp):
    assert icon("no-such-icon").isNull()
    assert not icon("plus").isNull()
