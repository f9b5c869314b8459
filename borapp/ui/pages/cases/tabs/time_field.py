"""Times as the visit forms keep them in their state (ISO text); the field itself is the app's one TimeField."""

from __future__ import annotations

import datetime as dt

from borapp.ui.widgets.date_field import TimeField

__all__ = ["TimeField", "time_text", "parse_time"]


def time_text(value: dt.time | None) -> str:
    return f"{value:%H:%M}" if value else ""


def parse_time(text: str | None) -> dt.time | None:
    try:
        return dt.time.fromisoformat(text) if text else None
    except ValueError:
        return None
