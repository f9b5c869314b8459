"""Slow work off the UI thread: `run_task(parent, fn).success(cb).failure(cb)`, callbacks back on the UI thread."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


_gc_lock = threading.Lock()
_gc_holds = 0


def _hold_gc() -> None:
    """Keep Python's cycle collector from running while a task may be running (taken on the GUI thread).

    A collection started by a worker's allocation may finalise Qt objects (widgets in reference cycles), and Qt
    objects deleted off the GUI thread crash the process. Reference counting still frees everything else; the
    collector runs again once no task is running.
    """
    global _gc_holds
    with _gc_lock:
        if _gc_holds == 0:
            gc.disable()
        _gc_holds += 1


def _release_gc() -> None:
    global _gc_holds
    with _gc_lock:
        _gc_holds -= 1
        if _gc_holds == 0:
            gc.enable()


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class Task(QRunnable):
    """Runs `fn(progress)` on the thread pool; `progress(done, total)` may be called from the worker."""

    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def success(self, callback: Callable[[Any], None]) -> Task:
        self.signals.succeeded.connect(callback)
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Task:
        self.signals.failed.connect(callback)
        return self

    def progress(self, callback: Callable[[int, int], None]) -> Task:
        self.signals.progressed.connect(callback)
        return self

    def run(self) -> None:
        try:
            result = self.fn(self._progressed)
        except BaseException as exc:  # reported to the UI thread, which shows a message
            _release_gc()
            self._tell(self.signals.failed, exc)
        else:
            _release_gc()
            self._tell(self.signals.succeeded, result)

    def _progressed(self, done: int, total: int) -> None:
        self._tell(self.signals.progressed, done, total)

    def _tell(self, signal, *args) -> None:
        """Emit, unless the signals' object is gone already (the app quitting while the task ran): then no one is
        left to tell, and the worker thread must not print a traceback."""
        try:
            signal.emit(*args)
        except RuntimeError:
            if shiboken6.isValid(self.signals):
                raise

    def start(self) -> Task:
        self.setAutoDelete(False)
        _running.add(self)
        self.signals.succeeded.connect(lambda _r: _running.discard(self))
        self.signals.failed.connect(lambda _e: _running.discard(self))
        _hold_gc()
        QThreadPool.globalInstance().start(self)
        return self


_running: set[Task] = set()


def run_task(fn: Callable[[Callable[[int, int], None]], Any]) -> Task:
    """Build a task; chain `.success()`, `.failure()`, `.progress()` and then `.start()`."""
    return Task(fn)
