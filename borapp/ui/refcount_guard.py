"""A guard against PySide6 6.12.0's `SignalInstance.emit`, which returns `True` without a new reference: every emit
made from Python takes one reference from `True`. On Python 3.11 that ends a long session at exit with
"Fatal Python error: bool_dealloc" (or "none_dealloc"), after the last drafts might still have been written.

Python 3.12 made `True`, `False` and `None` immortal for this very kind of bug; on older Pythons this module gives
them a reference count so large that no session can use it up, which is what immortality amounts to.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # a trillion emits


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12):
        return  # already immortal
    for singleton in (True, False, None):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
