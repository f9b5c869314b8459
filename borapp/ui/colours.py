"""The few colours the screens add to the platform's palette, by what they say (dark enough on white for WCAG AA)."""

from __future__ import annotations

ERROR = "#B3261E"    # refused, not saved, a problem to fix
WARNING = "#8A5300"  # unsaved, due soon, worth a look
DONE = "#11522A"     # saved, sent, settled


def text_style(colour: str, bold: bool = False) -> str:
    """A label's style sheet in one of these colours."""
    return f"color: {colour};" + (" font-weight: 600;" if bold else "")
