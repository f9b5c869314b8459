"""Icons from qtawesome's Phosphor set, one style throughout."""

from __future__ import annotations

from PySide6.QtGui import QIcon

PREFIX = "ph"


def icon(name: str, color: str | None = None) -> QIcon:
    import qtawesome

    _phosphor_only(qtawesome)
    try:
        return qtawesome.icon(f"{PREFIX}.{name}", color=color) if color else qtawesome.icon(f"{PREFIX}.{name}")
    except Exception:  # an unknown icon name must never break a screen
        return QIcon()


def _phosphor_only(qtawesome) -> None:
    """qtawesome loads, and checks the hash of, all ten of its icon fonts (6 MB) on first use; BOR Desk uses one,
    and the installer bundles only that one."""
    fonts = getattr(qtawesome, "_BUNDLED_FONTS", ())
    ours = tuple(font for font in fonts if font and font[0] == PREFIX)
    if ours and len(ours) < len(fonts):
        qtawesome._BUNDLED_FONTS = ours
