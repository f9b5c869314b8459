"""Background tasks (borapp/ui/tasks.py) tell the UI thread how they ended; one that ends after its signals are gone
(the app quitting while it ran) ends quietly, and lets the cycle collector run again."""

from __future__ import annotations

import gc
import sys

import shiboken6

from borapp.ui import tasks
from borapp.ui.tasks import run_task


def test_a_task_reports_its_result_and_its_failure(qtbot):
    results, failures = [], []
    task = run_task(lambda progress: progress(1, 2) or 42).success(results.append)
    with qtbot.waitSignal(task.signals.succeeded):
        task.start()
    qtbot.waitUntil(lambda: results == [42])

    def broken(_progress):
        raise ValueError("synthetic")

    task = run_task(broken).failure(failures.append)
    with qtbot.waitSignal(task.signals.failed):
        task.start()
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert isinstance(failures[0], ValueError) and gc.isenabled()


def test_a_task_ending_after_its_signals_are_gone_prints_nothing(qapp, monkeypatch):
    written = []
    monkeypatch.setattr(sys, "stderr", type("Err", (), {"write": written.append, "flush": lambda self: None})())
    for fn in (lambda progress: progress(1, 1), lambda _progress: 1 / 0):
        task = run_task(fn)
        shiboken6.delete(task.signals)
        tasks._hold_gc()  # as start() does
        task.run()  # on this thread, as a worker would after the app let go of the signals
    assert written == [] and gc.isenabled() and tasks._gc_holds == 0
