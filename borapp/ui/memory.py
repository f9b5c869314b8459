"""Memory the app does not need to keep.

PySide6's import hook reads the source of every module imported after PySide6 into `linecache` (it looks for
`from __feature__ import ...`), about 20 MB for the app's modules, held for the life of the process. Nothing reads
it later: a traceback reads the few lines it shows again."""

from __future__ import annotations

import linecache


def forget_module_sources() -> None:
    """Drop the module sources read while importing (after the window is built, and after an unlock built pages)."""
    linecache.clearcache()
