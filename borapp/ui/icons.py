"""Icons from the Phosphor icon font that the qtawesome package ships, one style throughout, painted as qtawesome
paints them: the glyph at 7/8 of the icon's height in the palette's text colour (its disabled text colour when
disabled).

qtawesome itself is not imported: through qtpy it star-imports every QtGui and QtWidgets class and enum, which
defeats PySide6's lazy loading and held 38 MB of the app's 197 (`bench/run.py`'s rss). Only its font file and
character map are read, found without running the package; the installer bundles just those two."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap

FONT = "phosphor"  # qtawesome/fonts/phosphor-<version>.ttf and phosphor-charmap-<version>.json
GLYPH_HEIGHT = 0.875  # of the icon's height, as qtawesome draws


def icon(name: str, color: str | None = None) -> QIcon:
    """The Phosphor icon `name` (e.g. "lock-simple"); an unknown name gives an empty icon, never an error."""
    glyph = _charmap().get(name)
    family = _family()
    if glyph is None or family is None:
        return QIcon()
    return QIcon(GlyphEngine(family, chr(glyph), color))


class GlyphEngine(QIconEngine):
    """One glyph of an icon font, drawn at whatever size and state Qt asks for."""

    def __init__(self, family: str, char: str, color: str | None = None):
        super().__init__()
        self.family, self.char, self.color = family, char, color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        font = QFont(self.family)
        font.setPixelSize(max(1, round(GLYPH_HEIGHT * rect.height())))
        painter.save()
        painter.setFont(font)
        painter.setPen(self._colour(mode))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> GlyphEngine:
        return GlyphEngine(self.family, self.char, self.color)

    def _colour(self, mode: QIcon.Mode) -> QColor:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return QColor(self.color) if self.color else palette.color(QPalette.ColorRole.Text)


def font_files() -> tuple[Path, Path]:
    """The font and its character map inside the installed (or bundled) qtawesome package."""
    spec = importlib.util.find_spec("qtawesome")  # finds the package without running it
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return next(folder.glob(f"{FONT}-[0-9]*.ttf")), next(folder.glob(f"{FONT}-charmap-*.json"))


@cache
def _charmap() -> dict[str, int]:
    try:
        return {name: int(code, 16) for name, code in json.loads(font_files()[1].read_text("utf-8")).items()}
    except (OSError, StopIteration, TypeError, ValueError):  # no font: screens work, without icons
        return {}


@cache
def _family() -> str | None:
    try:
        families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(font_files()[0])))
    except (OSError, StopIteration, TypeError):
        return None
    return families[0] if families else None
