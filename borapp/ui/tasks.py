"""Slow work off the UI thread: `run_task(fn, workspace).success(cb).failure(cb)`, callbacks back on the UI thread.

A task started for a workspace says nothing once that workspace is locked: an answer that arrives after the lock
(a list of names, a message box, a failure the lock itself caused) is dropped, whatever the callback would do."""

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
    """Lives on the UI thread. The worker emits `_ended` and `_moved`; they arrive here queued, and are passed on
    to the callbacks only while the workspace is open (checked there, on the UI thread, not when the worker emits:
    a lock can come between the two)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    settled = Signal()  # the task is over, whether its answer was passed on or dropped
    _ended = Signal(bool, object)
    _moved = Signal(int, int)

    def __init__(self, workspace):
        super().__init__()
        self.workspace = workspace
        self._ended.connect(self._deliver)
        self._moved.connect(self._progress)

    def _open(self) -> bool:
        return self.workspace is None or not self.workspace.is_locked

    def _deliver(self, ok: bool, value) -> None:
        _release_gc()
        self.settled.emit()
        if self._open():
            (self.succeeded if ok else self.failed).emit(value)

    def _progress(self, done: int, total: int) -> None:
        if self._open():
            self.progressed.emit(done, total)


class Task(QRunnable):
    """Runs `fn(progress)` on the thread pool; `progress(done, total)` may be called from the worker."""

    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any], workspace=None):
        super().__init__()
        self.fn = fn
        self.signals = _Signals(workspace)

    def success(self, callback: Callable[[Any], None]) -> Task:
        self.signals.succeeded.connect(callback)
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Task:
        self.signals.failed.connect(callback)
        return self

    def progress(self, callback: Callable[[int, int], None]) -> Task:
        self.signals.progressed.connect(callback)
        return self

    def always(self, callback: Callable[[], None]) -> Task:
        """`callback()` when the task is over, also after a lock dropped its answer, and before `.success()` or
        `.failure()`: for what must be undone either way (a busy flag, a disabled button)."""
        self.signals.settled.connect(callback)
        return self

    def run(self) -> None:
        try:
            result = self.fn(self._progressed)
        except BaseException as exc:  # reported to the UI thread, which shows a message
            self._end(False, exc)
        else:
            self._end(True, result)

    def _end(self, ok: bool, value) -> None:
        """Tell the UI thread, which lets the collector run again; if no one is left to tell, do that here."""
        if not self._tell(self.signals._ended, ok, value):
            _release_gc()

    def _progressed(self, done: int, total: int) -> None:
        self._tell(self.signals._moved, done, total)

    def _tell(self, signal, *args) -> bool:
        """Emit, unless the signals' object is gone already (the app quitting while the task ran): then no one is
        left to tell, and the worker thread must not print a traceback. False when no one was told."""
        try:
            signal.emit(*args)
        except RuntimeError:
            if shiboken6.isValid(self.signals):
                raise
            return False
        return True

    def start(self) -> Task:
        self.setAutoDelete(False)
        _running.add(self)
        self.signals.settled.connect(lambda: _running.discard(self))
        _hold_gc()
        QThreadPool.globalInstance().start(self)
        return self


_running: set[Task] = set()


def run_task(fn: Callable[[Callable[[int, int], None]], Any], workspace=None) -> Task:
    """Build a task; chain `.success()`, `.failure()`, `.progress()` and then `.start()`. With `workspace` (the
    open vault the work is for) nothing is passed on once it is locked; without, everything is (unlocking)."""
    return Task(fn, workspace)
