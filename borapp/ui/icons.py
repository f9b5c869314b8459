"""Icons from qtawesome's Phosphor set, one style throughout."""

from __future__ import annotations

from PySide6.QtGui import QIcon


def icon(name: str, color: str | None = None) -> QIcon:
    import qtawesome

    try:
        return qtawesome.icon(f"ph.{name}", color=color) if color else qtawesome.icon(f"ph.{name}")
    except Exception:  # an unknown icon name must never break a screen
        return QIcon()
