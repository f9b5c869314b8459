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


class _Workspace:
    is_locked = False


def test_a_task_for_a_workspace_locked_while_it_ran_says_nothing_but_is_over(qtbot):
    """The answer arrives on the UI thread after the lock: it is dropped there, whatever the callbacks would show."""
    import threading

    workspace, started, go_on = _Workspace(), threading.Event(), threading.Event()
    said, over = [], []

    def work(progress):
        started.set()
        go_on.wait(10)
        progress(1, 2)
        return "Jansen"

    for fn in (work, lambda progress: work(progress) and 1 / 0):
        started.clear(), go_on.clear()
        task = run_task(fn, workspace).success(said.append).failure(said.append).progress(
            lambda *a: said.append(a)).always(lambda: over.append(True))
        task.start()
        assert started.wait(10)
        workspace.is_locked = True
        go_on.set()
        qtbot.waitUntil(lambda: task not in tasks._running, timeout=10_000)
        workspace.is_locked = False
    assert said == [] and over == [True, True] and gc.isenabled()


def test_a_task_for_an_open_workspace_passes_everything_on_after_always(qtbot):
    order = []
    task = run_task(lambda progress: progress(1, 2) or 42, _Workspace()).progress(
        lambda *a: order.append(a)).always(lambda: order.append("over")).success(order.append)
    with qtbot.waitSignal(task.signals.succeeded):
        task.start()
    assert order == [(1, 2), "over", 42]


def test_the_collector_stays_off_until_the_end_reaches_the_ui_thread(qtbot):
    """Switched on in the worker, the collector could start there while emitting the end and delete widgets off the
    GUI thread: the crash CI saw (a segmentation fault in `Task.run`, "Garbage-collecting")."""
    from PySide6.QtCore import QThreadPool

    ended = []
    task = run_task(lambda progress: [object() for _ in range(10)]).always(lambda: ended.append(True))
    task.start()
    assert QThreadPool.globalInstance().waitForDone(10_000)  # the worker is done; the UI thread has not heard yet
    assert not gc.isenabled() and tasks._gc_holds == 1 and ended == []
    qtbot.waitUntil(lambda: ended == [True], timeout=10_000)
    assert gc.isenabled() and tasks._gc_holds == 0
